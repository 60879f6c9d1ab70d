"""Sonarr's and Radarr's sensors: queue, missing, upcoming, library, and each root folder's free space."""

from __future__ import annotations

from collections.abc import Callable
from typing import override

from homeassistant.components.sensor import (
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ...core.entity import MedianestEntity, add_described, async_track_dynamic_entities
from ...core.sensor import BYTES_AS_GB, MedianestSensor, MedianestSensorEntityDescription, counter
from ...core.spec import MedianestConfigEntry
from .coordinator import ArrCoordinator, ArrData

ArrSensor = MedianestSensorEntityDescription[ArrData]


def arr_sensors(item_key: str) -> tuple[ArrSensor, ...]:
    """The sensors of Sonarr (`series`) or Radarr (`movies`)."""
    return (
        counter(ArrData, "queue", lambda data: data.queue_count),
        counter(ArrData, "missing", lambda data: data.missing_count, translation_key=f"missing_{item_key}"),
        # A movie can have several releases in the window; count each title once.
        counter(
            ArrData,
            "upcoming",
            lambda data: len({item.id for item in data.upcoming}),
            translation_key=f"upcoming_{item_key}",
        ),
        counter(
            ArrData,
            "library",
            lambda data: data.library.count if data.library else None,
            translation_key=f"library_{item_key}",
        ),
        ArrSensor(
            key="library_size",
            translation_key="library_size",
            **BYTES_AS_GB,
            suggested_display_precision=1,
            state_class=SensorStateClass.MEASUREMENT,
            entity_registry_enabled_default=False,
            value_fn=lambda data: data.library.size_on_disk if data.library else None,
        ),
    )


ROOT_FOLDER_FREE_SPACE = SensorEntityDescription(
    key="free_space",
    translation_key="root_folder_free_space",
    **BYTES_AS_GB,
    suggested_display_precision=1,
    state_class=SensorStateClass.MEASUREMENT,
)


def setup_sensors(item_key: str) -> Callable[[MedianestConfigEntry, AddConfigEntryEntitiesCallback], None]:
    """The sensor setup of Sonarr (`series`) or Radarr (`movies`)."""
    descriptions = arr_sensors(item_key)

    def setup(entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback) -> None:
        add_described(entry, async_add_entities, MedianestSensor, descriptions)
        coordinator = entry.runtime_data.coordinator
        assert isinstance(coordinator, ArrCoordinator)
        async_track_dynamic_entities(
            coordinator,
            lambda: list(coordinator.data.root_folders),
            lambda folder_id: RootFolderFreeSpaceSensor(coordinator, folder_id),
            async_add_entities,
        )

    return setup


class RootFolderFreeSpaceSensor(MedianestEntity[ArrCoordinator], SensorEntity):
    """Free space of one root folder; it exists while the folder does."""

    def __init__(self, coordinator: ArrCoordinator, folder_id: int) -> None:
        """Set up the sensor for one folder."""
        super().__init__(coordinator, ROOT_FOLDER_FREE_SPACE, str(folder_id))
        self._folder_id = folder_id
        self._attr_translation_placeholders = {"path": coordinator.data.root_folders[folder_id].path}

    @property
    @override
    def available(self) -> bool:
        return super().available and self._folder_id in self.coordinator.data.root_folders

    @property
    @override
    def native_value(self) -> int | None:
        folder = self.coordinator.data.root_folders.get(self._folder_id)
        return folder.free_space if folder else None
