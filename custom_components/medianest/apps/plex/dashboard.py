"""What the Media dashboard shows of Plex: who plays what."""

from __future__ import annotations

from typing import Any

from ...core.spec import MedianestConfigEntry
from .coordinator import PlexCoordinator
from .poster import poster_url


async def dashboard_section(entry: MedianestConfigEntry) -> dict[str, Any]:
    """The sessions playing now (read now) and the newest item, with its poster."""
    coordinator = entry.runtime_data.coordinator
    assert isinstance(coordinator, PlexCoordinator)
    playing = await coordinator.client.playing()
    latest = coordinator.data.latest
    return {
        "playing": [
            {
                "user": s.user,
                "title": s.title,
                "player": s.player,
                "state": s.state,
                "media_type": s.media_type,
            }
            for s in playing
        ],
        "latest": {
            "title": latest.display_title,
            "year": latest.year,
            "library": latest.library,
            "poster": poster_url(coordinator.hass, entry.entry_id, latest),
        }
        if latest
        else None,
    }
