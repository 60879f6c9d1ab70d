"""Prowlarr's binary sensors: its health check, and whether each indexer is failing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.components.binary_sensor.const import BinarySensorDeviceClass
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ...core.binary_sensor import ItemBinarySensorEntityDescription, MedianestItemBinarySensor
from ...core.entity import track_described_items
from ...core.spec import MedianestConfigEntry
from ..arr.binary_sensor import setup_health
from .coordinator import ProwlarrData


def _failure(data: ProwlarrData, indexer_id: int) -> Mapping[str, Any]:
    failure = data.failures.get(indexer_id)
    moments = {
        "disabled_till": failure.disabled_till if failure else None,
        "most_recent_failure": failure.most_recent_failure if failure else None,
        "initial_failure": failure.initial_failure if failure else None,
    }
    return {key: moment.isoformat() if moment else None for key, moment in moments.items()}


INDEXER_PROBLEM = ItemBinarySensorEntityDescription[ProwlarrData, int](
    key="problem",
    translation_key="indexer_problem",
    device_class=BinarySensorDeviceClass.PROBLEM,
    is_on_fn=lambda data, indexer_id: indexer_id in data.failures,
    attributes_fn=_failure,
)


def setup_binary_sensors(
    entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    """Add the health check's sensor, and each indexer's problem sensor."""
    setup_health(entry, async_add_entities)
    track_described_items(entry, async_add_entities, MedianestItemBinarySensor, (INDEXER_PROBLEM,))
