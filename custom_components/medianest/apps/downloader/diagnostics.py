"""The download queue's diagnostics: versions, settings and the queue, without addresses."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from yarl import URL

from ...core.spec import MedianestConfigEntry
from .coordinator import DownloaderCoordinator


def downloader_diagnostics(entry: MedianestConfigEntry) -> dict[str, Any]:
    """The entry (it holds no secret: a folder) and the queue, each page by its host only."""
    coordinator = entry.runtime_data.coordinator
    assert isinstance(coordinator, DownloaderCoordinator)
    return {
        "entry": {
            "title": entry.title,
            "kind": entry.runtime_data.kind.value,
            "data": dict(entry.data),
            "options": dict(entry.options),
        },
        "downloader": {
            "yt_dlp": coordinator.version,
            "ffmpeg": coordinator.ffmpeg,
            "max_concurrent": coordinator.max_concurrent,
            "data": {
                key: value
                for key, value in asdict(coordinator.data).items()
                if key not in ("current", "current_progress")
            },
            # Addresses may carry tokens: only each page's host.
            "downloads": [
                {
                    "id": download.id,
                    "host": URL(download.url).host,
                    "extractor": download.info.extractor,
                    "status": download.status.value,
                    "quality": download.quality,
                    "format": download.format,
                    "audio_only": download.audio_only,
                    "progress": asdict(download.progress),
                    "error_reason": download.error_reason,
                    "created": download.created.isoformat(),
                }
                for download in coordinator.downloads()
            ],
        },
    }
