"""The Plex actions: their fields and what they do."""

from __future__ import annotations

from typing import Final

import probatio as vol

from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse, callback
from homeassistant.helpers import config_validation as cv

from ...api import ApiNotFoundError
from ...api.plex import MAX_PAGE_SIZE, SORT_FIELDS, LibrarySection
from ...core.actions import (
    ATTR_MAX_ITEMS,
    ATTR_SEARCH,
    ENTRY_FIELD,
    register_action,
    resolve_coordinator,
    translate_api_errors,
)
from ...core.coordinator import validation_error
from .coordinator import PlexCoordinator
from .spec import PLEX

ATTR_LIBRARY: Final = "library"
ATTR_SORT: Final = "sort"
ATTR_SORT_ORDER: Final = "sort_order"
ATTR_GENRE: Final = "genre"
ATTR_YEAR: Final = "year"
ATTR_PAGE: Final = "page"
ATTR_PAGE_SIZE: Final = "page_size"


REFRESH_LIBRARY_SCHEMA = vol.Schema({**ENTRY_FIELD, vol.Optional(ATTR_LIBRARY): cv.string})


LIBRARY_ITEMS_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELD,
        vol.Required(ATTR_LIBRARY): vol.All(cv.string, vol.Length(min=1)),
        vol.Optional(ATTR_SORT, default="title"): vol.In(SORT_FIELDS),
        vol.Optional(ATTR_SORT_ORDER, default="asc"): vol.In(("asc", "desc")),
        vol.Optional(ATTR_SEARCH): cv.string,
        vol.Optional(ATTR_GENRE): cv.string,
        vol.Optional(ATTR_YEAR): vol.All(vol.Coerce(int), vol.Range(min=1800, max=2200)),
        vol.Optional(ATTR_PAGE, default=1): vol.All(vol.Coerce(int), vol.Range(min=1, max=100_000)),
        vol.Optional(ATTR_PAGE_SIZE, default=50): vol.All(
            vol.Coerce(int), vol.Range(min=1, max=MAX_PAGE_SIZE)
        ),
    }
)


RECENTLY_ADDED_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELD,
        vol.Optional(ATTR_LIBRARY): cv.string,
        vol.Optional(ATTR_MAX_ITEMS, default=10): vol.All(vol.Coerce(int), vol.Range(min=1, max=50)),
    }
)


class PlexActions:
    """Scan and browse the libraries of a Plex server."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Act on the Plex entries of `hass`."""
        self.hass = hass

    def _coordinator(self, call: ServiceCall) -> PlexCoordinator:
        return resolve_coordinator(self.hass, call, (PLEX,), PlexCoordinator)

    @staticmethod
    def _section(coordinator: PlexCoordinator, name: str) -> LibrarySection:
        section = coordinator.section(name)
        if section is None:
            known = ", ".join(s.title for s in coordinator.data.sections.values()) or "-"
            raise validation_error("unknown_library", library=name, libraries=known)
        return section

    async def refresh_library(self, call: ServiceCall) -> ServiceResponse:
        """Scan one library (by name) or all of them for new files."""
        coordinator = self._coordinator(call)
        name = call.data.get(ATTR_LIBRARY)
        sections = [self._section(coordinator, name)] if name else list(coordinator.data.sections.values())
        async with translate_api_errors(coordinator.config_entry.title):
            for section in sections:
                await coordinator.client.refresh(section)
        return {"libraries": [s.title for s in sections]}

    async def library_items(self, call: ServiceCall) -> ServiceResponse:
        """One page of a library, sorted and filtered (as the product's library items API)."""
        coordinator = self._coordinator(call)
        section = self._section(coordinator, call.data[ATTR_LIBRARY])
        page: int = call.data[ATTR_PAGE]
        size: int = call.data[ATTR_PAGE_SIZE]
        genre_id: str | None = None
        async with translate_api_errors(coordinator.config_entry.title):
            if genre := call.data.get(ATTR_GENRE):
                try:
                    genres = await coordinator.client.genres(section)
                except ApiNotFoundError:
                    genres = {}
                genre_id = genres.get(genre.strip().casefold())
                if genre_id is None:
                    raise validation_error("unknown_genre", genre=genre, library=section.title)
            result = await coordinator.client.items(
                section,
                start=(page - 1) * size,
                size=size,
                sort=call.data[ATTR_SORT],
                descending=call.data[ATTR_SORT_ORDER] == "desc",
                title=call.data.get(ATTR_SEARCH) or None,
                year=call.data.get(ATTR_YEAR),
                genre=genre_id,
            )
        return {
            "library": section.title,
            "items": [item.as_dict() for item in result.items],
            "total": result.total,
            "total_pages": -(-result.total // size),
            "page": page,
            "page_size": size,
        }

    async def recently_added(self, call: ServiceCall) -> ServiceResponse:
        """The newest movies and episodes, of every library or one."""
        coordinator = self._coordinator(call)
        size: int = call.data[ATTR_MAX_ITEMS]
        name = call.data.get(ATTR_LIBRARY)
        async with translate_api_errors(coordinator.config_entry.title):
            if name:
                section = self._section(coordinator, name)
                item_type = "episode" if section.type == "show" else None
                page = await coordinator.client.items(
                    section, size=size, sort="added", descending=True, item_type=item_type
                )
                items = page.items
            else:
                items = await coordinator.client.recently_added(size)
        return {"items": [item.as_dict() for item in items]}


@callback
def async_register_actions(hass: HomeAssistant) -> None:
    """Register the Plex actions."""
    plex = PlexActions(hass)
    only = SupportsResponse.ONLY
    register_action(
        hass, "refresh_library", plex.refresh_library, REFRESH_LIBRARY_SCHEMA, SupportsResponse.OPTIONAL
    )
    register_action(hass, "get_library_items", plex.library_items, LIBRARY_ITEMS_SCHEMA, only)
    register_action(hass, "get_recently_added", plex.recently_added, RECENTLY_ADDED_SCHEMA, only)
