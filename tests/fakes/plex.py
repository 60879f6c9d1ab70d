"""A fake plex.tv and a fake Plex Media Server, after the official PMS document.

plex.tv: PINs (`POST /api/v2/pins`, `GET /api/v2/pins/{id}`), the account
(`/api/v2/user`), its servers (`/api/v2/resources`) and a stand-in of the Plex auth page
(`/auth#?clientID=…&code=…`) whose button claims the PIN, as signing in at Plex does.

The server: `/identity` without a token, everything else with `X-Plex-Token` (401
otherwise), XML unless `Accept: application/json`, `MediaContainer` wrappers, paging with
`X-Plex-Container-Start`/`-Size` and `totalSize`, libraries with media queries (sort, type,
title, year, genre), sessions, recently added, refresh and poster transcoding. Faults come
from `FakeServer`.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
import json
import random
import secrets
from typing import Any
from xml.sax.saxutils import quoteattr

from aiohttp import web
from yarl import URL

from .base import FakeServer, Fault
from .generate import ADJECTIVES, GENRES, NOUNS
from .posters import poster

PMS_VERSION = "1.42.2.10156-f737b826c"
# Fields a "partial" answer keeps: the wrappers, identities and paging.
PLEX_REQUIRED = frozenset(
    {
        "MediaContainer",
        "Directory",
        "Metadata",
        "key",
        "ratingKey",
        "machineIdentifier",
        "size",
        "totalSize",
        "title",
        "type",
    }
)


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k in PLEX_REQUIRED}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def to_xml(tag: str, value: dict[str, Any]) -> str:
    """Plex's XML: scalar properties become attributes, arrays child elements."""
    attributes = "".join(
        f" {k}={quoteattr(str(int(v) if isinstance(v, bool) else v))}"
        for k, v in value.items()
        if not isinstance(v, list | dict) and v is not None
    )
    children = "".join(
        to_xml(k, item)
        for k, v in value.items()
        if isinstance(v, list | dict)
        for item in (v if isinstance(v, list) else [v])
        if isinstance(item, dict)
    )
    return f"<{tag}{attributes}>{children}</{tag}>" if children else f"<{tag}{attributes}/>"


