"""Coordinators: fetching in refresh tiers and translating service errors."""

from __future__ import annotations

from abc import abstractmethod
from collections import deque
from collections.abc import Awaitable, Callable
import copy
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, override

from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import (
    ConfigEntryAuthFailed,
    ConfigEntryError,
    HomeAssistantError,
    ServiceValidationError,
)
from homeassistant.helpers import device_registry as dr, entity_registry as er, issue_registry as ir
from homeassistant.helpers.storage import Store
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util import dt as dt_util

from .api import (
    ApiAuthenticationError,
    ApiBannedError,
    ApiConnectionError,
    ApiHostRejectedError,
    ApiInvalidResponseError,
    ApiNotFoundError,
    ApiRateLimitedError,
    ApiResponseTooLargeError,
    ApiServerError,
    ApiTimeoutError,
    ApiValidationError,
    HttpClient,
    MedianestApiError,
)
from .api.arr import ArrClient, CalendarItem, LibrarySummary
from .api.models import HealthIssue, QualityProfile, RootFolder, SystemStatus
from .api.plex import LibrarySection, MediaItem, PlexClient, PlexIdentity, SessionSummary
from .api.prowlarr import Indexer, IndexerFailure, IndexerStats, ProwlarrClient
from .api.qbittorrent import QbittorrentClient, ServerState, TorrentGroup
from .api.seerr import MEDIA_AVAILABLE, IssueCounts, MediaRequest, RequestCounts, RequestStatus, SeerrClient
from .api.servarr import ServarrClient
from .api.uptime_kuma import KumaVersionError, Monitor, UptimeKumaClient
from .api.uptime_kuma_socket import KumaMonitorInfo
from .api.ytdlp import YtDlpRunner
from .const import (
    ARR_LIBRARY_INTERVAL,
    ARR_SCAN_INTERVAL,
    ARR_SLOW_INTERVAL,
    CONF_KIND,
    CONF_UPCOMING_DAYS,
    DEFAULT_UPCOMING_DAYS,
    DOMAIN,
    LOGGER,
    PLEX_LIBRARY_INTERVAL,
    PLEX_RECENT_INTERVAL,
    PLEX_SCAN_INTERVAL,
    PROWLARR_INDEXERS_INTERVAL,
    PROWLARR_SCAN_INTERVAL,
    PROWLARR_SLOW_INTERVAL,
    PROWLARR_STATS_WINDOW,
    QBITTORRENT_SCAN_INTERVAL,
    SEERR_RECENT_REQUESTS,
    SEERR_REPORTED_EVENTS,
    SEERR_SCAN_INTERVAL,
    SEERR_SLOW_INTERVAL,
    UPTIME_KUMA_SCAN_INTERVAL,
    UPTIME_KUMA_UNREPORTED_REPAIR,
)

if TYPE_CHECKING:
    from . import MedianestConfigEntry


def validation_error(key: str, **placeholders: str) -> ServiceValidationError:
    """A translated error about what the user asked for."""
    return ServiceValidationError(
        translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders or None
    )


def action_error(key: str, **placeholders: str) -> HomeAssistantError:
    """A translated error about what happened while doing it."""
    return HomeAssistantError(
        translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders or None
    )


# Why a poll failed, as the user reads it (the most specific error class wins).
UPDATE_FAILED_KEYS: dict[type[MedianestApiError], str] = {
    ApiConnectionError: "update_failed_connection",
    ApiTimeoutError: "update_failed_timeout",
    ApiNotFoundError: "update_failed_not_found",
    ApiResponseTooLargeError: "update_failed_too_large",
    ApiInvalidResponseError: "update_failed_invalid_response",
    ApiServerError: "update_failed_server_error",
    ApiValidationError: "update_failed_validation",
    ApiBannedError: "update_failed_banned",
    ApiHostRejectedError: "update_failed_host_rejected",
}


def update_failed_key(err: MedianestApiError) -> str:
    """The translation key that says why a poll failed."""
    for cls in type(err).__mro__:
        if (key := UPDATE_FAILED_KEYS.get(cls)) is not None:
            return key
    return "update_failed_error"


class UnsupportedServerError(Exception):
    """The server is of a kind or version MediaNest does not support."""


