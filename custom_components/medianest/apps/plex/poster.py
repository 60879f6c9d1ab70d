"""Posters of Plex items, served by Home Assistant so the server's token stays inside.

A poster on the Plex server needs the token. Rather than putting it in an entity's
picture URL, Home Assistant fetches the (scaled) poster itself. The picture URL is
signed with a key made at each start, so only URLs Home Assistant handed out work, and
only for the item an entity shows right now.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Final

from aiohttp import web

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers.http import KEY_HASS, HomeAssistantView
from homeassistant.util.hass_dict import HassKey

from ...api import MedianestApiError
from ...api.plex import MediaItem
from ...const import DOMAIN, LOGGER
from .coordinator import PlexCoordinator

POSTER_PATH: Final = "/api/medianest/plex/{entry_id}/poster/{rating_key}"
POSTER_WIDTH: Final = 300
POSTER_HEIGHT: Final = 450
POSTER_KEY: HassKey[bytes] = HassKey(f"{DOMAIN}_poster_key")


def _signature(hass: HomeAssistant, entry_id: str, rating_key: str) -> str:
    key = hass.data.setdefault(POSTER_KEY, secrets.token_bytes(32))
    return hmac.new(key, f"{entry_id}/{rating_key}".encode(), hashlib.sha256).hexdigest()[:32]


def poster_url(hass: HomeAssistant, entry_id: str, item: MediaItem | None) -> str | None:
    """The signed picture URL of an item's poster, if it has one."""
    if item is None or not item.thumb:
        return None
    path = POSTER_PATH.format(entry_id=entry_id, rating_key=item.rating_key)
    return f"{path}?sig={_signature(hass, entry_id, item.rating_key)}"


class PlexPosterView(HomeAssistantView):
    """Answers a signed poster URL with the poster, fetched from the Plex server."""

    url = POSTER_PATH
    name = "api:medianest:plex_poster"
    requires_auth = False

    async def get(self, request: web.Request, entry_id: str, rating_key: str) -> web.StreamResponse:
        """Send the poster of the item an entity shows."""
        hass = request.app[KEY_HASS]
        signature = request.query.get("sig", "")
        if not hmac.compare_digest(signature, _signature(hass, entry_id, rating_key)):
            return web.Response(status=403)
        entry = hass.config_entries.async_get_entry(entry_id)
        if entry is None or entry.domain != DOMAIN or entry.state is not ConfigEntryState.LOADED:
            return web.Response(status=404)
        coordinator = entry.runtime_data.coordinator
        if not isinstance(coordinator, PlexCoordinator):
            return web.Response(status=404)
        latest = coordinator.data.latest
        if latest is None or latest.rating_key != rating_key or not latest.thumb:
            return web.Response(status=404)  # only what an entity shows right now
        try:
            body, content_type = await coordinator.client.image(latest.thumb, POSTER_WIDTH, POSTER_HEIGHT)
        except MedianestApiError as err:
            LOGGER.debug("No poster for %s from %s: %s", rating_key, entry.title, err)
            return web.Response(status=502)
        return web.Response(
            body=body, content_type=content_type, headers={"Cache-Control": "private, max-age=3600"}
        )