class FakePlexBase(FakeServer):
    """JSON the way Plex writes it: compact, and trimmed in the partial fault."""

    def __init__(self, **kwargs: Any) -> None:
        """Compact JSON, as Plex sends it."""
        super().__init__(**kwargs)
        self.indent = None

    def plex_json(self, data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
        """A JSON answer (the partial fault keeps only wrappers and identities)."""
        if self.fault is Fault.PARTIAL:
            data = _strip(data)
        return web.Response(
            status=status, text=json.dumps(data), content_type="application/json", headers=headers
        )


# --- plex.tv ------------------------------------------------------------------------------


@dataclass
class FakePin:
    """A PIN as plex.tv keeps it."""

    id: int
    code: str
    client_identifier: str
    product: str
    created: datetime
    lifetime: int
    token: str | None = None

    @property
    def expires(self) -> datetime:
        """When it can no longer be claimed or read."""
        return self.created + timedelta(seconds=self.lifetime)


@dataclass
class FakeResource:
    """A device of the account."""

    name: str
    client_identifier: str
    access_token: str
    connections: list[dict[str, Any]]
    provides: str = "server"
    owned: bool = True
    product: str = "Plex Media Server"


class FakePlexTv(FakePlexBase):
    """plex.tv, with one account."""

    def __init__(self, account_token: str, *, pin_lifetime: int = 1800, port: int = 0, **kwargs: Any) -> None:
        """An account whose sign-ins give `account_token`."""
        super().__init__(port=port, **kwargs)
        self.account_token = account_token
        self.pin_lifetime = pin_lifetime
        self.enforce_expiry = True  # False: an expired PIN can still be read (to test the timeout)
        self.pins: dict[int, FakePin] = {}
        self.resources: list[FakeResource] = []
        self.headers_seen: list[dict[str, str]] = []
        self._next_pin = random.Random(7).randrange(500_000_000, 600_000_000)

    def add_server(
        self,
        server: FakePlexServer,
        connections: list[dict[str, Any]] | None = None,
        *,
        name: str | None = None,
        owned: bool = True,
    ) -> None:
        """List a server of the account (by default reachable at its own address, locally)."""
        if connections is None:
            connections = [connection(server.url, local=True)]
        self.resources.append(
            FakeResource(
                name=name or server.friendly_name,
                client_identifier=server.machine_identifier,
                access_token=server.token,
                connections=connections,
                owned=owned,
            )
        )

    def add_player(self, name: str) -> None:
        """List a player of the account (not a server)."""
        self.resources.append(
            FakeResource(
                name=name,
                client_identifier=secrets.token_hex(12),
                access_token=secrets.token_hex(10),
                connections=[],
                provides="client,player,pubsub-player",
                product="Plex for Android (TV)",
            )
        )

    def claim(self, pin_id: int | None = None) -> None:
        """Sign in: the user claims the PIN (the newest, unless one is named)."""
        pin = self.pins[pin_id if pin_id is not None else max(self.pins)]
        pin.token = self.account_token

    def build_app(self) -> web.Application:
        """The routes of plex.tv this fake knows."""
        app = super().build_app()
        app.router.add_post("/api/v2/pins", self._create_pin)
        app.router.add_get("/api/v2/pins/{id}", self._read_pin)
        app.router.add_get("/api/v2/user", self._user)
        app.router.add_get("/api/v2/resources", self._resources)
        app.router.add_get("/auth", self._auth_page)
        app.router.add_post("/__fake__/claim", self._claim)
        return app

    @staticmethod
    def _plex_value(request: web.Request, name: str, form: dict[str, str] | None = None) -> str | None:
        """An X-Plex value from the headers, the query or the form (as plex.tv reads them)."""
        return request.headers.get(name) or request.query.get(name) or (form or {}).get(name)

    def _pin_json(self, pin: FakePin) -> dict[str, Any]:
        return {
            "id": pin.id,
            "code": pin.code,
            "product": pin.product,
            "trusted": False,
            "qr": f"https://plex.tv/api/v2/pins/qr/{pin.code}",
            "clientIdentifier": pin.client_identifier,
            "location": {
                "code": "NL",
                "country": "Netherlands",
                "city": "Amsterdam",
                "time_zone": "Europe/Amsterdam",
            },
            "expiresIn": max(0, round((pin.expires - datetime.now(UTC)).total_seconds())),
            "createdAt": pin.created.isoformat().replace("+00:00", "Z"),
            "expiresAt": pin.expires.isoformat().replace("+00:00", "Z"),
            "authToken": pin.token,
            "newRegistration": None,
        }

    async def _create_pin(self, request: web.Request) -> web.Response:
        form = dict(await request.post())
        self.headers_seen.append(dict(request.headers))
        client = self._plex_value(request, "X-Plex-Client-Identifier", form)
        product = self._plex_value(request, "X-Plex-Product", form)
        if not client or not product:
            return self.plex_json(
                {"errors": [{"code": 1000, "message": "X-Plex-Client-Identifier is missing"}]}, 400
            )
        strong = request.query.get("strong") == "true"
        pin = FakePin(
            id=self._next_pin,
            code=secrets.token_hex(13)[:25] if strong else secrets.token_hex(2).upper(),
            client_identifier=client,
            product=product,
            created=datetime.now(UTC),
            lifetime=self.pin_lifetime if strong else min(self.pin_lifetime, 900),
        )
        self._next_pin += 1
        self.pins[pin.id] = pin
        if "application/json" not in request.headers.get("Accept", ""):
            return web.Response(
                status=201, text=to_xml("pin", self._pin_json(pin)), content_type="application/xml"
            )
        return self.plex_json(self._pin_json(pin), 201)

    async def _read_pin(self, request: web.Request) -> web.Response:
        self.headers_seen.append(dict(request.headers))
        pin = self.pins.get(int(request.match_info["id"]))
        client = self._plex_value(request, "X-Plex-Client-Identifier")
        expired = self.enforce_expiry and datetime.now(UTC) >= pin.expires if pin else True
        if pin is None or pin.client_identifier != client or expired:
            return self.plex_json({"errors": [{"code": 1020, "message": "Code not found or expired"}]}, 404)
        return self.plex_json(self._pin_json(pin))

    def _authorized(self, request: web.Request) -> bool:
        return self._plex_value(request, "X-Plex-Token") == self.account_token

    async def _user(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self.plex_json(
                {"errors": [{"code": 1001, "message": "User could not be authenticated"}]}, 401
            )
        return self.plex_json(
            {"id": 1, "uuid": "a1b2c3", "username": "demo", "title": "demo", "email": "demo@example.org"}
        )

    async def _resources(self, request: web.Request) -> web.Response:
        self.headers_seen.append(dict(request.headers))
        if not self._authorized(request):
            return self.plex_json(
                {"errors": [{"code": 1001, "message": "User could not be authenticated"}]}, 401
            )
        now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
        return self.plex_json(
            [
                {
                    "name": r.name,
                    "product": r.product,
                    "productVersion": PMS_VERSION,
                    "platform": "Linux",
                    "platformVersion": "Debian 12",
                    "device": "PC",
                    "clientIdentifier": r.client_identifier,
                    "createdAt": now,
                    "lastSeenAt": now,
                    "provides": r.provides,
                    "ownerId": None if r.owned else 4242,
                    "sourceTitle": None if r.owned else "a friend",
                    "publicAddress": "203.0.113.7",
                    "accessToken": r.access_token,
                    "owned": r.owned,
                    "home": False,
                    "synced": False,
                    "relay": True,
                    "presence": True,
                    "httpsRequired": False,
                    "publicAddressMatches": True,
                    "dnsRebindingProtection": False,
                    "natLoopbackSupported": False,
                    "connections": r.connections,
                }
                for r in self.resources
            ]
        )

    async def _auth_page(self, request: web.Request) -> web.Response:
        """The stand-in of app.plex.tv/auth: one button signs the demo account in."""
        page = """<!doctype html><html><head><meta charset="utf-8"><title>Plex (demo sign-in)</title></head>
<body style="font-family:sans-serif;background:#1f1f1f;color:#eee;text-align:center;padding-top:10%">
<h1>Plex sign-in (MediaNest demo)</h1><p id="app"></p>
<button id="go" style="font-size:1.4em;padding:.5em 2em;background:#e5a00d;border:0">Sign in as demo</button>
<p id="done" hidden>Signed in. You can close this window and return to Home Assistant.</p>
<script>
const params = new URLSearchParams(location.hash.replace(/^#!?\\?/, ""));
const app = params.get("context[device][product]") || "an app";
document.getElementById("app").textContent = "Allow " + app + " to use your account";
document.getElementById("go").onclick = async () => {
  const body = JSON.stringify({code: params.get("code"), clientID: params.get("clientID")});
  const r = await fetch("/__fake__/claim", {method: "POST", body});
  if (r.ok) { document.getElementById("go").hidden = true; document.getElementById("done").hidden = false; }
};
</script></body></html>"""
        return web.Response(text=page, content_type="text/html")

    async def _claim(self, request: web.Request) -> web.Response:
        body = await request.json()
        for pin in self.pins.values():
            if pin.code == body.get("code") and pin.client_identifier == body.get("clientID"):
                pin.token = self.account_token
                return web.json_response({"claimed": pin.id})
        return web.json_response({"error": "unknown PIN"}, status=404)


def connection(uri: str, *, local: bool = False, relay: bool = False) -> dict[str, Any]:
    """A connection of a resource, as plex.tv lists it."""
    url = URL(uri)
    return {
        "protocol": url.scheme,
        "address": url.host,
        "port": url.port,
        "uri": uri,
        "local": local,
        "relay": relay,
        "IPv6": False,
    }


# --- Plex Media Server -------------------------------------------------------------------------


@dataclass
class FakeSection:
    """A library."""

    key: str
    title: str
    type: str
    items: list[dict[str, Any]] = field(default_factory=list)
    refreshing: bool = False
    scanned_at: int = 0


class FakePlexServer(FakePlexBase):
    """A Plex Media Server with a movie and a TV library."""

    # A notification websocket asked for just as the server stops is not waited for.
    shutdown_timeout = 0.5

    def __init__(
        self,
        token: str,
        *,
        movies: int = 40,
        shows: int = 6,
        episodes: int = 8,
        name: str = "Media Server",
        port: int = 0,
        seed: int = 3,
        **kwargs: Any,
    ) -> None:
        """A server whose access token is `token`, with generated libraries."""
        super().__init__(port=port, **kwargs)
        self.token = token
        self.friendly_name = name
        self.machine_identifier = random.Random(seed).randbytes(20).hex()
        self.version = PMS_VERSION
        self.sections: dict[str, FakeSection] = {}
        self.sessions: list[dict[str, Any]] = []
        #: the open notification websockets (the server pushes playback to them)
        self.listeners: set[web.WebSocketResponse] = set()
        self._pushes: set[asyncio.Task[None]] = set()
        self.refreshed: list[tuple[str, str]] = []
        self.requested_sizes: list[str | None] = []
        self._rating_key = 1000
        self._rng = random.Random(seed)
        self._now = int(datetime(2026, 11, 1, tzinfo=UTC).timestamp())
        self.genre_ids = {g: str(100 + i) for i, g in enumerate(GENRES)}
        if movies:
            self.add_section("Movies", "movie")
            for _ in range(movies):
                self.add_movie("1")
        if shows:
            self.add_section("TV Shows", "show")
            for _ in range(shows):
                self.add_show("2", episodes)

    # --- state -----------------------------------------------------------------------------

    def _next_key(self) -> str:
        self._rating_key += 1
        return str(self._rating_key)

    def _title(self) -> str:
        return f"{self._rng.choice(ADJECTIVES)} {self._rng.choice(NOUNS)}"

    def add_section(self, title: str, kind: str) -> str:
        """Add a library; return its key."""
        key = str(max((int(k) for k in self.sections), default=0) + 1)
        self.sections[key] = FakeSection(key=key, title=title, type=kind, scanned_at=self._now)
        return key

    def remove_section(self, key: str) -> None:
        """Delete a library."""
        del self.sections[key]

    def add_movie(
        self,
        section: str,
        title: str | None = None,
        *,
        year: int | None = None,
        genres: list[str] | None = None,
    ) -> dict[str, Any]:
        """Add a movie to a library (newest of all); return it."""
        key = self._next_key()
        self._now += 3600
        movie = {
            "ratingKey": key,
            "key": f"/library/metadata/{key}",
            "guid": f"plex://movie/{secrets.token_hex(12)}",
            "type": "movie",
            "title": title or self._title(),
            "titleSort": (title or "").lower() or None,
            "year": year or self._rng.randint(1980, 2026),
            "rating": round(self._rng.uniform(4, 9.5), 1),
            "audienceRating": round(self._rng.uniform(4, 9.5), 1),
            "summary": "A film about things that happen.",
            "duration": self._rng.randint(80, 170) * 60000,
            "addedAt": self._now,
            "updatedAt": self._now,
            "thumb": f"/library/metadata/{key}/thumb/{self._now}",
            "art": f"/library/metadata/{key}/art/{self._now}",
            "Genre": [{"tag": g} for g in (genres or self._rng.sample(GENRES, 2))],
            "Director": [{"tag": f"{self._rng.choice(ADJECTIVES)} Director"}],
            "Media": [{"id": int(key), "videoResolution": "1080", "container": "mkv"}],
        }
        if movie["titleSort"] is None:
            movie["titleSort"] = str(movie["title"]).lower()
        self.sections[section].items.append(movie)
        # As Plex reports a new item while it scans it: created, matched, then done (5).
        for state, metadata in ((0, "created"), (1, "loading"), (5, None)):
            self._timeline(section, movie, state, metadata)
        return movie

    def _timeline(self, section: str, item: dict[str, Any], state: int, metadata: str | None) -> None:
        entry = {
            "identifier": "com.plexapp.plugins.library",
            "sectionID": int(section),
            "itemID": int(item["ratingKey"]),
            "type": 1 if item["type"] == "movie" else 2,
            "title": item["title"],
            "state": state,
            "updatedAt": self._now,
        }
        if metadata:
            entry["metadataState"] = metadata
        self._send({"NotificationContainer": {"type": "timeline", "size": 1, "TimelineEntry": [entry]}})

    def add_show(self, section: str, episodes: int = 8, title: str | None = None) -> dict[str, Any]:
        """Add a show with one season of episodes (the newest last); return the show."""
        key = self._next_key()
        name = title or self._title()
        show: dict[str, Any] = {
            "ratingKey": key,
            "key": f"/library/metadata/{key}/children",
            "type": "show",
            "title": name,
            "titleSort": name.lower(),
            "year": self._rng.randint(1995, 2026),
            "rating": round(self._rng.uniform(5, 9.5), 1),
            "summary": "A series.",
            "addedAt": self._now,
            "thumb": f"/library/metadata/{key}/thumb/{self._now}",
            "leafCount": episodes,
            "viewedLeafCount": 0,
            "Genre": [{"tag": g} for g in self._rng.sample(GENRES, 2)],
            "episodes": [],
        }
        self.sections[section].items.append(show)
        for _ in range(episodes):
            self.add_episode(show)
        return show

    def add_episode(self, show: dict[str, Any]) -> dict[str, Any]:
        """Add the next episode of a show (newest of all)."""
        key = self._next_key()
        self._now += 600
        number = len(show["episodes"]) + 1
        episode = {
            "ratingKey": key,
            "key": f"/library/metadata/{key}",
            "type": "episode",
            "title": f"Episode {number}",
            "grandparentTitle": show["title"],
            "grandparentRatingKey": show["ratingKey"],
            "grandparentThumb": show["thumb"],
            "parentTitle": "Season 1",
            "parentIndex": 1,
            "index": number,
            "year": show["year"],
            "duration": 45 * 60000,
            "addedAt": self._now,
            "thumb": f"/library/metadata/{key}/thumb/{self._now}",
        }
        show["episodes"].append(episode)
        show["addedAt"] = self._now
        return episode

    def play(
        self,
        item: dict[str, Any],
        *,
        user: str = "alice",
        state: str = "playing",
        transcode: bool = False,
        remote: bool = False,
    ) -> None:
        """Start a session of an item."""
        session_id = secrets.token_hex(8)
        entry = {
            **{k: v for k, v in item.items() if k != "episodes"},
            "sessionKey": str(len(self.sessions) + 1),
            "viewOffset": 600000,
            "User": {"id": "1", "title": user, "thumb": "https://plex.tv/users/1/avatar"},
            "Player": {
                "address": "192.168.1.30",
                "machineIdentifier": secrets.token_hex(8),
                "platform": "Android",
                "product": "Plex for Android (TV)",
                "title": "Living Room",
                "state": state,
                "local": not remote,
                "remotePublicAddress": "198.51.100.4" if remote else None,
            },
            "Session": {
                "id": session_id,
                "bandwidth": 12000 if transcode else 20000,
                "location": "wan" if remote else "lan",
            },
        }
        if transcode:
            entry["TranscodeSession"] = {
                "key": f"/transcode/sessions/{session_id}",
                "throttled": False,
                "progress": 12.5,
                "speed": 2.1,
                "videoDecision": "transcode",
                "audioDecision": "copy",
                "protocol": "dash",
                "container": "mp4",
                "videoCodec": "h264",
                "audioCodec": "aac",
            }
        self.sessions.append(entry)
        self._notify(entry, state)

    def set_state(self, session_key: str, state: str) -> None:
        """Pause or resume a session (`paused`, `playing`, `buffering`)."""
        entry = next(e for e in self.sessions if e["sessionKey"] == session_key)
        entry["Player"]["state"] = state
        self._notify(entry, state)

    def stop_all(self) -> None:
        """End every session."""
        for entry in self.sessions:
            self._notify(entry, "stopped")
        self.sessions.clear()

    def _notify(self, entry: dict[str, Any], state: str) -> None:
        """Push a session's state to the notification websockets, as Plex does."""
        if not self.listeners:
            return
        message = {
            "NotificationContainer": {
                "type": "playing",
                "size": 1,
                "PlaySessionStateNotification": [
                    {
                        "sessionKey": entry["sessionKey"],
                        "clientIdentifier": entry["Player"]["machineIdentifier"],
                        "guid": "",
                        "ratingKey": entry.get("ratingKey"),
                        "url": "",
                        "key": entry.get("key"),
                        "viewOffset": entry.get("viewOffset", 0),
                        "playQueueItemID": 1,
                        "state": state,
                    }
                ],
            }
        }
        self._send(message)

    def _send(self, message: dict[str, Any]) -> None:
        """Send a notification to every websocket listening."""
        for socket in list(self.listeners):
            task = asyncio.get_running_loop().create_task(socket.send_json(message))
            self._pushes.add(task)
            task.add_done_callback(self._pushes.discard)

    async def pushed(self) -> None:
        """Wait until every notification sent so far is out."""
        while self._pushes:
            await asyncio.gather(*self._pushes, return_exceptions=True)

    async def _notifications(self, request: web.Request) -> web.StreamResponse:
        # The token in a header, as MediaNest sends it (Plex takes the query too).
        if request.headers.get("X-Plex-Token") != self.token:
            return web.Response(status=401)
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self.listeners.add(socket)
        try:
            async for _message in socket:
                pass  # clients only listen
        finally:
            self.listeners.discard(socket)
        return socket

    async def drop_listeners(self) -> None:
        """Close every notification websocket (as a server restart does)."""
        for socket in list(self.listeners):
            await socket.close()

    async def stop(self) -> None:
        """Stop listening (no new connection), close the notification websockets, then stop."""
        listening = self._site._server if self._site is not None else None
        if listening is not None:
            listening.close()  # a client reconnecting now is refused, not half accepted
        await self.drop_listeners()
        await super().stop()

    def find(self, title: str) -> dict[str, Any]:
        """An item by title."""
        return next(i for s in self.sections.values() for i in s.items if i["title"] == title)

    # --- routes -----------------------------------------------------------------------------

    def build_app(self) -> web.Application:
        """The routes of the server this fake knows."""
        app = super().build_app()
        app.router.add_get("/identity", self._identity)
        app.router.add_get("/library/sections", self._sections)
        app.router.add_get("/library/sections/all", self._sections)
        app.router.add_get("/library/sections/{key}/all", self._section_items)
        app.router.add_get("/library/sections/{key}/genre", self._genres)
        app.router.add_route("*", "/library/sections/{key}/refresh", self._refresh)
        app.router.add_get("/library/recentlyAdded", self._recently_added)
        app.router.add_get("/status/sessions", self._sessions)
        app.router.add_get("/:/websocket/notifications", self._notifications)
        app.router.add_get("/:/websockets/notifications", self._notifications)
        app.router.add_get("/photo/:/transcode", self._photo)
        app.router.add_post("/__fake__/play", self._admin_play)
        app.router.add_post("/__fake__/stop", self._admin_stop)
        app.router.add_post("/__fake__/movie", self._admin_movie)
        return app

    async def _admin_play(self, request: web.Request) -> web.Response:
        """Start a session of a random movie: {"transcode": bool, "state": …, "remote": bool}."""
        body = await request.json()
        movies = next((s.items for s in self.sections.values() if s.type == "movie"), [])
        if not movies:
            return web.json_response({"error": "no movie library"}, status=404)
        self.play(
            self._rng.choice(movies),
            user=str(body.get("user", "carol")),
            state=str(body.get("state", "playing")),
            transcode=bool(body.get("transcode")),
            remote=bool(body.get("remote")),
        )
        return web.json_response({"sessions": len(self.sessions)})

    async def _admin_stop(self, request: web.Request) -> web.Response:
        self.stop_all()
        return web.json_response({"sessions": 0})

    async def _admin_movie(self, request: web.Request) -> web.Response:
        """Add a movie to the first movie library: {"title": …}."""
        body = await request.json()
        key = next((s.key for s in self.sections.values() if s.type == "movie"), None)
        if key is None:
            return web.json_response({"error": "no movie library"}, status=404)
        movie = self.add_movie(key, body.get("title"))
        return web.json_response({"ratingKey": movie["ratingKey"]})

    def _answer(
        self, request: web.Request, container: dict[str, Any], headers: dict[str, str] | None = None
    ) -> web.Response:
        if "application/json" in request.headers.get("Accept", ""):
            return self.plex_json({"MediaContainer": container}, headers=headers)
        body = '<?xml version="1.0" encoding="UTF-8"?>\n' + to_xml("MediaContainer", container)
        return web.Response(text=body, content_type="application/xml", headers=headers)

    def _authorized(self, request: web.Request) -> bool:
        token = request.headers.get("X-Plex-Token") or request.query.get("X-Plex-Token")
        return token == self.token

    @staticmethod
    def _unauthorized() -> web.Response:
        return web.Response(
            status=401,
            text="<html><head><title>Unauthorized</title></head><body>401 Unauthorized</body></html>",
            content_type="text/html",
        )

    def _section(self, request: web.Request) -> FakeSection | None:
        return self.sections.get(request.match_info["key"])

    async def _identity(self, request: web.Request) -> web.Response:  # no token needed
        return self._answer(
            request,
            {
                "size": 0,
                "claimed": True,
                "machineIdentifier": self.machine_identifier,
                "version": self.version,
            },
        )

    async def _sections(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self._unauthorized()
        return self._answer(
            request,
            {
                "size": len(self.sections),
                "allowSync": False,
                "title1": "Plex Library",
                "Directory": [
                    {
                        "allowSync": True,
                        "art": f"/:/resources/{s.type}-fanart.jpg",
                        "key": s.key,
                        "type": s.type,
                        "title": s.title,
                        "agent": f"tv.plex.agents.{'series' if s.type == 'show' else s.type}",
                        "scanner": "Plex TV Series" if s.type == "show" else "Plex Movie",
                        "language": "en-US",
                        "uuid": f"00000000-0000-4000-8000-00000000000{s.key}",
                        "refreshing": s.refreshing,
                        "updatedAt": s.scanned_at,
                        "createdAt": s.scanned_at - 86400,
                        "scannedAt": s.scanned_at,
                        "contentChangedAt": s.scanned_at,
                        "hidden": 0,
                        "Location": [
                            {"id": int(s.key), "path": f"/data/{s.title.lower().replace(' ', '-')}"}
                        ],
                    }
                    for s in self.sections.values()
                ],
            },
        )

    @staticmethod
    def _paging(request: web.Request) -> tuple[int, int | None]:
        start = (
            request.headers.get("X-Plex-Container-Start")
            or request.query.get("X-Plex-Container-Start")
            or "0"
        )
        size = request.headers.get("X-Plex-Container-Size") or request.query.get("X-Plex-Container-Size")
        return int(start), int(size) if size is not None else None

    def _page(self, request: web.Request, items: list[dict[str, Any]], extra: dict[str, Any]) -> web.Response:
        start, size = self._paging(request)
        self.requested_sizes.append(None if size is None else str(size))
        page = items[start:] if size is None else items[start : start + size]
        container: dict[str, Any] = {"size": len(page), **extra}
        headers: dict[str, str] = {}
        if size is not None:
            container |= {"totalSize": len(items), "offset": start}
            headers = {"X-Plex-Container-Start": str(start), "X-Plex-Container-Total-Size": str(len(items))}
        if page:
            container["Metadata"] = [
                {k: v for k, v in i.items() if k not in ("episodes", "titleSort")} for i in page
            ]
        return self._answer(request, container, headers)

    async def _section_items(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self._unauthorized()
        section = self._section(request)
        if section is None:
            return web.Response(
                status=404, text="<html><body>404 Not Found</body></html>", content_type="text/html"
            )
        query = request.query
        items = section.items
        if query.get("type") == "4":
            items = [e for show in section.items for e in show.get("episodes", [])]
        if title := query.get("title"):
            items = [i for i in items if title.casefold() in str(i["title"]).casefold()]
        if year := query.get("year"):
            items = [i for i in items if str(i.get("year")) == year]
        if genre := query.get("genre"):
            names = {v: k for k, v in self.genre_ids.items()}
            items = [i for i in items if names.get(genre) in {g["tag"] for g in i.get("Genre", [])}]
        for part in reversed(query.get("sort", "titleSort").split(",")):
            name, _, direction = part.partition(":")
            items = sorted(
                items, key=lambda i, n=name: (i.get(n) is None, i.get(n) or 0), reverse=direction == "desc"
            )
        return self._page(
            request,
            items,
            {
                "librarySectionID": int(section.key),
                "librarySectionTitle": section.title,
                "title1": section.title,
                "viewGroup": section.type,
            },
        )

    async def _genres(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self._unauthorized()
        section = self._section(request)
        if section is None:
            return web.Response(status=404)
        present = sorted({g["tag"] for i in section.items for g in i.get("Genre", [])})
        return self._answer(
            request,
            {
                "size": len(present),
                "Directory": [
                    {
                        "fastKey": f"/library/sections/{section.key}/all?genre={self.genre_ids[g]}",
                        "key": self.genre_ids[g],
                        "title": g,
                        "type": "genre",
                    }
                    for g in present
                ],
            },
        )

    async def _refresh(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self._unauthorized()
        section = self._section(request)
        if section is None:
            return web.Response(status=404)
        if request.method == "DELETE":
            section.refreshing = False
        elif request.method in ("GET", "POST"):
            section.refreshing = True
            self.refreshed.append((section.key, request.query.get("force", "0")))
        else:
            return web.Response(status=405)
        return web.Response(status=200, text="", content_type="text/html")

    def _newest_with_library(self) -> list[tuple[dict[str, Any], FakeSection]]:
        items = [
            (item, s)
            for s in self.sections.values()
            for show_or_movie in s.items
            for item in (show_or_movie.get("episodes") or [show_or_movie])
            if item["type"] in ("movie", "episode")
        ]
        return sorted(items, key=lambda pair: pair[0]["addedAt"], reverse=True)

    def newest(self) -> list[dict[str, Any]]:
        """Movies and episodes, newest first."""
        return [item for item, _ in self._newest_with_library()]

    async def _recently_added(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self._unauthorized()
        items = [
            {**item, "librarySectionTitle": s.title, "librarySectionID": int(s.key)}
            for item, s in self._newest_with_library()
        ]
        return self._page(request, items, {"mixedParents": True})

    async def _sessions(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self._unauthorized()
        container: dict[str, Any] = {"size": len(self.sessions)}
        if self.sessions:
            container["Metadata"] = self.sessions
        return self._answer(request, container)

    async def _photo(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self._unauthorized()
        path = request.query.get("url", "")
        # A thumb with its timestamp, or without (the newest): `/library/metadata/<key>/thumb`.
        titles = {
            i["thumb"].rsplit("/", 1)[0]: i.get("title", "")
            for s in self.sections.values()
            for x in s.items
            for i in (x, *x.get("episodes", []))
        }
        title = titles.get(path) or titles.get(path.rsplit("/", 1)[0])
        if title is None:
            return web.Response(status=404)
        width, height = int(request.query.get("width", 300)), int(request.query.get("height", 450))
        body = poster(title, min(width, 1000), min(height, 1500))
        return web.Response(body=body, content_type="image/jpeg")
