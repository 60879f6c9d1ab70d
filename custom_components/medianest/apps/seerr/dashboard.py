"""What the Media dashboard shows of Seerr: the requests waiting for approval."""

from __future__ import annotations

from typing import Any

from ...api.seerr import poster_file
from ...core.poster import poster_url
from ...core.spec import MedianestConfigEntry
from .coordinator import SeerrCoordinator
from .describe import request_json

#: how many pending requests a dashboard shows
DASHBOARD_REQUESTS = 20


async def dashboard_section(entry: MedianestConfigEntry) -> dict[str, Any]:
    """The pending requests, newest first, with their titles and posters."""
    coordinator = entry.runtime_data.coordinator
    assert isinstance(coordinator, SeerrCoordinator)
    total, requests = await coordinator.client.requests(take=DASHBOARD_REQUESTS, status_filter="pending")
    titles = await coordinator.client.titles(requests)
    counts = coordinator.data.counts
    pending = []
    for request in requests:
        described = request_json(request, titles.get(request.id))
        # Seerr's poster address is a CDN's: the browser reaches only Home Assistant.
        described["poster"] = poster_url(coordinator.hass, entry.entry_id, poster_file(described["poster"]))
        pending.append(described)
    return {
        "pending_total": total,
        "pending": pending,
        "counts": {
            "pending": counts.pending,
            "approved": counts.approved,
            "available": counts.available,
            "declined": counts.declined,
        }
        if counts
        else None,
    }


async def fetch_poster(entry: MedianestConfigEntry, file: str) -> tuple[bytes, str]:
    """A request's poster by its TMDB file name, through Seerr."""
    coordinator = entry.runtime_data.coordinator
    assert isinstance(coordinator, SeerrCoordinator)
    return await coordinator.client.poster(file)
