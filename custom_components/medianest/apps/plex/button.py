"""Plex's button: scan every library."""

from __future__ import annotations

from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ...core.button import MedianestButton, MedianestButtonEntityDescription
from ...core.entity import add_described
from ...core.spec import MedianestConfigEntry
from .coordinator import PlexCoordinator


async def _scan_all(coordinator: PlexCoordinator) -> None:
    for section in list(coordinator.data.sections.values()):
        await coordinator.client.refresh(section)


SCAN_LIBRARIES = MedianestButtonEntityDescription[PlexCoordinator](
    key="scan_libraries", translation_key="scan_libraries", press_fn=_scan_all, refresh_all=True
)


def setup_buttons(entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback) -> None:
    """Add the button."""
    add_described(entry, async_add_entities, MedianestButton, (SCAN_LIBRARIES,))
