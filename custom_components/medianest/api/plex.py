"""Clients for plex.tv (PIN sign-in, the account's servers) and Plex Media Server.

plex.tv and the Plex auth page have fixed public addresses. Tests and the local demo
point them elsewhere through the environment (`MEDIANEST_PLEX_TV_URL`,
`MEDIANEST_PLEX_AUTH_URL`), read when a client is made; nothing a user enters or a
server answers can change where the account token goes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
import os
import re
from typing import Any, Final
from urllib.parse import urlencode

import aiohttp
import orjson

from .errors import ApiAuthenticationError, ApiConnectionError, ApiNotFoundError
from .http import HttpClient, normalize_url
from .models import JsonDict, as_dict, as_list, opt_bool, opt_float, opt_int, opt_str, req_int
from .redact import scrub

PRODUCT: Final = "MediaNest"
PLEX_TV_URL: Final = "https://plex.tv"
PLEX_AUTH_URL: Final = "https://app.plex.tv/auth"
ENV_PLEX_TV_URL: Final = "MEDIANEST_PLEX_TV_URL"
ENV_PLEX_AUTH_URL: Final = "MEDIANEST_PLEX_AUTH_URL"

#: Metadata type numbers of the official document (for `type=` in media queries).
TYPE_NUMBERS: Final = {"movie": 1, "show": 2, "season": 3, "episode": 4, "artist": 8, "album": 9, "track": 10}
#: What a library listing can be sorted by, and the field Plex sorts on.
SORT_FIELDS: Final = {
    "title": "titleSort",
    "added": "addedAt",
    "rating": "rating",
    "year": "year",
    "release_date": "originallyAvailableAt",
}
MAX_PAGE_SIZE: Final = 200
#: the server's notification stream (as its API document names it)
NOTIFICATIONS_PATH: Final = "/:/websocket/notifications"
NOTIFICATION_MAX_BYTES: Final = 1024 * 1024


def plex_tv_url() -> str:
    """The plex.tv address (the environment may point it at a local stand-in)."""
    return normalize_url(os.environ.get(ENV_PLEX_TV_URL) or PLEX_TV_URL)


def plex_auth_url() -> str:
    """The Plex auth page's address (the environment may point it at a local stand-in)."""
    return normalize_url(os.environ.get(ENV_PLEX_AUTH_URL) or PLEX_AUTH_URL)


def product_headers(client_identifier: str, version: str) -> dict[str, str]:
    """The headers that tell Plex which app and which installation is asking."""
    return {
        "Accept": "application/json",
        "X-Plex-Product": PRODUCT,
        "X-Plex-Version": version,
        "X-Plex-Client-Identifier": client_identifier,
        "X-Plex-Platform": "Home Assistant",
        "X-Plex-Device": "Home Assistant",
        "X-Plex-Device-Name": PRODUCT,
    }


def _container(data: Any) -> JsonDict:
    container = as_dict(data).get("MediaContainer")
    if not isinstance(container, dict):
        raise ValueError("no MediaContainer")
    return container


def _children(value: Any) -> list[JsonDict]:
    """A child element list: an array of objects (a lone object is taken as one)."""
    if isinstance(value, dict):
        return [value]
    return [item for item in as_list(value) if isinstance(item, dict)]


def _key(data: JsonDict, name: str) -> str | None:
    """An identifier Plex writes as a string (or, in some answers, a number)."""
    value = opt_str(data, name)
    if value:
        return value
    number = opt_int(data, name)
    return str(number) if number is not None else None


def _timestamp(data: JsonDict, key: str) -> datetime | None:
    seconds = opt_int(data, key)
    return datetime.fromtimestamp(seconds, UTC) if seconds is not None else None


# --- plex.tv --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pin:
    """A sign-in PIN: the user claims it on the Plex auth page, then it carries a token."""

    id: int
    code: str
    expires_in: int
    auth_token: str | None = field(default=None, repr=False)

    @classmethod
    def from_json(cls, data: Any) -> Pin:
        """Build from a PIN answer."""
        data = as_dict(data)
        code = opt_str(data, "code")
        if not code:
            raise ValueError("missing code")
        return cls(
            id=req_int(data, "id"),
            code=code,
            expires_in=expires if (expires := opt_int(data, "expiresIn")) is not None else 900,
            auth_token=opt_str(data, "authToken") or None,
        )


