"""What the Media dashboard shows of qBittorrent: the torrents not downloaded yet."""

from __future__ import annotations

from typing import Any

from ...api.qbittorrent import TorrentGroup
from ...core.spec import MedianestConfigEntry
from .coordinator import QbittorrentCoordinator

#: how many torrents a dashboard shows
DASHBOARD_TORRENTS = 50
#: the groups of a torrent still to download (paused ones too: they can be resumed there)
UNFINISHED = (TorrentGroup.DOWNLOADING, TorrentGroup.STALLED, TorrentGroup.QUEUED, TorrentGroup.PAUSED)


async def dashboard_section(entry: MedianestConfigEntry) -> dict[str, Any]:
    """Unfinished torrents from the synced list (no request: the poll keeps it current)."""
    coordinator = entry.runtime_data.coordinator
    assert isinstance(coordinator, QbittorrentCoordinator)
    torrents = [
        t
        for t in coordinator.client.sync.torrent_list()
        if t.group in UNFINISHED and (t.progress is None or t.progress < 1)
    ]
    # Downloading first, soonest done first; no estimate (None) last.
    torrents.sort(key=lambda t: (t.group is not TorrentGroup.DOWNLOADING, t.eta is None, t.eta or 0))
    return {
        "torrents": [
            {
                "hash": t.hash,
                "name": t.name,
                "state": t.state,
                "group": t.group.value,
                "paused": t.group is TorrentGroup.PAUSED,
                "progress": t.percent,
                "speed": t.dlspeed,
                "eta": t.eta,
            }
            for t in torrents[:DASHBOARD_TORRENTS]
        ],
        "downloading_total": sum(t.group is TorrentGroup.DOWNLOADING for t in torrents),
    }