@dataclass(slots=True)
class Tier[DataT]:
    """A group of reads refreshed together on its own period.

    `interval=None` means every poll.
    """

    name: str
    interval: timedelta | None
    fetch: Callable[[DataT], Awaitable[None]]
    last_run: datetime | None = field(default=None)

    def due(self, now: datetime) -> bool:
        """Whether the tier should run in this poll."""
        return self.last_run is None or self.interval is None or now - self.last_run >= self.interval


class MedianestCoordinator[ClientT: HttpClient | YtDlpRunner, DataT](DataUpdateCoordinator[DataT]):
    """One coordinator per service entry.

    Subclasses create their data object and declare tiers; this class runs the tiers
    that are due, keeps the data of the others, and turns client errors into what Home
    Assistant expects: reauth for rejected credentials, `UpdateFailed` with a translated
    message (logged once going down, once coming back) for anything else.
    """

    config_entry: MedianestConfigEntry

    def __init__(
        self,
        hass: HomeAssistant,
        entry: MedianestConfigEntry,
        client: ClientT,
        update_interval: timedelta | None,
    ) -> None:
        """Set up the coordinator for one entry."""
        super().__init__(
            hass,
            LOGGER,
            config_entry=entry,
            name=f"{DOMAIN} {entry.title}",
            update_interval=update_interval,
            always_update=False,
        )
        self.client = client
        self._data = self._create_data()
        self._tiers = self._create_tiers()
        # Whether the last poll got an answer from the service itself (a rejected key or a
        # request to slow down is an answer: the service is up).
        self._reached = False

    @abstractmethod
    def _create_data(self) -> DataT:
        """Return the empty data object the tiers fill."""

    @abstractmethod
    def _create_tiers(self) -> list[Tier[DataT]]:
        """Return the refresh tiers, fastest first."""

    def forget_item(self, item_id: int | str) -> bool:
        """Forget an item the user removed; False when it still exists (the default)."""
        return False

    def force_all_tiers(self) -> None:
        """Make the next refresh run every tier (after an action changed the server)."""
        for tier in self._tiers:
            tier.last_run = None

    @property
    def reachable(self) -> bool:
        """Whether the last poll reached the service (it answered, even if to refuse)."""
        return self.last_update_success or self._reached

    @property
    def rate_limited_until(self) -> datetime | None:
        """Until when the service asked not to be asked again, while it does."""
        remaining = self.client.pause_remaining if isinstance(self.client, HttpClient) else None
        return None if remaining is None else dt_util.utcnow() + timedelta(seconds=remaining)

    @override
    async def _async_update_data(self) -> DataT:
        now = dt_util.utcnow()
        # Tiers fill a copy: listeners are told only when the data changed (it is compared
        # with the previous copy), and a poll that fails half-way leaves no half-new data.
        data = copy.copy(self._data)
        ran: list[Tier[DataT]] = []
        self._reached = False
        try:
            for tier in self._tiers:
                if tier.due(now):
                    await tier.fetch(data)
                    ran.append(tier)
        except ApiAuthenticationError as err:
            self._reached = True
            raise ConfigEntryAuthFailed(
                translation_domain=DOMAIN,
                translation_key="auth_failed",
                translation_placeholders={"title": self.config_entry.title},
            ) from err
        except UnsupportedServerError as err:
            raise ConfigEntryError(
                translation_domain=DOMAIN,
                translation_key="unsupported_server",
                translation_placeholders={"title": self.config_entry.title, "error": str(err)},
            ) from err
        except ApiRateLimitedError as err:
            self._reached = True
            until = self.rate_limited_until
            raise UpdateFailed(
                translation_domain=DOMAIN,
                translation_key="update_failed_rate_limited",
                translation_placeholders={
                    "title": self.config_entry.title,
                    "error": str(err),
                    "until": dt_util.as_local(until).strftime("%H:%M:%S") if until else "-",
                },
                # The next poll waits until the server's pause is over (none is sent before).
                retry_after=err.retry_after if until else None,
            ) from err
        except MedianestApiError as err:
            raise UpdateFailed(
                translation_domain=DOMAIN,
                translation_key=update_failed_key(err),
                translation_placeholders={"title": self.config_entry.title, "error": str(err)},
            ) from err
        for tier in ran:
            tier.last_run = now
        self._data = data
        return data


