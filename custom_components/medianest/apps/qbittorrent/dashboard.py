"""What the Media dashboard shows of qBittorrent: the torrents downloading."""

from __future__ import annotations

from typing import Any

from ...api.qbittorrent import TorrentGroup
from ...core.spec import MedianestConfigEntry
from .coordinator import QbittorrentCoordinator

#: how many torrents a dashboard shows
DASHBOARD_TORRENTS = 50


async def dashboard_section(entry: MedianestConfigEntry) -> dict[str, Any]:
    """Downloading torrents from the synced list (no request: the poll keeps it current)."""
    coordinator = entry.runtime_data.coordinator
    assert isinstance(coordinator, QbittorrentCoordinator)
    torrents = [t for t in coordinator.client.sync.torrent_list() if t.group is TorrentGroup.DOWNLOADING]
    torrents.sort(key=lambda t: (t.eta is None, t.eta or 0))  # no estimate (None) last
    return {
        "torrents": [
            {
                "hash": t.hash,
                "name": t.name,
                "state": t.state,
                "progress": t.percent,
                "speed": t.dlspeed,
                "eta": t.eta,
            }
            for t in torrents[:DASHBOARD_TORRENTS]
        ],
        "downloading_total": len(torrents),
    }
