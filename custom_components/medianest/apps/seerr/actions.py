"""The Seerr actions: their fields and what they do."""

from __future__ import annotations

from functools import partial
from typing import Any, Final

import probatio as vol

from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse, callback
from homeassistant.helpers import config_validation as cv

from ...api import ApiNotFoundError, ApiValidationError
from ...api.seerr import (
    MEDIA_STATUSES,
    MediaRequest,
    MediaStatus,
    RequestStatus,
    SearchResult,
    SeerrClient,
)
from ...core.actions import (
    ATTR_MAX_ITEMS,
    ATTR_STATUS,
    ENTRY_FIELD,
    MAX_SEARCH_RESULTS,
    register_action,
    resolve_coordinator,
    translate_api_errors,
)
from ...core.coordinator import validation_error
from .coordinator import SeerrCoordinator
from .describe import request_json
from .spec import SEERR

ATTR_REQUEST_ID: Final = "request_id"
ATTR_QUERY: Final = "query"
ATTR_MEDIA_TYPE: Final = "media_type"
ATTR_IS_4K: Final = "is_4k"


REQUEST_FILTERS: Final = ("all", "pending", "approved", "processing", "available", "unavailable", "failed")


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
        return resolve_coordinator(self.hass, call, (SEERR,), SeerrCoordinator)

    async def _described(self, client: SeerrClient, requests: list[MediaRequest]) -> list[dict[str, Any]]:
        titles = await client.titles(requests)
        return [request_json(r, titles.get(r.id)) for r in requests]

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


@callback
def async_register_actions(hass: HomeAssistant) -> None:
    """Register the Seerr actions; deciding on requests is for administrators, as in Seerr."""
    seerr = SeerrActions(hass)
    only, optional = SupportsResponse.ONLY, SupportsResponse.OPTIONAL
    register_action(hass, "get_requests", seerr.get_requests, GET_REQUESTS_SCHEMA, only)
    register_action(hass, "search_media", seerr.search, SEARCH_MEDIA_SCHEMA, only)
    register_action(hass, "request_media", seerr.request_media, REQUEST_MEDIA_SCHEMA, optional)
    for name, action in (("approve_request", "approve"), ("decline_request", "decline")):
        register_action(hass, name, partial(seerr.decide, action), REQUEST_ID_SCHEMA, optional, admin=True)