async def servarr_status(client: ServarrClient, entry: MedianestConfigEntry) -> SystemStatus:
    """Read a Servarr server's status; refuse a server of another kind at the address."""
    status = await client.system_status()
    kind = str(entry.data[CONF_KIND])
    if status.app_name and status.app_name.lower() != kind:
        raise UnsupportedServerError(
            f"the server at this address is {status.app_name}, not {kind.capitalize()}"
        )
    return status


@dataclass(slots=True)
class ArrData:
    """What a Sonarr or Radarr entry shows."""

    status: SystemStatus | None = None
    queue_count: int | None = None
    missing_count: int | None = None
    health: list[HealthIssue] = field(default_factory=list)
    upcoming: list[CalendarItem] = field(default_factory=list)
    root_folders: dict[int, RootFolder] = field(default_factory=dict)
    quality_profiles: list[QualityProfile] = field(default_factory=list)
    library: LibrarySummary | None = None


class ArrCoordinator(MedianestCoordinator[ArrClient, ArrData]):
    """Coordinator for Sonarr and Radarr."""

    def __init__(self, hass: HomeAssistant, entry: MedianestConfigEntry, client: ArrClient) -> None:
        """Set up the coordinator."""
        super().__init__(hass, entry, client, ARR_SCAN_INTERVAL)

    @override
    def _create_data(self) -> ArrData:
        return ArrData()

    @override
    def _create_tiers(self) -> list[Tier[ArrData]]:
        return [
            Tier("fast", None, self._fetch_fast),
            Tier("slow", ARR_SLOW_INTERVAL, self._fetch_slow),
            Tier("library", ARR_LIBRARY_INTERVAL, self._fetch_library),
        ]

    @property
    def upcoming_days(self) -> int:
        """The upcoming window from the entry's options."""
        return int(self.config_entry.options.get(CONF_UPCOMING_DAYS, DEFAULT_UPCOMING_DAYS))

    async def _fetch_fast(self, data: ArrData) -> None:
        data.queue_count = await self.client.queue_count()
        data.missing_count = await self.client.missing_count()
        data.health = await self.client.health()

    async def _fetch_slow(self, data: ArrData) -> None:
        data.status = await servarr_status(self.client, self.config_entry)
        data.root_folders = {f.id: f for f in await self.client.root_folders()}
        data.quality_profiles = await self.client.quality_profiles()
        now = dt_util.utcnow()
        data.upcoming = await self.client.calendar(now, now + timedelta(days=self.upcoming_days))

    async def _fetch_library(self, data: ArrData) -> None:
        data.library = await self.client.library_summary()


@dataclass(slots=True)
class ProwlarrData:
    """What a Prowlarr entry shows."""

    status: SystemStatus | None = None
    health: list[HealthIssue] = field(default_factory=list)
    indexers: dict[int, Indexer] = field(default_factory=dict)
    failures: dict[int, IndexerFailure] = field(default_factory=dict)
    stats: dict[int, IndexerStats] = field(default_factory=dict)

    @property
    def failing(self) -> list[Indexer]:
        """The indexers Prowlarr reports as failing or backed off."""
        return [i for i in self.indexers.values() if i.id in self.failures]


class ProwlarrCoordinator(MedianestCoordinator[ProwlarrClient, ProwlarrData]):
    """Coordinator for Prowlarr: failures every poll, the indexer list and statistics less often."""

    def __init__(self, hass: HomeAssistant, entry: MedianestConfigEntry, client: ProwlarrClient) -> None:
        """Set up the coordinator."""
        super().__init__(hass, entry, client, PROWLARR_SCAN_INTERVAL)

    @override
    def _create_data(self) -> ProwlarrData:
        return ProwlarrData()

    @override
    def _create_tiers(self) -> list[Tier[ProwlarrData]]:
        return [
            Tier("fast", None, self._fetch_fast),
            Tier("indexers", PROWLARR_INDEXERS_INTERVAL, self._fetch_indexers),
            Tier("slow", PROWLARR_SLOW_INTERVAL, self._fetch_slow),
        ]

    async def _fetch_fast(self, data: ProwlarrData) -> None:
        data.failures = await self.client.indexer_failures()
        data.health = await self.client.health()

    async def _fetch_indexers(self, data: ProwlarrData) -> None:
        data.indexers = {i.id: i for i in await self.client.indexers()}

    async def _fetch_slow(self, data: ProwlarrData) -> None:
        data.status = await servarr_status(self.client, self.config_entry)
        data.stats = await self.client.indexer_stats(dt_util.utcnow() - PROWLARR_STATS_WINDOW)


