"""Seerr's sensors: requests by status and type, failed requests, open issues."""

from __future__ import annotations

from homeassistant.components.sensor import SensorStateClass
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ...core.sensor import MedianestSensorEntityDescription, add_sensors
from ...core.spec import MedianestConfigEntry
from .coordinator import SeerrData

SeerrSensor = MedianestSensorEntityDescription[SeerrData]


def _request_count(key: str) -> SeerrSensor:
    return SeerrSensor(
        key=f"{key}_requests",
        translation_key=f"{key}_requests",
        state_class=SensorStateClass.MEASUREMENT,
        # By type, the counts are less often wanted on a dashboard.
        entity_registry_enabled_default=key not in ("movie", "tv"),
        value_fn=lambda data: getattr(data.counts, key) if data.counts else None,
    )


SENSORS: tuple[SeerrSensor, ...] = (
    *(
        _request_count(key)
        for key in (
            "pending",
            "approved",
            "processing",
            "available",
            "completed",
            "declined",
            "total",
            "movie",
            "tv",
        )
    ),
    SeerrSensor(
        key="failed_requests",
        translation_key="failed_requests",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda data: data.failed,
    ),
    SeerrSensor(
        key="open_issues",
        translation_key="open_issues",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda data: data.issues.open if data.issues else None,
        available_fn=lambda data: data.issues is not None,
    ),
)


def setup_sensors(entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback) -> None:
    """Add Seerr's sensors."""
    add_sensors(entry, async_add_entities, SENSORS)
