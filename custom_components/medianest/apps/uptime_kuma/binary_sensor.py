"""Uptime Kuma's binary sensors: whether each monitor is up."""

from __future__ import annotations

from homeassistant.components.binary_sensor.const import BinarySensorDeviceClass
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ...api.uptime_kuma import MonitorStatus
from ...core.binary_sensor import ItemBinarySensorEntityDescription, MedianestItemBinarySensor
from ...core.entity import track_described_items
from ...core.spec import MedianestConfigEntry
from .coordinator import UptimeKumaData

MONITOR_CONNECTIVITY = ItemBinarySensorEntityDescription[UptimeKumaData, str](
    key="connectivity",
    translation_key="monitor_connectivity",
    device_class=BinarySensorDeviceClass.CONNECTIVITY,
    # Off only when Kuma says the monitor is down; pending (retrying) and maintenance are
    # not "down".
    is_on_fn=lambda data, i: (
        None if (m := data.monitors.get(i)) is None or m.status is None else m.status != MonitorStatus.DOWN
    ),
)


def setup_binary_sensors(
    entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    """Add each monitor's connectivity."""
    track_described_items(entry, async_add_entities, MedianestItemBinarySensor, (MONITOR_CONNECTIVITY,))
