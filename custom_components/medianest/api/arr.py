"""Clients for Sonarr and Radarr (API v3), which share most of their API."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar, Final, override

from .errors import ApiNotFoundError
from .models import (
    JsonDict,
    QualityProfile,
    RootFolder,
    as_dict,
    as_list,
    opt_bool,
    opt_datetime,
    opt_float,
    opt_int,
    opt_str,
    parse_list,
    req_int,
)
from .servarr import ServarrClient

# At most this many series not known from the library are read alone for one calendar read.
SERIES_READS_PER_CALENDAR: Final = 20
ONE_DAY: Final = timedelta(days=1)


#: the most messages (and characters of each) kept of a queue record
QUEUE_MESSAGES = 3
QUEUE_MESSAGE_CHARS = 200


def _queue_messages(data: JsonDict) -> tuple[str, ...]:
    """A queue record's error and status messages, deduplicated, bounded."""
    found: list[str] = []
    texts = [opt_str(data, "errorMessage")]
    for status in as_list(data.get("statusMessages")):
        texts.extend(m if isinstance(m, str) else None for m in as_list(as_dict(status).get("messages")))
    for text in texts:
        if text and (text := " ".join(text.split())[:QUEUE_MESSAGE_CHARS]) not in found:
            found.append(text)
    return tuple(found[:QUEUE_MESSAGES])


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One download in the queue."""

    id: int
    title: str | None
    status: str | None
    tracked_state: str | None
    size: float | None
    size_left: float | None
    time_left: str | None
    estimated_completion: datetime | None
    download_client: str | None
    protocol: str | None
    #: the download client's id of it (a torrent's hash, in capitals)
    download_id: str | None = None
    #: the library id of its movie (Radarr) or series (Sonarr)
    media_id: int | None = None
    #: `ok`, `warning` (an import waits: a sample, no match) or `error`
    tracked_status: str | None = None
    #: the server's own words of what is wrong (a stuck import's reasons), bounded
    warnings: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: Any) -> QueueItem:
        """Build from a queue record."""
        data = as_dict(data)
        return cls(
            id=req_int(data, "id"),
            title=opt_str(data, "title"),
            status=opt_str(data, "status"),
            tracked_state=opt_str(data, "trackedDownloadState"),
            size=opt_float(data, "size"),
            size_left=opt_float(data, "sizeleft"),
            time_left=opt_str(data, "timeleft"),
            estimated_completion=opt_datetime(data, "estimatedCompletionTime"),
            download_client=opt_str(data, "downloadClient"),
            protocol=opt_str(data, "protocol"),
            download_id=opt_str(data, "downloadId"),
            media_id=opt_int(data, "movieId") or opt_int(data, "seriesId"),
            tracked_status=opt_str(data, "trackedDownloadStatus"),
            warnings=_queue_messages(data),
        )

    @property
    def progress(self) -> float | None:
        """Downloaded share in percent, when the sizes are known."""
        if not self.size or self.size_left is None:
            return None
        return round(100 * (1 - self.size_left / self.size), 1)


@dataclass(frozen=True, slots=True)
class CalendarItem:
    """An episode airing or a movie being released."""

    id: int
    title: str
    subtitle: str | None
    start: datetime
    runtime_minutes: int | None
    overview: str | None
    has_file: bool | None
    #: a release date (Radarr's are dates at midnight UTC), not an air time
    all_day: bool = False
    #: the library id of its movie (Radarr) or series (Sonarr)
    media_id: int | None = None
    #: which release of a movie: `inCinemas`, `digitalRelease` or `physicalRelease`
    release: str | None = None


@dataclass(frozen=True, slots=True)
class LibrarySummary:
    """A library reduced to what the sensors show."""

    count: int
    size_on_disk: int


@dataclass(frozen=True, slots=True)
class LookupResult:
    """A series or movie found by a lookup."""

    title: str
    year: int | None
    external_id: int
    overview: str | None
    library_id: int | None
    raw: JsonDict

    @property
    def in_library(self) -> bool:
        """Whether the item is already in the library."""
        return bool(self.library_id)


@dataclass(frozen=True, slots=True)
class LibraryItem:
    """A series or movie of the library, as far as "where is it" asks."""

    id: int
    title: str
    year: int | None
    monitored: bool
    #: files on disk: a movie's (0 or 1), a series' episode files
    files: int
    #: what is wanted: 1 for a movie, a series' monitored episodes
    wanted: int


@dataclass(frozen=True, slots=True)
class AddedItem:
    """A series or movie just added to the library."""

    id: int
    title: str
    year: int | None
    external_id: int | None
    path: str | None
    quality_profile_id: int | None
    monitored: bool | None


@dataclass(frozen=True, slots=True)
class Command:
    """A command the server queued."""

    id: int
    name: str | None
    status: str | None

    @classmethod
    def from_json(cls, data: Any) -> Command:
        """Build from a command record."""
        data = as_dict(data)
        return cls(id=req_int(data, "id"), name=opt_str(data, "name"), status=opt_str(data, "status"))


def _total_records(data: Any) -> int:
    total = opt_int(as_dict(data), "totalRecords")
    if total is None:
        raise ValueError("paged answer without totalRecords")
    return total


class ArrClient(ServarrClient):
    """What Sonarr and Radarr have in common."""

    api = "/api/v3"
    #: library route (`series` or `movie`)
    library_path: ClassVar[str]
    #: id field of the external database used for lookups (`tvdbId` or `tmdbId`)
    external_id_field: ClassVar[str]
    #: lookup prefix for an exact external id (`tvdb` or `tmdb`)
    lookup_prefix: ClassVar[str]
    #: command names
    refresh_command: ClassVar[str]
    search_missing_command: ClassVar[str]
    #: the notification triggers only this server has (besides grab, import, health, ...)
    notification_events: ClassVar[tuple[str, ...]]

    async def queue_count(self) -> int:
        """Count the downloads in the queue (one small status object)."""

        def parse(data: Any) -> int:
            total = opt_int(as_dict(data), "totalCount")
            if total is None:
                raise ValueError("queue status without totalCount")
            return total

        return await self.request("GET", "/api/v3/queue/status", transform=parse)

    async def queue(self, max_items: int) -> tuple[int, list[QueueItem]]:
        """Read the first items of the queue and the total."""

        def parse(data: Any) -> tuple[int, list[QueueItem]]:
            return _total_records(data), parse_list(as_dict(data).get("records"), QueueItem.from_json)

        return await self.request(
            "GET",
            "/api/v3/queue",
            params={"page": 1, "pageSize": max_items, "sortKey": "timeleft", "sortDirection": "ascending"},
            transform=parse,
        )

    async def missing_count(self) -> int:
        """Count monitored items that are missing, reading a page of one."""
        return await self.request(
            "GET",
            "/api/v3/wanted/missing",
            params={"page": 1, "pageSize": 1, "monitored": True},
            transform=_total_records,
        )

    async def calendar(self, start: datetime, end: datetime) -> list[CalendarItem]:
        """Read what airs or is released between two moments (folded as it arrives)."""

        def add(items: list[CalendarItem], record: Any) -> list[CalendarItem]:
            items.extend(self._calendar_items(as_dict(record), start, end))
            return items

        empty: list[CalendarItem] = []
        return await self.fold_array("/api/v3/calendar", add, empty, params=self._calendar_params(start, end))

    def _calendar_params(self, start: datetime, end: datetime) -> dict[str, str | int | float | bool]:
        return {"start": start.isoformat(), "end": end.isoformat(), "unmonitored": False}

    def _calendar_items(self, data: JsonDict, start: datetime, end: datetime) -> list[CalendarItem]:
        """Calendar items of one record."""
        raise NotImplementedError  # pragma: no cover

    async def poster(self, media_id: int) -> tuple[bytes, str]:
        """A movie's or series' poster, as the server keeps it scaled (250 pixels wide)."""
        return await self.image(f"/api/v3/mediacover/{media_id}/poster-250.jpg")

    async def quality_profiles(self) -> list[QualityProfile]:
        """Read the quality profiles."""
        return await self.request(
            "GET",
            "/api/v3/qualityprofile",
            transform=lambda d: parse_list(d, QualityProfile.from_json),
        )

    async def root_folders(self) -> list[RootFolder]:
        """Read the root folders and their free space."""
        return await self.request(
            "GET", "/api/v3/rootfolder", transform=lambda d: parse_list(d, RootFolder.from_json)
        )

    async def library_summary(self) -> LibrarySummary:
        """Count the library and its size on disk.

        The API has no count endpoint, so this reads the whole library, folding it item
        by item as it arrives (never holding it parsed, never stalling the event loop);
        callers run this on the slowest tier only.
        """

        def add(summary: LibrarySummary, item: Any) -> LibrarySummary:
            item = as_dict(item)
            self._library_item(item)
            size = opt_int(as_dict(item.get("statistics")), "sizeOnDisk") or opt_int(item, "sizeOnDisk") or 0
            return LibrarySummary(count=summary.count + 1, size_on_disk=summary.size_on_disk + size)

        self._library_fold_start()
        summary = await self.fold_array(
            f"/api/v3/{self.library_path}", add, LibrarySummary(count=0, size_on_disk=0)
        )
        self._library_fold_done()
        return summary

    def _library_fold_start(self) -> None:
        """A library read begins (a client may note something of every item)."""

    def _library_item(self, item: JsonDict) -> None:
        """One item of the library read (nothing is kept by default)."""

    def _library_fold_done(self) -> None:
        """The library read is complete."""

    async def lookup(self, term: str) -> list[LookupResult]:
        """Search the metadata source for a title (or `tvdb:`/`tmdb:` id)."""
        return await self.request(
            "GET",
            f"/api/v3/{self.library_path}/lookup",
            params={"term": term},
            transform=lambda d: [r for i in as_list(d) if (r := self._lookup_result(as_dict(i)))],
        )

    async def lookup_id(self, external_id: int) -> LookupResult | None:
        """Find one item by its external id."""
        results = await self.lookup(f"{self.lookup_prefix}:{external_id}")
        return next((r for r in results if r.external_id == external_id), None)

    def _lookup_result(self, data: JsonDict) -> LookupResult | None:
        external_id = opt_int(data, self.external_id_field)
        title = opt_str(data, "title")
        if not external_id or not title:
            return None
        return LookupResult(
            title=title,
            year=opt_int(data, "year") or None,
            external_id=external_id,
            overview=opt_str(data, "overview"),
            library_id=opt_int(data, "id") or None,
            raw=data,
        )

    async def library_item(self, item_id: int) -> LibraryItem:
        """One series or movie of the library by its id."""

        def parse(data: Any) -> LibraryItem:
            data = as_dict(data)
            statistics = as_dict(data.get("statistics"))
            if self.library_path == "movie":
                files, wanted = (1 if opt_bool(data, "hasFile") else 0), 1
            else:
                files = opt_int(statistics, "episodeFileCount") or 0
                wanted = opt_int(statistics, "episodeCount") or 0
            return LibraryItem(
                id=req_int(data, "id"),
                title=opt_str(data, "title") or "",
                year=opt_int(data, "year") or None,
                monitored=bool(opt_bool(data, "monitored")),
                files=files,
                wanted=wanted,
            )

        return await self.request("GET", f"/api/v3/{self.library_path}/{item_id}", transform=parse)

    async def add(self, body: JsonDict) -> AddedItem:
        """Add a series or movie (body as the API documents it)."""

        def parse(data: Any) -> AddedItem:
            data = as_dict(data)
            return AddedItem(
                id=req_int(data, "id"),
                title=opt_str(data, "title") or "",
                year=opt_int(data, "year"),
                external_id=opt_int(data, self.external_id_field),
                path=opt_str(data, "path"),
                quality_profile_id=opt_int(data, "qualityProfileId"),
                monitored=opt_bool(data, "monitored"),
            )

        return await self.request("POST", f"/api/v3/{self.library_path}", json=body, transform=parse)

    async def command(self, name: str, **body: Any) -> Command:
        """Queue a command such as `RssSync`."""
        return await self.request(
            "POST", "/api/v3/command", json={"name": name, **body}, transform=Command.from_json
        )


# An episode's calendar item and its series' id.
type Episode = tuple[int | None, CalendarItem]


class SonarrClient(ArrClient):
    """Sonarr v4 (API v3)."""

    library_path = "series"
    external_id_field = "tvdbId"
    lookup_prefix = "tvdb"
    refresh_command = "RefreshSeries"
    search_missing_command = "MissingEpisodeSearch"
    notification_events = ("onSeriesAdd", "onSeriesDelete", "onEpisodeFileDelete")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Create a client; it learns the series' titles from the library it reads."""
        super().__init__(*args, **kwargs)
        #: each series' title by id, from the last library read (and single reads since)
        self.series_titles: dict[int, str] = {}
        self._reading_titles: dict[int, str] = {}

    @override
    def _library_fold_start(self) -> None:
        self._reading_titles = {}

    @override
    def _library_item(self, item: JsonDict) -> None:
        if (series_id := opt_int(item, "id")) is not None and (title := opt_str(item, "title")):
            self._reading_titles[series_id] = title

    @override
    def _library_fold_done(self) -> None:
        self.series_titles = self._reading_titles

    @override
    async def calendar(self, start: datetime, end: datetime) -> list[CalendarItem]:
        """Read what airs between two moments, without the series in every episode.

        Sonarr would send each episode with its whole series (several kilobytes each);
        the titles come from the library read instead, and a series not known yet (added
        since) is read alone, at most `SERIES_READS_PER_CALENDAR` of them.
        """

        def add(episodes: list[Episode], item: Any) -> list[Episode]:
            episodes.extend(self._episode(as_dict(item)))
            return episodes

        empty: list[Episode] = []
        episodes = await self.fold_array(
            "/api/v3/calendar", add, empty, params=self._calendar_params(start, end)
        )
        unknown = {i for i, _ in episodes if i is not None and i not in self.series_titles}
        for series_id in sorted(unknown)[:SERIES_READS_PER_CALENDAR]:
            with contextlib.suppress(ApiNotFoundError):  # deleted meanwhile
                series = await self.request("GET", f"/api/v3/series/{series_id}", transform=as_dict)
                if title := opt_str(series, "title"):
                    self.series_titles[series_id] = title
        return [
            replace(item, title=self.series_titles[series_id])
            if series_id is not None and series_id in self.series_titles
            else item
            for series_id, item in episodes
        ]

    def _episode(self, data: JsonDict) -> list[Episode]:
        """The calendar item of one episode, and its series' id (its title is filled in later)."""
        aired = opt_datetime(data, "airDateUtc")
        episode_id = opt_int(data, "id")
        if aired is None or episode_id is None:
            return []
        season, number = opt_int(data, "seasonNumber"), opt_int(data, "episodeNumber")
        code = f"S{season:02d}E{number:02d}" if season is not None and number is not None else None
        episode_title = opt_str(data, "title")
        item = CalendarItem(
            id=episode_id,
            title=episode_title or "Episode",
            subtitle=" - ".join(p for p in (code, episode_title) if p) or None,
            start=aired,
            runtime_minutes=opt_int(data, "runtime"),
            overview=opt_str(data, "overview"),
            has_file=opt_bool(data, "hasFile"),
            media_id=(series_id := opt_int(data, "seriesId")),
        )
        return [(series_id, item)]


