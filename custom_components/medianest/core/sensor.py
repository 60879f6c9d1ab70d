"""Sensors described by data: a service's own, and those of its items."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final, override

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import UnitOfDataRate, UnitOfInformation, UnitOfTime
from homeassistant.helpers.typing import StateType

from .coordinator import MedianestCoordinator
from .entity import MedianestEntity, MedianestItemEntity

# How figures are shown: bytes as gigabytes, rates as megabytes a second, times in milliseconds
# (spread into a description: `**BYTES_AS_GB`).
BYTES_AS_GB: Final[dict[str, Any]] = {
    "device_class": SensorDeviceClass.DATA_SIZE,
    "native_unit_of_measurement": UnitOfInformation.BYTES,
    "suggested_unit_of_measurement": UnitOfInformation.GIGABYTES,
}
BYTES_PER_SECOND_AS_MB: Final[dict[str, Any]] = {
    "device_class": SensorDeviceClass.DATA_RATE,
    "native_unit_of_measurement": UnitOfDataRate.BYTES_PER_SECOND,
    "suggested_unit_of_measurement": UnitOfDataRate.MEGABYTES_PER_SECOND,
    # 50 kB/s is 0.05 MB/s, not 0.0
    "suggested_display_precision": 2,
}
MILLISECONDS: Final[dict[str, Any]] = {
    "device_class": SensorDeviceClass.DURATION,
    "native_unit_of_measurement": UnitOfTime.MILLISECONDS,
}


@dataclass(frozen=True, kw_only=True)
class MedianestSensorEntityDescription[DataT](SensorEntityDescription):
    """A sensor read from a service's data."""

    value_fn: Callable[[DataT], StateType]
    #: whether the data has a value (the entity is unavailable while the service is down)
    available_fn: Callable[[DataT], bool] | None = None
    attributes_fn: Callable[[DataT], Mapping[str, Any] | None] | None = None


@dataclass(frozen=True, kw_only=True)
class ItemSensorEntityDescription[DataT, ItemT: int | str](SensorEntityDescription):
    """A sensor of one item (an indexer, a monitor), read from the service's data."""

    value_fn: Callable[[DataT, ItemT], StateType]
    #: whether an item has this sensor (a monitor's certificate)
    exists_fn: Callable[[DataT, ItemT], bool] | None = None


class MedianestSensor[DataT](MedianestEntity[MedianestCoordinator[Any, DataT]], SensorEntity):
    """A sensor described by a `MedianestSensorEntityDescription`."""

    entity_description: MedianestSensorEntityDescription[DataT]

    @override
    def _state_key(self) -> tuple[Any, ...]:
        return (self.available, self.native_value, self.extra_state_attributes)

    @property
    @override
    def available(self) -> bool:
        available_fn = self.entity_description.available_fn
        return super().available and (available_fn is None or available_fn(self.coordinator.data))

    @property
    @override
    def native_value(self) -> StateType:
        return self.entity_description.value_fn(self.coordinator.data)

    @property
    @override
    def extra_state_attributes(self) -> Mapping[str, Any] | None:
        if self.entity_description.attributes_fn is None:
            return None
        return self.entity_description.attributes_fn(self.coordinator.data)


class MedianestItemSensor[DataT, ItemT: int | str](
    MedianestItemEntity[MedianestCoordinator[Any, DataT]], SensorEntity
):
    """A sensor of one item, described by an `ItemSensorEntityDescription`."""

    entity_description: ItemSensorEntityDescription[DataT, ItemT]
    item_id: ItemT

    @override
    def _state_key(self) -> tuple[Any, ...]:
        # What `available` and `native_value` say, without their layers: a Kuma with 300
        # monitors asks this of 2,000 entities in every poll.
        coordinator = self.coordinator
        data = coordinator.data
        available = coordinator.last_update_success and self.item_id in self._items.ids_fn(data)
        return (available, self.entity_description.value_fn(data, self.item_id))

    @property
    @override
    def native_value(self) -> StateType:
        return self.entity_description.value_fn(self.coordinator.data, self.item_id)


def counter[DataT](
    data_type: type[DataT],
    key: str,
    value_fn: Callable[[DataT], StateType],
    *,
    translation_key: str | None = None,
    **extra: Any,
) -> MedianestSensorEntityDescription[DataT]:
    """A sensor that counts something in a service's data (of `data_type`); no unit."""
    fields: dict[str, Any] = {"state_class": SensorStateClass.MEASUREMENT, **extra}
    return MedianestSensorEntityDescription(
        key=key, translation_key=translation_key or key, value_fn=value_fn, **fields
    )
