"""The Prowlarr coordinator: what it reads, in which tiers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import override

from homeassistant.util import dt as dt_util

from ...api.models import HealthIssue, SystemStatus
from ...api.prowlarr import Indexer, IndexerFailure, IndexerStats, ProwlarrClient
from ...core.coordinator import MedianestCoordinator, Tier
from ..arr.coordinator import servarr_status
from .const import (
    PROWLARR_INDEXERS_INTERVAL,
    PROWLARR_SCAN_INTERVAL,
    PROWLARR_SLOW_INTERVAL,
    PROWLARR_STATS_WINDOW,
)


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

    scan_interval = PROWLARR_SCAN_INTERVAL

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
