"""What the Media dashboard shows of the download queue: what waits, runs and just finished."""

from __future__ import annotations

from typing import Any

from ...core.spec import MedianestConfigEntry
from .coordinator import FINISHED, DownloaderCoordinator

#: how many downloads a dashboard shows
DASHBOARD_DOWNLOADS = 50


async def dashboard_section(entry: MedianestConfigEntry) -> dict[str, Any]:
    """The queue in its order (running first), then the finished ones, newest first."""
    coordinator = entry.runtime_data.coordinator
    assert isinstance(coordinator, DownloaderCoordinator)
    current = coordinator.data.current
    result = []
    for download in coordinator.downloads()[:DASHBOARD_DOWNLOADS]:
        progress = download.progress
        result.append(
            {
                "id": download.id,
                "title": download.title,
                "status": download.status.value,
                "progress": progress.percent,
                "eta": progress.eta,
                "speed": progress.speed if current is not None and current.id == download.id else None,
                "finished": download.status in FINISHED,
                "error": download.error,
            }
        )
    return {"downloads": result}
