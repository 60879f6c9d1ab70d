"""Sonarr's and Radarr's activity: what they push (grabbed, downloaded, upgraded, added, ...)."""

from __future__ import annotations

from typing import Any, override

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ...core.entity import MedianestEntity
from ...core.spec import MedianestConfigEntry
from .coordinator import ArrCoordinator
from .push import ACTIVITY_EVENT_TYPES

ACTIVITY = EventEntityDescription(
    key="activity", translation_key="activity", event_types=ACTIVITY_EVENT_TYPES
)


def setup_events(entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback) -> None:
    """Add the activity events."""
    coordinator = entry.runtime_data.coordinator
    assert isinstance(coordinator, ArrCoordinator)
    async_add_entities([ActivityEventEntity(coordinator, ACTIVITY)])


class ActivityEventEntity(MedianestEntity[ArrCoordinator], EventEntity):
    """Something happened in the server; the attributes say what (title, episodes, quality, ...).

    Events come only when the server pushes them (see the entry's options).
    """

    @override
    async def async_added_to_hass(self) -> None:
        await super().async_added_to_hass()
        self.async_on_remove(self.coordinator.async_add_push_listener(self._handle_event))

    @callback
    def _handle_event(self, event_type: str, attributes: dict[str, Any]) -> None:
        self._trigger_event(event_type, attributes)
        self.async_write_ha_state()