@dataclass(frozen=True, slots=True)
class PlexConnection:
    """One address a server can be reached at."""

    uri: str
    local: bool
    relay: bool

    @property
    def rank(self) -> int:
        """Local first, then remote, relay last."""
        return 2 if self.relay else 0 if self.local else 1


@dataclass(frozen=True, slots=True)
class PlexResource:
    """A server of the account, with the token to use against it."""

    name: str
    client_identifier: str
    access_token: str = field(repr=False)
    owned: bool
    product_version: str | None
    platform: str | None
    connections: tuple[PlexConnection, ...]

    @classmethod
    def from_json(cls, data: Any) -> PlexResource | None:
        """Build from a resource; None for a device that is not a usable server."""
        data = as_dict(data)
        provides = (opt_str(data, "provides") or "").split(",")
        identifier = opt_str(data, "clientIdentifier")
        token = opt_str(data, "accessToken")
        if "server" not in provides or not identifier or not token:
            return None
        connections: list[PlexConnection] = []
        for item in _children(data.get("connections")):
            uri = opt_str(item, "uri")
            try:
                uri = normalize_url(uri or "")
            except ValueError:
                continue
            connections.append(
                PlexConnection(
                    uri=uri, local=opt_bool(item, "local") is True, relay=opt_bool(item, "relay") is True
                )
            )
        return cls(
            name=opt_str(data, "name") or identifier,
            client_identifier=identifier,
            access_token=token,
            owned=opt_bool(data, "owned") is True,
            product_version=opt_str(data, "productVersion"),
            platform=opt_str(data, "platform"),
            connections=tuple(sorted(connections, key=lambda c: c.rank)),
        )


class _PlexHttpClient(HttpClient):
    """What both Plex clients send: the product headers, and the token once there is one."""

    _headers: dict[str, str]
    _token: str | None

    def _auth_headers(self) -> Mapping[str, str]:
        if self._token:
            return {**self._headers, "X-Plex-Token": self._token}
        return self._headers


class PlexTvClient(_PlexHttpClient):
    """plex.tv: PINs, the account, and its servers."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        client_identifier: str,
        version: str,
        *,
        token: str | None = None,
        **kwargs: Any,
    ) -> None:
        """Talk to plex.tv as this installation (`client_identifier`)."""
        super().__init__(session, plex_tv_url(), **kwargs)
        self.client_identifier = client_identifier
        self._headers = product_headers(client_identifier, version)
        self._token = token

    async def create_pin(self) -> Pin:
        """Create a strong PIN (about 30 minutes to claim it)."""
        return await self.request(
            "POST",
            "/api/v2/pins",
            params={"strong": "true"},
            data=self._headers_as_form(),
            transform=Pin.from_json,
        )

    def _headers_as_form(self) -> dict[str, str]:
        # plex.tv reads the X-Plex values from the form too (as the official clients send them).
        return {k: v for k, v in self._headers.items() if k.startswith("X-Plex-")}

    async def check_pin(self, pin: Pin) -> Pin:
        """Read a PIN again: its token is set once the user signed in.

        An expired or unknown PIN is answered with an error status (raised).
        """
        return await self.request(
            "GET", f"/api/v2/pins/{pin.id}", params={"code": pin.code}, transform=Pin.from_json
        )

    def auth_url(self, pin: Pin) -> str:
        """The Plex auth page that lets the user claim the PIN."""
        params = {"clientID": self.client_identifier, "code": pin.code, "context[device][product]": PRODUCT}
        return f"{plex_auth_url()}#?{urlencode(params)}"

    async def resources(self, token: str) -> list[PlexResource]:
        """The account's servers, each with its own access token and its addresses."""
        self._token = token

        def parse(data: Any) -> list[PlexResource]:
            if not isinstance(data, list):
                raise ValueError("resources is not a list")
            return [r for r in map(PlexResource.from_json, data) if r is not None]

        return await self.request(
            "GET",
            "/api/v2/resources",
            params={"includeHttps": 1, "includeRelay": 1, "includeIPv6": 1},
            transform=parse,
        )


# --- Plex Media Server ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlexIdentity:
    """Who a server is (answered without a token)."""

    machine_identifier: str
    version: str | None
    claimed: bool | None

    @classmethod
    def from_json(cls, data: Any) -> PlexIdentity:
        """Build from `/identity`."""
        container = _container(data)
        identifier = opt_str(container, "machineIdentifier")
        if not identifier:
            raise ValueError("missing machineIdentifier")
        return cls(
            machine_identifier=identifier,
            version=opt_str(container, "version"),
            claimed=opt_bool(container, "claimed"),
        )


