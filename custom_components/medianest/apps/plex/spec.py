"""Plex as a MediaNest service: sessions, libraries, the newest items."""

from __future__ import annotations

from homeassistant.const import CONF_TOKEN, CONF_URL, Platform

from ...api.plex import PlexClient
from ...const import VERSION, ServiceKind
from ...core.spec import ServiceSpec
from .button import setup_buttons
from .const import CONF_CLIENT_IDENTIFIER
from .coordinator import PlexCoordinator
from .dashboard import dashboard_section
from .event import setup_events
from .poster import fetch_poster
from .sensor import setup_sensors

PLEX = ServiceSpec(
    dashboard=dashboard_section,
    dashboard_live=True,
    poster=fetch_poster,
    kind=ServiceKind.PLEX,
    manufacturer="Plex",
    default_url="http://localhost:32400",
    create_client=lambda session, data: PlexClient(
        session, data[CONF_URL], data[CONF_TOKEN], data[CONF_CLIENT_IDENTIFIER], VERSION
    ),
    create_coordinator=PlexCoordinator,
    platforms={Platform.BUTTON: setup_buttons, Platform.EVENT: setup_events, Platform.SENSOR: setup_sensors},
    # Signed in through plex.tv or with a token; no reverse proxy's credentials.
    proxy_auth=False,
    reauth_step="plex_reauth",
    reconfigure_step="plex_reconfigure",
)
