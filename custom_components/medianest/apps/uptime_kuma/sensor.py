"""Uptime Kuma's sensors: monitors up and down; each monitor's status, times and certificate."""

from __future__ import annotations

from homeassistant.components.sensor import SensorDeviceClass, SensorStateClass
from homeassistant.const import PERCENTAGE, UnitOfTime
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ...api.uptime_kuma import Monitor, MonitorStatus
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
from .coordinator import UptimeKumaData

KumaSensor = MedianestSensorEntityDescription[UptimeKumaData]
MonitorSensor = ItemSensorEntityDescription[UptimeKumaData, str]

MONITOR_STATUSES = ["up", "down", "pending", "maintenance", "paused"]

SENSORS: tuple[KumaSensor, ...] = (
    counter(UptimeKumaData, "monitors_up", lambda data: data.count(MonitorStatus.UP)),
    counter(UptimeKumaData, "monitors_down", lambda data: data.count(MonitorStatus.DOWN)),
    counter(UptimeKumaData, "monitors", lambda data: len(data.monitors)),
)


def _monitor(data: UptimeKumaData, monitor_id: str) -> Monitor | None:
    return data.monitors.get(monitor_id)


def _uptime(window: str) -> MonitorSensor:
    return MonitorSensor(
        key=f"uptime_{window}",
        translation_key=f"uptime_{window}",
        native_unit_of_measurement=PERCENTAGE,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=2,
        entity_registry_enabled_default=False,
        value_fn=lambda data, i: m.uptime.get(window) if (m := _monitor(data, i)) else None,
        exists_fn=lambda data, i: window in data.monitors[i].uptime,
    )


MONITOR_SENSORS: tuple[MonitorSensor, ...] = (
    MonitorSensor(
        key="status",
        translation_key="monitor_status",
        device_class=SensorDeviceClass.ENUM,
        options=MONITOR_STATUSES,
        value_fn=lambda data, i: m.status_name if (m := _monitor(data, i)) else None,
    ),
    MonitorSensor(
        key="response_time",
        translation_key="monitor_response_time",
        **MILLISECONDS,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        value_fn=lambda data, i: m.response_time if (m := _monitor(data, i)) else None,
    ),
    MonitorSensor(
        key="cert_days_remaining",
        translation_key="cert_days_remaining",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.DAYS,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda data, i: m.cert_days_remaining if (m := _monitor(data, i)) else None,
        exists_fn=lambda data, i: data.monitors[i].has_certificate,
    ),
    *(_uptime(window) for window in ("1d", "30d", "365d")),
)


def setup_sensors(entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback) -> None:
    """Add Kuma's sensors, and each monitor's."""
    add_described(entry, async_add_entities, MedianestSensor, SENSORS)
    track_described_items(entry, async_add_entities, MedianestItemSensor, MONITOR_SENSORS)
