"""The Sonarr and Radarr coordinator: what it reads, in which tiers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, override

from homeassistant.util import dt as dt_util

from ...api.arr import ArrClient, CalendarItem, LibrarySummary
from ...api.models import HealthIssue, QualityProfile, RootFolder, SystemStatus
from ...api.servarr import ServarrClient
from ...const import CONF_KIND
from ...core.coordinator import MedianestCoordinator, Tier, UnsupportedServerError
from .const import (
    ARR_LIBRARY_INTERVAL,
    ARR_LIBRARY_PUSH_INTERVAL,
    ARR_SCAN_INTERVAL,
    ARR_SLOW_INTERVAL,
    CONF_UPCOMING_DAYS,
    DEFAULT_UPCOMING_DAYS,
)

if TYPE_CHECKING:
    from ...core.spec import MedianestConfigEntry


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

    scan_interval = ARR_SCAN_INTERVAL

    @override
    def _create_data(self) -> ArrData:
        return ArrData()

    @override
    def _create_tiers(self) -> list[Tier[ArrData]]:
        return [
            Tier("fast", None, self._fetch_fast),
            Tier("slow", ARR_SLOW_INTERVAL, self._fetch_slow),
            # After the library: Sonarr's calendar takes the series' titles from it.
            Tier("library", self._library_interval, self._fetch_library, deferred=True),
            Tier("calendar", ARR_SLOW_INTERVAL, self._fetch_calendar, deferred=True),
        ]

    @property
    def _library_interval(self) -> timedelta:
        """Hourly; with the server pushing its events, only rarely (they say when it changed)."""
        return ARR_LIBRARY_PUSH_INTERVAL if self.pushes else ARR_LIBRARY_INTERVAL

    @override
    async def async_apply_options(self) -> None:
        self.tier("library").interval = self._library_interval
        await super().async_apply_options()

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

    async def _fetch_calendar(self, data: ArrData) -> None:
        now = dt_util.now()  # local: a release date is a day of the user's calendar
        data.upcoming = await self.client.calendar(now, now + timedelta(days=self.upcoming_days))

    async def _fetch_library(self, data: ArrData) -> None:
        data.library = await self.client.library_summary()
