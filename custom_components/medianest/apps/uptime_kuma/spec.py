"""Uptime Kuma as a MediaNest service: monitors, each a device."""

from __future__ import annotations

from typing import Any

import probatio as vol

from homeassistant.const import CONF_API_KEY, CONF_PASSWORD, CONF_URL, CONF_USERNAME, Platform

from ...api import HttpClient
from ...api.uptime_kuma import KumaVersionError, UptimeKumaClient
from ...api.uptime_kuma_socket import KumaTwoFactorError
from ...const import ServiceKind
from ...core.flow import SECRET_SELECTOR, TEXT_SELECTOR, FormError
from ...core.spec import ItemKind, ServiceSpec
from ...core.webhook import ensure_webhook_data, new_webhook_data
from .binary_sensor import setup_binary_sensors
from .const import monitor_model
from .coordinator import UptimeKumaCoordinator
from .dashboard import dashboard_section
from .push import async_register_push
from .sensor import setup_sensors


async def _validate(client: HttpClient) -> str:
    """Read Kuma's `/metrics` once, and log in when a login is given; return the entry's title."""
    assert isinstance(client, UptimeKumaClient)
    try:
        await client.monitors()
        if (socket := client.socket) is not None:
            try:
                await socket.async_connect()
            finally:
                await socket.async_disconnect()
    except KumaVersionError:
        raise FormError("kuma_v1") from None
    except KumaTwoFactorError:
        raise FormError("kuma_2fa") from None
    return "Uptime Kuma"


def _credential_fields() -> dict[Any, Any]:
    # Kuma's /metrics may be open; once API keys exist, a key is needed. A Kuma user's login
    # lets MediaNest read the monitor list too (paused and deleted monitors).
    return {
        vol.Optional(CONF_API_KEY): SECRET_SELECTOR,
        vol.Optional(CONF_USERNAME): TEXT_SELECTOR,
        vol.Optional(CONF_PASSWORD): SECRET_SELECTOR,
    }


UPTIME_KUMA = ServiceSpec(
    dashboard=dashboard_section,
    kind=ServiceKind.UPTIME_KUMA,
    manufacturer="Uptime Kuma",
    default_url="http://localhost:3001",
    create_client=lambda session, data: UptimeKumaClient(
        session, data[CONF_URL], data.get(CONF_API_KEY), data.get(CONF_USERNAME), data.get(CONF_PASSWORD)
    ),
    create_coordinator=UptimeKumaCoordinator,
    platforms={Platform.BINARY_SENSOR: setup_binary_sensors, Platform.SENSOR: setup_sensors},
    items=ItemKind(
        key="monitor",
        ids_fn=lambda data: data.monitors.keys(),
        name_fn=lambda data, item_id: data.monitors[item_id].name,
        model_fn=lambda data, item_id: monitor_model(data.monitors[item_id].type),
        url_fn=lambda base_url, item_id: f"{base_url}/dashboard/{item_id}",
        name_with_service=True,
    ),
    validate=_validate,
    credential_fields=_credential_fields,
    new_entry_data=new_webhook_data,
    prepare_entry=ensure_webhook_data,
    on_setup=async_register_push,
)
