"""Client for qBittorrent's WebUI API v2, versions 4.x and 5.x.

Authentication is a session cookie from `auth/login`: `SID` up to 5.1, `QBT_SID_<port>`
from 5.2. The cookie is kept by the client itself and sent in a header, because the
cookie jar of a shared session would refuse it from an IP-address host and would mix up
two qBittorrent servers on one host. An expired session (403) is logged in again once,
transparently. A wrong password is an authentication error (reauth), never retried; an
IP ban stops every request for a while instead of hammering the server.

The API version is read after login rather than guessed: 5.0 (API 2.11) renamed
pause/resume to stop/start, the paused states to stopped, and `paused` to `stopped` when
adding; 5.2 (API 2.14) answers login with 204/401 and adding with JSON.

Polling uses `sync/maindata` with its `rid`: the server then sends only what changed
since the last answer, which is merged into the state kept here.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from http import HTTPStatus
import json
import re
from typing import Any, Final, override

import aiohttp
import orjson

from . import http
from .errors import (
    ApiAuthenticationError,
    ApiBannedError,
    ApiHostRejectedError,
    ApiInvalidResponseError,
    ApiValidationError,
    MedianestApiError,
)
from .http import HttpClient, Json
from .models import JsonDict, as_dict, as_list, opt_bool, opt_float, opt_int, opt_str

# How long to leave a server alone after it banned us (qBittorrent's default ban is 1 h).
BAN_BACKOFF_SECONDS: Final = 15 * 60
#: first API version with stop/start and the stopped states (qBittorrent 5.0)
STOP_START_API: Final = (2, 11, 0)
# Torrent fields kept from `sync/maindata` (the rest of its ~50 fields is dropped).
TORRENT_FIELDS: Final = frozenset(
    {
        "name",
        "state",
        "progress",
        "size",
        "total_size",
        "dlspeed",
        "upspeed",
        "eta",
        "category",
        "added_on",
        "ratio",
        "amount_left",
    }
)
INFINITE_ETA: Final = 8640000


class TorrentGroup(StrEnum):
    """What a torrent is doing, in the groups the sensors count."""

    DOWNLOADING = "downloading"
    SEEDING = "seeding"
    PAUSED = "paused"
    STALLED = "stalled"
    ERRORED = "errored"
    QUEUED = "queued"
    CHECKING = "checking"
    OTHER = "other"


STATE_GROUPS: Final[Mapping[str, TorrentGroup]] = {
    "downloading": TorrentGroup.DOWNLOADING,
    "forcedDL": TorrentGroup.DOWNLOADING,
    "metaDL": TorrentGroup.DOWNLOADING,
    "forcedMetaDL": TorrentGroup.DOWNLOADING,
    "uploading": TorrentGroup.SEEDING,
    "forcedUP": TorrentGroup.SEEDING,
    "pausedDL": TorrentGroup.PAUSED,
    "pausedUP": TorrentGroup.PAUSED,
    "stoppedDL": TorrentGroup.PAUSED,  # 5.x names
    "stoppedUP": TorrentGroup.PAUSED,
    "stalledDL": TorrentGroup.STALLED,
    "stalledUP": TorrentGroup.STALLED,
    "error": TorrentGroup.ERRORED,
    "missingFiles": TorrentGroup.ERRORED,
    "queuedDL": TorrentGroup.QUEUED,
    "queuedUP": TorrentGroup.QUEUED,
    "checkingDL": TorrentGroup.CHECKING,
    "checkingUP": TorrentGroup.CHECKING,
    "checkingResumeData": TorrentGroup.CHECKING,
    "allocating": TorrentGroup.CHECKING,
    "moving": TorrentGroup.CHECKING,
}


def torrent_group(state: str | None) -> TorrentGroup:
    """The group of a torrent state (4.x and 5.x names alike)."""
    return STATE_GROUPS.get(state or "", TorrentGroup.OTHER)


class _SessionExpiredError(ApiAuthenticationError):
    """A request was refused for want of a valid session (403)."""


@dataclass(frozen=True, slots=True)
class Torrent:
    """A torrent as the actions show it."""

    hash: str
    name: str
    state: str | None
    progress: float | None
    size: int | None
    dlspeed: int | None
    upspeed: int | None
    eta: int | None
    category: str | None
    added_on: int | None
    ratio: float | None

    @classmethod
    def from_fields(cls, torrent_hash: str, data: JsonDict) -> Torrent:
        """Build from the kept fields of one torrent."""
        eta = opt_int(data, "eta")
        size = opt_int(data, "size")
        return cls(
            hash=torrent_hash,
            name=opt_str(data, "name") or torrent_hash,
            state=opt_str(data, "state"),
            progress=opt_float(data, "progress"),
            size=size if size is not None and size >= 0 else None,
            dlspeed=opt_int(data, "dlspeed"),
            upspeed=opt_int(data, "upspeed"),
            eta=None if eta is None or eta >= INFINITE_ETA else eta,
            category=opt_str(data, "category") or None,
            added_on=opt_int(data, "added_on"),
            ratio=opt_float(data, "ratio"),
        )

    @property
    def group(self) -> TorrentGroup:
        """What the torrent is doing."""
        return torrent_group(self.state)

    @property
    def percent(self) -> float | None:
        """Downloaded share in percent (one decimal)."""
        return round(self.progress * 100, 1) if self.progress is not None else None


@dataclass(frozen=True, slots=True)
class ServerState:
    """The transfer figures of `server_state`, reduced to what the sensors show."""

    download_speed: int | None
    upload_speed: int | None
    free_space: int | None
    connection_status: str | None
    alltime_download: int | None
    alltime_upload: int | None
    session_download: int | None
    session_upload: int | None
    alt_speed_limits: bool | None
    dht_nodes: int | None

    @classmethod
    def from_json(cls, data: JsonDict) -> ServerState:
        """Build from the merged `server_state`."""
        free = opt_int(data, "free_space_on_disk")
        return cls(
            download_speed=opt_int(data, "dl_info_speed"),
            upload_speed=opt_int(data, "up_info_speed"),
            free_space=free if free is not None and free >= 0 else None,
            connection_status=opt_str(data, "connection_status"),
            alltime_download=opt_int(data, "alltime_dl"),
            alltime_upload=opt_int(data, "alltime_ul"),
            session_download=opt_int(data, "dl_info_data"),
            session_upload=opt_int(data, "up_info_data"),
            alt_speed_limits=opt_bool(data, "use_alt_speed_limits"),
            dht_nodes=opt_int(data, "dht_nodes"),
        )


@dataclass(slots=True)
class SyncState:
    """What `sync/maindata` has told so far, kept between polls."""

    rid: int = 0
    torrents: dict[str, JsonDict] = field(default_factory=dict)
    server_state: JsonDict = field(default_factory=dict)
    categories: set[str] = field(default_factory=set)
    full_updates: int = 0

    def merge(self, update: JsonDict) -> None:
        """Merge one (full or partial) answer, already reduced by `reduce_maindata`."""
        if update.get("full_update"):
            self.torrents = {}
            self.server_state = {}
            self.categories = set()
            self.full_updates += 1
        for torrent_hash, changed in as_dict(update.get("torrents")).items():
            self.torrents.setdefault(torrent_hash, {}).update(changed)
        for torrent_hash in as_list(update.get("torrents_removed")):
            self.torrents.pop(torrent_hash, None)
        self.server_state.update(as_dict(update.get("server_state")))
        self.categories |= set(as_dict(update.get("categories")))
        self.categories -= set(as_list(update.get("categories_removed")))
        rid = opt_int(update, "rid")
        if rid is None:
            raise ApiInvalidResponseError("sync/maindata without rid")
        self.rid = rid

    def counts(self) -> Counter[TorrentGroup]:
        """How many torrents are in each group."""
        return Counter(torrent_group(opt_str(t, "state")) for t in self.torrents.values())

    def torrent_list(self) -> list[Torrent]:
        """Every torrent, newest first."""
        torrents = [Torrent.from_fields(h, t) for h, t in self.torrents.items()]
        return sorted(torrents, key=lambda t: t.added_on or 0, reverse=True)


def reduce_maindata(data: Json) -> JsonDict:
    """Keep only what `SyncState` uses from a `sync/maindata` answer.

    Runs where the body is parsed (a worker thread for a large full update), so the
    event loop only merges small dictionaries.
    """
    if not isinstance(data, dict):
        raise ValueError("sync/maindata is not an object")
    reduced: JsonDict = {
        k: data[k] for k in ("rid", "full_update", "torrents_removed", "server_state") if k in data
    }
    if isinstance(torrents := data.get("torrents"), dict):
        reduced["torrents"] = {
            h: {k: v for k, v in t.items() if k in TORRENT_FIELDS}
            for h, t in torrents.items()
            if isinstance(t, dict)
        }
    if isinstance(categories := data.get("categories"), dict):
        reduced["categories"] = dict.fromkeys(categories)
    if "categories_removed" in data:
        reduced["categories_removed"] = data["categories_removed"]
    return reduced


_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def parse_maindata(body: bytes) -> JsonDict:
    """Parse and reduce a `sync/maindata` answer.

    Small answers are parsed at once. A large one is walked key by key, each torrent
    decoded on its own: a single parse of a 2 MB body would hold the interpreter lock
    (and so the event loop) for tens of milliseconds, while between these small decodes
    the worker thread gives it up.
    """
    try:
        if len(body) < http.OFFLOOP_PARSE_BYTES:
            return reduce_maindata(orjson.loads(body))
        return reduce_maindata(_walk_object(body.decode("utf-8"), 0, descend="torrents")[0])
    except (ValueError, IndexError, TypeError) as err:
        raise ApiInvalidResponseError(f"Unexpected sync/maindata answer: {err}") from err


def _walk_object(text: str, pos: int, descend: str | None = None) -> tuple[JsonDict, int]:
    """Decode the object at `pos` one member at a time; the `descend` member likewise."""
    skip = _WHITESPACE.match
    pos = skip(text, pos).end()  # type: ignore[union-attr]
    if text[pos] != "{":
        raise ValueError("expected an object")
    result: JsonDict = {}
    pos = skip(text, pos + 1).end()  # type: ignore[union-attr]
    if text[pos] == "}":
        return result, pos + 1
    while True:
        key, pos = _DECODER.raw_decode(text, pos)
        pos = skip(text, pos).end()  # type: ignore[union-attr]
        if text[pos] != ":":
            raise ValueError("expected ':'")
        pos = skip(text, pos + 1).end()  # type: ignore[union-attr]
        if key == descend and text[pos] == "{":
            result[key], pos = _walk_object(text, pos)
        else:
            result[key], pos = _DECODER.raw_decode(text, pos)
        pos = skip(text, pos).end()  # type: ignore[union-attr]
        if text[pos] == "}":
            return result, pos + 1
        if text[pos] != ",":
            raise ValueError("expected ',' or '}'")
        pos = skip(text, pos + 1).end()  # type: ignore[union-attr]


@dataclass(frozen=True, slots=True)
class AddResult:
    """What qBittorrent said about an added torrent."""

    added: int | None
    pending: int | None


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = text.strip().lstrip("v").split(".")
    try:
        return tuple(int(p) for p in parts)
    except ValueError as err:
        raise ApiInvalidResponseError(f"Unexpected API version {text!r}") from err


# A full sync/maindata of 10,000 torrents is about 11 MB.
MAINDATA_MAX_BYTES: Final = 64 * 1024 * 1024


class QbittorrentClient(HttpClient):
    """qBittorrent 4.1 to 5.x (WebUI API v2)."""

    def __init__(self, session: aiohttp.ClientSession, base_url: str, username: str, password: str) -> None:
        """Create a client; nothing is sent until the first call."""
        super().__init__(session, base_url)
        self._username = username
        self._password = password
        self.add_secret(password)
        self._cookie: str | None = None
        self._logged_in = False
        self._login_lock = asyncio.Lock()
        self._banned_until = 0.0
        self.app_version: str | None = None
        self.api_version: tuple[int, ...] | None = None
        self.sync = SyncState()

    # --- session -------------------------------------------------------------------------

    @override
    def _auth_headers(self) -> Mapping[str, str]:
        # No Origin or Referer: qBittorrent's CSRF check lets requests without either pass,
        # whatever address (or proxy) Home Assistant reaches it through.
        return {"Cookie": self._cookie} if self._cookie else {}

    @override
    def _error_message(self, body: bytes) -> str | None:
        text = body.decode("utf-8", "replace").strip()
        return text[:200] or None

    @override
    def _validation_messages(self, body: bytes) -> list[str]:
        message = self._error_message(body)
        return [message] if message else []

    @override
    def _check_status(self, status: int, body: bytes, retry_after: str | None) -> None:
        if status == HTTPStatus.FORBIDDEN:
            raise _SessionExpiredError("qBittorrent refused the session (HTTP 403)")
        if status == HTTPStatus.UNAUTHORIZED:
            # Outside login, 401 is the CSRF or Host header check, not the password.
            raise ApiHostRejectedError(
                "qBittorrent refused the request's origin (HTTP 401): check its WebUI host header "
                "validation and the address Home Assistant uses"
            )
        if status in (HTTPStatus.CONFLICT, HTTPStatus.UNSUPPORTED_MEDIA_TYPE):
            raise ApiValidationError(self._validation_messages(body))
        super()._check_status(status, body, retry_after)

    async def login(self) -> None:
        """Log in (again) and read the versions; raise on rejected credentials or a ban."""
        if http.clock() < self._banned_until:
            raise ApiBannedError(
                "qBittorrent banned this address after failed logins; waiting before retrying"
            )
        self._cookie = None
        self._logged_in = False

        async def read(response: aiohttp.ClientResponse) -> None:
            body = (await response.read()).strip()
            self.metrics.bytes_received += len(body)
            if response.status == HTTPStatus.FORBIDDEN:
                self._banned_until = http.clock() + BAN_BACKOFF_SECONDS
                raise ApiBannedError(body.decode("utf-8", "replace") or "Banned")
            if response.status == HTTPStatus.UNAUTHORIZED or (
                response.status == HTTPStatus.OK and body == b"Fails."
            ):
                raise ApiAuthenticationError("qBittorrent rejected the username or password")
            if not (response.status == HTTPStatus.NO_CONTENT or body == b"Ok."):
                raise ApiInvalidResponseError(f"Unexpected login answer (HTTP {response.status})")
            for name, morsel in response.cookies.items():
                if name == "SID" or name.startswith("QBT_SID_"):
                    self._cookie = f"{name}={morsel.value}"
            # No cookie with success: authentication is bypassed for this address.

        data = {"username": self._username, "password": self._password}
        await self._with_retries(
            "POST",
            "/api/v2/auth/login",
            partial(self._request_once, "POST", "/api/v2/auth/login", None, None, data, read, (401, 403)),
        )
        self._logged_in = True
        self.app_version = (await self._text("GET", "/api/v2/app/version")).strip().lstrip("v") or None
        self.api_version = _version_tuple(await self._text("GET", "/api/v2/app/webapiVersion"))
        # A new session: the server no longer knows our rid and answers in full.
        self.sync.rid = 0

    async def _ensure_login(self, failed_cookie: str | None = None) -> None:
        async with self._login_lock:
            if not self._logged_in or self._cookie == failed_cookie:
                await self.login()

    async def _text(self, method: str, path: str, data: Mapping[str, str] | None = None) -> str:
        body: bytes = await self.request(method, path, data=data, expect_json=False)
        return body.decode("utf-8", "replace")

    async def call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int | float | bool] | None = None,
        data: Mapping[str, str] | None = None,
        transform: Any = None,
        expect_json: bool = True,
        accept: Collection[int] = (),
        max_bytes: int | None = None,
    ) -> Any:
        """Send a request in a valid session, logging in again once when it expired."""
        if not self._logged_in:
            await self._ensure_login()
        for attempt in (1, 2):
            cookie = self._cookie
            try:
                return await self.request(
                    method,
                    path,
                    params=params,
                    data=data,
                    transform=transform,
                    expect_json=expect_json,
                    accept=accept,
                    max_bytes=max_bytes,
                )
            except _SessionExpiredError:
                if attempt == 2:
                    raise
                await self._ensure_login(failed_cookie=cookie)
        raise AssertionError("unreachable")  # pragma: no cover

    # --- reads ---------------------------------------------------------------------------

    @property
    def stop_start(self) -> bool:
        """Whether the server speaks 5.x's stop/start instead of pause/resume."""
        return self.api_version is not None and self.api_version >= STOP_START_API

    async def maindata(self) -> SyncState:
        """Bring the kept state up to date with one `sync/maindata` request.

        A steady-state answer is a few bytes; a full one (the first of a session) holds
        every torrent and is parsed in a worker thread, one torrent at a time, so the
        event loop is never held for the whole body.
        """
        body: bytes = await self.call(
            "GET",
            "/api/v2/sync/maindata",
            params={"rid": self.sync.rid},
            expect_json=False,
            max_bytes=MAINDATA_MAX_BYTES,
        )
        try:
            if len(body) >= http.OFFLOOP_PARSE_BYTES:
                update = await asyncio.get_running_loop().run_in_executor(None, parse_maindata, body)
            else:
                update = parse_maindata(body)
        except MedianestApiError as err:
            self.metrics.mark_last_failed(err.kind)  # the answer counts as a failed request
            raise
        self.sync.merge(update)
        return self.sync

    async def alt_speed_limits(self) -> bool:
        """Whether the alternative speed limits are on."""
        body: bytes = await self.call("GET", "/api/v2/transfer/speedLimitsMode", expect_json=False)
        return body.strip() == b"1"

    # --- changes -------------------------------------------------------------------------

    async def set_alt_speed_limits(self, enabled: bool) -> None:
        """Turn the alternative speed limits on or off (the API only toggles)."""
        if await self.alt_speed_limits() != enabled:
            await self.call("POST", "/api/v2/transfer/toggleSpeedLimitsMode", expect_json=False)
        self.sync.server_state["use_alt_speed_limits"] = enabled

    async def pause(self, hashes: Collection[str] | None = None) -> None:
        """Pause (stop, on 5.x) some torrents, or all of them."""
        await self._each("stop" if self.stop_start else "pause", hashes)

    async def resume(self, hashes: Collection[str] | None = None) -> None:
        """Resume (start, on 5.x) some torrents, or all of them."""
        await self._each("start" if self.stop_start else "resume", hashes)

    async def _each(self, method: str, hashes: Collection[str] | None) -> None:
        if not self._logged_in:
            await self._ensure_login()  # the method name depends on the version
        target = "all" if hashes is None else "|".join(hashes)
        await self.call("POST", f"/api/v2/torrents/{method}", data={"hashes": target}, expect_json=False)

    async def add(
        self,
        urls: Collection[str],
        *,
        category: str | None = None,
        save_path: str | None = None,
        paused: bool = False,
        tags: Collection[str] = (),
    ) -> AddResult:
        """Add torrents by magnet link or http(s) URL."""
        if not self._logged_in:
            await self._ensure_login()
        data = {"urls": "\n".join(urls)}
        if category:
            data["category"] = category
        if save_path:
            data["savepath"] = save_path
        if tags:
            data["tags"] = ",".join(tags)
        if paused:
            data["stopped" if self.stop_start else "paused"] = "true"
        body: bytes = await self.call("POST", "/api/v2/torrents/add", data=data, expect_json=False)
        return _add_result(body)


def _add_result(body: bytes) -> AddResult:
    text = body.strip()
    if text == b"Ok.":
        return AddResult(added=None, pending=None)
    if text == b"Fails." or not text:
        raise ApiValidationError(
            ["qBittorrent did not add the torrent: it is already there, or the link is not a torrent"]
        )
    # 5.2 and later answer with counts.
    try:
        counts = as_dict(orjson.loads(text))
    except orjson.JSONDecodeError as err:
        raise ApiInvalidResponseError("Unexpected answer to adding a torrent") from err
    added, pending = opt_int(counts, "success_count"), opt_int(counts, "pending_count")
    if not added and not pending:
        raise ApiValidationError(
            ["qBittorrent did not add the torrent: it is already there, or the link is not a torrent"]
        )
    return AddResult(added=added, pending=pending)


__all__ = [
    "AddResult",
    "QbittorrentClient",
    "ServerState",
    "SyncState",
    "Torrent",
    "TorrentGroup",
    "reduce_maindata",
    "torrent_group",
]
