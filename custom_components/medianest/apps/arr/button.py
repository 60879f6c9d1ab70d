"""Sonarr's and Radarr's buttons: RSS sync, search for what is missing, refresh the library."""

from __future__ import annotations

from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ...core.button import MedianestButton, MedianestButtonEntityDescription
from ...core.entity import add_described
from ...core.spec import MedianestConfigEntry
from .coordinator import ArrCoordinator

ArrButton = MedianestButtonEntityDescription[ArrCoordinator]

BUTTONS: tuple[ArrButton, ...] = (
    ArrButton(key="rss_sync", translation_key="rss_sync", press_fn=lambda c: c.client.command("RssSync")),
    ArrButton(
        key="search_missing",
        translation_key="search_missing",
        press_fn=lambda c: c.client.command(c.client.search_missing_command),
    ),
    ArrButton(
        key="refresh_library",
        translation_key="refresh_library",
        press_fn=lambda c: c.client.command(c.client.refresh_command),
        refresh_all=True,
    ),
)


def setup_buttons(entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback) -> None:
    """Add the buttons."""
    add_described(entry, async_add_entities, MedianestButton, BUTTONS)
