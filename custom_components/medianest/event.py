"""Event entities: things that happen in a service (Seerr's requests, finished downloads)."""

from __future__ import annotations

from typing import override

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from . import MedianestConfigEntry
from .apps.downloader.coordinator import DownloaderCoordinator, DownloadEvent
from .apps.seerr.coordinator import RequestEvent, SeerrCoordinator
from .entity import MedianestEntity

PARALLEL_UPDATES = 0

REQUEST_EVENT_TYPES = ["new", "approved", "declined", "available", "failed"]

REQUESTS = EventEntityDescription(key="requests", translation_key="requests", event_types=REQUEST_EVENT_TYPES)
DOWNLOADS = EventEntityDescription(
    key="downloads", translation_key="downloads", event_types=["completed", "failed"]
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: MedianestConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Set up the event entities of one entry."""
    coordinator = entry.runtime_data.coordinator
    if isinstance(coordinator, SeerrCoordinator):
        async_add_entities([RequestEventEntity(coordinator, REQUESTS)])
    if isinstance(coordinator, DownloaderCoordinator):
        async_add_entities([DownloadEventEntity(coordinator, DOWNLOADS)])


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


class DownloadEventEntity(MedianestEntity[DownloaderCoordinator], EventEntity):
    """A download completed or failed; the attributes say which, where to and why."""

    @override
    async def async_added_to_hass(self) -> None:
        await super().async_added_to_hass()
        self.async_on_remove(self.coordinator.async_add_event_listener(self._handle_download_event))

    @callback
    def _handle_download_event(self, event: DownloadEvent) -> None:
        download = event.download
        self._trigger_event(
            event.event_type,
            {
                "download_id": download.id,
                "title": download.title,
                "url": download.url,
                "file_path": download.file_path,
                "error": download.error,
            },
        )
        self.async_write_ha_state()
