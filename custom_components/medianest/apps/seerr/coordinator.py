"""The Seerr, Overseerr and Jellyseerr coordinator: what it reads, in which tiers."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, override

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from ...api import ApiNotFoundError
from ...api.seerr import MEDIA_AVAILABLE, IssueCounts, MediaRequest, RequestCounts, RequestStatus, SeerrClient
from ...const import DOMAIN, LOGGER
from ...core.coordinator import MedianestCoordinator, Tier
from .const import (
    SEERR_PAGE_INTERVAL,
    SEERR_PUSH_SCAN_INTERVAL,
    SEERR_RECENT_REQUESTS,
    SEERR_REPORTED_EVENTS,
    SEERR_SCAN_INTERVAL,
    SEERR_SLOW_INTERVAL,
)

if TYPE_CHECKING:
    from ...core.spec import MedianestConfigEntry


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

    scan_interval = SEERR_SCAN_INTERVAL
    #: how often the page of recent requests is read while no count moves
    page_interval = SEERR_PAGE_INTERVAL

    def __init__(self, hass: HomeAssistant, entry: MedianestConfigEntry, client: SeerrClient) -> None:
        """Set up the coordinator."""
        super().__init__(hass, entry, client)
        self._reported: deque[tuple[int, str]] = deque(maxlen=SEERR_REPORTED_EVENTS)
        self._event_listeners: list[Callable[[RequestEvent], None]] = []
        # Events found before anything listens (the first poll at start-up runs before the
        # event entity exists): handed to the first listener.
        self._undelivered: list[RequestEvent] = []
        self._store = seerr_store(hass, entry.entry_id)
        # The counts when the page of recent requests was last read, and when.
        self._signature: tuple[RequestCounts | None, int | None] | None = None
        self._page_read_at: datetime | None = None
        self.update_interval = self._poll_interval

    @property
    def _poll_interval(self) -> timedelta:
        """Every minute; every five with Seerr pushing its notifications (a push refreshes)."""
        return SEERR_PUSH_SCAN_INTERVAL if self.pushes else SEERR_SCAN_INTERVAL

    @override
    async def async_apply_options(self) -> None:
        self.update_interval = self._poll_interval
        await super().async_apply_options()

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
        before = (self._data.newest_id, self._data.recent)
        data = await super()._async_update_data()
        if (data.newest_id, data.recent) != before:  # most polls change nothing: no write
            self._store.async_delay_save(self._save, 1.0)
        return data

    @override
    async def async_shutdown(self) -> None:
        await super().async_shutdown()
        await self._store.async_save(self._save())

    async def _fetch_fast(self, data: SeerrData) -> None:
        # Both reads are conditional: while nothing changed, Seerr answers 304 without a body.
        data.counts = await self.client.request_counts()
        data.failed = data.counts.failed
        if data.failed is None:  # a server that does not count completed requests
            data.failed, _ = await self.client.requests(take=1, status_filter="failed", conditional=True)
        # Every request event moves a count (a new request, a decision, media becoming
        # available, a failure): while none moved, the page of recent requests (the costly
        # read) is not needed, except now and then to be sure.
        signature = (data.counts, data.failed)
        now = dt_util.utcnow()
        if (
            data.newest_id is not None
            and signature == self._signature
            and self._page_read_at is not None
            and now - self._page_read_at < self.page_interval
        ):
            return
        _, recent = await self.client.requests(take=SEERR_RECENT_REQUESTS, sort="modified", conditional=True)
        self._signature, self._page_read_at = signature, now
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
        attributes = {
            "request_id": event.request_id,
            "title": event.title,
            "media_type": event.media_type,
            "requested_by": event.requested_by,
        }
        self.fire_event(event.event_type, {k: v for k, v in attributes.items() if v is not None})
        return True
