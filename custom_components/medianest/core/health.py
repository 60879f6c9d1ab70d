"""The health entities every networked service has: connectivity, response time, error rate."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, override

from homeassistant.components.binary_sensor import BinarySensorEntity, BinarySensorEntityDescription
from homeassistant.components.binary_sensor.const import BinarySensorDeviceClass
from homeassistant.components.sensor import (
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import PERCENTAGE, EntityCategory
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from .coordinator import MedianestCoordinator
from .entity import MedianestEntity
from .sensor import MILLISECONDS
from .spec import MedianestConfigEntry

type AnyCoordinator = MedianestCoordinator[Any, Any]


@dataclass(frozen=True, kw_only=True)
class HealthSensorEntityDescription(SensorEntityDescription):
    """A figure of how the service answers, read from its client."""

    value_fn: Callable[[AnyCoordinator], StateType]
    #: stays available while the service is down (the error rate matters most then)
    always_available: bool = False


HEALTH_SENSORS: tuple[HealthSensorEntityDescription, ...] = (
    HealthSensorEntityDescription(
        key="response_time",
        translation_key="response_time",
        **MILLISECONDS,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda c: (
            None
            if c.client.metrics.last_response_time is None
            else round(c.client.metrics.last_response_time * 1000, 1)
        ),
    ),
    HealthSensorEntityDescription(
        key="error_rate",
        translation_key="error_rate",
        native_unit_of_measurement=PERCENTAGE,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda c: c.client.metrics.error_rate,
        always_available=True,
    ),
)

CONNECTIVITY = BinarySensorEntityDescription(
    key="connectivity",
    translation_key="connectivity",
    device_class=BinarySensorDeviceClass.CONNECTIVITY,
    entity_category=EntityCategory.DIAGNOSTIC,
)


class HealthSensor(MedianestEntity[AnyCoordinator], SensorEntity):
    """How fast the service answers, and how often it fails."""

    entity_description: HealthSensorEntityDescription

    @override
    def _state_key(self) -> tuple[Any, ...]:
        return (self.available, self.native_value)

    @property
    @override
    def available(self) -> bool:
        return self.entity_description.always_available or super().available

    @property
    @override
    def native_value(self) -> StateType:
        return self.entity_description.value_fn(self.coordinator)


class ConnectivitySensor(MedianestEntity[AnyCoordinator], BinarySensorEntity):
    """Whether the last poll reached the service; available while it is down."""

    @override
    def _state_key(self) -> tuple[Any, ...]:
        return (self.is_on, self.extra_state_attributes)

    @property
    @override
    def available(self) -> bool:
        return True

    @property
    @override
    def is_on(self) -> bool:
        return self.coordinator.reachable

    @property
    @override
    def extra_state_attributes(self) -> Mapping[str, Any]:
        # While the service asked for a pause (429 with a long Retry-After): until when.
        until = self.coordinator.rate_limited_until
        return {"rate_limited_until": until.isoformat()} if until else {}


def add_health_sensors(
    entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    """Add the response time and error rate of a networked service."""
    if entry.runtime_data.spec.network:
        coordinator = entry.runtime_data.coordinator
        async_add_entities(HealthSensor(coordinator, description) for description in HEALTH_SENSORS)


def add_connectivity(entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback) -> None:
    """Add the connectivity of a networked service."""
    if entry.runtime_data.spec.network:
        async_add_entities([ConnectivitySensor(entry.runtime_data.coordinator, CONNECTIVITY)])