@dataclass(frozen=True, slots=True)
class LibrarySection:
    """A library of the server."""

    key: str
    title: str
    type: str | None
    refreshing: bool
    scanned_at: datetime | None

    @classmethod
    def from_json(cls, data: Any) -> LibrarySection:
        """Build from a section directory."""
        data = as_dict(data)
        key = _key(data, "key")
        if not key:
            raise ValueError("missing key")
        return cls(
            key=key,
            title=opt_str(data, "title") or f"Library {key}",
            type=opt_str(data, "type"),
            refreshing=opt_bool(data, "refreshing") is True,
            scanned_at=_timestamp(data, "scannedAt"),
        )


def _tags(data: JsonDict, element: str) -> list[str]:
    return [tag for item in _children(data.get(element)) if (tag := opt_str(item, "tag"))]


def _poster_path(data: JsonDict) -> str | None:
    """An item's poster; an episode or season is shown with its show's."""
    if opt_str(data, "type") in ("episode", "season"):
        return opt_str(data, "grandparentThumb") or opt_str(data, "parentThumb") or opt_str(data, "thumb")
    return opt_str(data, "thumb")


#: a poster's path on the server names the item whose it is
POSTER_PATH: Final = re.compile(r"/library/metadata/(\d+)/thumb(?:/\d+)?")


def poster_key(thumb: str | None) -> str | None:
    """The rating key of the item whose poster a path is; None for anything else."""
    match = POSTER_PATH.fullmatch(thumb) if thumb else None
    return match.group(1) if match else None


@dataclass(frozen=True, slots=True)
class MediaItem:
    """A movie, show, episode or other library item, reduced to what users are shown."""

    rating_key: str
    type: str | None
    title: str
    year: int | None = None
    added_at: datetime | None = None
    library: str | None = None
    show: str | None = None
    season: int | None = None
    episode: int | None = None
    rating: float | None = None
    summary: str | None = None
    duration: int | None = None
    thumb: str | None = None
    genres: tuple[str, ...] = ()
    directors: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: Any, library: str | None = None) -> MediaItem:
        """Build from a Metadata element."""
        data = as_dict(data)
        rating_key = _key(data, "ratingKey")
        if not rating_key:
            raise ValueError("missing ratingKey")
        kind = opt_str(data, "type")
        show = opt_str(data, "grandparentTitle") if kind == "episode" else opt_str(data, "parentTitle")
        return cls(
            rating_key=rating_key,
            type=kind,
            title=opt_str(data, "title") or rating_key,
            year=opt_int(data, "year"),
            added_at=_timestamp(data, "addedAt"),
            library=opt_str(data, "librarySectionTitle") or library,
            show=show if kind in ("episode", "season") else None,
            season=opt_int(data, "parentIndex")
            if kind == "episode"
            else opt_int(data, "index")
            if kind == "season"
            else None,
            episode=opt_int(data, "index") if kind == "episode" else None,
            rating=opt_float(data, "audienceRating") or opt_float(data, "rating"),
            summary=opt_str(data, "summary"),
            duration=opt_int(data, "duration"),
            thumb=_poster_path(data),
            genres=tuple(_tags(data, "Genre")),
            directors=tuple(_tags(data, "Director")),
        )

    @property
    def display_title(self) -> str:
        """How the item is named to a person: an episode with its show and number."""
        if self.type == "episode" and self.show:
            number = f"S{self.season or 0:02d}E{self.episode or 0:02d}"
            return f"{self.show} {number} · {self.title}"
        if self.type == "season" and self.show:
            return f"{self.show} · {self.title}"
        return self.title

    def as_dict(self) -> dict[str, Any]:
        """The item as an action answers it."""
        result: dict[str, Any] = {
            "id": self.rating_key,
            "type": self.type,
            "title": self.display_title if self.type in ("episode", "season") else self.title,
            "year": self.year,
            "library": self.library,
            "added_at": self.added_at.isoformat() if self.added_at else None,
            "rating": self.rating,
            "duration_minutes": round(self.duration / 60000) if self.duration else None,
            "genres": list(self.genres),
            "directors": list(self.directors),
            "summary": self.summary,
        }
        if self.type == "episode":
            result |= {"show": self.show, "season": self.season, "episode": self.episode}
        return {k: v for k, v in result.items() if v not in (None, [])}


