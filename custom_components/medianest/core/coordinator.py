"""The coordinator every service shares: refresh tiers, and service errors translated."""

from __future__ import annotations

from abc import abstractmethod
import asyncio
from collections.abc import Awaitable, Callable, Collection, Coroutine
import copy
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar, Final, override

from homeassistant.components.repairs import RepairsFlow
from homeassistant.const import ATTR_CONFIG_ENTRY_ID
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import (
    ConfigEntryAuthFailed,
    ConfigEntryError,
    HomeAssistantError,
    ServiceValidationError,
)
from homeassistant.helpers.debounce import Debouncer
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util import dt as dt_util

from ..api import (
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
from ..api.ytdlp import YtDlpRunner
from ..const import CONF_KIND, CONF_PUSH_EVENTS, DOMAIN, EVENT_MEDIANEST, LOGGER

if TYPE_CHECKING:
    from .spec import MedianestConfigEntry


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


# After a pushed event, the data is read at once; the rest of a burst of events at most once
# more this many seconds later.
PUSH_REFRESH_COOLDOWN: Final = 2.0

# Above this many listeners (a Kuma entry with hundreds of monitors), an update reaches them in
# slices of this size, the loop running in between: it is never held for long in one go.
LISTENER_SLICE: Final = 150

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


async def async_in_slices[T](items: list[T], size: int, handle: Callable[[list[T]], None]) -> None:
    """Hand `items` to `handle` `size` at a time, letting the loop run between slices."""
    for start in range(0, len(items), size):
        if start:
            await asyncio.sleep(0)
        handle(items[start : start + size])


class UnsupportedServerError(Exception):
    """The server is of a kind or version MediaNest does not support."""


@dataclass(slots=True)
class Tier[DataT]:
    """A group of reads refreshed together on its own period.

    `interval=None` means every poll. A `deferred` tier (a whole library) is first read just
    after setup, in the background: setup returns at once and its entities fill in when ready.
    """

    name: str
    interval: timedelta | None
    fetch: Callable[[DataT], Awaitable[None]]
    deferred: bool = False
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
    #: how often the service is polled (None: its data is pushed)
    scan_interval: ClassVar[timedelta | None] = None

    def __init__(self, hass: HomeAssistant, entry: MedianestConfigEntry, client: ClientT) -> None:
        """Set up the coordinator for one entry."""
        super().__init__(
            hass,
            LOGGER,
            config_entry=entry,
            name=f"{DOMAIN} {entry.title}",
            update_interval=self.scan_interval,
            always_update=False,
        )
        self.client = client
        self._data = self._create_data()
        self._tiers = self._create_tiers()
        # Whether the last poll got an answer from the service itself (a rejected key or a
        # request to slow down is an answer: the service is up).
        self._reached = False
        self._push_refresh: Debouncer[Coroutine[Any, Any, None]] | None = None
        self._push_listeners: list[Callable[[str, dict[str, Any]], None]] = []
        self._sliced_update: asyncio.Task[None] | None = None
        # Until setup is done, deferred tiers wait; then one refresh reads only them.
        self._setup_done = asyncio.Event()
        self._only: list[Tier[DataT]] | None = None

    @abstractmethod
    def _create_data(self) -> DataT:
        """Return the empty data object the tiers fill."""

    @abstractmethod
    def _create_tiers(self) -> list[Tier[DataT]]:
        """Return the refresh tiers, fastest first."""

    def create_fix_flow(self, issue_id: str, data: dict[str, Any]) -> RepairsFlow | None:
        """The flow that fixes one of the entry's repair issues (none by default)."""
        return None

    def forget_item(self, item_id: int | str) -> bool:
        """Forget an item the user removed; False when it still exists (the default)."""
        return False

    @callback
    def async_start(self) -> None:
        """Start what runs beside the polls, once the entities are set up (nothing by default)."""

    @callback
    def async_read_deferred(self) -> None:
        """Setup is done: read the deferred tiers now, in a task of the entry."""
        self._setup_done.set()
        waiting = [tier for tier in self._tiers if tier.deferred and tier.last_run is None]
        if waiting:
            self.config_entry.async_create_task(
                self.hass, self._async_refresh_only(waiting), "medianest deferred tiers"
            )

    @property
    def setup_done(self) -> bool:
        """Whether the entry's setup has returned."""
        return self._setup_done.is_set()

    async def async_wait_setup_done(self) -> None:
        """Wait until the entry's setup has returned."""
        await self._setup_done.wait()

    async def _async_refresh_only(self, tiers: list[Tier[DataT]]) -> None:
        self._only = tiers
        try:
            await self.async_refresh()
        finally:
            self._only = None

    async def async_apply_options(self) -> None:
        """Apply the entry's changed options without a reload: read every tier again."""
        self.force_all_tiers()
        await self.async_request_refresh()

    @callback
    def async_add_push_listener(self, listener: Callable[[str, dict[str, Any]], None]) -> CALLBACK_TYPE:
        """Be told of each event the service pushes (its type and details); returns the remover."""
        self._push_listeners.append(listener)
        return lambda: self._push_listeners.remove(listener)

    @callback
    def emit_pushed(self, event_type: str, attributes: dict[str, Any]) -> None:
        """Report a pushed event: to the entry's event entity, and on the bus for automations."""
        for listener in list(self._push_listeners):
            listener(event_type, attributes)
        self.fire_event(event_type, attributes)

    @callback
    def fire_event(self, event_type: str, attributes: dict[str, Any]) -> None:
        """Put one of the service's events on the bus (`medianest_event`: automations, the logbook)."""
        entry = self.config_entry
        self.hass.bus.async_fire(
            EVENT_MEDIANEST,
            {
                ATTR_CONFIG_ENTRY_ID: entry.entry_id,
                "service": entry.data[CONF_KIND],
                "event_type": event_type,
                **attributes,
            },
        )

    async def async_refresh_after_push(self, *, tiers: Collection[str] = (), all_tiers: bool = False) -> None:
        """Read what a pushed event changed, at once; the rest of a burst once more after it.

        The fast tier is read; so are the named `tiers` (or all of them) the event changed.
        """
        if self._push_refresh is None:
            self._push_refresh = Debouncer(
                self.hass, LOGGER, cooldown=PUSH_REFRESH_COOLDOWN, immediate=True, function=self.async_refresh
            )
            self.config_entry.async_on_unload(self._push_refresh.async_cancel)
        for tier in self._tiers:
            if all_tiers or tier.name in tiers:
                tier.last_run = None
        await self._push_refresh.async_call()

    def tier(self, name: str) -> Tier[DataT]:
        """One of the coordinator's tiers, by name."""
        return next(t for t in self._tiers if t.name == name)

    def read_tier_within(self, name: str, delay: timedelta) -> None:
        """Read a tier at the first poll after `delay` at the latest (a burst of events, read once)."""
        tier = self.tier(name)
        if tier.interval is None or tier.last_run is None:
            return
        latest = dt_util.utcnow() - tier.interval + delay
        tier.last_run = min(tier.last_run, latest)

    @property
    def pushes(self) -> bool:
        """Whether the entry's options have the server push its events (polling is the fallback)."""
        return bool(self.config_entry.options.get(CONF_PUSH_EVENTS, False))

    def force_all_tiers(self) -> None:
        """Make the next refresh run every tier (after an action changed the server)."""
        for tier in self._tiers:
            tier.last_run = None

    @callback
    @override
    def async_update_listeners(self) -> None:
        """Tell the listeners of new data; many of them in slices, the loop running between."""
        if self._sliced_update is not None:
            self._sliced_update.cancel()  # a newer update reaches every listener anyway
            self._sliced_update = None
        listeners = [update for update, _ in self._listeners.values()]
        if len(listeners) <= LISTENER_SLICE:
            for update in listeners:
                update()
            return
        self._sliced_update = self.config_entry.async_create_task(
            self.hass, self._async_update_in_slices(listeners), "medianest listeners", eager_start=True
        )

    async def _async_update_in_slices(self, listeners: list[CALLBACK_TYPE]) -> None:
        def update(some: list[CALLBACK_TYPE]) -> None:
            for listener in some:
                listener()

        await async_in_slices(listeners, LISTENER_SLICE, update)
        self._sliced_update = None

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
        tiers = self._only or [t for t in self._tiers if self.setup_done or not t.deferred]
        try:
            for tier in tiers:
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
