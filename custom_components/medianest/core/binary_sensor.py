"""Binary sensors described by data: a service's own, and those of its items."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, override

from homeassistant.components.binary_sensor import BinarySensorEntity, BinarySensorEntityDescription

from .coordinator import MedianestCoordinator
from .entity import MedianestEntity, MedianestItemEntity


@dataclass(frozen=True, kw_only=True)
class MedianestBinarySensorEntityDescription[DataT](BinarySensorEntityDescription):
    """A binary sensor read from a service's data."""

    is_on_fn: Callable[[DataT], bool | None]
    attributes_fn: Callable[[DataT], Mapping[str, Any]] | None = None


@dataclass(frozen=True, kw_only=True)
class ItemBinarySensorEntityDescription[DataT, ItemT: int | str](BinarySensorEntityDescription):
    """A binary sensor of one item (an indexer, a monitor), read from the service's data."""

    is_on_fn: Callable[[DataT, ItemT], bool | None]
    attributes_fn: Callable[[DataT, ItemT], Mapping[str, Any]] | None = None


class MedianestBinarySensor[DataT](MedianestEntity[MedianestCoordinator[Any, DataT]], BinarySensorEntity):
    """A binary sensor described by a `MedianestBinarySensorEntityDescription`."""

    entity_description: MedianestBinarySensorEntityDescription[DataT]

    @override
    def _state_key(self) -> tuple[Any, ...]:
        return (self.available, self.is_on, self.extra_state_attributes)

    @property
    @override
    def is_on(self) -> bool | None:
        return self.entity_description.is_on_fn(self.coordinator.data)

    @property
    @override
    def extra_state_attributes(self) -> Mapping[str, Any] | None:
        if self.entity_description.attributes_fn is None:
            return None
        return self.entity_description.attributes_fn(self.coordinator.data)


class MedianestItemBinarySensor[DataT, ItemT: int | str](
    MedianestItemEntity[MedianestCoordinator[Any, DataT]], BinarySensorEntity
):
    """A binary sensor of one item, described by an `ItemBinarySensorEntityDescription`."""

    entity_description: ItemBinarySensorEntityDescription[DataT, ItemT]
    item_id: ItemT

    @override
    def _state_key(self) -> tuple[Any, ...]:
        return (self.available, self.is_on, self.extra_state_attributes)

    @property
    @override
    def is_on(self) -> bool | None:
        return self.entity_description.is_on_fn(self.coordinator.data, self.item_id)

    @property
    @override
    def extra_state_attributes(self) -> Mapping[str, Any] | None:
        if self.entity_description.attributes_fn is None:
            return None
        return self.entity_description.attributes_fn(self.coordinator.data, self.item_id)