@dataclass(frozen=True, slots=True)
class PlaybackInfo:
    """One session: who plays what on which player."""

    session_key: str
    user: str | None
    title: str | None
    player: str | None
    media_type: str | None
    #: `playing`, `paused` or `buffering`
    state: str | None = None
    #: the poster (an episode's show's), a path on the server
    thumb: str | None = None
    #: how far it has played, in percent
    progress: float | None = None
    #: the server transcodes the video for the player
    transcode: bool = False

    @classmethod
    def from_json(cls, data: Any) -> PlaybackInfo:
        """Build from one session of `/status/sessions`."""
        item = as_dict(data)
        user = next(iter(_children(item.get("User"))), {})
        player = next(iter(_children(item.get("Player"))), {})
        title = opt_str(item, "title")
        if show := opt_str(item, "grandparentTitle"):
            title = f"{show} - {title}" if title else show
        return cls(
            session_key=str(item.get("sessionKey") or ""),
            user=opt_str(user, "title"),
            title=title,
            player=opt_str(player, "title") or opt_str(player, "product"),
            media_type=opt_str(item, "type"),
            state=opt_str(player, "state"),
            thumb=_poster_path(item),
            progress=round(100 * offset / duration, 1)
            if (offset := opt_int(item, "viewOffset")) is not None and (duration := opt_int(item, "duration"))
            else None,
            transcode=any(
                opt_str(t, "videoDecision") == "transcode" for t in _children(item.get("TranscodeSession"))
            ),
        )


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """What is playing right now, as counts (never the list itself)."""

    total: int = 0
    transcoding: int = 0
    playing: int = 0
    paused: int = 0
    remote: int = 0
    bandwidth: int = 0

    @classmethod
    def from_json(cls, data: Any) -> SessionSummary:
        """Count the sessions of `/status/sessions`."""
        sessions = _children(_container(data).get("Metadata"))
        transcoding = playing = paused = remote = bandwidth = 0
        for item in sessions:
            if any(
                opt_str(t, key) == "transcode"
                for t in _children(item.get("TranscodeSession"))
                for key in ("videoDecision", "audioDecision")
            ):
                transcoding += 1
            for player in _children(item.get("Player")):
                state = opt_str(player, "state")
                playing += state == "playing"
                paused += state == "paused"
            for session in _children(item.get("Session")):
                remote += opt_str(session, "location") == "wan"
                bandwidth += opt_int(session, "bandwidth") or 0
        return cls(
            total=len(sessions),
            transcoding=transcoding,
            playing=playing,
            paused=paused,
            remote=remote,
            bandwidth=bandwidth,
        )


@dataclass(frozen=True, slots=True)
class ItemPage:
    """One page of a library listing."""

    total: int
    items: list[MediaItem]


def _page_headers(start: int, size: int) -> dict[str, str]:
    return {"X-Plex-Container-Start": str(start), "X-Plex-Container-Size": str(size)}


def _total(container: JsonDict, items: int) -> int:
    """The collection's size: `totalSize` when paged, else what came back."""
    total = opt_int(container, "totalSize")
    return total if total is not None else opt_int(container, "size") or items