class RadarrClient(ArrClient):
    """Radarr v5/v6 (API v3)."""

    library_path = "movie"
    external_id_field = "tmdbId"
    lookup_prefix = "tmdb"
    refresh_command = "RefreshMovie"
    search_missing_command = "MissingMoviesSearch"
    notification_events = ("onMovieAdded", "onMovieDelete", "onMovieFileDelete")

    @override
    def _calendar_items(self, data: JsonDict, start: datetime, end: datetime) -> list[CalendarItem]:
        """One item per release (cinema, digital, physical) on a day of the range.

        A release is a date, which Radarr writes as midnight UTC: it is that date wherever
        the user is, and a day of the range in the range's own time zone (give local times).
        """
        movie_id = opt_int(data, "id")
        if movie_id is None:
            return []
        releases = (
            ("inCinemas", "In cinemas"),
            ("digitalRelease", "Digital release"),
            ("physicalRelease", "Physical release"),
        )
        return [
            CalendarItem(
                id=movie_id,
                title=opt_str(data, "title") or "Movie",
                subtitle=label,
                start=moment,
                runtime_minutes=opt_int(data, "runtime"),
                overview=opt_str(data, "overview"),
                has_file=opt_bool(data, "hasFile"),
                all_day=True,
                media_id=movie_id,
                release=key,
            )
            for key, label in releases
            if (moment := opt_datetime(data, key)) is not None
            and start.date() <= moment.astimezone(UTC).date() <= end.date()
        ]

    @override
    def _calendar_params(self, start: datetime, end: datetime) -> dict[str, str | int | float | bool]:
        # Midnight UTC of a day in the range can be outside it: ask a day more each way.
        return super()._calendar_params(start - ONE_DAY, end + ONE_DAY)


__all__ = [
    "AddedItem",
    "ArrClient",
    "CalendarItem",
    "Command",
    "LibrarySummary",
    "LookupResult",
    "QueueItem",
    "RadarrClient",
    "SonarrClient",
]
