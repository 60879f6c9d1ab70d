"""The qBittorrent coordinator: what it reads, in which tiers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import override

from ...api.qbittorrent import QbittorrentClient, ServerState, TorrentGroup
from ...core.coordinator import MedianestCoordinator, Tier
from .const import QBITTORRENT_SCAN_INTERVAL


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

    scan_interval = QBITTORRENT_SCAN_INTERVAL

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
