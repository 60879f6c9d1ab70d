"""A fake Seerr (v3.1) or Overseerr (v1.34), API v1, after the official OpenAPI documents.

- `X-Api-Key` acts as the admin; without it (or with a wrong one) every route but
  `/status` answers 403 `{"status":403,"error":"You do not have permission ..."}`.
- Requests page with `take` (default 10) and `skip`, filter and sort as documented, and
  carry numeric statuses (request: 1 pending, 2 approved, 3 declined, 4 failed, 5 completed
  on Seerr; media: 1 unknown ... 5 available).
- Stateful: approving moves the media to processing and the counts follow; a request can
  be made available or failed; new requests can be created (409 for a duplicate).
- The webhook notification agent can be configured through the settings API; when it is
  enabled the fake delivers request notifications to it, with the default template's
  keys, as Seerr does.
"""

from __future__ import annotations

import asyncio
import base64
from datetime import UTC, datetime, timedelta
import hashlib
import json
from typing import Any

import aiohttp
from aiohttp import web

from .base import FakeServer
from .posters import poster

FORBIDDEN = {"status": 403, "error": "You do not have permission to access this endpoint"}
CATALOGUE = [
    ("movie", 438631, "Dune", "2021-09-15"),
    ("movie", 693134, "Dune: Part Two", "2024-02-27"),
    ("movie", 27205, "Inception", "2010-07-15"),
    ("movie", 157336, "Interstellar", "2014-11-05"),
    ("movie", 603, "The Matrix", "1999-03-30"),
    ("movie", 872585, "Oppenheimer", "2023-07-19"),
    ("movie", 545611, "Everything Everywhere All at Once", "2022-03-24"),
    ("movie", 129, "Spirited Away", "2001-07-20"),
    ("tv", 1399, "Game of Thrones", "2011-04-17"),
    ("tv", 63247, "Westworld", "2016-10-02"),
    ("tv", 95396, "Severance", "2022-02-17"),
    ("tv", 76479, "The Boys", "2019-07-25"),
    ("tv", 100088, "The Last of Us", "2023-01-15"),
    ("tv", 136315, "The Bear", "2022-06-23"),
]
# Every user as Seerr writes it into a request (its whole User entity but the settings).
USER_FIELDS = {
    "plexUsername": None,
    "jellyfinUsername": None,
    "username": None,
    "recoveryLinkExpirationDate": None,
    "userType": 2,
    "plexId": None,
    "jellyfinUserId": None,
    "jellyfinDeviceId": None,
    "avatar": "/avatarproxy/5f3a9c2e1b7d4a60b8e2c1d9f0a7b6c5",
    "avatarETag": None,
    "avatarVersion": None,
    "movieQuotaLimit": None,
    "movieQuotaDays": None,
    "tvQuotaLimit": None,
    "tvQuotaDays": None,
    "createdAt": "2025-03-01T10:00:00.000Z",
    "updatedAt": "2026-11-20T18:30:00.000Z",
    "permissions": 32,
    "warnings": [],
    "requestCount": 12,
}
USERS = [
    USER_FIELDS
    | {"id": 1, "displayName": "Admin", "username": "admin", "email": "admin@example.com", "permissions": 2},
    USER_FIELDS | {"id": 2, "displayName": "Emma", "plexUsername": "emma", "email": "emma@example.com"},
    USER_FIELDS | {"id": 3, "displayName": "Noah", "jellyfinUsername": "noah", "email": "noah@example.com"},
]
EVENT_BITS = {
    "MEDIA_PENDING": 2,
    "MEDIA_APPROVED": 4,
    "MEDIA_AVAILABLE": 8,
    "MEDIA_FAILED": 16,
    "TEST_NOTIFICATION": 32,
    "MEDIA_DECLINED": 64,
    "MEDIA_AUTO_APPROVED": 128,
}
EVENT_TEXT = {
    "MEDIA_PENDING": "New {t} Request",
    "MEDIA_APPROVED": "{t} Request Approved",
    "MEDIA_DECLINED": "{t} Request Declined",
    "MEDIA_AVAILABLE": "{t} Request Now Available",
    "MEDIA_FAILED": "{t} Request Failed",
    "MEDIA_AUTO_APPROVED": "{t} Request Automatically Approved",
}
MEDIA_STATUS_NAMES = {1: "UNKNOWN", 2: "PENDING", 3: "PROCESSING", 4: "PARTIALLY_AVAILABLE", 5: "AVAILABLE"}


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


