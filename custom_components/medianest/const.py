"""Constants for MediaNest."""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum
import logging
from typing import Final

# Fields Home Assistant names itself (CONF_URL, CONF_API_KEY, ...) come from homeassistant.const.
DOMAIN: Final = "medianest"
LOGGER = logging.getLogger(__package__)

CONF_KIND: Final = "kind"
CONF_QUALITY_PROFILE: Final = "quality_profile"
CONF_ROOT_FOLDER: Final = "root_folder"
CONF_UPCOMING_DAYS: Final = "upcoming_days"
CONF_WEBHOOK_ID: Final = "webhook_id"
CONF_WEBHOOK_SECRET: Final = "webhook_secret"
CONF_PUSH_EVENTS: Final = "push_events"
CONF_DOWNLOAD_FOLDER: Final = "download_folder"
CONF_QUALITY: Final = "quality"
CONF_FORMAT: Final = "format"
CONF_MAX_CONCURRENT: Final = "max_concurrent"
CONF_COOKIES_FILE: Final = "cookies_file"
CONF_CLIENT_IDENTIFIER: Final = "client_identifier"
# HTTP Basic credentials of a reverse proxy in front of a service (never kept in the URL).
CONF_PROXY: Final = "proxy"
CONF_PROXY_USERNAME: Final = "proxy_username"
CONF_PROXY_PASSWORD: Final = "proxy_password"

#: MediaNest's version, as it introduces itself to Plex (the manifest's version).
VERSION: Final = "0.1.0"

DEFAULT_UPCOMING_DAYS: Final = 7
MAX_UPCOMING_DAYS: Final = 90


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


# Refresh tiers, from the product's caching table: fast data every poll, slow data
# (profiles, root folders, upcoming) and whole-library reads much less often.
ARR_SCAN_INTERVAL: Final = timedelta(seconds=60)
ARR_SLOW_INTERVAL: Final = timedelta(minutes=15)
ARR_LIBRARY_INTERVAL: Final = timedelta(hours=1)

# Prowlarr: failing indexers every poll, the indexer list every few minutes, statistics
# (over the last day) and the server version rarely.
PROWLARR_SCAN_INTERVAL: Final = timedelta(seconds=60)
PROWLARR_INDEXERS_INTERVAL: Final = timedelta(minutes=5)
PROWLARR_SLOW_INTERVAL: Final = timedelta(minutes=15)
PROWLARR_STATS_WINDOW: Final = timedelta(hours=24)

# qBittorrent: one incremental sync request per poll, so polling often stays cheap.
QBITTORRENT_SCAN_INTERVAL: Final = timedelta(seconds=30)

# Uptime Kuma: one /metrics read covers every monitor (its API allows about 60 a minute).
UPTIME_KUMA_SCAN_INTERVAL: Final = timedelta(seconds=30)
# How long a monitor is no longer reported (paused or deleted) before a repair issue asks.
UPTIME_KUMA_UNREPORTED_REPAIR: Final = timedelta(hours=1)

# Seerr: counts and the most recently modified requests every minute (request events come
# from what changed; the webhook brings them at once), the version and issues rarely.
SEERR_SCAN_INTERVAL: Final = timedelta(seconds=60)
SEERR_SLOW_INTERVAL: Final = timedelta(minutes=15)
SEERR_RECENT_REQUESTS: Final = 20
SEERR_REPORTED_EVENTS: Final = 1000

# Plex: sessions every poll; the newest item every few minutes; the libraries and their
# item counts (one page of size 0 each) rarely, as the product's caching table says.
PLEX_SCAN_INTERVAL: Final = timedelta(seconds=15)
PLEX_RECENT_INTERVAL: Final = timedelta(minutes=5)
PLEX_LIBRARY_INTERVAL: Final = timedelta(minutes=30)
# Sign in with Plex: how often the PIN is read, and how many PINs may be made in a window.
PLEX_PIN_POLL_INTERVAL: Final = 1.0
PLEX_PIN_LIMIT: Final = 10
PLEX_PIN_WINDOW: Final = timedelta(minutes=15)

# Downloader: state written at most once a second while a download runs; a bounded history
# of finished downloads; events on the bus for automations.
DOWNLOAD_PUSH_INTERVAL: Final = 1.0
DOWNLOAD_HISTORY: Final = 100
DEFAULT_QUALITY: Final = "best"
DEFAULT_FORMAT: Final = "mp4"
DEFAULT_MAX_CONCURRENT: Final = 1
MAX_CONCURRENT: Final = 5
EVENT_DOWNLOAD_COMPLETED: Final = "medianest_download_completed"
EVENT_DOWNLOAD_FAILED: Final = "medianest_download_failed"
