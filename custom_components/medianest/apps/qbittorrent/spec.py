"""qBittorrent as a MediaNest service."""

from __future__ import annotations

from typing import Any

import probatio as vol

from homeassistant.const import CONF_PASSWORD, CONF_URL, CONF_USERNAME, Platform

from ...api import ApiAuthenticationError, HttpClient
from ...api.qbittorrent import QbittorrentClient
from ...const import ServiceKind
from ...core.flow import SECRET_SELECTOR, TEXT_SELECTOR, FormError
from ...core.spec import ServiceSpec
from .button import setup_buttons
from .coordinator import QbittorrentCoordinator
from .dashboard import dashboard_section
from .sensor import setup_sensors
from .switch import setup_switches


async def _validate(client: HttpClient) -> str:
    """Log in to qBittorrent; return the entry's title."""
    assert isinstance(client, QbittorrentClient)
    try:
        await client.login()
    except ApiAuthenticationError as err:
        # qBittorrent bans the address after a few failed logins: say so before the user retries.
        raise FormError("invalid_auth_qbittorrent") from err
    return "qBittorrent"


def _credential_fields() -> dict[Any, Any]:
    return {vol.Required(CONF_USERNAME): TEXT_SELECTOR, vol.Required(CONF_PASSWORD): SECRET_SELECTOR}


QBITTORRENT = ServiceSpec(
    dashboard=dashboard_section,
    kind=ServiceKind.QBITTORRENT,
    manufacturer="qBittorrent",
    default_url="http://localhost:8080",
    create_client=lambda session, data: QbittorrentClient(
        session, data[CONF_URL], data[CONF_USERNAME], data[CONF_PASSWORD]
    ),
    create_coordinator=QbittorrentCoordinator,
    platforms={
        Platform.BUTTON: setup_buttons,
        Platform.SENSOR: setup_sensors,
        Platform.SWITCH: setup_switches,
    },
    own_session=True,
    validate=_validate,
    credential_fields=_credential_fields,
)