@dataclass(slots=True)
class QbittorrentData:
    """What a qBittorrent entry shows (counts and figures, never the torrent list)."""

    version: str | None = None
    api_version: str | None = None
    server: ServerState | None = None
    counts: dict[TorrentGroup, int] = field(default_factory=dict)
    total: int = 0


class QbittorrentCoordinator(MedianestCoordinator[QbittorrentClient, QbittorrentData]):
    """Coordinator for qBittorrent: one incremental `sync/maindata` request per poll."""

    def __init__(self, hass: HomeAssistant, entry: MedianestConfigEntry, client: QbittorrentClient) -> None:
        """Set up the coordinator."""
        super().__init__(hass, entry, client, QBITTORRENT_SCAN_INTERVAL)

    @override
    def _create_data(self) -> QbittorrentData:
        return QbittorrentData()

    @override
    def _create_tiers(self) -> list[Tier[QbittorrentData]]:
        return [Tier("fast", None, self._fetch)]

    async def _fetch(self, data: QbittorrentData) -> None:
        sync = await self.client.maindata()
        counts = sync.counts()
        data.counts = {group: counts.get(group, 0) for group in TorrentGroup}
        data.total = len(sync.torrents)
        data.server = ServerState.from_json(sync.server_state)
        data.version = self.client.app_version
        data.api_version = ".".join(map(str, self.client.api_version or ())) or None


@dataclass(slots=True)
class UptimeKumaData:
    """What an Uptime Kuma entry shows: its monitors, those no longer reported included."""

    monitors: dict[str, Monitor] = field(default_factory=dict)
    version: str | None = None
    #: since when each monitor is no longer in `/metrics` (paused or deleted)
    unreported_since: dict[str, datetime] = field(default_factory=dict)

    def count(self, status: int) -> int:
        """How many monitors have a status."""
        return sum(1 for m in self.monitors.values() if m.reported and m.status == status)


# Polls with no series at all before the monitors are taken as no longer reported (5 minutes).
KUMA_EMPTY_POLLS_BEFORE_REMOVAL = 10
# How long after a failed attempt the socket.io connection is tried again.
KUMA_SOCKET_RETRY = timedelta(minutes=1)


def kuma_issue_id(entry_id: str, monitor_id: str) -> str:
    """The repair issue that asks about a monitor no longer reported."""
    return f"monitor_unreported_{entry_id}_{monitor_id}"


