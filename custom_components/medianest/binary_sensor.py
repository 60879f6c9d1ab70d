"""Binary sensors: whether a service is reachable, and whether it reports problems."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, override

from homeassistant.components.binary_sensor import BinarySensorEntity, BinarySensorEntityDescription
from homeassistant.components.binary_sensor.const import BinarySensorDeviceClass
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from . import MedianestConfigEntry
from .const import ServiceKind
from .coordinator import MedianestCoordinator
from .entity import MedianestEntity, MedianestItemEntity, async_track_item_entities

PARALLEL_UPDATES = 0

MAX_LISTED_PROBLEMS = 10


@dataclass(frozen=True, kw_only=True)
class MedianestBinarySensorEntityDescription(BinarySensorEntityDescription):
    """A binary sensor read from a coordinator."""

    is_on_fn: Callable[[Any], bool | None]
    attributes_fn: Callable[[Any], Mapping[str, Any]] | None = None
    #: stays available while the service is down (the connectivity sensor)
    always_available: bool = False


CONNECTIVITY = MedianestBinarySensorEntityDescription(
    key="connectivity",
    translation_key="connectivity",
    device_class=BinarySensorDeviceClass.CONNECTIVITY,
    entity_category=EntityCategory.DIAGNOSTIC,
    is_on_fn=lambda c: c.reachable,
    # While the service asked for a pause (429 with a long Retry-After): until when.
    attributes_fn=lambda c: (
        {"rate_limited_until": until.isoformat()} if (until := c.rate_limited_until) else {}
    ),
    always_available=True,
)


def _health_problems(coordinator: Any) -> list[Any]:
    return [issue for issue in coordinator.data.health if issue.is_problem]


ARR_HEALTH = MedianestBinarySensorEntityDescription(
    key="health",
    translation_key="health",
    device_class=BinarySensorDeviceClass.PROBLEM,
    is_on_fn=lambda c: bool(_health_problems(c)),
    attributes_fn=lambda c: {
        "problems": [
            {"source": i.source, "type": i.type, "message": i.message}
            for i in _health_problems(c)[:MAX_LISTED_PROBLEMS]
        ]
    },
)

BINARY_SENSORS: dict[ServiceKind, tuple[MedianestBinarySensorEntityDescription, ...]] = {
    ServiceKind.SONARR: (ARR_HEALTH,),
    ServiceKind.RADARR: (ARR_HEALTH,),
    ServiceKind.PROWLARR: (ARR_HEALTH,),
}


@dataclass(frozen=True, kw_only=True)
class ItemBinarySensorEntityDescription(BinarySensorEntityDescription):
    """A binary sensor of one item (an indexer, a monitor)."""

    is_on_fn: Callable[[Any, Any], bool | None]
    attributes_fn: Callable[[Any, Any], Mapping[str, Any]] | None = None


def _indexer_failure(data: Any, indexer_id: Any) -> Mapping[str, Any]:
    failure = data.failures.get(indexer_id)
    moments = {
        "disabled_till": failure.disabled_till if failure else None,
        "most_recent_failure": failure.most_recent_failure if failure else None,
        "initial_failure": failure.initial_failure if failure else None,
    }
    return {key: moment.isoformat() if moment else None for key, moment in moments.items()}


ITEM_BINARY_SENSORS: dict[ServiceKind, tuple[ItemBinarySensorEntityDescription, ...]] = {
    ServiceKind.UPTIME_KUMA: (
        ItemBinarySensorEntityDescription(
            key="connectivity",
            translation_key="monitor_connectivity",
            device_class=BinarySensorDeviceClass.CONNECTIVITY,
            # Off only when Kuma says the monitor is down; pending (retrying) and
            # maintenance are not "down".
            is_on_fn=lambda data, i: (
                None if (m := data.monitors.get(i)) is None or m.status is None else m.status != 0
            ),
        ),
    ),
    ServiceKind.PROWLARR: (
        ItemBinarySensorEntityDescription(
            key="problem",
            translation_key="indexer_problem",
            device_class=BinarySensorDeviceClass.PROBLEM,
            is_on_fn=lambda data, indexer_id: indexer_id in data.failures,
            attributes_fn=_indexer_failure,
        ),
    ),
}


async def async_setup_entry(
    hass: HomeAssistant,
    entry: MedianestConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Set up the binary sensors of one entry."""
    coordinator = entry.runtime_data.coordinator
    async_add_entities(
        MedianestBinarySensor(coordinator, description)
        for description in (
            *((CONNECTIVITY,) if entry.runtime_data.spec.network else ()),
            *BINARY_SENSORS.get(entry.runtime_data.kind, ()),
        )
    )
    if item_sensors := ITEM_BINARY_SENSORS.get(entry.runtime_data.kind):
        async_track_item_entities(
            coordinator,
            item_sensors,
            lambda description, item_id: MedianestItemBinarySensor(coordinator, description, item_id),
            async_add_entities,
        )


class MedianestBinarySensor(MedianestEntity[MedianestCoordinator[Any, Any]], BinarySensorEntity):
    """A binary sensor described by a `MedianestBinarySensorEntityDescription`."""

    entity_description: MedianestBinarySensorEntityDescription

    @property
    @override
    def available(self) -> bool:
        return self.entity_description.always_available or super().available

    @property
    @override
    def is_on(self) -> bool | None:
        return self.entity_description.is_on_fn(self.coordinator)

    @property
    @override
    def extra_state_attributes(self) -> Mapping[str, Any] | None:
        if self.entity_description.attributes_fn is None:
            return None
        return self.entity_description.attributes_fn(self.coordinator)


class MedianestItemBinarySensor(MedianestItemEntity[MedianestCoordinator[Any, Any]], BinarySensorEntity):
    """A binary sensor of one item, described by an `ItemBinarySensorEntityDescription`."""

    entity_description: ItemBinarySensorEntityDescription

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
