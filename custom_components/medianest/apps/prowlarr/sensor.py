"""Prowlarr's sensors: how many indexers, enabled and failing; each indexer's statistics."""

from __future__ import annotations

from collections.abc import Callable

from homeassistant.components.sensor import SensorStateClass
from homeassistant.const import EntityCategory
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from ...core.entity import add_described, track_described_items
from ...core.sensor import (
    MILLISECONDS,
    ItemSensorEntityDescription,
    MedianestItemSensor,
    MedianestSensor,
    MedianestSensorEntityDescription,
    counter,
)
from ...core.spec import MedianestConfigEntry
from .coordinator import ProwlarrData

ProwlarrSensor = MedianestSensorEntityDescription[ProwlarrData]
IndexerSensor = ItemSensorEntityDescription[ProwlarrData, int]

SENSORS: tuple[ProwlarrSensor, ...] = (
    counter(ProwlarrData, "indexers", lambda data: len(data.indexers)),
    counter(
        ProwlarrData, "enabled_indexers", lambda data: sum(1 for i in data.indexers.values() if i.enabled)
    ),
    counter(ProwlarrData, "failing_indexers", lambda data: len(data.failing)),
)


def _stat(attribute: str) -> Callable[[ProwlarrData, int], StateType]:
    def value(data: ProwlarrData, indexer_id: int) -> StateType:
        stats = data.stats.get(indexer_id)
        # An indexer without a record had no queries in the window.
        return getattr(stats, attribute) if stats else 0

    return value


INDEXER_SENSORS: tuple[IndexerSensor, ...] = (
    IndexerSensor(
        key="queries",
        translation_key="indexer_queries",
        state_class=SensorStateClass.MEASUREMENT,
        entity_registry_enabled_default=False,
        value_fn=_stat("queries"),
    ),
    IndexerSensor(
        key="grabs",
        translation_key="indexer_grabs",
        state_class=SensorStateClass.MEASUREMENT,
        entity_registry_enabled_default=False,
        value_fn=_stat("grabs"),
    ),
    IndexerSensor(
        key="failed_queries",
        translation_key="indexer_failed_queries",
        state_class=SensorStateClass.MEASUREMENT,
        entity_registry_enabled_default=False,
        value_fn=_stat("failed_queries"),
    ),
    IndexerSensor(
        key="average_response_time",
        translation_key="indexer_response_time",
        **MILLISECONDS,
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        entity_registry_enabled_default=False,
        value_fn=lambda data, indexer_id: (
            stats.average_response_time if (stats := data.stats.get(indexer_id)) else None
        ),
    ),
)


def setup_sensors(entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback) -> None:
    """Add Prowlarr's sensors, and each indexer's."""
    add_described(entry, async_add_entities, MedianestSensor, SENSORS)
    track_described_items(entry, async_add_entities, MedianestItemSensor, INDEXER_SENSORS)
