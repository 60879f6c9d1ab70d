"""Prowlarr's button: test every indexer."""

from __future__ import annotations

from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ...core.button import MedianestButton, MedianestButtonEntityDescription
from ...core.entity import add_described
from ...core.spec import MedianestConfigEntry
from .coordinator import ProwlarrCoordinator

TEST_INDEXERS = MedianestButtonEntityDescription[ProwlarrCoordinator](
    key="test_indexers",
    translation_key="test_indexers",
    press_fn=lambda c: c.client.test_all_indexers(),
    refresh_all=True,
)


def setup_buttons(entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback) -> None:
    """Add the button."""
    add_described(entry, async_add_entities, MedianestButton, (TEST_INDEXERS,))
