"""The qBittorrent actions: their fields and what they do."""

from __future__ import annotations

from functools import partial
from typing import Final

import probatio as vol
from yarl import URL

from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse, callback
from homeassistant.helpers import config_validation as cv
from homeassistant.util import dt as dt_util

from ...api.qbittorrent import TorrentGroup
from ...core.actions import (
    ATTR_MAX_ITEMS,
    ATTR_STATUS,
    ATTR_URL,
    ENTRY_FIELD,
    register_action,
    resolve_coordinator,
    translate_api_errors,
)
from ...core.coordinator import validation_error
from .coordinator import QbittorrentCoordinator
from .spec import QBITTORRENT

ATTR_CATEGORY: Final = "category"
ATTR_SAVE_PATH: Final = "save_path"
ATTR_PAUSED: Final = "paused"
ATTR_TAGS: Final = "tags"
ATTR_HASHES: Final = "hashes"


TORRENT_HASH = vol.All(cv.string, vol.Lower, vol.Match(r"^([0-9a-f]{40}|[0-9a-f]{64})$"))


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


def _qbittorrent(hass: HomeAssistant, call: ServiceCall) -> QbittorrentCoordinator:
    return resolve_coordinator(hass, call, (QBITTORRENT,), QbittorrentCoordinator)


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
                "progress": t.percent,
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


@callback
def async_register_actions(hass: HomeAssistant) -> None:
    """Register the qBittorrent actions."""
    only, optional, none = SupportsResponse.ONLY, SupportsResponse.OPTIONAL, SupportsResponse.NONE
    register_action(hass, "add_torrent", partial(add_torrent, hass), ADD_TORRENT_SCHEMA, optional)
    register_action(hass, "pause_torrents", partial(pause_or_resume, True, hass), TORRENTS_SCHEMA, none)
    register_action(hass, "resume_torrents", partial(pause_or_resume, False, hass), TORRENTS_SCHEMA, none)
    register_action(hass, "get_torrents", partial(get_torrents, hass), GET_TORRENTS_SCHEMA, only)
