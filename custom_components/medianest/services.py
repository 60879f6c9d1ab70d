"""Actions (services) of MediaNest, registered once for every entry."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Coroutine, Iterable
from contextlib import asynccontextmanager
from functools import partial
from typing import TYPE_CHECKING, Any, Final

import probatio as vol
from yarl import URL

from homeassistant.const import ATTR_CONFIG_ENTRY_ID
from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.service import async_get_config_entry, async_register_admin_service
from homeassistant.util import dt as dt_util

from .api import (
    ApiAuthenticationError,
    ApiConnectionError,
    ApiNotFoundError,
    ApiRateLimitedError,
    ApiTimeoutError,
    ApiValidationError,
    MedianestApiError,
)
from .api.arr import AddedItem, ArrClient, LookupResult
from .api.models import QualityProfile, RootFolder
from .api.plex import MAX_PAGE_SIZE, SORT_FIELDS, LibrarySection
from .api.qbittorrent import TorrentGroup
from .api.seerr import (
    MEDIA_STATUSES,
    MediaRequest,
    MediaStatus,
    MediaTitle,
    RequestStatus,
    SearchResult,
    SeerrClient,
)
from .api.ytdlp import FORMATS, MAX_URL_LENGTH, QUALITIES
from .apps.arr.coordinator import ArrCoordinator
from .apps.downloader.coordinator import DownloaderCoordinator, DownloadStatus
from .apps.plex.coordinator import PlexCoordinator
from .apps.prowlarr.coordinator import ProwlarrCoordinator
from .apps.qbittorrent.coordinator import QbittorrentCoordinator
from .apps.seerr.coordinator import SeerrCoordinator
from .const import (
    CONF_QUALITY_PROFILE,
    CONF_ROOT_FOLDER,
    DOMAIN,
    ServiceKind,
)
from .coordinator import MedianestCoordinator, validation_error
from .kinds import KINDS

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
ATTR_URL: Final = "url"
ATTR_CATEGORY: Final = "category"
ATTR_SAVE_PATH: Final = "save_path"
ATTR_PAUSED: Final = "paused"
ATTR_TAGS: Final = "tags"
ATTR_HASHES: Final = "hashes"
ATTR_STATUS: Final = "status"
ATTR_REQUEST_ID: Final = "request_id"
ATTR_QUERY: Final = "query"
ATTR_MEDIA_TYPE: Final = "media_type"
ATTR_IS_4K: Final = "is_4k"
ATTR_QUALITY: Final = "quality"
ATTR_FORMAT: Final = "format"
ATTR_AUDIO_ONLY: Final = "audio_only"
ATTR_SUBFOLDER: Final = "subfolder"
ATTR_DOWNLOAD_ID: Final = "download_id"

ATTR_LIBRARY: Final = "library"
ATTR_SORT: Final = "sort"
ATTR_SORT_ORDER: Final = "sort_order"
ATTR_GENRE: Final = "genre"
ATTR_YEAR: Final = "year"
ATTR_PAGE: Final = "page"
ATTR_PAGE_SIZE: Final = "page_size"

REQUEST_FILTERS: Final = ("all", "pending", "approved", "processing", "available", "unavailable", "failed")

TORRENT_HASH = vol.All(cv.string, vol.Lower, vol.Match(r"^([0-9a-f]{40}|[0-9a-f]{64})$"))

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

ENTRY_FIELD: dict[Any, Any] = {vol.Optional(ATTR_CONFIG_ENTRY_ID): cv.string}
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

TEST_INDEXERS_SCHEMA = vol.Schema({**ENTRY_FIELD, vol.Optional(ATTR_INDEXER_ID): cv.positive_int})
ADD_TORRENT_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELD,
        vol.Required(ATTR_URL): cv.string,
        vol.Optional(ATTR_CATEGORY): cv.string,
        vol.Optional(ATTR_SAVE_PATH): cv.string,
        vol.Optional(ATTR_PAUSED, default=False): cv.boolean,
        vol.Optional(ATTR_TAGS): vol.All(cv.ensure_list, [cv.string]),
    }
)
TORRENTS_SCHEMA = vol.Schema(
    {**ENTRY_FIELD, vol.Optional(ATTR_HASHES): vol.All(cv.ensure_list, [TORRENT_HASH])}
)
GET_TORRENTS_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELD,
        vol.Optional(ATTR_STATUS): vol.In([g.value for g in TorrentGroup]),
        vol.Optional(ATTR_MAX_ITEMS, default=25): vol.All(vol.Coerce(int), vol.Range(min=1, max=500)),
    }
)

GET_REQUESTS_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELD,
        vol.Optional(ATTR_STATUS, default="all"): vol.In(REQUEST_FILTERS),
        vol.Optional(ATTR_MAX_ITEMS, default=20): vol.All(vol.Coerce(int), vol.Range(min=1, max=100)),
    }
)
REQUEST_ID_SCHEMA = vol.Schema({**ENTRY_FIELD, vol.Required(ATTR_REQUEST_ID): cv.positive_int})
SEARCH_MEDIA_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELD,
        vol.Required(ATTR_QUERY): vol.All(cv.string, vol.Length(min=1, max=200)),
        vol.Optional(ATTR_MEDIA_TYPE): vol.In(["movie", "tv"]),
    }
)
REQUEST_MEDIA_SCHEMA = SEARCH_MEDIA_SCHEMA.extend({vol.Optional(ATTR_IS_4K, default=False): cv.boolean})

# The URL and subfolder are checked by the downloader itself, with translated errors
# (the schema only bounds their size).
QUEUE_DOWNLOAD_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELD,
        vol.Required(ATTR_URL): vol.All(cv.string, vol.Length(max=MAX_URL_LENGTH * 2)),
        vol.Optional(ATTR_QUALITY): vol.In(QUALITIES),
        vol.Optional(ATTR_FORMAT): vol.In(FORMATS),
        vol.Optional(ATTR_AUDIO_ONLY, default=False): cv.boolean,
        vol.Optional(ATTR_SUBFOLDER): vol.All(cv.string, vol.Length(max=1024)),
    }
)
DOWNLOAD_ID_SCHEMA = vol.Schema({**ENTRY_FIELD, vol.Required(ATTR_DOWNLOAD_ID): cv.string})
GET_DOWNLOADS_SCHEMA = vol.Schema(
    {**ENTRY_FIELD, vol.Optional(ATTR_STATUS): vol.In([status.value for status in DownloadStatus])}
)


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
    except ApiRateLimitedError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="action_rate_limited",
            translation_placeholders={"title": title, "seconds": f"{err.retry_after or 0:.0f}"},
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


def resolve_entry(
    hass: HomeAssistant, call: ServiceCall, kinds: Iterable[ServiceKind]
) -> MedianestConfigEntry:
    """The entry an action acts on: the one named, or the only loaded one of its kinds."""
    kinds = tuple(kinds)
    # Named as people know them ("Sonarr or Radarr"), not by MediaNest's internal kinds.
    wanted = " or ".join(KINDS[kind].manufacturer for kind in kinds)
    if entry_id := call.data.get(ATTR_CONFIG_ENTRY_ID):
        # Home Assistant's own checks and messages: found, MediaNest's, loaded.
        entry: MedianestConfigEntry = async_get_config_entry(hass, DOMAIN, entry_id)
        if entry.runtime_data.kind not in kinds:
            raise validation_error("wrong_entry_kind", title=entry.title, kinds=wanted)
        return entry
    loaded = [e for e in hass.config_entries.async_loaded_entries(DOMAIN) if e.runtime_data.kind in kinds]
    if not loaded:
        raise validation_error("no_entry", kinds=wanted)
    if len(loaded) > 1:
        raise validation_error("multiple_entries", kinds=wanted, titles=", ".join(e.title for e in loaded))
    return loaded[0]


def resolve_coordinator[C: MedianestCoordinator[Any, Any]](
    hass: HomeAssistant, call: ServiceCall, kinds: Iterable[ServiceKind], coordinator_class: type[C]
) -> C:
    """The coordinator of the entry an action acts on (see `resolve_entry`)."""
    coordinator = resolve_entry(hass, call, kinds).runtime_data.coordinator
    assert isinstance(coordinator, coordinator_class)
    return coordinator


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

    async def search(self, kind: ServiceKind, call: ServiceCall) -> ServiceResponse:
        """Find series or movies by title."""
        coordinator = resolve_coordinator(self.hass, call, (kind,), ArrCoordinator)
        id_key, list_key = _keys(kind)
        async with translate_api_errors(coordinator.config_entry.title):
            results = await coordinator.client.lookup(call.data[ATTR_TERM])
        return {list_key: [_match_json(r, id_key) for r in results[:MAX_SEARCH_RESULTS]]}

    async def add(self, kind: ServiceKind, call: ServiceCall) -> ServiceResponse:
        """Add a series or movie with the right profile and folder."""
        coordinator = resolve_coordinator(self.hass, call, (kind,), ArrCoordinator)
        client: ArrClient = coordinator.client
        title = coordinator.config_entry.title
        id_key, _ = _keys(kind)
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
            body = _add_body(kind, match, profile, folder, call.data)
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
        kinds = (ServiceKind.SONARR, ServiceKind.RADARR)
        coordinator = resolve_coordinator(self.hass, call, kinds, ArrCoordinator)
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


async def test_indexers(hass: HomeAssistant, call: ServiceCall) -> ServiceResponse:
    """Test one indexer, or all of them, and say how each did."""
    coordinator = resolve_coordinator(hass, call, (ServiceKind.PROWLARR,), ProwlarrCoordinator)
    indexers = coordinator.data.indexers
    indexer_id: int | None = call.data.get(ATTR_INDEXER_ID)
    if indexer_id is not None and indexer_id not in indexers:
        valid = ", ".join(f"{i.id} ({i.name})" for i in indexers.values()) or "-"
        raise validation_error("unknown_indexer", value=str(indexer_id), valid=valid)
    async with translate_api_errors(coordinator.config_entry.title):
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


def _qbittorrent(hass: HomeAssistant, call: ServiceCall) -> QbittorrentCoordinator:
    return resolve_coordinator(hass, call, (ServiceKind.QBITTORRENT,), QbittorrentCoordinator)


def _torrent_url(url: str) -> str:
    """A magnet link or an http(s) URL of a .torrent file, or a translated error."""
    url = url.strip()
    parsed = URL(url) if url else None
    if parsed is not None and parsed.scheme == "magnet" and "xt=urn:bt" in url:
        return url
    if parsed is not None and parsed.scheme in ("http", "https") and parsed.host and len(url) <= 8192:
        return url
    raise validation_error("invalid_torrent_url", url=url[:100])


async def add_torrent(hass: HomeAssistant, call: ServiceCall) -> ServiceResponse:
    """Add a torrent by magnet link or URL."""
    url = _torrent_url(call.data[ATTR_URL])
    coordinator = _qbittorrent(hass, call)
    async with translate_api_errors(coordinator.config_entry.title):
        result = await coordinator.client.add(
            [url],
            category=call.data.get(ATTR_CATEGORY),
            save_path=call.data.get(ATTR_SAVE_PATH),
            paused=call.data[ATTR_PAUSED],
            tags=call.data.get(ATTR_TAGS, ()),
        )
    await coordinator.async_request_refresh()
    return {"added": result.added, "pending": result.pending} if call.return_response else None


async def pause_or_resume(pause: bool, hass: HomeAssistant, call: ServiceCall) -> ServiceResponse:
    """Pause or resume some torrents (by hash), or all of them."""
    coordinator = _qbittorrent(hass, call)
    hashes: list[str] | None = call.data.get(ATTR_HASHES)
    known = coordinator.client.sync.torrents
    if hashes is not None and (unknown := [h for h in hashes if h not in known]):
        raise validation_error("unknown_torrent", hashes=", ".join(unknown))
    async with translate_api_errors(coordinator.config_entry.title):
        if pause:
            await coordinator.client.pause(hashes)
        else:
            await coordinator.client.resume(hashes)
    await coordinator.async_request_refresh()
    return None


async def get_torrents(hass: HomeAssistant, call: ServiceCall) -> ServiceResponse:
    """List the torrents as of the last poll, newest first."""
    coordinator = _qbittorrent(hass, call)
    torrents = coordinator.client.sync.torrent_list()
    if status := call.data.get(ATTR_STATUS):
        torrents = [t for t in torrents if t.group == status]
    return {
        "total": len(torrents),
        "torrents": [
            {
                "hash": t.hash,
                "name": t.name,
                "status": t.group.value,
                "state": t.state,
                "progress": round(t.progress * 100, 1) if t.progress is not None else None,
                "size": t.size,
                "download_speed": t.dlspeed,
                "upload_speed": t.upspeed,
                "eta": t.eta,
                "category": t.category,
                "added": dt_util.utc_from_timestamp(t.added_on).isoformat() if t.added_on else None,
                "ratio": round(t.ratio, 2) if t.ratio is not None else None,
            }
            for t in torrents[: call.data[ATTR_MAX_ITEMS]]
        ],
    }


# A movie or series in one of these states is requested already (or there).
ALREADY_REQUESTED = frozenset(
    {MediaStatus.PENDING, MediaStatus.PROCESSING, MediaStatus.PARTIALLY_AVAILABLE, MediaStatus.AVAILABLE}
)


class SeerrActions:
    """The Seerr, Overseerr and Jellyseerr actions."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Keep Home Assistant for entry lookups."""
        self.hass = hass

    def _coordinator(self, call: ServiceCall) -> SeerrCoordinator:
        return resolve_coordinator(self.hass, call, (ServiceKind.SEERR,), SeerrCoordinator)

    async def _described(self, client: SeerrClient, requests: list[MediaRequest]) -> list[dict[str, Any]]:
        titles = await client.titles(requests)
        return [_request_json(r, titles.get(r.id)) for r in requests]

    async def get_requests(self, call: ServiceCall) -> ServiceResponse:
        """List requests, newest first."""
        coordinator = self._coordinator(call)
        async with translate_api_errors(coordinator.config_entry.title):
            total, requests = await coordinator.client.requests(
                take=call.data[ATTR_MAX_ITEMS], status_filter=call.data[ATTR_STATUS]
            )
            items: list[Any] = await self._described(coordinator.client, requests)
        return {"total": total, "requests": items}

    async def decide(self, action: str, call: ServiceCall) -> ServiceResponse:
        """Approve or decline a pending request."""
        coordinator = self._coordinator(call)
        request_id: int = call.data[ATTR_REQUEST_ID]
        title = coordinator.config_entry.title
        async with translate_api_errors(title):
            try:
                current = await coordinator.client.get_request(request_id)
            except ApiNotFoundError as err:
                raise validation_error("unknown_request", request_id=str(request_id), service=title) from err
            if current.status != RequestStatus.PENDING:
                raise validation_error(
                    "request_not_pending", request_id=str(request_id), status=current.status_name or "unknown"
                )
            updated = await coordinator.client.set_status(request_id, action)
            (described,) = await self._described(coordinator.client, [updated])
        await coordinator.async_request_refresh()
        return described

    async def search(self, call: ServiceCall) -> ServiceResponse:
        """Find movies and series to request."""
        coordinator = self._coordinator(call)
        async with translate_api_errors(coordinator.config_entry.title):
            results = await coordinator.client.search(call.data[ATTR_QUERY])
        if media_type := call.data.get(ATTR_MEDIA_TYPE):
            results = [r for r in results if r.media_type == media_type]
        return {"results": [_search_json(r) for r in results[:MAX_SEARCH_RESULTS]]}

    async def request_media(self, call: ServiceCall) -> ServiceResponse:
        """Request a movie or series by title ("request Dune")."""
        coordinator = self._coordinator(call)
        query: str = call.data[ATTR_QUERY]
        title = coordinator.config_entry.title
        async with translate_api_errors(title):
            results = await coordinator.client.search(query)
            if media_type := call.data.get(ATTR_MEDIA_TYPE):
                results = [r for r in results if r.media_type == media_type]
            if not results:
                raise validation_error("no_match", term=query)
            wanted = query.casefold().strip()
            exact = [
                r
                for r in results
                if r.title.casefold() == wanted or f"{r.title} ({r.year})".casefold() == wanted
            ]
            match = (exact or results)[0]
            if match.media_status in ALREADY_REQUESTED:
                raise validation_error("already_requested", title=match.title, service=title)
            try:
                created = await coordinator.client.create_request(
                    match.media_type, match.tmdb_id, is_4k=call.data[ATTR_IS_4K]
                )
            except ApiValidationError as err:
                raise validation_error("already_requested", title=match.title, service=title) from err
            (described,) = await self._described(coordinator.client, [created])
        await coordinator.async_request_refresh()
        return {**described, "matched": _search_json(match), "candidates": len(results)}