class UptimeKumaCoordinator(MedianestCoordinator[UptimeKumaClient, UptimeKumaData]):
    """Coordinator for Uptime Kuma: one `/metrics` read per poll covers every monitor.

    Kuma removes every series of a paused monitor from `/metrics`, so there a paused
    monitor looks exactly like a deleted one. A monitor that disappears keeps its device
    and entities and shows as paused; it goes away only when the user says it was deleted
    (deleting its device, or through the repair issue raised after a while).
    """

    def __init__(self, hass: HomeAssistant, entry: MedianestConfigEntry, client: UptimeKumaClient) -> None:
        """Set up the coordinator."""
        super().__init__(hass, entry, client, UPTIME_KUMA_SCAN_INTERVAL)
        self._empty_polls = 0
        self._socket_retry_at: datetime | None = None

    @property
    def monitor_list(self) -> dict[str, KumaMonitorInfo] | None:
        """Kuma's own monitor list, when its login was given and the connection is up."""
        socket = self.client.socket
        return socket.monitors if socket is not None and socket.connected else None

    async def _async_connect_socket(self) -> None:
        """Keep the socket.io connection up (a failed attempt is retried after a minute).

        A rejected login is raised (reauth); anything else only means the monitor list is
        not known for a while, and `/metrics` alone is used.
        """
        socket = self.client.socket
        if socket is None or socket.connected:
            return
        now = dt_util.utcnow()
        if self._socket_retry_at is not None and now < self._socket_retry_at:
            return
        try:
            await socket.async_connect()
        except ApiAuthenticationError:
            raise
        except MedianestApiError as err:
            self._socket_retry_at = now + KUMA_SOCKET_RETRY
            LOGGER.debug("Uptime Kuma's monitor list is not available now: %s", err)
            return
        self._socket_retry_at = None
        socket.on_change = self._on_list_changed

    @callback
    def _on_list_changed(self) -> None:
        """A monitor was paused, resumed, added or deleted in Kuma: show it soon."""
        self.hass.async_create_task(self.async_request_refresh(), eager_start=False)

    @override
    async def async_shutdown(self) -> None:
        await super().async_shutdown()
        if self.client.socket is not None:
            await self.client.socket.async_disconnect()

    @override
    def _create_data(self) -> UptimeKumaData:
        return UptimeKumaData()

    @override
    def _create_tiers(self) -> list[Tier[UptimeKumaData]]:
        return [Tier("fast", None, self._fetch)]

    @override
    async def _async_setup(self) -> None:
        # The monitors known before a restart are the entry's monitor devices: a monitor
        # paused meanwhile is not in `/metrics`, and must not lose its device.
        registry = dr.async_get(self.hass)
        prefix = f"{self.config_entry.entry_id}_monitor_"
        now = dt_util.utcnow()
        for device in dr.async_entries_for_config_entry(registry, self.config_entry.entry_id):
            for domain, identifier in device.identifiers:
                if domain == DOMAIN and identifier.startswith(prefix):
                    monitor_id = identifier.removeprefix(prefix)
                    certificate = self._has_certificate_entity(monitor_id)
                    self._data.monitors[monitor_id] = Monitor(
                        id=monitor_id,
                        name=device.name or monitor_id,
                        type=device.model,
                        has_certificate=certificate,
                        reported=False,
                    )
                    self._data.unreported_since[monitor_id] = now

    def _has_certificate_entity(self, monitor_id: str) -> bool:
        registry = er.async_get(self.hass)
        unique_id = f"{self.config_entry.entry_id}_cert_days_remaining_monitor_{monitor_id}"
        return registry.async_get_entity_id("sensor", DOMAIN, unique_id) is not None

    async def _fetch(self, data: UptimeKumaData) -> None:
        await self._async_connect_socket()
        try:
            metrics = await self.client.read_metrics()
        except KumaVersionError as err:
            raise UnsupportedServerError(str(err)) from err
        data.version = metrics.version or data.version
        if (listed := self.monitor_list) is not None:
            self._apply_list(data, metrics.monitors, listed)
            return
        reported = metrics.monitors
        if not reported and data.monitors and self._empty_polls < KUMA_EMPTY_POLLS_BEFORE_REMOVAL:
            # Right after it starts, Kuma has no series until the first beats: keep the
            # monitors as they were, without values, for a while.
            self._empty_polls += 1
            data.monitors = {
                i: Monitor(
                    id=m.id,
                    name=m.name,
                    type=m.type,
                    uptime=dict.fromkeys(m.uptime),
                    has_certificate=m.has_certificate,
                    reported=m.reported,
                )
                for i, m in data.monitors.items()
            }
            return
        self._empty_polls = 0
        now = dt_util.utcnow()
        since = {i: t for i, t in data.unreported_since.items() if i not in reported}
        monitors = dict(reported)
        for monitor_id, monitor in data.monitors.items():
            if monitor_id not in reported:
                monitors[monitor_id] = monitor if not monitor.reported else monitor.unreported()
                since.setdefault(monitor_id, now)
        data.monitors = monitors
        data.unreported_since = since
        self._update_repairs(data)

    @callback
    def async_delete_repairs(self) -> None:
        """Withdraw every question about this entry's monitors (it is unloaded)."""
        for monitor_id in self._data.monitors:
            ir.async_delete_issue(self.hass, DOMAIN, kuma_issue_id(self.config_entry.entry_id, monitor_id))

    @override
    def forget_item(self, item_id: int | str) -> bool:
        """Forget a monitor the user says was deleted; False while Kuma still reports it."""
        item_id = str(item_id)
        monitor = self._data.monitors.get(item_id)
        if monitor is None:
            return True
        if monitor.reported:
            return False
        data = copy.copy(self._data)
        data.monitors = {i: m for i, m in data.monitors.items() if i != item_id}
        data.unreported_since = {i: t for i, t in data.unreported_since.items() if i != item_id}
        self._data = data
        ir.async_delete_issue(self.hass, DOMAIN, kuma_issue_id(self.config_entry.entry_id, item_id))
        # After the caller is done (Home Assistant removes a device the user deletes itself).
        self.hass.loop.call_soon(self.async_set_updated_data, data)
        return True

    def _apply_list(
        self, data: UptimeKumaData, reported: dict[str, Monitor], listed: dict[str, KumaMonitorInfo]
    ) -> None:
        """The monitors as Kuma lists them: paused ones as paused, deleted ones gone."""
        self._empty_polls = 0
        monitors: dict[str, Monitor] = {}
        for monitor_id, info in sorted(listed.items(), key=lambda item: (len(item[0]), item[0])):
            known = reported.get(monitor_id) or data.monitors.get(monitor_id)
            if monitor_id in reported and info.active:
                monitor = reported[monitor_id]
            elif known is not None:
                # Paused (Kuma may keep a stale series of it), or active without a beat yet.
                monitor = (
                    known.unreported() if not info.active else replace(known.unreported(), reported=True)
                )
            else:
                monitor = Monitor(id=monitor_id, name=info.name, type=info.type, reported=info.active)
            monitors[monitor_id] = replace(monitor, name=info.name, type=info.type or monitor.type)
        for monitor_id in data.monitors.keys() - monitors.keys():
            # Deleted in Kuma: no question to ask.
            ir.async_delete_issue(self.hass, DOMAIN, kuma_issue_id(self.config_entry.entry_id, monitor_id))
        data.monitors = monitors
        data.unreported_since = {}
        self._update_repairs(data)

    def _update_repairs(self, data: UptimeKumaData) -> None:
        """Ask about monitors no longer reported for a while; withdraw the question when back."""
        entry_id = self.config_entry.entry_id
        now = dt_util.utcnow()
        for monitor_id, monitor in data.monitors.items():
            issue_id = kuma_issue_id(entry_id, monitor_id)
            since = data.unreported_since.get(monitor_id)
            if monitor.reported or since is None:
                ir.async_delete_issue(self.hass, DOMAIN, issue_id)
            elif now - since >= UPTIME_KUMA_UNREPORTED_REPAIR:
                ir.async_create_issue(
                    self.hass,
                    DOMAIN,
                    issue_id,
                    is_fixable=True,
                    is_persistent=False,
                    severity=ir.IssueSeverity.WARNING,
                    translation_key="monitor_unreported",
                    translation_placeholders={
                        "monitor": monitor.name,
                        "title": self.config_entry.title,
                        "since": dt_util.as_local(since).strftime("%Y-%m-%d %H:%M"),
                    },
                    data={"entry_id": entry_id, "monitor_id": monitor_id},
                )


