"""The base entity, device info, and helpers for entities that come and go."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, override

from homeassistant.core import callback
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.entity import Entity, EntityDescription
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from ..const import DOMAIN
from .coordinator import MedianestCoordinator, async_in_slices
from .spec import ItemKind, MedianestConfigEntry

# Entities of items (monitors, indexers) are added this many at a time, the loop running
# between: a Kuma with 300 monitors has about 2,000 (10 at a time hold the loop about 10 ms).
ENTITY_ADD_SLICE = 10


def service_device_info(coordinator: MedianestCoordinator[Any, Any]) -> DeviceInfo:
    """The device that stands for one service entry."""
    entry = coordinator.config_entry
    spec = entry.runtime_data.spec
    data = coordinator.data
    version = getattr(getattr(data, "status", None), "version", None) or getattr(data, "version", None)
    return DeviceInfo(
        identifiers={(DOMAIN, entry.entry_id)},
        name=entry.title,
        manufacturer=spec.manufacturer,
        model=spec.manufacturer,
        sw_version=version,
        configuration_url=coordinator.client.base_url if spec.network else None,
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
        self._written: tuple[Any, ...] | None = None

    def _state_key(self) -> tuple[Any, ...] | None:
        """What the entity shows, to compare with what it last wrote (None: always write)."""
        return None

    @override
    async def async_added_to_hass(self) -> None:
        await super().async_added_to_hass()
        self._written = self._state_key()  # what Home Assistant writes once it is added

    @callback
    @override
    def _handle_coordinator_update(self) -> None:
        # A poll that leaves the entity as it was writes nothing: with hundreds of monitors,
        # most of them are unchanged in any one poll.
        key = self._state_key()
        if key is not None and key == self._written:
            return
        self._written = key
        super()._handle_coordinator_update()


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

    async def _add_in_slices(entities: list[Entity]) -> None:
        await coordinator.async_wait_setup_done()
        await async_in_slices(entities, ENTITY_ADD_SLICE, async_add_entities)

    @callback
    def _add(entities: list[Entity]) -> None:
        if coordinator.setup_done and len(entities) <= ENTITY_ADD_SLICE:
            async_add_entities(entities)
            return
        # Hundreds of monitors: added after setup returns, a slice at a time.
        coordinator.config_entry.async_create_task(
            coordinator.hass, _add_in_slices(entities), "medianest item entities"
        )

    @callback
    def _sync() -> None:
        if not coordinator.last_update_success:
            return
        current = set(keys_fn())
        new = [key for key in current if key not in known]
        for key in new:
            known[key] = factory(key)
        if new:
            _add([known[key] for key in new])
        registry = er.async_get(coordinator.hass)
        for key in [key for key in known if key not in current]:
            entity = known.pop(key)
            if entity.entity_id and registry.async_get(entity.entity_id):
                registry.async_remove(entity.entity_id)

    _sync()
    coordinator.config_entry.async_on_unload(coordinator.async_add_listener(_sync))


class MedianestItemEntity[CoordT: MedianestCoordinator[Any, Any]](MedianestEntity[CoordT]):
    """An entity of one item (an indexer, a monitor), on the item's own device."""

    def __init__(self, coordinator: CoordT, description: EntityDescription, item_id: int | str) -> None:
        """Set up the entity for one item."""
        items: ItemKind | None = coordinator.config_entry.runtime_data.spec.items
        assert items is not None
        super().__init__(coordinator, description, f"{items.key}_{item_id}")
        self._items = items
        self.item_id = item_id
        data = coordinator.data
        spec = coordinator.config_entry.runtime_data.spec
        name = items.name_fn(data, item_id)
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, items.identifier(coordinator.config_entry.entry_id, item_id))},
            name=f"{name} ({spec.manufacturer})" if items.name_with_service else name,
            manufacturer=spec.manufacturer,
            model=items.model_fn(data, item_id),
            configuration_url=items.url_fn(coordinator.client.base_url.rstrip("/"), item_id),
            via_device_id=coordinator.config_entry.runtime_data.device_id,
            entry_type=DeviceEntryType.SERVICE,
        )

    @property
    @override
    def available(self) -> bool:
        return super().available and self.item_id in self._items.ids_fn(self.coordinator.data)


@callback
def async_track_item_entities(
    coordinator: MedianestCoordinator[Any, Any],
    descriptions: Iterable[EntityDescription],
    factory: Callable[[EntityDescription, Any], Entity],
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the entities of every item as items appear; remove them when they go.

    A description with an `exists_fn` gives an item that entity only while it says so
    (a monitor's certificate sensor exists for monitors with a certificate).
    """
    items: ItemKind | None = coordinator.config_entry.runtime_data.spec.items
    assert items is not None
    by_key = {d.key: d for d in descriptions}

    def keys() -> list[tuple[Any, str]]:
        data = coordinator.data
        return [
            (item_id, d.key)
            for item_id in items.ids_fn(data)
            for d in by_key.values()
            if (exists := getattr(d, "exists_fn", None)) is None or exists(data, item_id)
        ]

    async_track_dynamic_entities(
        coordinator,
        keys,
        lambda key: factory(by_key[key[1]], key[0]),
        async_add_entities,
    )


@callback
def async_remove_stale_item_devices(coordinator: MedianestCoordinator[Any, Any]) -> None:
    """Remove the devices of items that no longer exist (after each successful poll)."""
    entry = coordinator.config_entry
    items: ItemKind | None = entry.runtime_data.spec.items
    if items is None:
        return

    @callback
    def _sync() -> None:
        if not coordinator.last_update_success:
            return
        current = {items.identifier(entry.entry_id, i) for i in items.ids_fn(coordinator.data)}
        registry = dr.async_get(coordinator.hass)
        for device in dr.async_entries_for_config_entry(registry, entry.entry_id):
            identifiers = {value for domain, value in device.identifiers if domain == DOMAIN}
            if entry.entry_id in identifiers or identifiers & current:
                continue
            registry.async_remove_device(device.id)

    _sync()
    entry.async_on_unload(coordinator.async_add_listener(_sync))


def add_described(
    entry: MedianestConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
    entity_class: Callable[[Any, Any], Entity],
    descriptions: Iterable[EntityDescription],
) -> None:
    """Add an entity of `entity_class` for each description."""
    coordinator = entry.runtime_data.coordinator
    async_add_entities(entity_class(coordinator, description) for description in descriptions)


def track_described_items(
    entry: MedianestConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
    entity_class: Callable[[Any, Any, Any], Entity],
    descriptions: Iterable[EntityDescription],
) -> None:
    """Give every item of the entry an entity of `entity_class` per description, as items come and go."""
    coordinator = entry.runtime_data.coordinator
    async_track_item_entities(
        coordinator,
        descriptions,
        lambda description, item_id: entity_class(coordinator, description, item_id),
        async_add_entities,
    )
