"""Client for Seerr, Overseerr and Jellyseerr (API v1), which share their request API.

The API key (`X-Api-Key`) acts as the admin user. Bad or missing auth answers 403, never
401. Requests carry the TMDB id of their media but not its title: titles come from
`/movie/{id}` or `/tv/{id}` and are cached (they do not change), read only for requests
that are shown.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
import logging
import re
import time
from typing import Any, Final, cast, override

from .errors import ApiAuthenticationError, ApiNotFoundError, MedianestApiError
from .http import HttpClient
from .models import JsonDict, as_dict, as_list, opt_bool, opt_datetime, opt_int, opt_str, parse_list, req_int


class RequestStatus(IntEnum):
    """A request's status, as Seerr numbers it (`MediaRequestStatus`)."""

    PENDING = 1
    APPROVED = 2
    DECLINED = 3
    FAILED = 4
    COMPLETED = 5


class MediaStatus(IntEnum):
    """A movie's or series' availability, as Seerr numbers it (`MediaStatus`)."""

    UNKNOWN = 1
    PENDING = 2
    PROCESSING = 3
    PARTIALLY_AVAILABLE = 4
    AVAILABLE = 5
    BLOCKLISTED = 6
    DELETED = 7


REQUEST_STATUSES: Final = {status.value: status.name.lower() for status in RequestStatus}
MEDIA_STATUSES: Final = {status.value: status.name.lower() for status in MediaStatus}
MEDIA_AVAILABLE: Final = MediaStatus.AVAILABLE
POSTER_BASE: Final = "https://image.tmdb.org/t/p/w300"
MAX_TITLE_CACHE: Final = 2000
# A title Seerr could not give (TMDB slow, unreachable or without the id) is asked again
# after this many seconds, not on every poll.
TITLE_RETRY_SECONDS: Final = 600.0

_LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RequestCounts:
    """`/request/count`."""

    total: int | None
    movie: int | None
    tv: int | None
    pending: int | None
    approved: int | None
    declined: int | None
    processing: int | None
    available: int | None
    completed: int | None

    @classmethod
    def from_json(cls, data: Any) -> RequestCounts:
        """Build from the counts answer."""
        if not isinstance(data, dict):
            raise ValueError("request counts are not an object")
        return cls(**{key: opt_int(data, key) for key in cls.__slots__})

    @property
    def failed(self) -> int | None:
        """Failed requests, which the counts leave out: what no other status counts.

        Only where the server counts completed requests (Seerr): a server with the
        completed status but without its count would pass completed ones off as failed.
        """
        parts = (self.total, self.pending, self.approved, self.declined, self.completed)
        if any(part is None for part in parts):
            return None
        total, pending, approved, declined, completed = cast("tuple[int, ...]", parts)
        return max(total - pending - approved - declined - completed, 0)


@dataclass(frozen=True, slots=True)
class IssueCounts:
    """`/issue/count`."""

    total: int | None
    open: int | None
    closed: int | None

    @classmethod
    def from_json(cls, data: Any) -> IssueCounts:
        """Build from the counts answer."""
        data = as_dict(data)
        return cls(total=opt_int(data, "total"), open=opt_int(data, "open"), closed=opt_int(data, "closed"))


@dataclass(frozen=True, slots=True)
class MediaRequest:
    """A media request, reduced to what entities, events and actions show."""

    id: int
    status: int | None
    media_type: str | None
    tmdb_id: int | None
    media_status: int | None
    is_4k: bool
    requested_by: str | None
    created: datetime | None
    updated: datetime | None

    @classmethod
    def from_json(cls, data: Any) -> MediaRequest:
        """Build from a MediaRequest."""
        data = as_dict(data)
        media = as_dict(data.get("media"))
        user = as_dict(data.get("requestedBy"))
        is_4k = opt_bool(data, "is4k") is True
        return cls(
            id=req_int(data, "id"),
            status=opt_int(data, "status"),
            media_type=opt_str(data, "type") or opt_str(media, "mediaType"),
            tmdb_id=opt_int(media, "tmdbId"),
            media_status=opt_int(media, "status4k" if is_4k else "status"),
            is_4k=is_4k,
            requested_by=opt_str(user, "displayName")
            or opt_str(user, "username")
            or opt_str(user, "plexUsername")
            or opt_str(user, "jellyfinUsername"),
            created=opt_datetime(data, "createdAt"),
            updated=opt_datetime(data, "updatedAt"),
        )

    @property
    def status_name(self) -> str | None:
        """pending, approved, declined, failed or completed."""
        return REQUEST_STATUSES.get(self.status) if self.status is not None else None

    @property
    def media_status_name(self) -> str | None:
        """The media's availability, e.g. processing or available."""
        return MEDIA_STATUSES.get(self.media_status) if self.media_status is not None else None

    @property
    def media_key(self) -> tuple[str, int] | None:
        """What titles are cached by."""
        if self.tmdb_id is None or self.media_type not in ("movie", "tv"):
            return None
        return self.media_type, self.tmdb_id


