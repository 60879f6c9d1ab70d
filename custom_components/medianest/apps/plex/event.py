"""Plex's playback events: a session started, paused, resumed or stopped."""

from __future__ import annotations

from typing import Any, override

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ...core.entity import MedianestEntity
from ...core.spec import MedianestConfigEntry
from .coordinator import PlexCoordinator
from .push import PLAYBACK_EVENT_TYPES

PLAYBACK = EventEntityDescription(
    key="playback", translation_key="playback", event_types=PLAYBACK_EVENT_TYPES
)


def setup_events(entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback) -> None:
    """Add the playback events."""
    coordinator = entry.runtime_data.coordinator
    assert isinstance(coordinator, PlexCoordinator)
    async_add_entities([PlaybackEventEntity(coordinator, PLAYBACK)])


class PlaybackEventEntity(MedianestEntity[PlexCoordinator], EventEntity):
    """Someone started, paused, resumed or stopped watching; the attributes say who, what, where."""

    @override
    async def async_added_to_hass(self) -> None:
        await super().async_added_to_hass()
        self.async_on_remove(self.coordinator.async_add_push_listener(self._handle_playback))

    @callback
    def _handle_playback(self, event_type: str, attributes: dict[str, Any]) -> None:
        self._trigger_event(event_type, attributes)
        self.async_write_ha_state()
