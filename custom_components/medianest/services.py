"""Actions (services) of MediaNest, registered once for every entry."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from functools import partial
from typing import Any

from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse, callback
from homeassistant.helpers.service import async_register_admin_service

from .apps.arr import actions as arr_actions
from .apps.downloader import actions as downloader_actions
from .apps.plex import actions as plex_actions
from .apps.prowlarr import actions as prowlarr_actions
from .apps.qbittorrent import actions as qbittorrent_actions
from .apps.seerr import actions as seerr_actions
from .const import (
    DOMAIN,
    ServiceKind,
)


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register MediaNest's actions."""
    arr = arr_actions.ArrActions(hass)
    only, optional, none = SupportsResponse.ONLY, SupportsResponse.OPTIONAL, SupportsResponse.NONE
    actions: tuple[
        tuple[str, Callable[[ServiceCall], Coroutine[Any, Any, ServiceResponse]], Any, SupportsResponse], ...
    ] = (
        ("search_series", partial(arr.search, ServiceKind.SONARR), arr_actions.TERM_SCHEMA, only),
        ("add_series", partial(arr.add, ServiceKind.SONARR), arr_actions.ADD_SERIES_SCHEMA, optional),
        ("search_movies", partial(arr.search, ServiceKind.RADARR), arr_actions.TERM_SCHEMA, only),
        ("add_movie", partial(arr.add, ServiceKind.RADARR), arr_actions.ADD_MOVIE_SCHEMA, optional),
        ("get_queue", arr.get_queue, arr_actions.QUEUE_SCHEMA, only),
        (
            "test_indexers",
            partial(prowlarr_actions.test_indexers, hass),
            prowlarr_actions.TEST_INDEXERS_SCHEMA,
            optional,
        ),
        (
            "add_torrent",
            partial(qbittorrent_actions.add_torrent, hass),
            qbittorrent_actions.ADD_TORRENT_SCHEMA,
            optional,
        ),
        (
            "pause_torrents",
            partial(qbittorrent_actions.pause_or_resume, True, hass),
            qbittorrent_actions.TORRENTS_SCHEMA,
            none,
        ),
        (
            "resume_torrents",
            partial(qbittorrent_actions.pause_or_resume, False, hass),
            qbittorrent_actions.TORRENTS_SCHEMA,
            none,
        ),
        (
            "get_torrents",
            partial(qbittorrent_actions.get_torrents, hass),
            qbittorrent_actions.GET_TORRENTS_SCHEMA,
            only,
        ),
    )
    downloads = downloader_actions.DownloadActions(hass)
    actions += (
        ("queue_download", downloads.queue, downloader_actions.QUEUE_DOWNLOAD_SCHEMA, optional),
        ("cancel_download", downloads.cancel, downloader_actions.DOWNLOAD_ID_SCHEMA, none),
        ("get_downloads", downloads.get, downloader_actions.GET_DOWNLOADS_SCHEMA, only),
    )
    plex = plex_actions.PlexActions(hass)
    actions += (
        ("refresh_library", plex.refresh_library, plex_actions.REFRESH_LIBRARY_SCHEMA, optional),
        ("get_library_items", plex.library_items, plex_actions.LIBRARY_ITEMS_SCHEMA, only),
        ("get_recently_added", plex.recently_added, plex_actions.RECENTLY_ADDED_SCHEMA, only),
    )
    for name, handler, schema, response in actions:
        hass.services.async_register(DOMAIN, name, handler, schema, supports_response=response)
    seerr = seerr_actions.SeerrActions(hass)
    hass.services.async_register(
        DOMAIN, "get_requests", seerr.get_requests, seerr_actions.GET_REQUESTS_SCHEMA, supports_response=only
    )
    hass.services.async_register(
        DOMAIN, "search_media", seerr.search, seerr_actions.SEARCH_MEDIA_SCHEMA, supports_response=only
    )
    hass.services.async_register(
        DOMAIN,
        "request_media",
        seerr.request_media,
        seerr_actions.REQUEST_MEDIA_SCHEMA,
        supports_response=optional,
    )
    # Deciding on requests is for administrators, as in the product's API.
    for name, action in (("approve_request", "approve"), ("decline_request", "decline")):
        async_register_admin_service(
            hass,
            DOMAIN,
            name,
            partial(seerr.decide, action),
            seerr_actions.REQUEST_ID_SCHEMA,
            supports_response=optional,
        )
