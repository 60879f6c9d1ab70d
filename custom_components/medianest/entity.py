"""The base entity, device info, and helpers for entities that come and go."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from homeassistant.core import callback
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.entity import Entity, EntityDescription
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .const import DOMAIN
from .coordinator import MedianestCoordinator


def service_device_info(coordinator: MedianestCoordinator[Any, Any]) -> DeviceInfo:
    """The device that stands for one service entry."""
    entry = coordinator.config_entry
    spec = entry.runtime_data.spec
    status = getattr(coordinator.data, "status", None)
    return DeviceInfo(
        identifiers={(DOMAIN, entry.entry_id)},
        name=entry.title,
        manufacturer=spec.manufacturer,
        model=spec.manufacturer,
        sw_version=getattr(status, "version", None),
        configuration_url=coordinator.client.base_url,
        entry_type=DeviceEntryType.SERVICE,
    )


class MedianestEntity[CoordT: MedianestCoordinator[Any, Any]](CoordinatorEntity[CoordT]):
    """Base of every MediaNest entity: named by translation key, on the service device."""

    _attr_has_entity_name = True

    def __init__(self, coordinator: CoordT, description: EntityDescription, key: str | None = None) -> None:
        """Set up the entity; `key` distinguishes entities of one description."""
        super().__init__(coordinator)
        self.entity_description = description
        suffix = description.key if key is None else f"{description.key}_{key}"
        self._attr_unique_id = f"{coordinator.config_entry.entry_id}_{suffix}"
        self._attr_device_info = service_device_info(coordinator)


@callback
def async_track_dynamic_entities[K](
    coordinator: MedianestCoordinator[Any, Any],
    keys_fn: Callable[[], Iterable[K]],
    factory: Callable[[K], Entity],
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add an entity for each key that appears, remove it when its key goes away.

    Used for what comes and goes in a service: root folders, monitors, indexers.
    """
    known: dict[K, Entity] = {}

    @callback
    def _sync() -> None:
        if not coordinator.last_update_success:
            return
        current = set(keys_fn())
        new = [key for key in current if key not in known]
        for key in new:
            known[key] = factory(key)
        if new:
            async_add_entities([known[key] for key in new])
        registry = er.async_get(coordinator.hass)
        for key in [key for key in known if key not in current]:
            entity = known.pop(key)
            if entity.entity_id and registry.async_get(entity.entity_id):
                registry.async_remove(entity.entity_id)

    _sync()
    coordinator.config_entry.async_on_unload(coordinator.async_add_listener(_sync))
