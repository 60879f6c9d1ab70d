"""Constants for MediaNest."""

from __future__ import annotations

from enum import StrEnum
import logging
from typing import Final

# Fields Home Assistant names itself (CONF_URL, CONF_API_KEY, ...) come from homeassistant.const.
DOMAIN: Final = "medianest"
LOGGER = logging.getLogger(__package__)

CONF_KIND: Final = "kind"
CONF_WEBHOOK_ID: Final = "webhook_id"
CONF_WEBHOOK_SECRET: Final = "webhook_secret"
#: the option that lets a service push its events to the entry's webhook
CONF_PUSH_EVENTS: Final = "push_events"
# HTTP Basic credentials of a reverse proxy in front of a service (never kept in the URL).
CONF_PROXY: Final = "proxy"
CONF_PROXY_USERNAME: Final = "proxy_username"
CONF_PROXY_PASSWORD: Final = "proxy_password"

#: the bus event of what a service pushes (`event_type`, `service`, `config_entry_id`, details)
EVENT_MEDIANEST: Final = "medianest_event"

#: MediaNest's version, as it introduces itself to Plex (the manifest's version).
VERSION: Final = "0.1.0"


class ServiceKind(StrEnum):
    """The kinds of service a MediaNest entry can be (the flow's menu ids)."""

    PLEX = "plex"
    SEERR = "seerr"
    UPTIME_KUMA = "uptime_kuma"
    SONARR = "sonarr"
    RADARR = "radarr"
    PROWLARR = "prowlarr"
    QBITTORRENT = "qbittorrent"
    DOWNLOADER = "downloader"
