"""qBittorrent's sensors: speeds, torrents by state, free space, connection, all-time totals."""

from __future__ import annotations

from collections.abc import Callable

from homeassistant.components.sensor import SensorDeviceClass, SensorStateClass
from homeassistant.const import EntityCategory
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from ...api.qbittorrent import TorrentGroup
from ...core.entity import add_described
from ...core.sensor import (
    BYTES_AS_GB,
    BYTES_PER_SECOND_AS_MB,
    MedianestSensor,
    MedianestSensorEntityDescription,
    counter,
)
from ...core.spec import MedianestConfigEntry
from .coordinator import QbittorrentData

QbittorrentSensor = MedianestSensorEntityDescription[QbittorrentData]

CONNECTION_STATUSES = ["connected", "firewalled", "disconnected"]


def _count(group: TorrentGroup) -> QbittorrentSensor:
    return QbittorrentSensor(
        key=f"{group.value}_torrents",
        translation_key=f"{group.value}_torrents",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda data: data.counts.get(group),
    )


def _server(attribute: str) -> Callable[[QbittorrentData], StateType]:
    return lambda data: getattr(data.server, attribute) if data.server else None


def _rate(key: str) -> QbittorrentSensor:
    return QbittorrentSensor(
        key=key,
        translation_key=key,
        **BYTES_PER_SECOND_AS_MB,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=_server(key),
    )


def _total(key: str) -> QbittorrentSensor:
    return QbittorrentSensor(
        key=key,
        translation_key=key,
        **BYTES_AS_GB,
        suggested_display_precision=2,
        state_class=SensorStateClass.TOTAL_INCREASING,
        entity_registry_enabled_default=False,
        value_fn=_server(key),
    )


SENSORS: tuple[QbittorrentSensor, ...] = (
    _rate("download_speed"),
    _rate("upload_speed"),
    _count(TorrentGroup.DOWNLOADING),
    _count(TorrentGroup.SEEDING),
    _count(TorrentGroup.PAUSED),
    _count(TorrentGroup.STALLED),
    _count(TorrentGroup.ERRORED),
    counter(QbittorrentData, "total_torrents", lambda data: data.total),
    QbittorrentSensor(
        key="free_space",
        translation_key="free_space",
        **BYTES_AS_GB,
        suggested_display_precision=1,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=_server("free_space"),
    ),
    QbittorrentSensor(
        key="connection_status",
        translation_key="connection_status",
        device_class=SensorDeviceClass.ENUM,
        options=CONNECTION_STATUSES,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda data: (
            status
            if data.server and (status := data.server.connection_status) in CONNECTION_STATUSES
            else None
        ),
    ),
    _total("alltime_download"),
    _total("alltime_upload"),
)


def setup_sensors(entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback) -> None:
    """Add qBittorrent's sensors."""
    add_described(entry, async_add_entities, MedianestSensor, SENSORS)
