"""Buttons that start work on a service."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, override

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription

from .actions import translate_api_errors
from .coordinator import MedianestCoordinator
from .entity import MedianestEntity


@dataclass(frozen=True, kw_only=True)
class MedianestButtonEntityDescription[CoordT: MedianestCoordinator[Any, Any]](ButtonEntityDescription):
    """A button that asks the service to do something."""

    press_fn: Callable[[CoordT], Awaitable[Any]]
    #: read every refresh tier again after the press
    refresh_all: bool = False


class MedianestButton[CoordT: MedianestCoordinator[Any, Any]](MedianestEntity[CoordT], ButtonEntity):
    """A button described by a `MedianestButtonEntityDescription`."""

    entity_description: MedianestButtonEntityDescription[CoordT]

    @override
    async def async_press(self) -> None:
        async with translate_api_errors(self.coordinator.config_entry.title):
            await self.entity_description.press_fn(self.coordinator)
        if self.entity_description.refresh_all:
            self.coordinator.force_all_tiers()
        await self.coordinator.async_request_refresh()
