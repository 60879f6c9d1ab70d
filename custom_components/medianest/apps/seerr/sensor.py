"""Seerr's sensors: requests by status and type, failed requests, open issues."""

from __future__ import annotations

from homeassistant.components.sensor import SensorStateClass
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ...core.entity import add_described
from ...core.sensor import MedianestSensor, MedianestSensorEntityDescription, counter
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
    counter(SeerrData, "failed_requests", lambda data: data.failed),
    counter(
        SeerrData,
        "open_issues",
        lambda data: data.issues.open if data.issues else None,
        available_fn=lambda data: data.issues is not None,
    ),
)


def setup_sensors(entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback) -> None:
    """Add Seerr's sensors."""
    add_described(entry, async_add_entities, MedianestSensor, SENSORS)