@dataclass(frozen=True, slots=True)
class RequestEvent:
    """Something that happened to a media request."""

    event_type: str
    request_id: int
    title: str | None
    media_type: str | None
    requested_by: str | None
    poster: str | None


@dataclass(slots=True)
class SeerrData:
    """What a Seerr entry shows, and where the request events stand."""

    version: str | None = None
    counts: RequestCounts | None = None
    failed: int | None = None
    issues: IssueCounts | None = None
    # The most recently modified requests as last seen: id -> (status, media status).
    recent: dict[int, tuple[int | None, int | None]] = field(default_factory=dict)
    # The newest request id known; None until the first poll learned what exists. Kept in
    # the data, so that a poll that fails commits neither it nor `recent`, and the next
    # poll finds the same changes again.
    newest_id: int | None = None


REQUEST_EVENT_BY_STATUS = {
    RequestStatus.APPROVED: "approved",
    RequestStatus.DECLINED: "declined",
    RequestStatus.FAILED: "failed",
}
SEERR_STORAGE_VERSION = 1


def seerr_store(hass: HomeAssistant, entry_id: str) -> Store[dict[str, Any]]:
    """Where a Seerr entry keeps its event cursor across restarts."""
    return Store(hass, SEERR_STORAGE_VERSION, f"{DOMAIN}.seerr_events.{entry_id}")


