"""The Sonarr and Radarr actions: their fields and what they do."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Final

import probatio as vol

from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse, callback
from homeassistant.helpers import config_validation as cv

from ...api import ApiValidationError
from ...api.arr import AddedItem, ArrClient, LookupResult
from ...api.models import QualityProfile, RootFolder
from ...core.actions import (
    ATTR_MAX_ITEMS,
    ATTR_SEARCH,
    ENTRY_FIELD,
    MAX_SEARCH_RESULTS,
    register_action,
    resolve_coordinator,
    translate_api_errors,
)
from ...core.coordinator import validation_error
from ...core.spec import ServiceSpec
from .const import CONF_QUALITY_PROFILE, CONF_ROOT_FOLDER
from .coordinator import ArrCoordinator
from .spec import RADARR, SONARR

ATTR_TERM: Final = "term"
ATTR_TVDB_ID: Final = "tvdb_id"
ATTR_TMDB_ID: Final = "tmdb_id"
ATTR_MONITOR: Final = "monitor"
ATTR_MONITORED: Final = "monitored"
ATTR_MINIMUM_AVAILABILITY: Final = "minimum_availability"


# Action values (snake_case, as Home Assistant selectors use) to the API's camelCase.
SERIES_MONITOR: Final = {
    "all": "all",
    "future": "future",
    "missing": "missing",
    "existing": "existing",
    "first_season": "firstSeason",
    "last_season": "lastSeason",
    "pilot": "pilot",
    "recent": "recent",
    "none": "none",
}


MINIMUM_AVAILABILITY: Final = {
    "announced": "announced",
    "in_cinemas": "inCinemas",
    "released": "released",
}


TERM_SCHEMA = vol.Schema({**ENTRY_FIELD, vol.Required(ATTR_TERM): vol.All(cv.string, vol.Length(min=1))})


TARGET_FIELDS: dict[Any, Any] = {
    vol.Optional(ATTR_TERM): vol.All(cv.string, vol.Length(min=1)),
    vol.Optional(CONF_QUALITY_PROFILE): vol.Any(cv.positive_int, cv.string),
    vol.Optional(CONF_ROOT_FOLDER): vol.Any(cv.positive_int, cv.string),
    vol.Optional(ATTR_SEARCH, default=True): cv.boolean,
}


ADD_SERIES_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELD,
        **TARGET_FIELDS,
        vol.Optional(ATTR_TVDB_ID): cv.positive_int,
        vol.Optional(ATTR_MONITOR, default="all"): vol.In(SERIES_MONITOR),
    }
)


ADD_MOVIE_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELD,
        **TARGET_FIELDS,
        vol.Optional(ATTR_TMDB_ID): cv.positive_int,
        vol.Optional(ATTR_MONITORED, default=True): cv.boolean,
        vol.Optional(ATTR_MINIMUM_AVAILABILITY, default="released"): vol.In(MINIMUM_AVAILABILITY),
    }
)


QUEUE_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELD,
        vol.Optional(ATTR_MAX_ITEMS, default=20): vol.All(vol.Coerce(int), vol.Range(min=1, max=200)),
    }
)


# What the user is told when a profile or folder is missing, or unknown.
PICK_ERROR_KEYS: Final = {
    CONF_QUALITY_PROFILE: ("quality_profile_required", "unknown_quality_profile"),
    CONF_ROOT_FOLDER: ("root_folder_required", "unknown_root_folder"),
}


def _pick_named[T: (QualityProfile, RootFolder)](
    value: Any, option: Any, items: list[T], name_of: Any, key: str
) -> T:
    """Pick a profile or folder by id or name; then the option; then the only one."""
    names = ", ".join(name_of(i) for i in items) or "-"
    required_key, unknown_key = PICK_ERROR_KEYS[key]
    chosen = value if value is not None else option
    if chosen is None:
        if len(items) == 1:
            return items[0]
        raise validation_error(required_key, valid=names)
    for item in items:
        if str(item.id) == str(chosen) or name_of(item).casefold() == str(chosen).casefold():
            return item
    raise validation_error(unknown_key, value=str(chosen), valid=names)


def _best_match(term: str, results: list[LookupResult]) -> LookupResult:
    if not results:
        raise validation_error("no_match", term=term)
    wanted = term.casefold().strip()
    exact = [
        r for r in results if r.title.casefold() == wanted or f"{r.title} ({r.year})".casefold() == wanted
    ]
    return exact[0] if exact else results[0]


def _match_json(result: LookupResult, id_key: str) -> dict[str, Any]:
    return {
        "title": result.title,
        "year": result.year,
        id_key: result.external_id,
        "overview": result.overview,
        "already_added": result.in_library,
    }


class ArrActions:
    """The Sonarr and Radarr actions."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Keep Home Assistant for entry lookups."""
        self.hass = hass

    async def search(self, flavor: Flavor, call: ServiceCall) -> ServiceResponse:
        """Find series or movies by title."""
        coordinator = resolve_coordinator(self.hass, call, (flavor.spec,), ArrCoordinator)
        async with translate_api_errors(coordinator.config_entry.title):
            results = await coordinator.client.lookup(call.data[ATTR_TERM])
        return {flavor.list_key: [_match_json(r, flavor.id_key) for r in results[:MAX_SEARCH_RESULTS]]}

    async def add(self, flavor: Flavor, call: ServiceCall) -> ServiceResponse:
        """Add a series or movie with the right profile and folder."""
        coordinator = resolve_coordinator(self.hass, call, (flavor.spec,), ArrCoordinator)
        client: ArrClient = coordinator.client
        title = coordinator.config_entry.title
        id_key = flavor.id_key
        external_id: int | None = call.data.get(id_key)
        term: str | None = call.data.get(ATTR_TERM)
        if (external_id is None) == (term is None):
            raise validation_error("id_or_term", id_field=id_key)
        options = coordinator.config_entry.options
        profile = _pick_named(
            call.data.get(CONF_QUALITY_PROFILE),
            options.get(CONF_QUALITY_PROFILE),
            coordinator.data.quality_profiles,
            lambda p: p.name,
            CONF_QUALITY_PROFILE,
        )
        folder = _pick_named(
            call.data.get(CONF_ROOT_FOLDER),
            options.get(CONF_ROOT_FOLDER),
            list(coordinator.data.root_folders.values()),
            lambda f: f.path,
            CONF_ROOT_FOLDER,
        )
        async with translate_api_errors(title):
            if external_id is not None:
                match = await client.lookup_id(external_id)
                if match is None:
                    raise validation_error("unknown_id", id_field=id_key, value=str(external_id))
                candidates = 1
            else:
                assert term is not None
                results = await client.lookup(term)
                match = _best_match(term, results)
                candidates = len(results)
            if match.in_library:
                raise validation_error("already_added", title=match.title, service=title)
            body = _add_body(flavor, match, profile, folder, call.data)
            try:
                added = await client.add(body)
            except ApiValidationError as err:
                if any("already been added" in m for m in err.messages):
                    raise validation_error("already_added", title=match.title, service=title) from err
                raise
        coordinator.force_all_tiers()
        await coordinator.async_request_refresh()
        return _added_json(added, id_key, profile, folder, call.data[ATTR_SEARCH], term, candidates)

    async def get_queue(self, call: ServiceCall) -> ServiceResponse:
        """List the download queue with progress."""
        coordinator = resolve_coordinator(self.hass, call, (SONARR, RADARR), ArrCoordinator)
        async with translate_api_errors(coordinator.config_entry.title):
            total, items = await coordinator.client.queue(call.data[ATTR_MAX_ITEMS])
        return {
            "total": total,
            "items": [
                {
                    "id": i.id,
                    "title": i.title,
                    "status": i.status,
                    "state": i.tracked_state,
                    "progress": i.progress,
                    "size": i.size,
                    "size_left": i.size_left,
                    "time_left": i.time_left,
                    "estimated_completion": i.estimated_completion.isoformat()
                    if i.estimated_completion
                    else None,
                    "download_client": i.download_client,
                    "protocol": i.protocol,
                }
                for i in items
            ],
        }


