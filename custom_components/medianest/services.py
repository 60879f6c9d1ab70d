"""Actions (services) of MediaNest, registered once for every entry."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Coroutine, Iterable
from contextlib import asynccontextmanager
from functools import partial
from typing import TYPE_CHECKING, Any, Final

import probatio as vol

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse, callback
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import config_validation as cv

from .api import (
    ApiAuthenticationError,
    ApiConnectionError,
    ApiTimeoutError,
    ApiValidationError,
    MedianestApiError,
)
from .api.arr import AddedItem, ArrClient, LookupResult
from .api.models import QualityProfile, RootFolder
from .const import (
    CONF_CONFIG_ENTRY_ID,
    CONF_QUALITY_PROFILE,
    CONF_ROOT_FOLDER,
    DOMAIN,
    ServiceKind,
)
from .coordinator import ArrCoordinator, ProwlarrCoordinator

if TYPE_CHECKING:
    from . import MedianestConfigEntry

ATTR_TERM: Final = "term"
ATTR_TVDB_ID: Final = "tvdb_id"
ATTR_TMDB_ID: Final = "tmdb_id"
ATTR_MONITOR: Final = "monitor"
ATTR_MONITORED: Final = "monitored"
ATTR_SEARCH: Final = "search"
ATTR_MINIMUM_AVAILABILITY: Final = "minimum_availability"
ATTR_MAX_ITEMS: Final = "max_items"
ATTR_INDEXER_ID: Final = "indexer_id"

MAX_SEARCH_RESULTS: Final = 20

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

ENTRY_FIELD: dict[Any, Any] = {vol.Optional(CONF_CONFIG_ENTRY_ID): cv.string}
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

TEST_INDEXERS_SCHEMA = vol.Schema({**ENTRY_FIELD, vol.Optional(ATTR_INDEXER_ID): cv.positive_int})


@asynccontextmanager
async def translate_api_errors(title: str) -> AsyncIterator[None]:
    """Turn a client error into a translated Home Assistant error."""
    try:
        yield
    except ApiAuthenticationError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="action_auth_failed",
            translation_placeholders={"title": title},
        ) from err
    except (ApiConnectionError, ApiTimeoutError) as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="action_unreachable",
            translation_placeholders={"title": title},
        ) from err
    except ApiValidationError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="action_rejected",
            translation_placeholders={"title": title, "error": str(err)},
        ) from err
    except MedianestApiError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="action_failed",
            translation_placeholders={"title": title, "error": str(err)},
        ) from err


def _validation_error(key: str, **placeholders: str) -> ServiceValidationError:
    return ServiceValidationError(
        translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders or None
    )


def resolve_entry(
    hass: HomeAssistant, call: ServiceCall, kinds: Iterable[ServiceKind]
) -> MedianestConfigEntry:
    """The entry an action acts on: the one named, or the only loaded one of its kinds."""
    kinds = tuple(kinds)
    wanted = ", ".join(kinds)
    if entry_id := call.data.get(CONF_CONFIG_ENTRY_ID):
        entry: MedianestConfigEntry | None = hass.config_entries.async_get_entry(entry_id)
        if entry is None or entry.domain != DOMAIN:
            raise _validation_error("entry_not_found", entry_id=entry_id)
        if entry.state is not ConfigEntryState.LOADED:
            raise _validation_error("entry_not_loaded", title=entry.title)
        if entry.runtime_data.kind not in kinds:
            raise _validation_error("wrong_entry_kind", title=entry.title, kinds=wanted)
        return entry
    loaded = [e for e in hass.config_entries.async_loaded_entries(DOMAIN) if e.runtime_data.kind in kinds]
    if not loaded:
        raise _validation_error("no_entry", kinds=wanted)
    if len(loaded) > 1:
        raise _validation_error("multiple_entries", kinds=wanted, titles=", ".join(e.title for e in loaded))
    return loaded[0]


def _pick_named[T: (QualityProfile, RootFolder)](
    value: Any, option: Any, items: list[T], name_of: Any, key: str
) -> T:
    """Pick a profile or folder by id or name; then the option; then the only one."""
    names = ", ".join(name_of(i) for i in items) or "-"
    chosen = value if value is not None else option
    if chosen is None:
        if len(items) == 1:
            return items[0]
        raise _validation_error(f"{key}_required", valid=names)
    for item in items:
        if str(item.id) == str(chosen) or name_of(item).casefold() == str(chosen).casefold():
            return item
    raise _validation_error(f"unknown_{key}", value=str(chosen), valid=names)


def _best_match(term: str, results: list[LookupResult]) -> LookupResult:
    if not results:
        raise _validation_error("no_match", term=term)
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

    def _coordinator(self, call: ServiceCall, kind: ServiceKind) -> ArrCoordinator:
        entry = resolve_entry(self.hass, call, (kind,))
        coordinator = entry.runtime_data.coordinator
        assert isinstance(coordinator, ArrCoordinator)
        return coordinator

    async def search(self, kind: ServiceKind, call: ServiceCall) -> ServiceResponse:
        """Find series or movies by title."""
        coordinator = self._coordinator(call, kind)
        id_key, list_key = _keys(kind)
        async with translate_api_errors(coordinator.config_entry.title):
            results = await coordinator.client.lookup(call.data[ATTR_TERM])
        return {list_key: [_match_json(r, id_key) for r in results[:MAX_SEARCH_RESULTS]]}

    async def add(self, kind: ServiceKind, call: ServiceCall) -> ServiceResponse:
        """Add a series or movie with the right profile and folder."""
        coordinator = self._coordinator(call, kind)
        client: ArrClient = coordinator.client
        title = coordinator.config_entry.title
        id_key, _ = _keys(kind)
        external_id: int | None = call.data.get(id_key)
        term: str | None = call.data.get(ATTR_TERM)
        if (external_id is None) == (term is None):
            raise _validation_error("id_or_term", id_field=id_key)
        options = coordinator.config_entry.options
        profile = _pick_named(
            call.data.get(CONF_QUALITY_PROFILE),
            options.get(CONF_QUALITY_PROFILE),
            coordinator.data.quality_profiles,
            lambda p: p.name,
            "quality_profile",
        )
        folder = _pick_named(
            call.data.get(CONF_ROOT_FOLDER),
            options.get(CONF_ROOT_FOLDER),
            list(coordinator.data.root_folders.values()),
            lambda f: f.path,
            "root_folder",
        )
        async with translate_api_errors(title):
            if external_id is not None:
                match = await client.lookup_id(external_id)
                if match is None:
                    raise _validation_error("unknown_id", id_field=id_key, value=str(external_id))
                candidates = 1
            else:
                assert term is not None
                results = await client.lookup(term)
                match = _best_match(term, results)
                candidates = len(results)
            if match.in_library:
                raise _validation_error("already_added", title=match.title, service=title)
            body = _add_body(kind, match, profile, folder, call.data)
            try:
                added = await client.add(body)
            except ApiValidationError as err:
                if any("already been added" in m for m in err.messages):
                    raise _validation_error("already_added", title=match.title, service=title) from err
                raise
        coordinator.force_all_tiers()
        await coordinator.async_request_refresh()
        return _added_json(added, id_key, profile, folder, call.data[ATTR_SEARCH], term, candidates)

    async def get_queue(self, call: ServiceCall) -> ServiceResponse:
        """List the download queue with progress."""
        entry = resolve_entry(self.hass, call, (ServiceKind.SONARR, ServiceKind.RADARR))
        coordinator = entry.runtime_data.coordinator
        assert isinstance(coordinator, ArrCoordinator)
        async with translate_api_errors(entry.title):
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


async def test_indexers(hass: HomeAssistant, call: ServiceCall) -> ServiceResponse:
    """Test one indexer, or all of them, and say how each did."""
    entry = resolve_entry(hass, call, (ServiceKind.PROWLARR,))
    coordinator = entry.runtime_data.coordinator
    assert isinstance(coordinator, ProwlarrCoordinator)
    indexers = coordinator.data.indexers
    indexer_id: int | None = call.data.get(ATTR_INDEXER_ID)
    if indexer_id is not None and indexer_id not in indexers:
        valid = ", ".join(f"{i.id} ({i.name})" for i in indexers.values()) or "-"
        raise _validation_error("unknown_indexer", value=str(indexer_id), valid=valid)
    async with translate_api_errors(entry.title):
        if indexer_id is not None:
            results = [await coordinator.client.test_indexer(indexer_id)]
        else:
            results = await coordinator.client.test_all_indexers()
    await coordinator.async_request_refresh()
    return {
        "results": [
            {
                "indexer_id": r.indexer_id,
                "name": indexers[r.indexer_id].name if r.indexer_id in indexers else None,
                "valid": r.valid,
                "errors": list[Any](r.errors),
            }
            for r in results
        ]
    }


def _keys(kind: ServiceKind) -> tuple[str, str]:
    return (ATTR_TVDB_ID, "series") if kind is ServiceKind.SONARR else (ATTR_TMDB_ID, "movies")


def _add_body(
    kind: ServiceKind, match: LookupResult, profile: QualityProfile, folder: RootFolder, data: dict[str, Any]
) -> dict[str, Any]:
    body = {
        **match.raw,
        "qualityProfileId": profile.id,
        "rootFolderPath": folder.path,
    }
    body.pop("id", None)
    body.pop("path", None)
    if kind is ServiceKind.SONARR:
        body |= {
            "monitored": data[ATTR_MONITOR] != "none",
            "seasonFolder": True,
            "addOptions": {
                "monitor": SERIES_MONITOR[data[ATTR_MONITOR]],
                "searchForMissingEpisodes": data[ATTR_SEARCH],
                "searchForCutoffUnmetEpisodes": False,
            },
        }
    else:
        body |= {
            "monitored": data[ATTR_MONITORED],
            "minimumAvailability": MINIMUM_AVAILABILITY[data[ATTR_MINIMUM_AVAILABILITY]],
            "addOptions": {
                "searchForMovie": data[ATTR_SEARCH],
                "monitor": "movieOnly" if data[ATTR_MONITORED] else "none",
            },
        }
    return body


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
def async_setup_services(hass: HomeAssistant) -> None:
    """Register MediaNest's actions."""
    arr = ArrActions(hass)
    only, optional = SupportsResponse.ONLY, SupportsResponse.OPTIONAL
    actions: tuple[
        tuple[str, Callable[[ServiceCall], Coroutine[Any, Any, ServiceResponse]], Any, SupportsResponse], ...
    ] = (
        ("search_series", partial(arr.search, ServiceKind.SONARR), TERM_SCHEMA, only),
        ("add_series", partial(arr.add, ServiceKind.SONARR), ADD_SERIES_SCHEMA, optional),
        ("search_movies", partial(arr.search, ServiceKind.RADARR), TERM_SCHEMA, only),
        ("add_movie", partial(arr.add, ServiceKind.RADARR), ADD_MOVIE_SCHEMA, optional),
        ("get_queue", arr.get_queue, QUEUE_SCHEMA, only),
        ("test_indexers", partial(test_indexers, hass), TEST_INDEXERS_SCHEMA, optional),
    )
    for name, handler, schema, response in actions:
        hass.services.async_register(DOMAIN, name, handler, schema, supports_response=response)
