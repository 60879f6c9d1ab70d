"""Sensors: health of every service, and what each service reports."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, override

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import PERCENTAGE, EntityCategory, UnitOfDataRate, UnitOfInformation, UnitOfTime
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from . import MedianestConfigEntry
from .api.qbittorrent import TorrentGroup
from .apps.arr.coordinator import ArrCoordinator
from .apps.plex.coordinator import PlexCoordinator
from .apps.plex.poster import poster_url
from .const import ServiceKind
from .coordinator import MedianestCoordinator
from .entity import (
    MedianestEntity,
    MedianestItemEntity,
    async_track_dynamic_entities,
    async_track_item_entities,
)

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class MedianestSensorEntityDescription(SensorEntityDescription):
    """A sensor read from a coordinator."""

    value_fn: Callable[[Any], StateType]
    available_fn: Callable[[Any], bool] | None = None
    attributes_fn: Callable[[Any], Mapping[str, Any] | None] | None = None
    picture_fn: Callable[[Any], str | None] | None = None


HEALTH_SENSORS: tuple[MedianestSensorEntityDescription, ...] = (
    MedianestSensorEntityDescription(
        key="response_time",
        translation_key="response_time",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.MILLISECONDS,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda c: (
            None
            if c.client.metrics.last_response_time is None
            else round(c.client.metrics.last_response_time * 1000, 1)
        ),
    ),
    MedianestSensorEntityDescription(
        key="error_rate",
        translation_key="error_rate",
        native_unit_of_measurement=PERCENTAGE,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda c: c.client.metrics.error_rate,
        # The error rate matters most while the service is down.
        available_fn=lambda c: True,
    ),
)


def _arr_sensors(item_key: str) -> tuple[MedianestSensorEntityDescription, ...]:
    return (
        MedianestSensorEntityDescription(
            key="queue",
            translation_key="queue",
            state_class=SensorStateClass.MEASUREMENT,
            value_fn=lambda c: c.data.queue_count,
        ),
        MedianestSensorEntityDescription(
            key="missing",
            translation_key=f"missing_{item_key}",
            state_class=SensorStateClass.MEASUREMENT,
            value_fn=lambda c: c.data.missing_count,
        ),
        MedianestSensorEntityDescription(
            key="upcoming",
            translation_key=f"upcoming_{item_key}",
            state_class=SensorStateClass.MEASUREMENT,
            # A movie can have several releases in the window; count each title once.
            value_fn=lambda c: len({item.id for item in c.data.upcoming}),
        ),
        MedianestSensorEntityDescription(
            key="library",
            translation_key=f"library_{item_key}",
            state_class=SensorStateClass.MEASUREMENT,
            value_fn=lambda c: c.data.library.count if c.data.library else None,
        ),
        MedianestSensorEntityDescription(
            key="library_size",
            translation_key="library_size",
            device_class=SensorDeviceClass.DATA_SIZE,
            native_unit_of_measurement=UnitOfInformation.BYTES,
            suggested_unit_of_measurement=UnitOfInformation.GIGABYTES,
            suggested_display_precision=1,
            state_class=SensorStateClass.MEASUREMENT,
            entity_registry_enabled_default=False,
            value_fn=lambda c: c.data.library.size_on_disk if c.data.library else None,
        ),
    )


PROWLARR_SENSORS: tuple[MedianestSensorEntityDescription, ...] = (
    MedianestSensorEntityDescription(
        key="indexers",
        translation_key="indexers",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda c: len(c.data.indexers),
    ),
    MedianestSensorEntityDescription(
        key="enabled_indexers",
        translation_key="enabled_indexers",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda c: sum(1 for i in c.data.indexers.values() if i.enabled),
    ),
    MedianestSensorEntityDescription(
        key="failing_indexers",
        translation_key="failing_indexers",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda c: len(c.data.failing),
    ),
)


def _count(group: TorrentGroup) -> MedianestSensorEntityDescription:
    return MedianestSensorEntityDescription(
        key=f"{group.value}_torrents",
        translation_key=f"{group.value}_torrents",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda c: c.data.counts.get(group),
    )


def _server(attribute: str) -> Callable[[Any], StateType]:
    return lambda c: getattr(c.data.server, attribute) if c.data.server else None


def _rate(key: str, attribute: str) -> MedianestSensorEntityDescription:
    return MedianestSensorEntityDescription(
        key=key,
        translation_key=key,
        device_class=SensorDeviceClass.DATA_RATE,
        native_unit_of_measurement=UnitOfDataRate.BYTES_PER_SECOND,
        suggested_unit_of_measurement=UnitOfDataRate.MEGABYTES_PER_SECOND,
        suggested_display_precision=2,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=_server(attribute),
    )


def _total(key: str, attribute: str) -> MedianestSensorEntityDescription:
    return MedianestSensorEntityDescription(
        key=key,
        translation_key=key,
        device_class=SensorDeviceClass.DATA_SIZE,
        native_unit_of_measurement=UnitOfInformation.BYTES,
        suggested_unit_of_measurement=UnitOfInformation.GIGABYTES,
        suggested_display_precision=2,
        state_class=SensorStateClass.TOTAL_INCREASING,
        entity_registry_enabled_default=False,
        value_fn=_server(attribute),
    )


def _request_count(key: str) -> MedianestSensorEntityDescription:
    return MedianestSensorEntityDescription(
        key=f"{key}_requests",
        translation_key=f"{key}_requests",
        state_class=SensorStateClass.MEASUREMENT,
        # By type, the counts are less often wanted on a dashboard.
        entity_registry_enabled_default=key not in ("movie", "tv"),
        value_fn=lambda c: getattr(c.data.counts, key) if c.data.counts else None,
    )


CONNECTION_STATUSES = ["connected", "firewalled", "disconnected"]

QBITTORRENT_SENSORS: tuple[MedianestSensorEntityDescription, ...] = (
    _rate("download_speed", "download_speed"),
    _rate("upload_speed", "upload_speed"),
    _count(TorrentGroup.DOWNLOADING),
    _count(TorrentGroup.SEEDING),
    _count(TorrentGroup.PAUSED),
    _count(TorrentGroup.STALLED),
    _count(TorrentGroup.ERRORED),
    MedianestSensorEntityDescription(
        key="total_torrents",
        translation_key="total_torrents",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda c: c.data.total,
    ),
    MedianestSensorEntityDescription(
        key="free_space",
        translation_key="free_space",
        device_class=SensorDeviceClass.DATA_SIZE,
        native_unit_of_measurement=UnitOfInformation.BYTES,
        suggested_unit_of_measurement=UnitOfInformation.GIGABYTES,
        suggested_display_precision=1,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=_server("free_space"),
    ),
    MedianestSensorEntityDescription(
        key="connection_status",
        translation_key="connection_status",
        device_class=SensorDeviceClass.ENUM,
        options=CONNECTION_STATUSES,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda c: (
            status
            if c.data.server and (status := c.data.server.connection_status) in CONNECTION_STATUSES
            else None
        ),
    ),
    _total("alltime_download", "alltime_download"),
    _total("alltime_upload", "alltime_upload"),
)


def _current_download(coordinator: Any) -> dict[str, Any] | None:
    download = coordinator.data.current
    if download is None:
        return None
    progress = coordinator.data.current_progress
    return {
        "download_id": download.id,
        "title": download.title,
        "status": download.status.value,
        "downloaded": progress.downloaded,
        "total": progress.total,
        "eta": progress.eta,
    }


DOWNLOADER_SENSORS: tuple[MedianestSensorEntityDescription, ...] = (
    MedianestSensorEntityDescription(
        key="queue_length",
        translation_key="queue_length",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda c: c.data.queued,
    ),
    MedianestSensorEntityDescription(
        key="active_downloads",
        translation_key="active_downloads",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda c: c.data.active,
    ),
    MedianestSensorEntityDescription(
        key="download_progress",
        translation_key="download_progress",
        native_unit_of_measurement=PERCENTAGE,
        suggested_display_precision=0,
        value_fn=lambda c: c.data.current_progress.percent if c.data.current_progress else None,
        attributes_fn=_current_download,
    ),
    MedianestSensorEntityDescription(
        key="download_speed",
        translation_key="download_speed",
        device_class=SensorDeviceClass.DATA_RATE,
        native_unit_of_measurement=UnitOfDataRate.BYTES_PER_SECOND,
        suggested_unit_of_measurement=UnitOfDataRate.MEGABYTES_PER_SECOND,
        suggested_display_precision=1,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda c: round(c.data.speed),
    ),
    MedianestSensorEntityDescription(
        key="completed_downloads",
        translation_key="completed_downloads",
        state_class=SensorStateClass.TOTAL_INCREASING,
        value_fn=lambda c: c.data.completed_total,
    ),
    MedianestSensorEntityDescription(
        key="failed_downloads",
        translation_key="failed_downloads",
        state_class=SensorStateClass.TOTAL_INCREASING,
        value_fn=lambda c: c.data.failed_total,
    ),
)


def _sessions_attributes(c: Any) -> Mapping[str, Any] | None:
    sessions = c.data.sessions
    if sessions is None:
        return None
    return {
        "playing": sessions.playing,
        "paused": sessions.paused,
        "remote": sessions.remote,
        "bandwidth_kbps": sessions.bandwidth,
    }


def _latest_attributes(c: Any) -> Mapping[str, Any] | None:
    item = c.data.latest
    if item is None:
        return None
    attributes = {
        "type": item.type,
        "title": item.title,
        "year": item.year,
        "library": item.library,
        "added_at": item.added_at.isoformat() if item.added_at else None,
        "show": item.show,
        "season": item.season,
        "episode": item.episode,
    }
    return {k: v for k, v in attributes.items() if v is not None}


PLEX_SENSORS: tuple[MedianestSensorEntityDescription, ...] = (
    MedianestSensorEntityDescription(
        key="sessions",
        translation_key="plex_sessions",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda c: c.data.sessions.total if c.data.sessions else None,
        attributes_fn=_sessions_attributes,
    ),
    MedianestSensorEntityDescription(
        key="transcoding",
        translation_key="plex_transcoding",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda c: c.data.sessions.transcoding if c.data.sessions else None,
    ),
    MedianestSensorEntityDescription(
        key="latest_added",
        translation_key="plex_latest_added",
        value_fn=lambda c: c.data.latest.display_title[:255] if c.data.latest else None,
        attributes_fn=_latest_attributes,
        picture_fn=lambda c: poster_url(c.hass, c.config_entry.entry_id, c.data.latest),
    ),
)

SENSORS: dict[ServiceKind, tuple[MedianestSensorEntityDescription, ...]] = {
    ServiceKind.PLEX: PLEX_SENSORS,
    ServiceKind.DOWNLOADER: DOWNLOADER_SENSORS,
    ServiceKind.SONARR: _arr_sensors("series"),
    ServiceKind.RADARR: _arr_sensors("movies"),
    ServiceKind.PROWLARR: PROWLARR_SENSORS,
    ServiceKind.QBITTORRENT: QBITTORRENT_SENSORS,
    ServiceKind.SEERR: (
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
        MedianestSensorEntityDescription(
            key="failed_requests",
            translation_key="failed_requests",
            state_class=SensorStateClass.MEASUREMENT,
            value_fn=lambda c: c.data.failed,
        ),
        MedianestSensorEntityDescription(
            key="open_issues",
            translation_key="open_issues",
            state_class=SensorStateClass.MEASUREMENT,
            value_fn=lambda c: c.data.issues.open if c.data.issues else None,
            available_fn=lambda c: c.last_update_success and c.data.issues is not None,
        ),
    ),
    ServiceKind.UPTIME_KUMA: (
        MedianestSensorEntityDescription(
            key="monitors_up",
            translation_key="monitors_up",
            state_class=SensorStateClass.MEASUREMENT,
            value_fn=lambda c: c.data.count(1),
        ),
        MedianestSensorEntityDescription(
            key="monitors_down",
            translation_key="monitors_down",
            state_class=SensorStateClass.MEASUREMENT,
            value_fn=lambda c: c.data.count(0),
        ),
        MedianestSensorEntityDescription(
            key="monitors",
            translation_key="monitors",
            state_class=SensorStateClass.MEASUREMENT,
            value_fn=lambda c: len(c.data.monitors),
        ),
    ),
}


@dataclass(frozen=True, kw_only=True)
class ItemSensorEntityDescription(SensorEntityDescription):
    """A sensor of one item (an indexer, a monitor)."""

    value_fn: Callable[[Any, Any], StateType]
    exists_fn: Callable[[Any, Any], bool] | None = None


def _indexer_stat(attribute: str) -> Callable[[Any, Any], StateType]:
    def value(data: Any, indexer_id: Any) -> StateType:
        stats = data.stats.get(indexer_id)
        # An indexer without a record had no queries in the window.
        return getattr(stats, attribute) if stats else 0

    return value


def _monitor(data: Any, monitor_id: Any) -> Any:
    return data.monitors.get(monitor_id)


def _uptime(window: str) -> ItemSensorEntityDescription:
    return ItemSensorEntityDescription(
        key=f"uptime_{window}",
        translation_key=f"uptime_{window}",
        native_unit_of_measurement=PERCENTAGE,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=2,
        entity_registry_enabled_default=False,
        value_fn=lambda data, i: m.uptime.get(window) if (m := _monitor(data, i)) else None,
        exists_fn=lambda data, i: window in data.monitors[i].uptime,
    )


MONITOR_STATUSES = ["up", "down", "pending", "maintenance", "paused"]

ITEM_SENSORS: dict[ServiceKind, tuple[ItemSensorEntityDescription, ...]] = {
    ServiceKind.UPTIME_KUMA: (
        ItemSensorEntityDescription(
            key="status",
            translation_key="monitor_status",
            device_class=SensorDeviceClass.ENUM,
            options=MONITOR_STATUSES,
            value_fn=lambda data, i: m.status_name if (m := _monitor(data, i)) else None,
        ),
        ItemSensorEntityDescription(
            key="response_time",
            translation_key="monitor_response_time",
            device_class=SensorDeviceClass.DURATION,
            native_unit_of_measurement=UnitOfTime.MILLISECONDS,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=0,
            value_fn=lambda data, i: m.response_time if (m := _monitor(data, i)) else None,
        ),
        ItemSensorEntityDescription(
            key="cert_days_remaining",
            translation_key="cert_days_remaining",
            device_class=SensorDeviceClass.DURATION,
            native_unit_of_measurement=UnitOfTime.DAYS,
            state_class=SensorStateClass.MEASUREMENT,
            value_fn=lambda data, i: m.cert_days_remaining if (m := _monitor(data, i)) else None,
            exists_fn=lambda data, i: data.monitors[i].has_certificate,
        ),
        *(_uptime(window) for window in ("1d", "30d", "365d")),
    ),
    ServiceKind.PROWLARR: (
        ItemSensorEntityDescription(
            key="queries",
            translation_key="indexer_queries",
            state_class=SensorStateClass.MEASUREMENT,
            entity_registry_enabled_default=False,
            value_fn=_indexer_stat("queries"),
        ),
        ItemSensorEntityDescription(
            key="grabs",
            translation_key="indexer_grabs",
            state_class=SensorStateClass.MEASUREMENT,
            entity_registry_enabled_default=False,
            value_fn=_indexer_stat("grabs"),
        ),
        ItemSensorEntityDescription(
            key="failed_queries",
            translation_key="indexer_failed_queries",
            state_class=SensorStateClass.MEASUREMENT,
            entity_registry_enabled_default=False,
            value_fn=_indexer_stat("failed_queries"),
        ),
        ItemSensorEntityDescription(
            key="average_response_time",
            translation_key="indexer_response_time",
            device_class=SensorDeviceClass.DURATION,
            native_unit_of_measurement=UnitOfTime.MILLISECONDS,
            state_class=SensorStateClass.MEASUREMENT,
            entity_category=EntityCategory.DIAGNOSTIC,
            entity_registry_enabled_default=False,
            value_fn=lambda data, indexer_id: (
                stats.average_response_time if (stats := data.stats.get(indexer_id)) else None
            ),
        ),
    ),
}

ROOT_FOLDER_FREE_SPACE = SensorEntityDescription(
    key="free_space",
    translation_key="root_folder_free_space",
    device_class=SensorDeviceClass.DATA_SIZE,
    native_unit_of_measurement=UnitOfInformation.BYTES,
    suggested_unit_of_measurement=UnitOfInformation.GIGABYTES,
    suggested_display_precision=1,
    state_class=SensorStateClass.MEASUREMENT,
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: MedianestConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Set up the sensors of one entry."""
    coordinator = entry.runtime_data.coordinator
    async_add_entities(
        MedianestSensor(coordinator, description)
        for description in (
            *(HEALTH_SENSORS if entry.runtime_data.spec.network else ()),
            *SENSORS.get(entry.runtime_data.kind, ()),
        )
    )
    if isinstance(coordinator, ArrCoordinator):
        arr = coordinator
        async_track_dynamic_entities(
            arr,
            lambda: list(arr.data.root_folders),
            lambda folder_id: RootFolderFreeSpaceSensor(arr, folder_id),
            async_add_entities,
        )
    if isinstance(coordinator, PlexCoordinator):
        plex = coordinator
        async_track_dynamic_entities(
            plex,
            lambda: list(plex.data.sections),
            lambda key: LibraryItemsSensor(plex, key),
            async_add_entities,
        )
    if item_sensors := ITEM_SENSORS.get(entry.runtime_data.kind):
        async_track_item_entities(
            coordinator,
            item_sensors,
            lambda description, item_id: MedianestItemSensor(coordinator, description, item_id),
            async_add_entities,
        )


