"""The table of service kinds: how each is created, and which platforms it uses.

Each service's coordinator (and what only it needs) lives in its package under `apps/`.
Adding a service means adding a client in `api/`, a package in `apps/`, a row here,
entity descriptions in the platform modules and a flow step (being reshaped so that the
service's package holds all of it; see issue 13).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import aiohttp

from homeassistant.const import (
    CONF_API_KEY,
    CONF_PASSWORD,
    CONF_TOKEN,
    CONF_URL,
    CONF_USERNAME,
    Platform,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_create_clientsession, async_get_clientsession

from .api import HttpClient
from .api.arr import RadarrClient, SonarrClient
from .api.plex import PlexClient
from .api.prowlarr import ProwlarrClient
from .api.qbittorrent import QbittorrentClient
from .api.seerr import SeerrClient
from .api.uptime_kuma import UptimeKumaClient
from .api.ytdlp import YtDlpRunner
from .apps.arr.coordinator import ArrCoordinator
from .apps.downloader.coordinator import DownloaderCoordinator
from .apps.plex.coordinator import PlexCoordinator
from .apps.prowlarr.coordinator import ProwlarrCoordinator
from .apps.qbittorrent.coordinator import QbittorrentCoordinator
from .apps.seerr.coordinator import SeerrCoordinator
from .apps.uptime_kuma.coordinator import UptimeKumaCoordinator
from .const import (
    CONF_CLIENT_IDENTIFIER,
    CONF_PROXY_PASSWORD,
    CONF_PROXY_USERNAME,
    VERSION,
    ServiceKind,
)
from .coordinator import MedianestCoordinator
from .entity import ItemKind

if TYPE_CHECKING:
    from . import MedianestConfigEntry

type CoordinatorFactory = Callable[[HomeAssistant, MedianestConfigEntry, Any], MedianestCoordinator[Any, Any]]


@dataclass(frozen=True, kw_only=True, slots=True)
class KindSpec:
    """How one service kind is set up."""

    kind: ServiceKind
    manufacturer: str
    default_url: str
    platforms: tuple[Platform, ...]
    create_client: Callable[[aiohttp.ClientSession, Mapping[str, Any]], HttpClient | YtDlpRunner]
    create_coordinator: CoordinatorFactory
    #: items inside the service that get a device each
    items: ItemKind | None = None
    #: the client keeps a session cookie: give it a session of its own without a cookie jar
    own_session: bool = False
    #: a service reached over the network (connectivity, response time and error rate)
    network: bool = True


ARR_PLATFORMS = (
    Platform.BINARY_SENSOR,
    Platform.BUTTON,
    Platform.CALENDAR,
    Platform.SENSOR,
)

KINDS: dict[ServiceKind, KindSpec] = {
    ServiceKind.PLEX: KindSpec(
        kind=ServiceKind.PLEX,
        manufacturer="Plex",
        default_url="http://localhost:32400",
        platforms=(Platform.BINARY_SENSOR, Platform.BUTTON, Platform.SENSOR),
        create_client=lambda session, data: PlexClient(
            session, data[CONF_URL], data[CONF_TOKEN], data[CONF_CLIENT_IDENTIFIER], VERSION
        ),
        create_coordinator=PlexCoordinator,
    ),
    ServiceKind.SEERR: KindSpec(
        kind=ServiceKind.SEERR,
        manufacturer="Seerr",
        default_url="http://localhost:5055",
        platforms=(Platform.BINARY_SENSOR, Platform.EVENT, Platform.SENSOR),
        create_client=lambda session, data: SeerrClient(session, data[CONF_URL], data[CONF_API_KEY]),
        create_coordinator=SeerrCoordinator,
    ),
    ServiceKind.UPTIME_KUMA: KindSpec(
        kind=ServiceKind.UPTIME_KUMA,
        manufacturer="Uptime Kuma",
        default_url="http://localhost:3001",
        platforms=(Platform.BINARY_SENSOR, Platform.SENSOR),
        create_client=lambda session, data: UptimeKumaClient(
            session, data[CONF_URL], data.get(CONF_API_KEY), data.get(CONF_USERNAME), data.get(CONF_PASSWORD)
        ),
        create_coordinator=UptimeKumaCoordinator,
        items=ItemKind(
            key="monitor",
            ids_fn=lambda data: data.monitors.keys(),
            name_fn=lambda data, item_id: data.monitors[item_id].name,
            model_fn=lambda data, item_id: data.monitors[item_id].type,
        ),
    ),
    ServiceKind.SONARR: KindSpec(
        kind=ServiceKind.SONARR,
        manufacturer="Sonarr",
        default_url="http://localhost:8989",
        platforms=ARR_PLATFORMS,
        create_client=lambda session, data: SonarrClient(session, data[CONF_URL], data[CONF_API_KEY]),
        create_coordinator=ArrCoordinator,
    ),
    ServiceKind.RADARR: KindSpec(
        kind=ServiceKind.RADARR,
        manufacturer="Radarr",
        default_url="http://localhost:7878",
        platforms=ARR_PLATFORMS,
        create_client=lambda session, data: RadarrClient(session, data[CONF_URL], data[CONF_API_KEY]),
        create_coordinator=ArrCoordinator,
    ),
    ServiceKind.PROWLARR: KindSpec(
        kind=ServiceKind.PROWLARR,
        manufacturer="Prowlarr",
        default_url="http://localhost:9696",
        platforms=(Platform.BINARY_SENSOR, Platform.BUTTON, Platform.SENSOR),
        create_client=lambda session, data: ProwlarrClient(session, data[CONF_URL], data[CONF_API_KEY]),
        create_coordinator=ProwlarrCoordinator,
        items=ItemKind(
            key="indexer",
            ids_fn=lambda data: data.indexers.keys(),
            name_fn=lambda data, item_id: data.indexers[item_id].name,
            model_fn=lambda data, item_id: data.indexers[item_id].definition,
        ),
    ),
    ServiceKind.QBITTORRENT: KindSpec(
        kind=ServiceKind.QBITTORRENT,
        manufacturer="qBittorrent",
        default_url="http://localhost:8080",
        platforms=(Platform.BINARY_SENSOR, Platform.BUTTON, Platform.SENSOR, Platform.SWITCH),
        create_client=lambda session, data: QbittorrentClient(
            session, data[CONF_URL], data[CONF_USERNAME], data[CONF_PASSWORD]
        ),
        create_coordinator=QbittorrentCoordinator,
        own_session=True,
    ),
    ServiceKind.DOWNLOADER: KindSpec(
        kind=ServiceKind.DOWNLOADER,
        manufacturer="yt-dlp",
        default_url="",
        platforms=(Platform.BUTTON, Platform.EVENT, Platform.SENSOR),
        create_client=lambda session, data: YtDlpRunner(),
        create_coordinator=DownloaderCoordinator,
        network=False,
    ),
}


def async_client_session(
    hass: HomeAssistant, spec: KindSpec, verify_ssl: bool, *, auto_cleanup: bool = True
) -> aiohttp.ClientSession:
    """The session a client of this kind uses.

    Most share Home Assistant's session. A client that keeps a session cookie gets a
    session of its own without a cookie jar (sharing Home Assistant's connections);
    created during setup, it is detached when the entry unloads; with
    `auto_cleanup=False` the caller detaches it.
    """
    if spec.own_session:
        return async_create_clientsession(
            hass, verify_ssl=verify_ssl, auto_cleanup=auto_cleanup, cookie_jar=aiohttp.DummyCookieJar()
        )
    return async_get_clientsession(hass, verify_ssl=verify_ssl)


def create_client(
    spec: KindSpec, session: aiohttp.ClientSession, data: Mapping[str, Any]
) -> HttpClient | YtDlpRunner:
    """The entry's client, with the reverse proxy's credentials where the entry has them."""
    client = spec.create_client(session, data)
    if isinstance(client, HttpClient):
        client.set_proxy_auth(data.get(CONF_PROXY_USERNAME), data.get(CONF_PROXY_PASSWORD))
    return client
