"""What the Media dashboard shows of Sonarr and Radarr: what comes up, and the queue."""

from __future__ import annotations

from typing import Any

from ...api import ApiNotFoundError
from ...core.poster import poster_url
from ...core.spec import MedianestConfigEntry
from .coordinator import ArrCoordinator

#: how many upcoming items and queue records a dashboard shows
DASHBOARD_ITEMS = 20


async def dashboard_section(entry: MedianestConfigEntry) -> dict[str, Any]:
    """The calendar the coordinator holds, and a page of the queue (read now), with posters."""
    coordinator = entry.runtime_data.coordinator
    assert isinstance(coordinator, ArrCoordinator)
    hass, entry_id = coordinator.hass, entry.entry_id
    upcoming = sorted(coordinator.data.upcoming, key=lambda i: i.start)[:DASHBOARD_ITEMS]
    _, queue = await coordinator.client.queue(DASHBOARD_ITEMS)
    return {
        "upcoming": [
            {
                "title": item.title,
                "subtitle": item.subtitle,
                "start": item.start.isoformat(),
                "all_day": item.all_day,
                "has_file": item.has_file,
                "release": item.release,
                "poster": poster_url(hass, entry_id, item.media_id),
            }
            for item in upcoming
        ],
        "queue": [
            {
                "title": item.title,
                "status": item.status,
                "state": item.tracked_state,
                "progress": item.progress,
                "time_left": item.time_left,
                "warning": item.tracked_status in ("warning", "error"),
                "messages": list(item.warnings),
                "poster": poster_url(hass, entry_id, item.media_id),
            }
            for item in queue
        ],
    }


async def fetch_poster(entry: MedianestConfigEntry, ref: str) -> tuple[bytes, str]:
    """A movie's or series' poster by its library id."""
    coordinator = entry.runtime_data.coordinator
    assert isinstance(coordinator, ArrCoordinator)
    if not ref.isdigit():
        raise ApiNotFoundError(ref)
    return await coordinator.client.poster(int(ref))