class PlexClient(_PlexHttpClient):
    """A Plex Media Server, spoken to in JSON with the server's access token."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        base_url: str,
        token: str | None,
        client_identifier: str,
        version: str,
        **kwargs: Any,
    ) -> None:
        """Set up the client for one server."""
        super().__init__(session, base_url, **kwargs)
        self._headers = product_headers(client_identifier, version)
        self._token = token

    async def identity(self) -> PlexIdentity:
        """Who the server is (no token needed, so a token is never sent to check it)."""
        return await self.request(
            "GET", "/identity", headers=self._headers, authenticate=False, transform=PlexIdentity.from_json
        )

    async def sections(self) -> list[LibrarySection]:
        """The libraries (a token is needed: this is how a token is checked)."""
        return await self.request(
            "GET",
            "/library/sections",
            transform=lambda d: [
                LibrarySection.from_json(s) for s in _children(_container(d).get("Directory"))
            ],
        )

    async def section_count(self, key: str) -> int:
        """How many items a library holds, without reading any (a page of size 0)."""
        return await self.request(
            "GET",
            f"/library/sections/{key}/all",
            headers=_page_headers(0, 0),
            transform=lambda d: _total(_container(d), 0),
        )

    async def playing(self) -> list[PlaybackInfo]:
        """Who plays what where (for the playback events; bounded to the first 50)."""
        return await self.request(
            "GET",
            "/status/sessions",
            transform=lambda d: [
                PlaybackInfo.from_json(m) for m in _children(_container(d).get("Metadata"))[:50]
            ],
        )

    async def listen(
        self, on_message: Callable[[JsonDict], None], on_open: Callable[[], None] | None = None
    ) -> None:
        """Stream the server's notifications until the connection ends.

        The token goes in a header, never in the URL. Raises MediaNest's errors when the
        connection cannot be made (a 401 is `ApiAuthenticationError`).
        """
        url = f"{self.base_url}{NOTIFICATIONS_PATH}"
        try:
            async with self._session.ws_connect(
                url, headers=dict(self._auth_headers()), heartbeat=30, max_msg_size=NOTIFICATION_MAX_BYTES
            ) as socket:
                if on_open is not None:
                    on_open()
                async for message in socket:
                    if message.type is not aiohttp.WSMsgType.TEXT:
                        break
                    try:
                        data = orjson.loads(message.data)
                    except orjson.JSONDecodeError:
                        continue
                    on_message(as_dict(as_dict(data).get("NotificationContainer")))
        except aiohttp.WSServerHandshakeError as err:
            if err.status == 401:
                raise ApiAuthenticationError("Plex refused the token for its notifications") from None
            raise ApiConnectionError(f"Plex refused its notifications: {err.status}") from None
        except (aiohttp.ClientError, OSError) as err:
            raise ApiConnectionError(
                scrub(f"Plex's notifications failed: {err}", [self._token or ""])
            ) from None

    async def sessions(self) -> SessionSummary:
        """Count what is playing."""
        return await self.request("GET", "/status/sessions", transform=SessionSummary.from_json)

    async def recently_added(self, size: int) -> list[MediaItem]:
        """The newest items of every library, newest first."""
        return await self.request(
            "GET",
            "/library/recentlyAdded",
            headers=_page_headers(0, size),
            transform=lambda d: [MediaItem.from_json(m) for m in _children(_container(d).get("Metadata"))][
                :size
            ],
        )

    async def items(
        self,
        section: LibrarySection,
        *,
        start: int = 0,
        size: int = 50,
        sort: str = "title",
        descending: bool = False,
        title: str | None = None,
        year: int | None = None,
        genre: str | None = None,
        item_type: str | None = None,
    ) -> ItemPage:
        """One page of a library, sorted and filtered (a media query; `genre` is a tag id)."""
        params: dict[str, str | int] = {"sort": SORT_FIELDS[sort] + (":desc" if descending else "")}
        if item_type is not None:
            params["type"] = TYPE_NUMBERS[item_type]
        if title:
            params["title"] = title
        if year is not None:
            params["year"] = year
        if genre is not None:
            params["genre"] = genre

        def parse(data: Any) -> ItemPage:
            container = _container(data)
            items = [MediaItem.from_json(m, section.title) for m in _children(container.get("Metadata"))][
                :size
            ]
            return ItemPage(total=_total(container, len(items)), items=items)

        return await self.request(
            "GET",
            f"/library/sections/{section.key}/all",
            params=params,
            headers=_page_headers(start, size),
            transform=parse,
        )

    async def genres(self, section: LibrarySection) -> dict[str, str]:
        """A library's genres: lower-cased name to tag id."""

        def parse(data: Any) -> dict[str, str]:
            result: dict[str, str] = {}
            for item in _children(_container(data).get("Directory")):
                name = opt_str(item, "title")
                key = _key(item, "key")
                if name and key:
                    result[name.casefold()] = key
            return result

        return await self.request("GET", f"/library/sections/{section.key}/genre", transform=parse)

    async def refresh(self, section: LibrarySection) -> None:
        """Scan a library for new, changed and removed files."""
        await self.request("POST", f"/library/sections/{section.key}/refresh", expect_json=False)

    async def poster(self, rating_key: str, width: int, height: int) -> tuple[bytes, str]:
        """An item's poster, scaled by the server."""
        if not rating_key.isdigit():
            raise ApiNotFoundError(rating_key)
        return await self.image(
            "/photo/:/transcode",
            params={
                "url": f"/library/metadata/{rating_key}/thumb",
                "width": width,
                "height": height,
                "minSize": 1,
                "upscale": 1,
            },
        )


__all__ = [
    "LibrarySection",
    "MediaItem",
    "Pin",
    "PlexClient",
    "PlexConnection",
    "PlexIdentity",
    "PlexResource",
    "PlexTvClient",
    "SessionSummary",
]
