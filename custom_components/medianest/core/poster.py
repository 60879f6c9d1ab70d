"""Posters of every service, served by Home Assistant: the browser reaches nothing else.

A poster on Plex, Sonarr or Radarr needs the service's key, and Seerr's point to a
third-party CDN. Rather than handing such an address to the browser, Home Assistant fetches
the (server-scaled) poster itself and answers a URL of its own. That URL is signed with a key
made at each start and expires: only URLs Home Assistant handed out work, for a day or two. Posters
are kept in memory for a while (bounded in count and bytes), so a dashboard opened again,
or by a second browser, does not ask the service again; a service is asked for a few
posters at a time, so opening a dashboard of 50 posters does not flood it.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
import hashlib
import hmac
import re
import secrets
import time
from typing import TYPE_CHECKING, Final

from aiohttp import web

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.http import KEY_HASS, HomeAssistantView
from homeassistant.util.hass_dict import HassKey

from ..api import ApiNotFoundError, MedianestApiError
from ..const import DOMAIN, LOGGER

if TYPE_CHECKING:
    from .spec import MedianestConfigEntry

#: fetches one poster of an entry's service: its bytes and content type
type PosterFetcher = Callable[["MedianestConfigEntry", str], Awaitable[tuple[bytes, str]]]

POSTER_PATH: Final = "/api/medianest/poster/{entry_id}/{ref}"
#: what names a poster inside its service (an id, a file name); nothing else is signed
REF: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
#: a URL works one to two days: the same URL all day, so browsers keep the poster and an
#: entity's picture changes once a day
LIFETIME: Final = 24 * 3600
#: posters kept in memory, and for how long
CACHE_ITEMS: Final = 300
CACHE_BYTES: Final = 40 * 1024 * 1024
CACHE_SECONDS: Final = 6 * 3600
#: posters asked of one service at a time
PER_SERVICE: Final = 4
#: the poster size asked of the services that scale (2:3, sharp on a phone's 2x screen)
POSTER_WIDTH: Final = 300
POSTER_HEIGHT: Final = 450


@dataclass(slots=True)
class _Posters:
    key: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    cache: OrderedDict[tuple[str, str], tuple[float, bytes, str]] = field(default_factory=OrderedDict)
    size: int = 0
    limits: dict[str, asyncio.Semaphore] = field(default_factory=dict)

    def get(self, key: tuple[str, str]) -> tuple[bytes, str] | None:
        if (hit := self.cache.get(key)) is None:
            return None
        fetched, body, content_type = hit
        if time.monotonic() - fetched > CACHE_SECONDS:
            self.drop(key)
            return None
        self.cache.move_to_end(key)
        return body, content_type

    def put(self, key: tuple[str, str], body: bytes, content_type: str) -> None:
        self.drop(key)
        self.cache[key] = (time.monotonic(), body, content_type)
        self.size += len(body)
        while len(self.cache) > CACHE_ITEMS or self.size > CACHE_BYTES:
            self.drop(next(iter(self.cache)))

    def drop(self, key: tuple[str, str]) -> None:
        if (hit := self.cache.pop(key, None)) is not None:
            self.size -= len(hit[1])

    def forget_entry(self, entry_id: str) -> None:
        for key in [k for k in self.cache if k[0] == entry_id]:
            self.drop(key)
        self.limits.pop(entry_id, None)


POSTERS: HassKey[_Posters] = HassKey(f"{DOMAIN}_posters")


def _now() -> float:
    """The wall clock the expiries are on."""
    return time.time()


def _posters(hass: HomeAssistant) -> _Posters:
    return hass.data.setdefault(POSTERS, _Posters())


def _signature(hass: HomeAssistant, entry_id: str, ref: str, expires: int) -> str:
    message = f"{entry_id}/{ref}/{expires}".encode()
    return hmac.new(_posters(hass).key, message, hashlib.sha256).hexdigest()[:32]


def poster_url(hass: HomeAssistant, entry_id: str, ref: str | int | None) -> str | None:
    """A signed, expiring URL of a poster of an entry's service; None without one."""
    if ref is None or not REF.fullmatch(name := str(ref)):
        return None
    expires = (int(_now()) // LIFETIME + 2) * LIFETIME
    path = POSTER_PATH.format(entry_id=entry_id, ref=name)
    return f"{path}?exp={expires}&sig={_signature(hass, entry_id, name, expires)}"


@callback
def async_forget_posters(hass: HomeAssistant, entry_id: str) -> None:
    """Drop an unloaded entry's posters."""
    if (posters := hass.data.get(POSTERS)) is not None:
        posters.forget_entry(entry_id)


class PosterView(HomeAssistantView):
    """Answers a signed poster URL with the poster, fetched from the service (or kept)."""

    url = POSTER_PATH
    name = "api:medianest:poster"
    requires_auth = False  # an <img> sends no token: the signature is the permission

    async def get(self, request: web.Request, entry_id: str, ref: str) -> web.StreamResponse:
        """Send one poster."""
        hass = request.app[KEY_HASS]
        try:
            expires = int(request.query.get("exp", ""))
        except ValueError:
            return web.Response(status=403)
        signature = request.query.get("sig", "")
        if not hmac.compare_digest(signature, _signature(hass, entry_id, ref, expires)):
            return web.Response(status=403)
        if (left := expires - _now()) <= 0:
            return web.Response(status=403)
        entry: MedianestConfigEntry | None = hass.config_entries.async_get_entry(entry_id)
        if entry is None or entry.domain != DOMAIN or entry.state is not ConfigEntryState.LOADED:
            return web.Response(status=404)
        fetch = entry.runtime_data.spec.poster
        if fetch is None:
            return web.Response(status=404)
        posters = _posters(hass)
        key = (entry_id, ref)
        if (hit := posters.get(key)) is None:
            limit = posters.limits.setdefault(entry_id, asyncio.Semaphore(PER_SERVICE))
            async with limit:
                if (hit := posters.get(key)) is None:  # fetched meanwhile
                    try:
                        hit = await fetch(entry, ref)
                    except ApiNotFoundError:
                        return web.Response(status=404)
                    except MedianestApiError as err:
                        LOGGER.debug("No poster %s from %s: %s", ref, entry.title, err)
                        return web.Response(status=502)
                    posters.put(key, *hit)
        body, content_type = hit
        return web.Response(
            body=body,
            content_type=content_type,
            headers={"Cache-Control": f"private, max-age={int(left)}", "X-Content-Type-Options": "nosniff"},
        )