class SeerrCoordinator(MedianestCoordinator[SeerrClient, SeerrData]):
    """Coordinator for Seerr: counts, and request events from what changed between polls.

    Each poll reads the counts and the most recently modified requests (one small page).
    A request not seen before and newer than every known one is new; a known one whose
    status changed was approved, declined or failed; one whose media became available is
    available. Events pushed through the webhook go through the same record, so no
    request event is reported twice. Titles are best effort: an event whose title Seerr
    cannot give fires without it. What was seen and reported is stored, so that what
    happened while Home Assistant was stopped is reported after it starts, once.
    """

    def __init__(self, hass: HomeAssistant, entry: MedianestConfigEntry, client: SeerrClient) -> None:
        """Set up the coordinator."""
        super().__init__(hass, entry, client, SEERR_SCAN_INTERVAL)
        self._reported: deque[tuple[int, str]] = deque(maxlen=SEERR_REPORTED_EVENTS)
        self._event_listeners: list[Callable[[RequestEvent], None]] = []
        # Events found before anything listens (the first poll at start-up runs before the
        # event entity exists): handed to the first listener.
        self._undelivered: list[RequestEvent] = []
        self._store = seerr_store(hass, entry.entry_id)

    @override
    def _create_data(self) -> SeerrData:
        return SeerrData()

    @override
    def _create_tiers(self) -> list[Tier[SeerrData]]:
        return [
            Tier("fast", None, self._fetch_fast),
            Tier("slow", SEERR_SLOW_INTERVAL, self._fetch_slow),
        ]

    @override
    async def _async_setup(self) -> None:
        stored = await self._store.async_load() or {}
        try:
            newest = stored.get("newest_id")
            recent = {int(k): (v[0], v[1]) for k, v in dict(stored.get("recent", {})).items()}
            reported = [(int(i), str(t)) for i, t in stored.get("reported", [])]
        except TypeError, ValueError, IndexError, AttributeError:
            LOGGER.debug("The stored request events of %s could not be read", self.config_entry.title)
            return
        if isinstance(newest, int):
            self._data.newest_id = newest
            self._data.recent = recent
        self._reported.extend(reported)

    def _save(self) -> dict[str, Any]:
        data = self._data  # what the last successful poll committed
        return {
            "newest_id": data.newest_id,
            "recent": {str(k): list(v) for k, v in data.recent.items()},
            "reported": [list(key) for key in self._reported],
        }

    @override
    async def _async_update_data(self) -> SeerrData:
        data = await super()._async_update_data()
        self._store.async_delay_save(self._save, 1.0)
        return data

    @override
    async def async_shutdown(self) -> None:
        await super().async_shutdown()
        await self._store.async_save(self._save())

    async def _fetch_fast(self, data: SeerrData) -> None:
        data.counts = await self.client.request_counts()
        # The counts have no failed requests: a page of one says how many there are.
        data.failed, _ = await self.client.requests(take=1, status_filter="failed")
        _, recent = await self.client.requests(take=SEERR_RECENT_REQUESTS, sort="modified")
        changes = self._changes(data, recent)
        data.recent = {r.id: (r.status, r.media_status) for r in recent}
        if changes:
            titles = await self.client.titles([r for _, r in changes])  # best effort, never raises
            for event_type, request in changes:
                title = titles.get(request.id)
                self.emit(
                    RequestEvent(
                        event_type=event_type,
                        request_id=request.id,
                        title=title.title if title else None,
                        media_type=request.media_type,
                        requested_by=request.requested_by,
                        poster=title.poster if title else None,
                    )
                )

    async def _fetch_slow(self, data: SeerrData) -> None:
        data.version = await self.client.status()
        try:
            data.issues = await self.client.issue_counts()
        except ApiNotFoundError:
            data.issues = None  # a server without issues

    def _changes(self, data: SeerrData, recent: list[MediaRequest]) -> list[tuple[str, MediaRequest]]:
        """What changed since the data's last poll; moves the data's cursor on."""
        newest = max((r.id for r in recent), default=0)
        known_newest = data.newest_id
        data.newest_id = max(newest, known_newest or 0)
        if known_newest is None:
            # The very first poll only learns what exists: nothing that happened before is news.
            return []
        before = data.recent
        changes: list[tuple[str, MediaRequest]] = []
        for request in recent:
            seen = before.get(request.id)
            if seen is None:
                if request.id > known_newest:
                    changes.append(("new", request))
                    if request.status in REQUEST_EVENT_BY_STATUS:  # auto-approved, or already decided
                        changes.append((REQUEST_EVENT_BY_STATUS[RequestStatus(request.status)], request))
                continue
            status, media_status = seen
            if request.status != status and request.status in REQUEST_EVENT_BY_STATUS:
                changes.append((REQUEST_EVENT_BY_STATUS[RequestStatus(request.status)], request))
            if request.media_status == MEDIA_AVAILABLE and media_status != MEDIA_AVAILABLE:
                changes.append(("available", request))
        return changes

    @callback
    def async_add_event_listener(self, listener: Callable[[RequestEvent], None]) -> Callable[[], None]:
        """Be told of request events; returns the function that stops it."""
        self._event_listeners.append(listener)
        undelivered, self._undelivered = self._undelivered, []
        for event in undelivered:
            self.hass.loop.call_soon(listener, event)
        return lambda: self._event_listeners.remove(listener)

    @callback
    def emit(self, event: RequestEvent) -> bool:
        """Report an event unless it was reported already (by a poll or the webhook)."""
        key = (event.request_id, event.event_type)
        if key in self._reported:
            return False
        self._reported.append(key)
        self._store.async_delay_save(self._save, 1.0)
        if not self._event_listeners:
            self._undelivered.append(event)
        for listener in list(self._event_listeners):
            listener(event)
        return True


