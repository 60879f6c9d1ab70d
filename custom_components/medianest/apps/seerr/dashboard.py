"""What the Media dashboard shows of Seerr: the requests waiting for approval."""

from __future__ import annotations

from typing import Any

from ...core.spec import MedianestConfigEntry
from .coordinator import SeerrCoordinator
from .describe import request_json

#: how many pending requests a dashboard shows
DASHBOARD_REQUESTS = 20


async def dashboard_section(entry: MedianestConfigEntry) -> dict[str, Any]:
    """The pending requests, newest first, with their titles."""
    coordinator = entry.runtime_data.coordinator
    assert isinstance(coordinator, SeerrCoordinator)
    total, requests = await coordinator.client.requests(take=DASHBOARD_REQUESTS, status_filter="pending")
    titles = await coordinator.client.titles(requests)
    counts = coordinator.data.counts
    return {
        "pending_total": total,
        # Without Seerr's poster address: it is a CDN's, and the browser must reach only
        # Home Assistant.
        "pending": [
            {k: v for k, v in request_json(r, titles.get(r.id)).items() if k != "poster"} for r in requests
        ],
        "counts": {
            "pending": counts.pending,
            "approved": counts.approved,
            "available": counts.available,
            "declined": counts.declined,
        }
        if counts
        else None,
    }
