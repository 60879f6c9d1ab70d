"""The download queue's event entity: a download completed or failed."""

from __future__ import annotations

from typing import override

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ...core.entity import MedianestEntity
from ...core.spec import MedianestConfigEntry
from .coordinator import DownloaderCoordinator, DownloadEvent

DOWNLOADS = EventEntityDescription(
    key="downloads", translation_key="downloads", event_types=["completed", "failed"]
)


def setup_events(entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback) -> None:
    """Add the download events."""
    coordinator = entry.runtime_data.coordinator
    assert isinstance(coordinator, DownloaderCoordinator)
    async_add_entities([DownloadEventEntity(coordinator, DOWNLOADS)])


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