@dataclass(slots=True)
class PlexData:
    """What a Plex entry shows."""

    identity: PlexIdentity | None = None
    sessions: SessionSummary | None = None
    sections: dict[str, LibrarySection] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    latest: MediaItem | None = None

    @property
    def version(self) -> str | None:
        """The server's version (shown on the device)."""
        return self.identity.version if self.identity else None


class PlexCoordinator(MedianestCoordinator[PlexClient, PlexData]):
    """Coordinator for Plex: sessions every poll, the newest item often, libraries rarely."""

    def __init__(self, hass: HomeAssistant, entry: MedianestConfigEntry, client: PlexClient) -> None:
        """Set up the coordinator."""
        super().__init__(hass, entry, client, PLEX_SCAN_INTERVAL)

    @override
    def _create_data(self) -> PlexData:
        return PlexData()

    @override
    def _create_tiers(self) -> list[Tier[PlexData]]:
        return [
            Tier("sessions", None, self._fetch_sessions),
            Tier("recent", PLEX_RECENT_INTERVAL, self._fetch_recent),
            Tier("libraries", PLEX_LIBRARY_INTERVAL, self._fetch_libraries),
        ]

    async def _fetch_sessions(self, data: PlexData) -> None:
        data.sessions = await self.client.sessions()

    async def _fetch_recent(self, data: PlexData) -> None:
        latest = await self.client.recently_added(1)
        data.latest = latest[0] if latest else None

    async def _fetch_libraries(self, data: PlexData) -> None:
        identity = await self.client.identity()
        if identity.machine_identifier != self.config_entry.unique_id:
            raise UnsupportedServerError("another Plex server answers at this address")
        data.identity = identity
        sections = await self.client.sections()
        data.sections = {s.key: s for s in sections}
        data.counts = {s.key: await self.client.section_count(s.key) for s in sections}

    def section(self, name_or_key: str) -> LibrarySection | None:
        """A library by its name (any case) or its key."""
        sections = self.data.sections
        if name_or_key in sections:
            return sections[name_or_key]
        wanted = name_or_key.strip().casefold()
        return next((s for s in sections.values() if s.title.casefold() == wanted), None)
