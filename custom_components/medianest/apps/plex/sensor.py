"""Plex's sensors: sessions, transcodes, the newest item (with its poster), each library's size."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, override

from homeassistant.components.sensor import SensorEntity, SensorEntityDescription, SensorStateClass
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ...core.entity import MedianestEntity, async_track_dynamic_entities
from ...core.sensor import MedianestSensor, MedianestSensorEntityDescription
from ...core.spec import MedianestConfigEntry
from .coordinator import PlexCoordinator, PlexData
from .poster import plex_poster_url

PlexSensorDescription = MedianestSensorEntityDescription[PlexData]


def _sessions_attributes(data: PlexData) -> Mapping[str, Any] | None:
    sessions = data.sessions
    if sessions is None:
        return None
    return {
        "playing": sessions.playing,
        "paused": sessions.paused,
        "remote": sessions.remote,
        "bandwidth_kbps": sessions.bandwidth,
    }


def _latest_attributes(data: PlexData) -> Mapping[str, Any] | None:
    item = data.latest
    if item is None:
        return None
    attributes = {
        "type": item.type,
        "title": item.title,
        "year": item.year,
        "library": item.library,
        "added_at": item.added_at.isoformat() if item.added_at else None,
        "show": item.show,
        "season": item.season,
        "episode": item.episode,
    }
    return {k: v for k, v in attributes.items() if v is not None}


SENSORS: tuple[PlexSensorDescription, ...] = (
    PlexSensorDescription(
        key="sessions",
        translation_key="plex_sessions",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda data: data.sessions.total if data.sessions else None,
        attributes_fn=_sessions_attributes,
    ),
    PlexSensorDescription(
        key="transcoding",
        translation_key="plex_transcoding",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda data: data.sessions.transcoding if data.sessions else None,
    ),
)

LATEST_ADDED = PlexSensorDescription(
    key="latest_added",
    translation_key="plex_latest_added",
    value_fn=lambda data: data.latest.display_title[:255] if data.latest else None,
    attributes_fn=_latest_attributes,
)

LIBRARY_ITEMS = SensorEntityDescription(
    key="library_items",
    translation_key="plex_library_items",
    state_class=SensorStateClass.MEASUREMENT,
)


def setup_sensors(entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback) -> None:
    """Add Plex's sensors, and one per library."""
    coordinator = entry.runtime_data.coordinator
    assert isinstance(coordinator, PlexCoordinator)
    async_add_entities(
        [
            *(MedianestSensor(coordinator, description) for description in SENSORS),
            LatestAddedSensor(coordinator, LATEST_ADDED),
        ]
    )
    async_track_dynamic_entities(
        coordinator,
        lambda: list(coordinator.data.sections),
        lambda key: LibraryItemsSensor(coordinator, key),
        async_add_entities,
    )


class LatestAddedSensor(MedianestSensor[PlexData]):
    """The newest item in Plex, with its poster as the entity's picture."""

    @override
    def _state_key(self) -> tuple[Any, ...]:
        return (*super()._state_key(), self.entity_picture)  # the signed address is renewed

    @property
    @override
    def entity_picture(self) -> str | None:
        latest = self.coordinator.data.latest
        return plex_poster_url(
            self.hass, self.coordinator.config_entry.entry_id, latest.thumb if latest else None
        )


class LibraryItemsSensor(MedianestEntity[PlexCoordinator], SensorEntity):
    """How many items one Plex library holds; it exists while the library does."""

    def __init__(self, coordinator: PlexCoordinator, key: str) -> None:
        """Set up the sensor for one library."""
        super().__init__(coordinator, LIBRARY_ITEMS, key)
        self._key = key
        section = coordinator.data.sections[key]
        self._attr_translation_placeholders = {"library": section.title}

    @property
    @override
    def available(self) -> bool:
        return super().available and self._key in self.coordinator.data.counts

    @property
    @override
    def native_value(self) -> int | None:
        return self.coordinator.data.counts.get(self._key)

    @property
    @override
    def extra_state_attributes(self) -> Mapping[str, Any] | None:
        section = self.coordinator.data.sections.get(self._key)
        if section is None:
            return None
        return {
            "library_type": section.type,
            "scanning": section.refreshing,
            "last_scanned": section.scanned_at.isoformat() if section.scanned_at else None,
        }
