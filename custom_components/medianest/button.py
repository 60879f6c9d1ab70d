"""Buttons that start work on a service."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, override

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from . import MedianestConfigEntry
from .const import ServiceKind
from .coordinator import MedianestCoordinator
from .core.actions import translate_api_errors
from .entity import MedianestEntity

PARALLEL_UPDATES = 1


@dataclass(frozen=True, kw_only=True)
class MedianestButtonEntityDescription(ButtonEntityDescription):
    """A button that calls the service's client."""

    press_fn: Callable[[Any], Awaitable[Any]]
    #: read every refresh tier again after the press
    refresh_all: bool = False


ARR_BUTTONS: tuple[MedianestButtonEntityDescription, ...] = (
    MedianestButtonEntityDescription(
        key="rss_sync",
        translation_key="rss_sync",
        press_fn=lambda c: c.client.command("RssSync"),
    ),
    MedianestButtonEntityDescription(
        key="search_missing",
        translation_key="search_missing",
        press_fn=lambda c: c.client.command(c.client.search_missing_command),
    ),
    MedianestButtonEntityDescription(
        key="refresh_library",
        translation_key="refresh_library",
        press_fn=lambda c: c.client.command(c.client.refresh_command),
        refresh_all=True,
    ),
)


async def _scan_all(coordinator: Any) -> None:
    for section in list(coordinator.data.sections.values()):
        await coordinator.client.refresh(section)


BUTTONS: dict[ServiceKind, tuple[MedianestButtonEntityDescription, ...]] = {
    ServiceKind.PLEX: (
        MedianestButtonEntityDescription(
            key="scan_libraries", translation_key="scan_libraries", press_fn=_scan_all, refresh_all=True
        ),
    ),
    ServiceKind.DOWNLOADER: (
        MedianestButtonEntityDescription(
            key="clear_history",
            translation_key="clear_history",
            entity_category=EntityCategory.CONFIG,
            press_fn=lambda c: c.async_clear_history(),
        ),
    ),
    ServiceKind.SONARR: ARR_BUTTONS,
    ServiceKind.RADARR: ARR_BUTTONS,
    ServiceKind.PROWLARR: (
        MedianestButtonEntityDescription(
            key="test_indexers",
            translation_key="test_indexers",
            press_fn=lambda c: c.client.test_all_indexers(),
            refresh_all=True,
        ),
    ),
    ServiceKind.QBITTORRENT: (
        MedianestButtonEntityDescription(
            key="pause_all", translation_key="pause_all", press_fn=lambda c: c.client.pause()
        ),
        MedianestButtonEntityDescription(
            key="resume_all", translation_key="resume_all", press_fn=lambda c: c.client.resume()
        ),
    ),
}


async def async_setup_entry(
    hass: HomeAssistant,
    entry: MedianestConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Set up the buttons of one entry."""
    coordinator = entry.runtime_data.coordinator
    async_add_entities(
        MedianestButton(coordinator, description) for description in BUTTONS.get(entry.runtime_data.kind, ())
    )


class MedianestButton(MedianestEntity[MedianestCoordinator[Any, Any]], ButtonEntity):
    """A button described by a `MedianestButtonEntityDescription`."""

    entity_description: MedianestButtonEntityDescription

    @override
    async def async_press(self) -> None:
        async with translate_api_errors(self.coordinator.config_entry.title):
            await self.entity_description.press_fn(self.coordinator)
        if self.entity_description.refresh_all:
            self.coordinator.force_all_tiers()
        await self.coordinator.async_request_refresh()