@dataclass(frozen=True, slots=True)
class MediaTitle:
    """A movie's or series' title, year and poster."""

    title: str
    year: int | None
    poster: str | None


@dataclass(frozen=True, slots=True)
class SearchResult:
    """A movie or series found by a search."""

    media_type: str
    tmdb_id: int
    title: str
    year: int | None
    overview: str | None
    poster: str | None
    media_status: int | None


def _year(value: str | None) -> int | None:
    if value and len(value) >= 4 and value[:4].isdigit():
        return int(value[:4])
    return None


def _poster(path: str | None) -> str | None:
    return f"{POSTER_BASE}{path}" if path and path.startswith("/") else None


#: a TMDB poster's file name
POSTER_FILE: Final = re.compile(r"[A-Za-z0-9_-]{1,64}\.(?:jpg|png)")


def poster_file(poster: str | None) -> str | None:
    """The file name of a TMDB poster address Seerr gave; None for anything else."""
    if not poster or not poster.startswith(f"{POSTER_BASE}/"):
        return None
    name = poster.removeprefix(f"{POSTER_BASE}/")
    return name if POSTER_FILE.fullmatch(name) else None


class SeerrClient(HttpClient):
    """Seerr v3, Overseerr v1 and Jellyseerr v2 (API v1)."""

    def __init__(self, session: Any, base_url: str, api_key: str) -> None:
        """Create a client for one server."""
        super().__init__(session, base_url)
        self._api_key = api_key
        self._titles: dict[tuple[str, int], MediaTitle] = {}
        # Titles that failed, and when: Seerr answers 500 while TMDB cannot tell.
        self._title_failures: dict[tuple[str, int], float] = {}

    @override
    def _auth_headers(self) -> dict[str, str]:
        return {"X-Api-Key": self._api_key, "Accept": "application/json"}

    async def status(self) -> str | None:
        """The server's version (a public route, so it also tells a Seerr from others)."""

        def parse(data: Any) -> str | None:
            if not isinstance(data, dict) or "version" not in data:
                raise ValueError("not a Seerr status")
            return opt_str(data, "version")

        return await self.request("GET", "/api/v1/status", transform=parse)

    async def request_counts(self) -> RequestCounts:
        """Requests by status (needs the key); nothing is sent back while they stay the same."""
        return await self.request(
            "GET", "/api/v1/request/count", transform=RequestCounts.from_json, conditional=True
        )

    async def issue_counts(self) -> IssueCounts:
        """Open and closed issues."""
        return await self.request("GET", "/api/v1/issue/count", transform=IssueCounts.from_json)

    async def requests(
        self,
        *,
        take: int = 20,
        skip: int = 0,
        status_filter: str = "all",
        sort: str = "added",
        conditional: bool = False,
    ) -> tuple[int, list[MediaRequest]]:
        """A page of requests, newest (or most recently modified) first, and the total.

        `conditional`: the same page as last time is not sent again while it is unchanged
        (the answer is then the very same objects: read them, do not change them).
        """

        def parse(data: Any) -> tuple[int, list[MediaRequest]]:
            data = as_dict(data)
            total = opt_int(as_dict(data.get("pageInfo")), "results")
            items = parse_list(data.get("results"), MediaRequest.from_json)
            return (total if total is not None else len(items)), items

        params: dict[str, str | int] = {"take": take, "skip": skip, "filter": status_filter, "sort": sort}
        return await self.request(
            "GET", "/api/v1/request", params=params, transform=parse, conditional=conditional
        )

    async def get_request(self, request_id: int) -> MediaRequest:
        """One request."""
        return await self.request("GET", f"/api/v1/request/{request_id}", transform=MediaRequest.from_json)

    async def set_status(self, request_id: int, action: str) -> MediaRequest:
        """Approve or decline a request (`action` is `approve` or `decline`)."""
        return await self.request(
            "POST", f"/api/v1/request/{request_id}/{action}", transform=MediaRequest.from_json
        )

    async def poster(self, file: str) -> tuple[bytes, str]:
        """A TMDB poster through Seerr's image proxy (Seerr caches it; 300 pixels wide)."""
        if not POSTER_FILE.fullmatch(file):
            raise ApiNotFoundError(file)
        return await self.image(f"/imageproxy/tmdb/t/p/w300/{file}")

    async def title(self, media_type: str, tmdb_id: int) -> MediaTitle:
        """A movie's or series' title (cached)."""
        key = (media_type, tmdb_id)
        if (cached := self._titles.get(key)) is not None:
            return cached

        def parse(data: Any) -> MediaTitle:
            data = as_dict(data)
            return MediaTitle(
                title=opt_str(data, "title") or opt_str(data, "name") or f"TMDB {tmdb_id}",
                year=_year(opt_str(data, "releaseDate") or opt_str(data, "firstAirDate")),
                poster=_poster(opt_str(data, "posterPath")),
            )

        title: MediaTitle = await self.request("GET", f"/api/v1/{media_type}/{tmdb_id}", transform=parse)
        if len(self._titles) >= MAX_TITLE_CACHE:
            self._titles.pop(next(iter(self._titles)))
        self._titles[key] = title
        return title

    async def titles(self, requests: list[MediaRequest]) -> dict[int, MediaTitle | None]:
        """The titles of some requests, by request id (a few at a time; cached ones free).

        Best effort: a title Seerr cannot give (it answers 500 "Unable to retrieve movie."
        whenever TMDB fails) is None, and is not asked again for a while. Only rejected
        credentials are raised, since then nothing else works either.
        """
        now = time.monotonic()
        keys = {r.media_key for r in requests if r.media_key is not None}
        missing = [
            k
            for k in keys
            if k not in self._titles
            and now - self._title_failures.get(k, -TITLE_RETRY_SECONDS) >= TITLE_RETRY_SECONDS
        ]
        semaphore = asyncio.Semaphore(4)

        async def fetch(key: tuple[str, int]) -> None:
            async with semaphore:
                try:
                    await self.title(*key)
                except ApiAuthenticationError:
                    raise
                except MedianestApiError as err:
                    _LOGGER.debug("Seerr gave no title for %s %s: %s", key[0], key[1], err)
                    if len(self._title_failures) >= MAX_TITLE_CACHE:
                        self._title_failures.pop(next(iter(self._title_failures)))
                    self._title_failures[key] = time.monotonic()
                else:
                    self._title_failures.pop(key, None)

        await asyncio.gather(*(fetch(k) for k in missing))
        return {r.id: self._titles.get(r.media_key) if r.media_key else None for r in requests}

    async def search(self, query: str) -> list[SearchResult]:
        """Find movies and series by title (people are left out)."""

        def parse(data: Any) -> list[SearchResult]:
            results = []
            for item in map(as_dict, as_list(as_dict(data).get("results"))):
                media_type = opt_str(item, "mediaType")
                tmdb_id = opt_int(item, "id")
                if media_type not in ("movie", "tv") or tmdb_id is None:
                    continue
                results.append(
                    SearchResult(
                        media_type=media_type,
                        tmdb_id=tmdb_id,
                        title=opt_str(item, "title") or opt_str(item, "name") or f"TMDB {tmdb_id}",
                        year=_year(opt_str(item, "releaseDate") or opt_str(item, "firstAirDate")),
                        overview=opt_str(item, "overview"),
                        poster=_poster(opt_str(item, "posterPath")),
                        media_status=opt_int(as_dict(item.get("mediaInfo")), "status"),
                    )
                )
            return results

        return await self.request(
            "GET", "/api/v1/search", params={"query": query, "page": 1}, transform=parse
        )

    async def create_request(self, media_type: str, tmdb_id: int, *, is_4k: bool = False) -> MediaRequest:
        """Request a movie, or every season of a series."""
        body: JsonDict = {"mediaType": media_type, "mediaId": tmdb_id, "is4k": is_4k}
        if media_type == "tv":
            body["seasons"] = "all"
        return await self.request("POST", "/api/v1/request", json=body, transform=MediaRequest.from_json)

    async def webhook_settings(self) -> JsonDict:
        """The webhook notification agent's settings."""
        return await self.request("GET", "/api/v1/settings/notifications/webhook", transform=as_dict)

    async def set_webhook_settings(self, settings: JsonDict) -> None:
        """Configure the webhook notification agent."""
        await self.request("POST", "/api/v1/settings/notifications/webhook", json=settings)


__all__ = [
    "MEDIA_STATUSES",
    "REQUEST_STATUSES",
    "IssueCounts",
    "MediaRequest",
    "MediaStatus",
    "MediaTitle",
    "RequestCounts",
    "RequestStatus",
    "SearchResult",
    "SeerrClient",
]
