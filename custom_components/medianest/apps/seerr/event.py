"""Seerr's event entity: requests made, approved, declined, available or failed."""

from __future__ import annotations

from typing import override

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ...core.entity import MedianestEntity
from ...core.spec import MedianestConfigEntry
from .coordinator import RequestEvent, SeerrCoordinator

REQUEST_EVENT_TYPES = ["new", "approved", "declined", "available", "failed"]

REQUESTS = EventEntityDescription(key="requests", translation_key="requests", event_types=REQUEST_EVENT_TYPES)


def setup_events(entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback) -> None:
    """Add the request events."""
    coordinator = entry.runtime_data.coordinator
    assert isinstance(coordinator, SeerrCoordinator)
    async_add_entities([RequestEventEntity(coordinator, REQUESTS)])


class RequestEventEntity(MedianestEntity[SeerrCoordinator], EventEntity):
    """A media request was made, approved, declined, became available or failed.

    Its attributes say which request: id, title, media type, requester and poster.
    """

    @override
    async def async_added_to_hass(self) -> None:
        await super().async_added_to_hass()
        self.async_on_remove(self.coordinator.async_add_event_listener(self._handle_request_event))

    @callback
    def _handle_request_event(self, event: RequestEvent) -> None:
        self._trigger_event(
            event.event_type,
            {
                "request_id": event.request_id,
                "title": event.title,
                "media_type": event.media_type,
                "requested_by": event.requested_by,
                "poster": event.poster,
            },
        )
        self.async_write_ha_state()