def _request_json(request: MediaRequest, title: MediaTitle | None) -> dict[str, Any]:
    return {
        "id": request.id,
        "title": title.title if title else None,
        "year": title.year if title else None,
        "media_type": request.media_type,
        "tmdb_id": request.tmdb_id,
        "status": request.status_name,
        "media_status": request.media_status_name,
        "is_4k": request.is_4k,
        "requested_by": request.requested_by,
        "created": request.created.isoformat() if request.created else None,
        "updated": request.updated.isoformat() if request.updated else None,
        "poster": title.poster if title else None,
    }


def _search_json(result: SearchResult) -> dict[str, Any]:
    return {
        "title": result.title,
        "year": result.year,
        "media_type": result.media_type,
        "tmdb_id": result.tmdb_id,
        "overview": result.overview,
        "status": MEDIA_STATUSES.get(result.media_status) if result.media_status else None,
        "poster": result.poster,
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


class DownloadActions:
    """Queue, cancel and list yt-dlp downloads."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Act on the downloader entries of `hass`."""
        self.hass = hass

    def _coordinator(self, call: ServiceCall) -> DownloaderCoordinator:
        return resolve_coordinator(self.hass, call, (ServiceKind.DOWNLOADER,), DownloaderCoordinator)

    async def queue(self, call: ServiceCall) -> ServiceResponse:
        """Queue a video; answer its id, title and place in the queue."""
        coordinator = self._coordinator(call)
        download = await coordinator.async_queue(
            call.data[ATTR_URL],
            quality=call.data.get(ATTR_QUALITY),
            fmt=call.data.get(ATTR_FORMAT),
            audio_only=call.data[ATTR_AUDIO_ONLY],
            subfolder=call.data.get(ATTR_SUBFOLDER),
        )
        return download.as_json(coordinator.positions().get(download.id))

    async def cancel(self, call: ServiceCall) -> ServiceResponse:
        """Cancel a queued or running download."""
        await self._coordinator(call).async_cancel(call.data[ATTR_DOWNLOAD_ID])
        return None

    async def get(self, call: ServiceCall) -> ServiceResponse:
        """The downloads (optionally of one status) with their progress."""
        coordinator = self._coordinator(call)
        status = call.data.get(ATTR_STATUS)
        downloads = coordinator.downloads(DownloadStatus(status) if status else None)
        positions = coordinator.positions()
        return {"downloads": [d.as_json(positions.get(d.id)) for d in downloads]}


class PlexActions:
    """Scan and browse the libraries of a Plex server."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Act on the Plex entries of `hass`."""
        self.hass = hass

    def _coordinator(self, call: ServiceCall) -> PlexCoordinator:
        return resolve_coordinator(self.hass, call, (ServiceKind.PLEX,), PlexCoordinator)

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
def async_setup_services(hass: HomeAssistant) -> None:
    """Register MediaNest's actions."""
    arr = ArrActions(hass)
    only, optional, none = SupportsResponse.ONLY, SupportsResponse.OPTIONAL, SupportsResponse.NONE
    actions: tuple[
        tuple[str, Callable[[ServiceCall], Coroutine[Any, Any, ServiceResponse]], Any, SupportsResponse], ...
    ] = (
        ("search_series", partial(arr.search, ServiceKind.SONARR), TERM_SCHEMA, only),
        ("add_series", partial(arr.add, ServiceKind.SONARR), ADD_SERIES_SCHEMA, optional),
        ("search_movies", partial(arr.search, ServiceKind.RADARR), TERM_SCHEMA, only),
        ("add_movie", partial(arr.add, ServiceKind.RADARR), ADD_MOVIE_SCHEMA, optional),
        ("get_queue", arr.get_queue, QUEUE_SCHEMA, only),
        ("test_indexers", partial(test_indexers, hass), TEST_INDEXERS_SCHEMA, optional),
        ("add_torrent", partial(add_torrent, hass), ADD_TORRENT_SCHEMA, optional),
        ("pause_torrents", partial(pause_or_resume, True, hass), TORRENTS_SCHEMA, none),
        ("resume_torrents", partial(pause_or_resume, False, hass), TORRENTS_SCHEMA, none),
        ("get_torrents", partial(get_torrents, hass), GET_TORRENTS_SCHEMA, only),
    )
    downloads = DownloadActions(hass)
    actions += (
        ("queue_download", downloads.queue, QUEUE_DOWNLOAD_SCHEMA, optional),
        ("cancel_download", downloads.cancel, DOWNLOAD_ID_SCHEMA, none),
        ("get_downloads", downloads.get, GET_DOWNLOADS_SCHEMA, only),
    )
    plex = PlexActions(hass)
    actions += (
        ("refresh_library", plex.refresh_library, REFRESH_LIBRARY_SCHEMA, optional),
        ("get_library_items", plex.library_items, LIBRARY_ITEMS_SCHEMA, only),
        ("get_recently_added", plex.recently_added, RECENTLY_ADDED_SCHEMA, only),
    )
    for name, handler, schema, response in actions:
        hass.services.async_register(DOMAIN, name, handler, schema, supports_response=response)
    seerr = SeerrActions(hass)
    hass.services.async_register(
        DOMAIN, "get_requests", seerr.get_requests, GET_REQUESTS_SCHEMA, supports_response=only
    )
    hass.services.async_register(
        DOMAIN, "search_media", seerr.search, SEARCH_MEDIA_SCHEMA, supports_response=only
    )
    hass.services.async_register(
        DOMAIN, "request_media", seerr.request_media, REQUEST_MEDIA_SCHEMA, supports_response=optional
    )
    # Deciding on requests is for administrators, as in the product's API.
    for name, action in (("approve_request", "approve"), ("decline_request", "decline")):
        async_register_admin_service(
            hass, DOMAIN, name, partial(seerr.decide, action), REQUEST_ID_SCHEMA, supports_response=optional
        )
