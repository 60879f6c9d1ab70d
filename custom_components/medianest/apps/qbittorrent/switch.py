"""qBittorrent's switch: the alternative speed limits."""

from __future__ import annotations

from typing import Any, override

from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ...core.actions import translate_api_errors
from ...core.entity import MedianestEntity
from ...core.spec import MedianestConfigEntry
from .coordinator import QbittorrentCoordinator

ALT_SPEED_LIMITS = SwitchEntityDescription(key="alt_speed_limits", translation_key="alt_speed_limits")


def setup_switches(entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback) -> None:
    """Add the switch."""
    coordinator = entry.runtime_data.coordinator
    assert isinstance(coordinator, QbittorrentCoordinator)
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
