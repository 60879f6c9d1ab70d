"""Fake Sonarr (v4) and Radarr (v6) servers, API v3, after the official OpenAPI documents.

Stateful: an added series or movie appears in the library and, when searched, in the
queue; the queue progresses with the server's clock and finished downloads land in the
library. Faults come from `FakeServer`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
import time
from typing import Any, Literal

from aiohttp import web

from .arr_webhook import WebhookConnections
from .generate import GB, Library, generate_movies, generate_series, iso
from .posters import poster
from .servarr import FakeServarr

type Kind = Literal["sonarr", "radarr"]

VERSIONS = {"sonarr": "4.0.19.2979", "radarr": "6.0.3.10276"}
QUALITY_PROFILES = [
    {"id": 1, "name": "Any", "upgradeAllowed": False, "cutoff": 1, "items": []},
    {"id": 4, "name": "HD-1080p", "upgradeAllowed": True, "cutoff": 7, "items": []},
    {"id": 5, "name": "Ultra-HD", "upgradeAllowed": True, "cutoff": 19, "items": []},
]
KNOWN_COMMANDS = {
    "sonarr": {
        "RssSync",
        "MissingEpisodeSearch",
        "RefreshSeries",
        "SeriesSearch",
        "EpisodeSearch",
        "CutoffUnmetEpisodeSearch",
        "DownloadedEpisodesScan",
    },
    "radarr": {"RssSync", "MissingMoviesSearch", "RefreshMovie", "MoviesSearch", "DownloadedMoviesScan"},
}
DOWNLOAD_SECONDS = 600.0
#: how many episodes a series airs a day on average, and how far ahead the calendar knows
EPISODES_PER_SERIES_PER_DAY = 70 / 5000
CALENDAR_DAYS = 30


class FakeArr(WebhookConnections, FakeServarr):
    """A fake Sonarr or Radarr."""

    def __init__(
        self,
        kind: Kind,
        api_key: str,
        *,
        library_size: int = 25,
        seed: int | None = None,
        queue_size: int = 3,
        port: int = 0,
        **kwargs: Any,
    ) -> None:
        """Create a server with a generated library."""
        super().__init__(kind.capitalize(), VERSIONS[kind], api_key, port=port, **kwargs)
        self.kind: Kind = kind
        self.offset = 0.0  # seconds added to the clock (tests move time forward)
        self.root_path = "/tv" if kind == "sonarr" else "/movies"
        library: Library = (
            generate_series(library_size, seed=seed or 1, root=self.root_path, now=self.now)
            if kind == "sonarr"
            else generate_movies(library_size, seed=seed or 2, root=self.root_path, now=self.now)
        )
        self.items: dict[int, dict[str, Any]] = {item["id"]: item for item in library.items}
        self.catalogue = library.catalogue
        self.quality_profiles = [dict(p) for p in QUALITY_PROFILES]
        self.root_folders: dict[int, dict[str, Any]] = {
            1: {
                "id": 1,
                "path": self.root_path,
                "accessible": True,
                "freeSpace": 1843 * GB,
                "unmappedFolders": [
                    {"name": "Old Stuff", "path": f"{self.root_path}/Old Stuff", "relativePath": "Old Stuff"}
                ],
            },
        }
        self._init_webhooks()
        self.queue: list[dict[str, Any]] = []
        self.commands: dict[int, dict[str, Any]] = {}
        self._next_queue_id = 1
        for item in list(self.items.values())[:queue_size]:
            self._enqueue(item, started_ago=DOWNLOAD_SECONDS * (0.2 + 0.25 * len(self.queue)))
        self.upcoming = self._make_upcoming()

    # --- helpers ------------------------------------------------------------------------

    def clock(self) -> float:
        """Seconds on the server's clock."""
        return time.monotonic() + self.offset

    def advance(self, seconds: float) -> None:
        """Move the server's clock forward (downloads progress)."""
        self.offset += seconds

    def _enqueue(self, item: dict[str, Any], started_ago: float = 0.0) -> None:
        size = float(item.get("sizeOnDisk") or 0) or float(4 * GB)
        if self.kind == "sonarr":
            size = float(1.5 * GB)
        episode = "S01E01." if self.kind == "sonarr" else ""
        entry = {
            "id": self._next_queue_id,
            "title": f"{item['title'].replace(' ', '.')}.{episode}1080p.WEB-DL",
            "size": size,
            "status": "downloading",
            "trackedDownloadStatus": "ok",
            "trackedDownloadState": "downloading",
            "statusMessages": [],
            "downloadId": f"{self._next_queue_id:040x}",
            "protocol": "torrent",
            "downloadClient": "qBittorrent",
            "indexer": "Demo Indexer",
            "quality": {"quality": {"id": 7, "name": "WEBDL-1080p", "source": "web", "resolution": 1080}},
            "_started": self.clock() - started_ago,
            "_item": item["id"],
        }
        if self.kind == "sonarr":
            entry |= {"seriesId": item["id"], "episodeId": item["id"] * 100 + 1, "seasonNumber": 1}
        else:
            entry["movieId"] = item["id"]
        self.queue.append(entry)
        self._next_queue_id += 1
        self.push("Grab", **self._about(item), release=self._release(entry), downloadClient="qBittorrent")

    def stall_import(self, queue_id: int, message: str) -> None:
        """A finished download the server cannot import: it waits with a warning."""
        entry = next(e for e in self.queue if e["id"] == queue_id)
        entry |= {
            "status": "completed",
            "trackedDownloadStatus": "warning",
            "trackedDownloadState": "importPending",
            "statusMessages": [{"title": entry["title"], "messages": [message]}],
            "_stuck": True,
        }

    def _about(self, item: dict[str, Any]) -> dict[str, Any]:
        """What an event says of its series (with the episode) or movie."""
        if self.kind == "sonarr":
            series = {
                k: item.get(k) for k in ("id", "title", "titleSlug", "path", "tvdbId", "year", "genres")
            }
            episode = {"id": item["id"] * 100 + 1, "seasonNumber": 1, "episodeNumber": 1, "title": "Pilot"}
            return {"series": series | {"type": "standard", "images": [], "tags": []}, "episodes": [episode]}
        movie = {k: item.get(k) for k in ("id", "title", "year", "tmdbId", "imdbId", "overview", "genres")}
        remote = {k: item.get(k) for k in ("tmdbId", "imdbId", "title", "year")}
        return {
            "movie": movie | {"folderPath": item.get("path"), "images": [], "tags": []},
            "remoteMovie": remote,
        }

    def _release(self, entry: dict[str, Any]) -> dict[str, Any]:
        return {
            "quality": entry["quality"]["quality"]["name"],
            "qualityVersion": 1,
            "releaseGroup": "DEMO",
            "releaseTitle": entry["title"],
            "indexer": entry["indexer"],
            "size": int(entry["size"]),
        }

    def _queue_view(self) -> list[dict[str, Any]]:
        """The queue as of now; finished downloads are imported into the library."""
        now = self.clock()
        view = []
        for entry in list(self.queue):
            done = min(1.0, max(0.0, (now - entry["_started"]) / DOWNLOAD_SECONDS))
            if entry.get("_stuck"):
                done = 1.0
            elif done >= 1.0:
                self.queue.remove(entry)
                self._import(entry)
                continue
            left = entry["size"] * (1 - done)
            seconds = int(DOWNLOAD_SECONDS * (1 - done))
            record = {k: v for k, v in entry.items() if not k.startswith("_")}
            record |= {
                "sizeleft": left,
                "timeleft": str(timedelta(seconds=seconds)).rjust(8, "0"),
                "estimatedCompletionTime": iso(self.now + timedelta(seconds=seconds + self.offset)),
                "added": iso(self.now),
            }
            view.append(record)
        return view

    def _import(self, entry: dict[str, Any]) -> None:
        item = self.items.get(entry["_item"])
        if item is None:
            return
        file = {
            "id": entry["id"],
            "relativePath": entry["title"],
            "quality": "WEBDL-1080p",
            "size": int(entry["size"]),
        }
        file_key = "episodeFile" if self.kind == "sonarr" else "movieFile"
        self.push(
            "Download", **self._about(item), **{file_key: file}, isUpgrade=False, downloadClient="qBittorrent"
        )
        if self.kind == "radarr":
            item["hasFile"] = True
            item["sizeOnDisk"] = int(entry["size"])
            item["statistics"] = {"movieFileCount": 1, "sizeOnDisk": int(entry["size"])}
        else:
            stats = item.setdefault("statistics", {})
            stats["episodeFileCount"] = min(
                stats.get("episodeCount", 1), stats.get("episodeFileCount", 0) + 1
            )
            stats["sizeOnDisk"] = stats.get("sizeOnDisk", 0) + int(entry["size"])

    def _make_upcoming(self) -> list[dict[str, Any]]:
        if self.kind == "radarr":
            # A few movies of the library are released in the coming days.
            for n, movie in enumerate(list(self.items.values())[-6:]):
                release = self.now + timedelta(days=1 + 2 * n)
                movie |= {
                    "hasFile": False,
                    "isAvailable": False,
                    "status": "announced",
                    "sizeOnDisk": 0,
                    "inCinemas": iso(release - timedelta(days=60)),
                    "digitalRelease": iso(release),
                }
            return []
        # A real library airs about 70 episodes a day per 5,000 series (at least the 12 the
        # tests know), spread over the next 30 days.
        continuing = [s for s in self.items.values() if s.get("status") == "continuing"]
        count = max(12, round(len(self.items) * EPISODES_PER_SERIES_PER_DAY * CALENDAR_DAYS))
        upcoming = []
        if len(continuing) < 12:
            count = len(continuing)
        for n in range(count):
            series = continuing[n % len(continuing)]
            air = (
                self.now + timedelta(days=n % 10, hours=1)
                if n < 12
                else self.now + timedelta(minutes=(n * CALENDAR_DAYS * 24 * 60) // count)
            )
            season = series["statistics"]["seasonCount"]
            upcoming.append(
                {
                    "id": series["id"] * 1000 + 1 + n // len(continuing),
                    "seriesId": series["id"],
                    "tvdbId": series["tvdbId"] * 10,
                    "episodeFileId": 0,
                    "seasonNumber": season,
                    "episodeNumber": n + 1 if n < 12 else 1 + n // len(continuing),
                    "title": f"Chapter {n + 1}",
                    "airDate": air.date().isoformat(),
                    "airDateUtc": iso(air),
                    "lastSearchTime": iso(self.now - timedelta(days=3)),
                    "runtime": 45,
                    "finaleType": "season" if n % 9 == 8 else None,
                    "overview": (
                        "A new episode. Old allies return with news that changes everything, "
                        "while a decision made long ago finally catches up with them."
                    ),
                    "hasFile": False,
                    "monitored": True,
                    "absoluteEpisodeNumber": n + 1,
                    "unverifiedSceneNumbering": False,
                    "images": [
                        {
                            "coverType": "screenshot",
                            "url": f"https://artworks.example/episodes/{series['tvdbId']}/{n}.jpg",
                        }
                    ],
                }
            )
        return upcoming

    def _missing(self) -> list[dict[str, Any]]:
        if self.kind == "radarr":
            return [
                m
                for m in self.items.values()
                if m.get("monitored") and not m.get("hasFile") and m.get("isAvailable")
            ]
        missing = []
        for series in self.items.values():
            stats = series.get("statistics", {})
            for n in range(stats.get("episodeCount", 0) - stats.get("episodeFileCount", 0)):
                missing.append(
                    {
                        "id": series["id"] * 1000 + 500 + n,
                        "seriesId": series["id"],
                        "seasonNumber": 1,
                        "episodeNumber": n + 1,
                        "title": f"Episode {n + 1}",
                        "hasFile": False,
                        "monitored": True,
                    }
                )
        return missing

    def _lookup_pool(self) -> list[dict[str, Any]]:
        pool = list(self.items.values())
        in_library = {i[self.external_id] for i in pool}
        return pool + [c for c in self.catalogue if c[self.external_id] not in in_library]

    @property
    def external_id(self) -> str:
        """The external id field of the library's items."""
        return "tvdbId" if self.kind == "sonarr" else "tmdbId"

    @property
    def library_route(self) -> str:
        """`series` or `movie`."""
        return "series" if self.kind == "sonarr" else "movie"

    # --- application -----------------------------------------------------------------------

    def build_app(self) -> web.Application:
        """The API routes."""
        app = super().build_app()
        r = app.router
        r.add_get("/api/v3/diskspace", self._diskspace)
        r.add_get("/api/v3/rootfolder", self._simple(lambda: list(self.root_folders.values())))
        r.add_get("/api/v3/qualityprofile", self._simple(lambda: self.quality_profiles))
        r.add_get("/api/v3/queue/status", self._queue_status)
        r.add_get("/api/v3/queue", self._queue)
        r.add_get("/api/v3/wanted/missing", self._wanted_missing)
        r.add_get("/api/v3/calendar", self._calendar)
        r.add_get(f"/api/v3/{self.library_route}", self._library)
        r.add_get(f"/api/v3/{self.library_route}/lookup", self._lookup)
        r.add_get(f"/api/v3/{self.library_route}/{{id:\\d+}}", self._library_item)
        r.add_get("/api/v3/mediacover/{id:\\d+}/{file}", self._media_cover)
        r.add_post(f"/api/v3/{self.library_route}", self._add)
        r.add_post("/api/v3/command", self._command)
        # The commands queued, running and recently finished, as the server lists them.
        r.add_get("/api/v3/command", self._simple(lambda: list(self.commands.values())))
        r.add_get("/api/v3/command/{id:\\d+}", self._command_status)
        self.add_webhook_routes(app)
        return app

    async def _diskspace(self, request: web.Request) -> web.Response:
        return self._json(
            [
                {
                    "id": f["id"],
                    "path": f["path"],
                    "label": "",
                    "freeSpace": f["freeSpace"],
                    "totalSpace": 8000 * GB,
                }
                for f in self.root_folders.values()
            ]
        )

    async def _queue_status(self, request: web.Request) -> web.Response:
        view = self._queue_view()
        return self._json(
            {
                "id": 0,
                "totalCount": len(view),
                "count": len(view),
                "unknownCount": 0,
                "errors": any(q["trackedDownloadStatus"] == "error" for q in view),
                "warnings": any(q["trackedDownloadStatus"] == "warning" for q in view),
                "unknownErrors": False,
                "unknownWarnings": False,
            }
        )

    def _paged(self, request: web.Request, records: list[dict[str, Any]], sort_key: str) -> web.Response:
        try:
            page = int(request.query.get("page", 1))
            page_size = int(request.query.get("pageSize", 10))
        except ValueError:
            return self._json([{"propertyName": "page", "errorMessage": "Invalid paging"}], 400)
        start = (page - 1) * page_size
        return self._json(
            {
                "page": page,
                "pageSize": page_size,
                "sortKey": request.query.get("sortKey", sort_key),
                "sortDirection": request.query.get("sortDirection", "default"),
                "totalRecords": len(records),
                "records": records[start : start + page_size],
            }
        )

    async def _queue(self, request: web.Request) -> web.Response:
        view = self._queue_view()
        if request.query.get("sortKey") == "timeleft":
            view.sort(key=lambda q: q["timeleft"])
        return self._paged(request, view, "timeleft")

    async def _wanted_missing(self, request: web.Request) -> web.Response:
        return self._paged(request, self._missing(), "airDateUtc" if self.kind == "sonarr" else "title")

    async def _calendar(self, request: web.Request) -> web.Response:
        start = _parse_time(request.query.get("start")) or self.now
        end = _parse_time(request.query.get("end")) or start + timedelta(days=2)
        if self.kind == "sonarr":
            result = []
            for episode in self.upcoming:
                aired = _parse_time(episode["airDateUtc"])
                if aired is not None and start <= aired <= end:
                    record = dict(episode)
                    if request.query.get("includeSeries") == "true":
                        # The series as the calendar writes it: everything but statistics.
                        series = self.items.get(episode["seriesId"], {})
                        record["series"] = {k: v for k, v in series.items() if k != "statistics"} | {
                            "seasons": [
                                {"seasonNumber": x["seasonNumber"], "monitored": x["monitored"]}
                                for x in series.get("seasons", ())
                            ]
                        }
                    result.append(record)
            return self._json(result)
        movies = []
        for movie in self.items.values():
            dates = [_parse_time(movie.get(k)) for k in ("inCinemas", "digitalRelease", "physicalRelease")]
            if any(d is not None and start <= d <= end for d in dates):
                movies.append(movie)
        return self._json(movies)

    async def _library(self, request: web.Request) -> web.Response:
        wanted = request.query.get(self.external_id)
        items = list(self.items.values())
        if wanted:
            items = [i for i in items if str(i[self.external_id]) == wanted]
        return self._json(items)

    async def _library_item(self, request: web.Request) -> web.Response:
        item = self.items.get(int(request.match_info["id"]))
        if item is None:
            return web.Response(status=404)
        return self._json(item)

    async def _media_cover(self, request: web.Request) -> web.Response:
        """A poster as the server keeps it: `poster.jpg` and the scaled `poster-250.jpg`, `-500`."""
        item = self.items.get(int(request.match_info["id"]))
        sizes = {"poster.jpg": (680, 1000), "poster-250.jpg": (250, 368), "poster-500.jpg": (500, 735)}
        if item is None or (size := sizes.get(request.match_info["file"])) is None:
            return web.Response(status=404)
        return web.Response(body=poster(item["title"], *size), content_type="image/jpeg")

    async def _lookup(self, request: web.Request) -> web.Response:
        term = request.query.get("term", "").strip()
        pool = self._lookup_pool()
        prefix = "tvdb" if self.kind == "sonarr" else "tmdb"
        lowered = term.lower()
        for exact in (f"{prefix}:", f"{prefix}id:"):
            if lowered.startswith(exact):
                wanted = lowered.removeprefix(exact)
                return self._json([i for i in pool if str(i[self.external_id]) == wanted])
        if not term:
            return self._json([])
        words = lowered.split()
        found = [i for i in pool if all(w in i["title"].lower() for w in words)]
        found.sort(key=lambda i: (i["title"].lower() != lowered, len(i["title"])))
        return self._json(found)

    async def _add(self, request: web.Request) -> web.Response:
        try:
            body = await request.json()
        except ValueError:
            return self._json([{"propertyName": "", "errorMessage": "Invalid JSON"}], 400)
        errors = []
        external = body.get(self.external_id)
        if not body.get("title"):
            errors.append({"propertyName": "Title", "errorMessage": "'Title' must not be empty."})
        if not isinstance(external, int) or external <= 0:
            errors.append(
                {
                    "propertyName": self.external_id[0].upper() + self.external_id[1:],
                    "errorMessage": f"'{self.external_id}' must be greater than '0'.",
                }
            )
        if body.get("qualityProfileId") not in {p["id"] for p in self.quality_profiles}:
            errors.append(
                {"propertyName": "QualityProfileId", "errorMessage": "QualityProfile does not exist"}
            )
        root = body.get("rootFolderPath") or body.get("path")
        if not root:
            errors.append({"propertyName": "Path", "errorMessage": "'Path' must not be empty."})
        if any(i[self.external_id] == external for i in self.items.values()):
            noun = "series" if self.kind == "sonarr" else "movie"
            errors.append(
                {
                    "propertyName": self.external_id[0].upper() + self.external_id[1:],
                    "errorMessage": f"This {noun} has already been added",
                    "attemptedValue": external,
                    "severity": "error",
                    "errorCode": "SeriesExistsValidator" if self.kind == "sonarr" else "MovieExistsValidator",
                }
            )
        if errors:
            return self._json(errors, 400)
        new_id = max(self.items, default=0) + 1
        folder = body.get("folder") or body.get("folderName") or body["title"]
        item = {
            k: v
            for k, v in body.items()
            if k not in ("addOptions", "id", "folder", "folderName", "remotePoster")
        } | {
            "id": new_id,
            "path": body.get("path") or f"{body['rootFolderPath'].rstrip('/')}/{folder}",
            "added": iso(datetime.now(UTC)),
        }
        if self.kind == "sonarr":
            item["statistics"] = {
                "seasonCount": len(body.get("seasons", [])),
                "episodeFileCount": 0,
                "episodeCount": 10,
                "totalEpisodeCount": 10,
                "sizeOnDisk": 0,
            }
        else:
            item |= {"hasFile": False, "sizeOnDisk": 0, "isAvailable": True}
        self.items[new_id] = item
        self.push("SeriesAdd" if self.kind == "sonarr" else "MovieAdded", **self._about(item))
        options = body.get("addOptions") or {}
        if options.get("searchForMissingEpisodes") or options.get("searchForMovie"):
            self._enqueue(item)
        response = self._json(item, 201)
        response.headers["Location"] = f"/api/v3/{self.library_route}/{new_id}"
        return response

    async def _command(self, request: web.Request) -> web.Response:
        body = await request.json()
        name = str(body.get("name", ""))
        known = {n.lower(): n for n in KNOWN_COMMANDS[self.kind]}
        if name.lower() not in known:
            return self._json({"message": "Sequence contains no matching element"}, 500)
        command_id = len(self.commands) + 1
        command = {
            "id": command_id,
            "name": known[name.lower()],
            "commandName": known[name.lower()],
            "body": body,
            "priority": "normal",
            "status": "queued",
            "result": "unknown",
            "queued": iso(datetime.now(UTC)),
            "trigger": "manual",
            "sendUpdatesToClient": True,
            "updateScheduledTask": True,
        }
        self.commands[command_id] = command
        return self._json(command, 201)

    async def _command_status(self, request: web.Request) -> web.Response:
        command = self.commands.get(int(request.match_info["id"]))
        if command is None:
            return web.Response(status=404)
        command |= {"status": "completed", "result": "successful", "ended": iso(datetime.now(UTC))}
        return self._json(command)


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