class MedianestSensor(MedianestEntity[MedianestCoordinator[Any, Any]], SensorEntity):
    """A sensor described by a `MedianestSensorEntityDescription`."""

    entity_description: MedianestSensorEntityDescription

    @property
    @override
    def available(self) -> bool:
        if self.entity_description.available_fn is not None:
            return self.entity_description.available_fn(self.coordinator)
        return super().available

    @property
    @override
    def native_value(self) -> StateType:
        return self.entity_description.value_fn(self.coordinator)

    @property
    @override
    def extra_state_attributes(self) -> Mapping[str, Any] | None:
        if self.entity_description.attributes_fn is None:
            return None
        return self.entity_description.attributes_fn(self.coordinator)

    @property
    @override
    def entity_picture(self) -> str | None:
        if self.entity_description.picture_fn is None:
            return None
        return self.entity_description.picture_fn(self.coordinator)


class RootFolderFreeSpaceSensor(MedianestEntity[ArrCoordinator], SensorEntity):
    """Free space of one root folder; it exists while the folder does."""

    def __init__(self, coordinator: ArrCoordinator, folder_id: int) -> None:
        """Set up the sensor for one folder."""
        super().__init__(coordinator, ROOT_FOLDER_FREE_SPACE, str(folder_id))
        self._folder_id = folder_id
        self._attr_translation_placeholders = {"path": coordinator.data.root_folders[folder_id].path}

    @property
    @override
    def available(self) -> bool:
        return super().available and self._folder_id in self.coordinator.data.root_folders

    @property
    @override
    def native_value(self) -> int | None:
        folder = self.coordinator.data.root_folders.get(self._folder_id)
        return folder.free_space if folder else None


