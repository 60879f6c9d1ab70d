"""The registry of services: the one place that names every service MediaNest has.

Each package here holds one service (Sonarr and Radarr share `arr`): its coordinator, its
entities, its actions and its flow steps. Adding a service means adding its package and
listing it here, in `APPS` and among the flow steps.
"""

from __future__ import annotations

from typing import Final

from ..const import ServiceKind
from ..core.spec import App, ServiceSpec
from .arr import APP as ARR
from .arr.flow import ArrFlow
from .downloader import APP as DOWNLOADER
from .downloader.flow import DownloaderFlow
from .plex import APP as PLEX
from .plex.flow import PlexFlow
from .prowlarr import APP as PROWLARR
from .prowlarr.flow import ProwlarrFlow
from .qbittorrent import APP as QBITTORRENT
from .qbittorrent.flow import QbittorrentFlow
from .seerr import APP as SEERR
from .seerr.flow import SeerrFlow
from .uptime_kuma import APP as UPTIME_KUMA
from .uptime_kuma.flow import UptimeKumaFlow

#: in the order of the config flow's menu
APPS: Final[tuple[App, ...]] = (PLEX, SEERR, UPTIME_KUMA, ARR, PROWLARR, QBITTORRENT, DOWNLOADER)

SERVICES: Final[dict[ServiceKind, ServiceSpec]] = {spec.kind: spec for app in APPS for spec in app.services}


class AppFlows(PlexFlow, SeerrFlow, UptimeKumaFlow, ArrFlow, ProwlarrFlow, QbittorrentFlow, DownloaderFlow):
    """Every service's config flow steps."""


def app_of(kind: ServiceKind) -> App:
    """The package a service belongs to."""
    return next(app for app in APPS if any(spec.kind is kind for spec in app.services))


def spec_of(kind: object) -> ServiceSpec | None:
    """The spec of an entry's kind; None for a kind this MediaNest does not know."""
    try:
        return SERVICES.get(ServiceKind(str(kind)))
    except ValueError:
        return None
