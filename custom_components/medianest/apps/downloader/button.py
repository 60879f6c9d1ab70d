"""The download queue's button: forget the finished downloads."""

from __future__ import annotations

from homeassistant.const import EntityCategory
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ...core.button import MedianestButton, MedianestButtonEntityDescription
from ...core.entity import add_described
from ...core.spec import MedianestConfigEntry
from .coordinator import DownloaderCoordinator

CLEAR_HISTORY = MedianestButtonEntityDescription[DownloaderCoordinator](
    key="clear_history",
    translation_key="clear_history",
    entity_category=EntityCategory.CONFIG,
    press_fn=lambda c: c.async_clear_history(),
)


def setup_buttons(entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback) -> None:
    """Add the button."""
    add_described(entry, async_add_entities, MedianestButton, (CLEAR_HISTORY,))
