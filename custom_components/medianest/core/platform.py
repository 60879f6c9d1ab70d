"""The setup every platform module shares: the entry's service adds its own entities."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .spec import MedianestConfigEntry, PlatformSetup

type PlatformEntrySetup = Callable[
    [HomeAssistant, MedianestConfigEntry, AddConfigEntryEntitiesCallback], Coroutine[Any, Any, None]
]


def platform_entry_setup(platform: Platform, *shared: PlatformSetup) -> PlatformEntrySetup:
    """A platform's `async_setup_entry`: what every service has (`shared`), then the service's own."""

    async def async_setup_entry(
        hass: HomeAssistant, entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
    ) -> None:
        for setup in shared:
            setup(entry, async_add_entities)
        entry.runtime_data.spec.setup_platform(platform, entry, async_add_entities)

    async_setup_entry.__doc__ = f"Set up the {platform.value} entities of one entry."
    return async_setup_entry