LIBRARY_ITEMS = SensorEntityDescription(
    key="library_items",
    translation_key="plex_library_items",
    state_class=SensorStateClass.MEASUREMENT,
)


class LibraryItemsSensor(MedianestEntity[PlexCoordinator], SensorEntity):
    """How many items one Plex library holds; it exists while the library does."""

    def __init__(self, coordinator: PlexCoordinator, key: str) -> None:
        """Set up the sensor for one library."""
        super().__init__(coordinator, LIBRARY_ITEMS, key)
        self._key = key
        section = coordinator.data.sections[key]
        self._attr_translation_placeholders = {"library": section.title}

    @property
    @override
    def available(self) -> bool:
        return super().available and self._key in self.coordinator.data.counts

    @property
    @override
    def native_value(self) -> int | None:
        return self.coordinator.data.counts.get(self._key)

    @property
    @override
    def extra_state_attributes(self) -> Mapping[str, Any] | None:
        section = self.coordinator.data.sections.get(self._key)
        if section is None:
            return None
        return {
            "library_type": section.type,
            "scanning": section.refreshing,
            "last_scanned": section.scanned_at.isoformat() if section.scanned_at else None,
        }


class MedianestItemSensor(MedianestItemEntity[MedianestCoordinator[Any, Any]], SensorEntity):
    """A sensor of one item, described by an `ItemSensorEntityDescription`."""

    entity_description: ItemSensorEntityDescription

    @property
    @override
    def native_value(self) -> StateType:
        return self.entity_description.value_fn(self.coordinator.data, self.item_id)
