"""What the Media dashboard shows of Plex: who plays what, and what was added."""

from __future__ import annotations

import asyncio
from typing import Any

from homeassistant.core import HomeAssistant

from ...api.plex import MediaItem
from ...core.spec import MedianestConfigEntry
from .coordinator import PlexCoordinator
from .poster import plex_poster_url

#: how many of the newest items a dashboard shows, read from how many newest episodes and movies
RECENT_ITEMS = 12
RECENT_READ = 40


async def dashboard_section(entry: MedianestConfigEntry) -> dict[str, Any]:
    """The sessions playing now and the newest items (both read now), with posters."""
    coordinator = entry.runtime_data.coordinator
    assert isinstance(coordinator, PlexCoordinator)
    hass, entry_id = coordinator.hass, entry.entry_id
    playing, recent = await asyncio.gather(
        coordinator.client.playing(), coordinator.client.recently_added(RECENT_READ)
    )
    return {
        "playing": [
            {
                "user": s.user,
                "title": s.title,
                "player": s.player,
                "state": s.state,
                "media_type": s.media_type,
                "progress": s.progress,
                "transcode": s.transcode,
                "poster": plex_poster_url(hass, entry_id, s.thumb),
            }
            for s in playing
        ],
        "recent": _shelf(hass, entry_id, recent),
        "server_id": coordinator.data.identity.machine_identifier if coordinator.data.identity else None,
    }


def _shelf(hass: HomeAssistant, entry_id: str, recent: list[MediaItem]) -> list[dict[str, Any]]:
    """The newest items, a show's new episodes as one (with their count), newest first."""
    shelf: dict[str, dict[str, Any]] = {}
    for item in recent:
        key = f"show:{item.show}" if item.show else item.rating_key
        if (known := shelf.get(key)) is not None:
            known["count"] += 1
            known["title"] = item.show
            continue
        if len(shelf) == RECENT_ITEMS:
            continue
        shelf[key] = {
            "title": item.display_title,
            "year": item.year,
            "library": item.library,
            "added": item.added_at.isoformat() if item.added_at else None,
            "poster": plex_poster_url(hass, entry_id, item.thumb),
            "rating_key": item.rating_key,
            "count": 1,
        }
    return list(shelf.values())