class FakeSeerr(FakeServer):
    """A fake Seerr or Overseerr with a few requests."""

    def __init__(self, api_key: str, *, version: str = "3.1.0", port: int = 0, **kwargs: Any) -> None:
        """Create the server with requests in every state."""
        super().__init__(port=port, **kwargs)
        self.kind = "seerr"
        self.app_name = "Seerr"
        #: TMDB unreachable: every title route answers 500, as real Seerr then does
        self.tmdb_down = False
        self.title_lookups = 0
        self.api_key = api_key
        self.version = version
        self.indent = None
        self.now = datetime.now(UTC).replace(microsecond=0)
        self.requests_by_id: dict[int, dict[str, Any]] = {}
        self.media: dict[tuple[str, int], dict[str, Any]] = {}
        self.issues = {
            "total": 3,
            "video": 1,
            "audio": 1,
            "subtitles": 1,
            "others": 0,
            "open": 2,
            "closed": 1,
        }
        self.webhook: dict[str, Any] = {
            "enabled": False,
            "types": 0,
            "options": {"webhookUrl": "", "jsonPayload": ""},
        }
        self.deliveries: list[dict[str, Any]] = []
        #: answers that were 304 Not Modified (the client's ETag matched)
        self.not_modified = 0
        self._tasks: set[asyncio.Task[None]] = set()
        self._next_id = 1
        self._clock = 0
        for index, (status, media_status, user) in enumerate(
            [(1, 2, 2), (1, 2, 3), (2, 3, 2), (2, 5, 1), (3, 1, 3), (2, 5, 2), (4, 3, 3)]
        ):
            media_type, tmdb_id, _, _ = CATALOGUE[index]
            self.add_request(media_type, tmdb_id, user_id=user, status=status, media_status=media_status)

    # --- state ---------------------------------------------------------------------------

    def _tick(self) -> str:
        self._clock += 1
        return _iso(self.now + timedelta(seconds=self._clock))

    def _media(self, media_type: str, tmdb_id: int) -> dict[str, Any]:
        key = (media_type, tmdb_id)
        if key not in self.media:
            self.media[key] = {
                "id": len(self.media) + 1,
                "mediaType": media_type,
                "tmdbId": tmdb_id,
                "tvdbId": tmdb_id + 100000 if media_type == "tv" else None,
                "imdbId": None,
                "status": 1,
                "status4k": 1,
                "createdAt": _iso(self.now),
                "updatedAt": _iso(self.now),
                "lastSeasonChange": _iso(self.now),
                "mediaAddedAt": None,
                "serviceId": None,
                "serviceId4k": None,
                "externalServiceId": None,
                "externalServiceId4k": None,
                "externalServiceSlug": None,
                "externalServiceSlug4k": None,
                "ratingKey": None,
                "ratingKey4k": None,
                "jellyfinMediaId": None,
                "jellyfinMediaId4k": None,
                "watchlists": [],
                "serviceUrl": None,
            }
        return self.media[key]

    def add_request(
        self, media_type: str, tmdb_id: int, *, user_id: int = 2, status: int = 1, media_status: int = 2
    ) -> dict[str, Any]:
        """A request as a user would make it (pending by default)."""
        media = self._media(media_type, tmdb_id)
        media["status"] = media_status
        stamp = self._tick()
        request = {
            "id": self._next_id,
            "status": status,
            "type": media_type,
            "is4k": False,
            "createdAt": stamp,
            "updatedAt": stamp,
            "requestedBy": dict(USERS[user_id - 1]),
            "modifiedBy": None,
            "media": media,
            "seasons": [{"id": 1, "seasonNumber": 1, "status": status}] if media_type == "tv" else [],
            "seasonCount": 1 if media_type == "tv" else 0,
            "serverId": 0,
            "profileId": 4,
            "rootFolder": "/movies" if media_type == "movie" else "/tv",
            "tags": [],
            "isAutoRequest": False,
        }
        self.requests_by_id[self._next_id] = request
        self._next_id += 1
        self._notify("MEDIA_PENDING" if status == 1 else "MEDIA_AUTO_APPROVED", request)
        return request

    def set_request_status(self, request_id: int, status: int) -> dict[str, Any]:
        """Approve (2), decline (3) or fail (4) a request as Seerr would."""
        request = self.requests_by_id[request_id]
        request["status"] = status
        request["updatedAt"] = self._tick()
        request["modifiedBy"] = dict(USERS[0])
        if status == 2 and request["media"]["status"] in (1, 2):
            request["media"]["status"] = 3
        kind = {2: "MEDIA_APPROVED", 3: "MEDIA_DECLINED", 4: "MEDIA_FAILED"}.get(status)
        if kind:
            self._notify(kind, request)
        return request

    def make_available(self, request_id: int) -> None:
        """The requested media arrived."""
        request = self.requests_by_id[request_id]
        request["media"]["status"] = 5
        request["updatedAt"] = self._tick()
        if self.version.startswith("3."):
            request["status"] = 5  # Seerr marks the request completed
        self._notify("MEDIA_AVAILABLE", request)

    def _counts(self) -> dict[str, int]:
        """As Seerr's `/request/count` counts: approved, processing and available are
        requests with status approved (a request whose media arrived is completed on
        Seerr 3, and counted as completed alone)."""
        requests = list(self.requests_by_id.values())

        def approved(r: dict[str, Any]) -> bool:
            return bool(r["status"] == 2)

        counts = {
            "total": len(requests),
            "movie": sum(1 for r in requests if r["type"] == "movie"),
            "tv": sum(1 for r in requests if r["type"] == "tv"),
            "pending": sum(1 for r in requests if r["status"] == 1),
            "approved": sum(1 for r in requests if approved(r)),
            "declined": sum(1 for r in requests if r["status"] == 3),
            "processing": sum(1 for r in requests if approved(r) and r["media"]["status"] != 5),
            "available": sum(1 for r in requests if approved(r) and r["media"]["status"] == 5),
        }
        if self.version.startswith("3."):
            counts["completed"] = sum(1 for r in requests if r["status"] == 5)
        return counts

    # --- webhook delivery ------------------------------------------------------------------

    def _notify(self, notification_type: str, request: dict[str, Any]) -> None:
        settings = self.webhook
        if not settings.get("enabled") or not settings["types"] & EVENT_BITS[notification_type]:
            return
        media_type, tmdb_id = request["type"], request["media"]["tmdbId"]
        title, date = next(
            ((t, d) for m, i, t, d in CATALOGUE if (m, i) == (media_type, tmdb_id)), ("?", "0000")
        )
        values = {
            "notification_type": notification_type,
            "event": EVENT_TEXT[notification_type].format(t="Movie" if media_type == "movie" else "Series"),
            "subject": f"{title} ({date[:4]})",
            "message": f"A {media_type} request.",
            "image": f"https://image.tmdb.org/t/p/w600_and_h900_bestv2/{tmdb_id}.jpg",
            "media_type": media_type,
            "media_tmdbid": str(tmdb_id),
            "media_tvdbid": str(request["media"].get("tvdbId") or ""),
            "media_status": MEDIA_STATUS_NAMES.get(request["media"]["status"], ""),
            "media_status4k": "UNKNOWN",
            "request_id": str(request["id"]),
            "requestedBy_email": request["requestedBy"].get("email", ""),
            "requestedBy_username": request["requestedBy"].get("displayName", ""),
            "requestedBy_avatar": "",
            "requestedBy_settings_discordId": "",
            "requestedBy_settings_telegramChatId": "",
        }
        template = base64.b64decode(settings["options"].get("jsonPayload") or "").decode() or "{}"
        body = template
        for key, value in values.items():
            body = body.replace("{{" + key + "}}", json.dumps(value)[1:-1])
        headers = {"Content-Type": "application/json"}
        if auth := settings["options"].get("authHeader"):
            headers["Authorization"] = auth
        task = asyncio.get_event_loop().create_task(
            self._deliver(settings["options"]["webhookUrl"], body, headers)
        )
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _deliver(self, url: str, body: str, headers: dict[str, str]) -> None:
        try:
            async with (
                aiohttp.ClientSession() as session,
                session.post(url, data=body, headers=headers) as response,
            ):
                self.deliveries.append({"status": response.status, "body": json.loads(body)})
        except (aiohttp.ClientError, ValueError) as err:
            self.deliveries.append({"error": str(err)})

    async def delivered(self) -> None:
        """Wait until every webhook delivery started so far is done."""
        if self._tasks:
            await asyncio.gather(*self._tasks)

    # --- application -----------------------------------------------------------------------

    def build_app(self) -> web.Application:
        """The API routes."""
        app = super().build_app()
        app.middlewares.extend((self._auth, self._etag))
        r = app.router
        r.add_get("/api/v1/status", self._status)
        r.add_get("/imageproxy/{source}/t/p/{size}/{file}", self._image)
        r.add_get("/api/v1/request/count", self._count)
        r.add_get("/api/v1/request", self._list)
        r.add_post("/api/v1/request", self._create)
        r.add_get("/api/v1/request/{id:\\d+}", self._get)
        r.add_post("/api/v1/request/{id:\\d+}/{action}", self._decide)
        r.add_get("/api/v1/issue/count", self._issue_count)
        r.add_get("/api/v1/search", self._search)
        r.add_get("/api/v1/movie/{id:\\d+}", self._details)
        r.add_get("/api/v1/tv/{id:\\d+}", self._details)
        r.add_get("/api/v1/settings/notifications/webhook", self._get_webhook)
        r.add_post("/api/v1/settings/notifications/webhook", self._set_webhook)
        r.add_post("/__fake__/request", self._admin_request)
        return app

    async def _image(self, request: web.Request) -> web.Response:
        """The image proxy: TMDB's poster, which Seerr fetches and caches (no key needed)."""
        stem, _, extension = request.match_info["file"].partition(".")
        if request.match_info["source"] != "tmdb" or extension != "jpg" or not stem.isdigit():
            return web.Response(status=400, text="Unsupported image type")
        title = next((t for _, known, t, _ in CATALOGUE if known == int(stem)), f"TMDB {stem}")
        return web.Response(body=poster(title), content_type="image/jpeg")

    def _answer(self, data: Any, status: int = 200) -> web.Response:
        return self.json(data, status)

    @web.middleware
    async def _auth(self, request: web.Request, handler: Any) -> web.StreamResponse:
        public = not request.path.startswith("/api/v1/") or request.path == "/api/v1/status"
        if not public and request.headers.get("X-Api-Key") != self.api_key:
            return web.json_response(FORBIDDEN, status=403)
        response: web.StreamResponse = await handler(request)
        return response

    @web.middleware
    async def _etag(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """Express's default: a weak ETag on every answer, 304 without a body when it matches."""
        response: web.StreamResponse = await handler(request)
        if not isinstance(response, web.Response) or not isinstance(response.body, bytes):
            return response
        if request.method not in ("GET", "HEAD") or not 200 <= response.status < 300:
            return response
        digest = base64.b64encode(hashlib.sha1(response.body).digest()).decode()[:27]
        etag = f'W/"{len(response.body):x}-{digest}"'
        if request.headers.get("If-None-Match") == etag:
            self.not_modified += 1
            return web.Response(status=304, headers={"ETag": etag})
        response.headers["ETag"] = etag
        return response

    async def _status(self, request: web.Request) -> web.Response:
        return self._answer(
            {
                "version": self.version,
                "commitTag": "local",
                "updateAvailable": False,
                "commitsBehind": 0,
                "restartRequired": False,
            }
        )

    async def _count(self, request: web.Request) -> web.Response:
        return self._answer(self._counts())

    def _matches(self, item: dict[str, Any], name: str) -> bool:
        status, media = item["status"], item["media"]["status"]
        return {
            "all": True,
            "pending": status == 1,
            "approved": status == 2,
            "declined": status == 3,
            "failed": status == 4,
            "completed": status == 5,
            "processing": status == 2 and media != 5,
            # Seerr 3: a request whose media arrived is completed; Overseerr keeps it approved
            "available": status == (5 if self.version.startswith("3.") else 2) and media == 5,
            "unavailable": status in (1, 2) and media != 5,
        }.get(name, False)

    async def _list(self, request: web.Request) -> web.Response:
        query = request.query
        try:
            take = int(query.get("take", 10))
            skip = int(query.get("skip", 0))
        except ValueError:
            return self._answer({"message": "request/query/take must be number", "errors": []}, 400)
        name = query.get("filter", "all")
        items = [r for r in self.requests_by_id.values() if self._matches(r, name)]
        key = "updatedAt" if query.get("sort") == "modified" else "createdAt"
        items.sort(key=lambda r: (r[key], r["id"]), reverse=query.get("sortDirection", "desc") == "desc")
        page = items[skip : skip + take]
        return self._answer(
            {
                "pageInfo": {
                    "pages": -(-len(items) // max(take, 1)),
                    "pageSize": take,
                    "results": len(items),
                    "page": skip // max(take, 1) + 1,
                },
                "results": page,
            }
        )

    def _request_or_404(self, request: web.Request) -> dict[str, Any] | None:
        return self.requests_by_id.get(int(request.match_info["id"]))

    async def _get(self, request: web.Request) -> web.Response:
        item = self._request_or_404(request)
        if item is None:
            return self._answer({"message": "Request not found."}, 404)
        return self._answer(item)

    async def _decide(self, request: web.Request) -> web.Response:
        item = self._request_or_404(request)
        action = request.match_info["action"]
        if action not in ("approve", "decline"):
            return self._answer(
                {"message": "request/params/status must be equal to one of the allowed values"}, 400
            )
        if item is None:
            return self._answer({"message": "Request not found."}, 404)
        return self._answer(self.set_request_status(item["id"], 2 if action == "approve" else 3))

    async def _create(self, request: web.Request) -> web.Response:
        body = await request.json()
        media_type, tmdb_id = body.get("mediaType"), body.get("mediaId")
        if media_type not in ("movie", "tv") or not isinstance(tmdb_id, int):
            return self._answer(
                {"message": "request/body must have required property 'mediaId'", "errors": []}, 400
            )
        for item in self.requests_by_id.values():
            if (
                item["type"] == media_type
                and item["media"]["tmdbId"] == tmdb_id
                and item["status"] in (1, 2, 5)
            ):
                return self._answer({"message": "Request for this media already exists."}, 409)
        return self._answer(self.add_request(media_type, tmdb_id, user_id=1, status=1), 201)

    def _info(self, media_type: str, tmdb_id: int) -> dict[str, Any] | None:
        media = self.media.get((media_type, tmdb_id))
        return {"status": media["status"], "tmdbId": tmdb_id} if media else None

    async def _search(self, request: web.Request) -> web.Response:
        query = request.query.get("query", "").casefold()
        results = []
        for media_type, tmdb_id, title, date in CATALOGUE:
            if query and query in title.casefold():
                key = "title" if media_type == "movie" else "name"
                date_key = "releaseDate" if media_type == "movie" else "firstAirDate"
                result = {
                    "id": tmdb_id,
                    "mediaType": media_type,
                    key: title,
                    date_key: date,
                    "overview": f"{title}, a {media_type}.",
                    "posterPath": f"/{tmdb_id}.jpg",
                    "popularity": 100.0,
                }
                if info := self._info(media_type, tmdb_id):
                    result["mediaInfo"] = info
                results.append(result)
        results.append({"id": 1, "mediaType": "person", "name": "Someone", "profilePath": None})
        return self._answer({"page": 1, "totalPages": 1, "totalResults": len(results), "results": results})

    async def _details(self, request: web.Request) -> web.Response:
        media_type = "movie" if request.path.startswith("/api/v1/movie/") else "tv"
        tmdb_id = int(request.match_info["id"])
        self.title_lookups += 1
        if self.tmdb_down:
            # What real Seerr answers whenever TMDB is slow, unreachable or lost the id.
            message = "Unable to retrieve movie." if media_type == "movie" else "Unable to retrieve series."
            return self._answer({"message": message}, 500)
        for kind, known_id, title, date in CATALOGUE:
            if (kind, known_id) == (media_type, tmdb_id):
                if media_type == "movie":
                    return self._answer(
                        {"id": tmdb_id, "title": title, "releaseDate": date, "posterPath": f"/{tmdb_id}.jpg"}
                    )
                return self._answer(
                    {"id": tmdb_id, "name": title, "firstAirDate": date, "posterPath": f"/{tmdb_id}.jpg"}
                )
        return self._answer({"message": "Unable to retrieve movie."}, 500)

    async def _issue_count(self, request: web.Request) -> web.Response:
        return self._answer(self.issues)

    async def _get_webhook(self, request: web.Request) -> web.Response:
        return self._answer(self.webhook)

    async def _set_webhook(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.webhook = {
            "enabled": bool(body.get("enabled")),
            "types": int(body.get("types") or 0),
            "options": {**self.webhook["options"], **(body.get("options") or {})},
        }
        return self._answer(self.webhook)

    async def _admin_request(self, request: web.Request) -> web.Response:
        """Demo control: `{"title": "Dune"}` makes a new pending request; `{"id": 1, "status": 2}`
        approves one; `{"id": 1, "available": true}` makes its media available."""
        body = await request.json()
        if "title" in body:
            match = next((m for m in CATALOGUE if m[2].casefold() == str(body["title"]).casefold()), None)
            if match is None:
                return web.json_response({"error": "unknown title"}, status=404)
            return web.json_response({"id": self.add_request(match[0], match[1], user_id=2)["id"]})
        request_id = int(body.get("id", 0))
        if request_id not in self.requests_by_id:
            return web.json_response({"error": "no such request"}, status=404)
        if body.get("available"):
            self.make_available(request_id)
        elif "status" in body:
            self.set_request_status(request_id, int(body["status"]))
        return web.json_response({"ok": True})
