"""Switches: settings of a service that can be turned on and off."""

from __future__ import annotations

from typing import Any, override

from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from . import MedianestConfigEntry
from .apps.qbittorrent.coordinator import QbittorrentCoordinator
from .core.actions import translate_api_errors
from .entity import MedianestEntity

PARALLEL_UPDATES = 1

ALT_SPEED_LIMITS = SwitchEntityDescription(key="alt_speed_limits", translation_key="alt_speed_limits")


async def async_setup_entry(
    hass: HomeAssistant,
    entry: MedianestConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Set up the switches of one entry."""
    coordinator = entry.runtime_data.coordinator
    if isinstance(coordinator, QbittorrentCoordinator):
        async_add_entities([AltSpeedLimitsSwitch(coordinator, ALT_SPEED_LIMITS)])


class AltSpeedLimitsSwitch(MedianestEntity[QbittorrentCoordinator], SwitchEntity):
    """qBittorrent's alternative speed limits (the "turtle" mode)."""

    @property
    @override
    def is_on(self) -> bool | None:
        server = self.coordinator.data.server
        return server.alt_speed_limits if server else None

    @override
    async def async_turn_on(self, **kwargs: Any) -> None:
        await self._set(True)

    @override
    async def async_turn_off(self, **kwargs: Any) -> None:
        await self._set(False)

    async def _set(self, enabled: bool) -> None:
        async with translate_api_errors(self.coordinator.config_entry.title):
            await self.coordinator.client.set_alt_speed_limits(enabled)
        await self.coordinator.async_request_refresh()