def _series_options(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "monitored": data[ATTR_MONITOR] != "none",
        "seasonFolder": True,
        "addOptions": {
            "monitor": SERIES_MONITOR[data[ATTR_MONITOR]],
            "searchForMissingEpisodes": data[ATTR_SEARCH],
            "searchForCutoffUnmetEpisodes": False,
        },
    }


def _movie_options(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "monitored": data[ATTR_MONITORED],
        "minimumAvailability": MINIMUM_AVAILABILITY[data[ATTR_MINIMUM_AVAILABILITY]],
        "addOptions": {
            "searchForMovie": data[ATTR_SEARCH],
            "monitor": "movieOnly" if data[ATTR_MONITORED] else "none",
        },
    }


@dataclass(frozen=True, slots=True)
class Flavor:
    """What differs between adding a series to Sonarr and a movie to Radarr."""

    spec: ServiceSpec
    #: the action field (and answer key) of the item's id at TheTVDB or TMDB
    id_key: str
    #: the answer's list of search results
    list_key: str
    #: the add body's settings from the action's fields
    add_options: Callable[[dict[str, Any]], dict[str, Any]]


SERIES = Flavor(SONARR, ATTR_TVDB_ID, "series", _series_options)
MOVIES = Flavor(RADARR, ATTR_TMDB_ID, "movies", _movie_options)


def _add_body(
    flavor: Flavor, match: LookupResult, profile: QualityProfile, folder: RootFolder, data: dict[str, Any]
) -> dict[str, Any]:
    body = {
        **match.raw,
        "qualityProfileId": profile.id,
        "rootFolderPath": folder.path,
    }
    body.pop("id", None)
    body.pop("path", None)
    return body | flavor.add_options(data)


def _added_json(
    added: AddedItem,
    id_key: str,
    profile: QualityProfile,
    folder: RootFolder,
    searched: bool,
    term: str | None,
    candidates: int,
) -> dict[str, Any]:
    return {
        "id": added.id,
        "title": added.title,
        "year": added.year,
        id_key: added.external_id,
        "path": added.path,
        "quality_profile": profile.name,
        "root_folder": folder.path,
        "monitored": added.monitored,
        "search_started": searched,
        "matched_term": term,
        "candidates": candidates,
    }


@callback
def async_register_actions(hass: HomeAssistant) -> None:
    """Register the Sonarr and Radarr actions."""
    arr = ArrActions(hass)
    only, optional = SupportsResponse.ONLY, SupportsResponse.OPTIONAL
    register_action(hass, "search_series", partial(arr.search, SERIES), TERM_SCHEMA, only)
    register_action(hass, "add_series", partial(arr.add, SERIES), ADD_SERIES_SCHEMA, optional)
    register_action(hass, "search_movies", partial(arr.search, MOVIES), TERM_SCHEMA, only)
    register_action(hass, "add_movie", partial(arr.add, MOVIES), ADD_MOVIE_SCHEMA, optional)
    register_action(hass, "get_queue", arr.get_queue, QUEUE_SCHEMA, only)
