"""The download queue's sensors: queued, active, progress, speed, completed and failed."""

from __future__ import annotations

from typing import Any

from homeassistant.components.sensor import SensorStateClass
from homeassistant.const import PERCENTAGE
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ...core.entity import add_described
from ...core.sensor import BYTES_PER_SECOND_AS_MB, MedianestSensor, MedianestSensorEntityDescription, counter
from ...core.spec import MedianestConfigEntry
from .coordinator import DownloaderData

DownloaderSensor = MedianestSensorEntityDescription[DownloaderData]


def _progress(data: DownloaderData) -> float | None:
    """The current download's percent; 0 while nothing downloads (unknown only mid-download)."""
    if data.current is None:
        return 0
    return data.current_progress.percent if data.current_progress else None


def _current_download(data: DownloaderData) -> dict[str, Any] | None:
    download, progress = data.current, data.current_progress
    if download is None:
        return {"status": "idle"}
    if progress is None:
        return None
    return {
        "download_id": download.id,
        "title": download.title,
        "status": download.status.value,
        "downloaded": progress.downloaded,
        "total": progress.total,
        "eta": progress.eta,
    }


SENSORS: tuple[DownloaderSensor, ...] = (
    counter(DownloaderData, "queue_length", lambda data: data.queued),
    counter(DownloaderData, "active_downloads", lambda data: data.active),
    DownloaderSensor(
        key="download_progress",
        translation_key="download_progress",
        native_unit_of_measurement=PERCENTAGE,
        suggested_display_precision=0,
        value_fn=_progress,
        attributes_fn=_current_download,
    ),
    DownloaderSensor(
        key="download_speed",
        translation_key="download_speed",
        **BYTES_PER_SECOND_AS_MB,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda data: round(data.speed),
    ),
    DownloaderSensor(
        key="completed_downloads",
        translation_key="completed_downloads",
        state_class=SensorStateClass.TOTAL_INCREASING,
        value_fn=lambda data: data.completed_total,
    ),
    DownloaderSensor(
        key="failed_downloads",
        translation_key="failed_downloads",
        state_class=SensorStateClass.TOTAL_INCREASING,
        value_fn=lambda data: data.failed_total,
    ),
)


def setup_sensors(entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback) -> None:
    """Add the queue's sensors."""
    add_described(entry, async_add_entities, MedianestSensor, SENSORS)
