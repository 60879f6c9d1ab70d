"""Plex's posters, for Home Assistant's poster view: the server's token stays inside."""

from __future__ import annotations

from homeassistant.core import HomeAssistant

from ...api.plex import poster_key
from ...core.poster import POSTER_HEIGHT, POSTER_WIDTH, poster_url
from ...core.spec import MedianestConfigEntry
from .coordinator import PlexCoordinator


def plex_poster_url(hass: HomeAssistant, entry_id: str, thumb: str | None) -> str | None:
    """The signed URL of the poster at a path the server gave (an item's `thumb`)."""
    return poster_url(hass, entry_id, poster_key(thumb))


async def fetch_poster(entry: MedianestConfigEntry, rating_key: str) -> tuple[bytes, str]:
    """An item's poster, scaled by the server."""
    coordinator = entry.runtime_data.coordinator
    assert isinstance(coordinator, PlexCoordinator)
    return await coordinator.client.poster(rating_key, POSTER_WIDTH, POSTER_HEIGHT)
