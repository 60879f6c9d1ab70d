"""A fake qBittorrent WebUI API v2, in the 4.x and 5.x flavours, after the wiki documents.

- `version="4.5.2"` (API 2.8.19): login answers 200 `Ok.`/`Fails.` with a `SID` cookie;
  pause/resume; paused states; `paused=true` when adding; adding answers `Ok.`/`Fails.`.
- `version="5.0.4"` (API 2.11.2): stop/start (pause/resume give 404), stopped states,
  `stopped=true` when adding.
- `version="5.2.0"` (API 2.15.1): login answers 204/401 with a `QBT_SID_<port>` cookie;
  adding answers JSON counts (409 when none was added).

Everywhere: a session cookie is required (403 without), Origin/Referer must match Host
(401), POST-only methods give 405 on GET, unknown methods 404, five failed logins ban the
address (403), and `sync/maindata` keeps a `rid` per session and answers with only what
changed. Faults come from `FakeServer`.
"""

from __future__ import annotations

import hashlib
import json
import random
import secrets
import time
from typing import Any

from aiohttp import web
from yarl import URL

from .base import FakeServer, Fault

GB = 1024**3
API_VERSIONS = {"4.5.2": "2.8.19", "5.0.4": "2.11.2", "5.2.0": "2.15.1"}
BAN_AFTER = 5
POST_ONLY = {
    "auth/logout",
    "transfer/toggleSpeedLimitsMode",
    "torrents/add",
    "torrents/pause",
    "torrents/resume",
    "torrents/stop",
    "torrents/start",
    "torrents/delete",
}
NAMES = ("Ubuntu", "Debian", "Fedora", "Arch", "Mint", "Tails", "Alpine", "Gentoo", "Kali", "Rocky")


def _api(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in API_VERSIONS[version].split("."))


class FakeQbittorrent(FakeServer):
    """A fake qBittorrent with generated torrents."""

    def __init__(
        self,
        *,
        version: str = "4.5.2",
        username: str = "admin",
        password: str = "adminadmin",
        torrents: int = 8,
        seed: int = 7,
        port: int = 0,
        live: bool = False,
        **kwargs: Any,
    ) -> None:
        """Create a server with `torrents` generated torrents.

        `live=True` lets downloads progress with the wall clock (the demo, the benchmark);
        otherwise they move only when a test calls `advance`.
        """
        super().__init__(port=port, **kwargs)
        self.live = live
        self._last_advance = time.monotonic()
        self.kind = "qbittorrent"
        self.app_name = "qBittorrent"
        self.version = version
        self.api_version = API_VERSIONS[version]
        self.username = username
        self.password = password
        self.indent = None  # qBittorrent writes compact JSON
        self.sessions: dict[str, dict[str, Any]] = {}
        self.failed_logins = 0
        self.logins = 0
        self.alt_speed = False
        self.categories: dict[str, dict[str, str]] = {
            "movies": {"name": "movies", "savePath": "/downloads/movies"}
        }
        self.torrents: dict[str, dict[str, Any]] = {}
        self._rng = random.Random(seed)
        for n in range(torrents):
            self._generate(n)

    # --- state ---------------------------------------------------------------------------

    @property
    def stop_start(self) -> bool:
        """Whether this flavour speaks stop/start (5.x)."""
        return _api(self.version) >= (2, 11, 0)

    @property
    def cookie_name(self) -> str:
        """The session cookie's name (5.2 added the port)."""
        return f"QBT_SID_{self.port}" if _api(self.version) >= (2, 14, 0) else "SID"

    def _paused_state(self, done: bool) -> str:
        prefix = "stopped" if self.stop_start else "paused"
        return f"{prefix}{'UP' if done else 'DL'}"

    def _generate(self, n: int) -> None:
        rng = self._rng
        states = ["downloading", "uploading", "stalledUP", "stalledDL", "queuedDL", "error", "paused"]
        state = states[n % len(states)]
        size = rng.randint(1, 60) * GB // 4
        progress = 1.0 if state in ("uploading", "stalledUP") else round(rng.random() * 0.9, 4)
        if state == "paused":
            state = self._paused_state(progress >= 1.0)
        name = f"{NAMES[n % len(NAMES)]}-{20 + n // len(NAMES)}.{n % 12 + 1:02d}-amd64.iso"
        self.add(
            hashlib.sha1(f"torrent-{n}".encode()).hexdigest(), name, size, state=state, progress=progress
        )

    def add(
        self,
        torrent_hash: str,
        name: str,
        size: int,
        *,
        state: str = "downloading",
        progress: float = 0.0,
        category: str = "",
        save_path: str = "/downloads",
        tags: str = "",
    ) -> dict[str, Any]:
        """Add a torrent with every field the API documents."""
        done = int(size * progress)
        downloading = state in ("downloading", "forcedDL", "metaDL")
        seeding = state in ("uploading", "forcedUP")
        added = 1_790_000_000 + len(self.torrents) * 3600
        torrent = {
            "added_on": added,
            "amount_left": size - done,
            "auto_tmm": False,
            "availability": 1 if downloading else -1,
            "category": category,
            "completed": done,
            "completion_on": added + 7200 if progress >= 1 else -1,
            "content_path": f"{save_path}/{name}",
            "dl_limit": 0,
            "dlspeed": 2_500_000 if downloading else 0,
            "download_path": "",
            "downloaded": done,
            "downloaded_session": done // 2,
            "eta": int((size - done) / 2_500_000) if downloading else 8640000,
            "f_l_piece_prio": False,
            "force_start": False,
            "infohash_v1": torrent_hash,
            "infohash_v2": "",
            "last_activity": added + 60,
            "magnet_uri": f"magnet:?xt=urn:btih:{torrent_hash}&dn={name}",
            "max_ratio": -1,
            "max_seeding_time": -1,
            "name": name,
            "num_complete": 40,
            "num_incomplete": 3,
            "num_leechs": 2 if seeding else 0,
            "num_seeds": 12 if downloading else 0,
            "priority": 0 if progress >= 1 else len(self.torrents) + 1,
            "progress": progress,
            "ratio": 0.8 if progress >= 1 else 0.0,
            "ratio_limit": -2,
            "save_path": save_path,
            "seeding_time": 3600 if progress >= 1 else 0,
            "seeding_time_limit": -2,
            "seen_complete": added,
            "seq_dl": False,
            "size": size,
            "state": state,
            "super_seeding": False,
            "tags": tags,
            "time_active": 7200,
            "total_size": size,
            "tracker": "https://tracker.example/announce",
            "trackers_count": 1,
            "up_limit": 0,
            "uploaded": int(done * 0.8),
            "uploaded_session": 0,
            "upspeed": 800_000 if seeding else 0,
        }
        self.torrents[torrent_hash] = torrent
        return torrent

    def advance(self, seconds: float) -> None:
        """Let downloads progress; finished ones start seeding."""
        for torrent in self.torrents.values():
            if torrent["state"] != "downloading":
                continue
            size = torrent["size"]
            done = min(size, torrent["completed"] + int(torrent["dlspeed"] * seconds))
            torrent |= {
                "completed": done,
                "downloaded": done,
                "amount_left": size - done,
                "progress": round(done / size, 4),
            }
            torrent["eta"] = int((size - done) / torrent["dlspeed"]) if done < size else 8640000
            if done >= size:
                torrent |= {
                    "state": "uploading",
                    "dlspeed": 0,
                    "upspeed": 800_000,
                    "completion_on": 1_790_100_000,
                }

    def server_state(self) -> dict[str, Any]:
        """`server_state` as maindata sends it."""
        dl = sum(t["dlspeed"] for t in self.torrents.values())
        up = sum(t["upspeed"] for t in self.torrents.values())
        return {
            "alltime_dl": 5_400 * GB,
            "alltime_ul": 3_100 * GB,
            "average_time_queue": 2,
            "connection_status": "connected",
            "dht_nodes": 312,
            "dl_info_data": 12 * GB,
            "dl_info_speed": dl,
            "dl_rate_limit": 0,
            "free_space_on_disk": 1_234 * GB,
            "global_ratio": "0.57",
            "queued_io_jobs": 0,
            "queueing": True,
            "read_cache_hits": "0",
            "read_cache_overload": "0",
            "refresh_interval": 1500,
            "total_buffers_size": 0,
            "total_peer_connections": 48,
            "total_queued_size": 0,
            "total_wasted_session": 1_048_576,
            "up_info_data": 3 * GB,
            "up_info_speed": up,
            "up_rate_limit": 0,
            "use_alt_speed_limits": self.alt_speed,
            "write_cache_overload": "0",
        }

    def expire_sessions(self) -> None:
        """Forget every session, as a restart of qBittorrent would."""
        self.sessions.clear()

    # --- application -----------------------------------------------------------------------

    def build_app(self) -> web.Application:
        """The API routes."""
        app = super().build_app()
        app.middlewares.append(self._pipeline)
        app.router.add_route("*", "/api/v2/{scope}/{method}", self._dispatch)
        return app

    def _text(self, text: str, status: int = 200) -> web.Response:
        return web.Response(status=status, text=text, content_type="text/plain")

    def _json_answer(self, data: Any) -> web.Response:
        if self.fault is Fault.PARTIAL:
            data = _partial(data)
        return web.Response(text=json.dumps(data, separators=(",", ":")), content_type="application/json")

    @web.middleware
    async def _pipeline(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """qBittorrent's request pipeline: CSRF check, then the session."""
        if not request.path.startswith("/api/v2/"):
            result: web.StreamResponse = await handler(request)
            return result
        host = request.headers.get("X-Forwarded-Host") or request.host
        for header in ("Origin", "Referer"):
            if value := request.headers.get(header):
                origin = URL(value)
                if f"{origin.host}:{origin.port}" != _host_port(host):
                    return self._text("Unauthorized", 401)
                break
        if request.path != "/api/v2/auth/login" and self._session(request) is None:
            return self._text("Forbidden", 403)
        return await handler(request)  # type: ignore[no-any-return]

    def _session(self, request: web.Request) -> dict[str, Any] | None:
        sid = request.cookies.get(self.cookie_name)
        return self.sessions.get(sid) if sid else None

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        name = f"{request.match_info['scope']}/{request.match_info['method']}"
        handler = getattr(self, "_" + name.replace("/", "_"), None)
        if handler is None or name in self._removed_names():
            text = "Endpoint does not exist" if _api(self.version) >= (2, 14, 0) else "Not Found"
            return self._text(text, 404)
        if name in POST_ONLY and request.method != "POST":
            return self._text("Method Not Allowed", 405)
        form = dict(await request.post()) if request.method == "POST" else {}
        response: web.StreamResponse = await handler(request, {**request.query, **form})
        return response

    def _removed_names(self) -> set[str]:
        if self.stop_start:
            return {"torrents/pause", "torrents/resume"}
        return {"torrents/stop", "torrents/start"}

    # --- auth and app --------------------------------------------------------------------

    async def _auth_login(self, request: web.Request, form: dict[str, Any]) -> web.Response:
        new_login = _api(self.version) >= (2, 14, 0)
        if self.failed_logins >= BAN_AFTER:
            return self._text(
                "Your IP address has been banned after too many failed authentication attempts.", 403
            )
        if form.get("username") != self.username or form.get("password") != self.password:
            self.failed_logins += 1
            return self._text("", 401) if new_login else self._text("Fails.")
        self.failed_logins = 0
        self.logins += 1
        sid = secrets.token_urlsafe(24)
        self.sessions[sid] = {"rid": 0, "accepted": None, "snapshot": None}
        response = web.Response(status=204) if new_login else self._text("Ok.")
        response.set_cookie(self.cookie_name, sid, path="/", httponly=True, samesite="Strict")
        return response

    async def _auth_logout(self, request: web.Request, form: dict[str, Any]) -> web.Response:
        self.sessions.pop(request.cookies.get(self.cookie_name, ""), None)
        return self._text("")

    async def _app_version(self, request: web.Request, form: dict[str, Any]) -> web.Response:
        return self._text(f"v{self.version}")

    async def _app_webapiVersion(self, request: web.Request, form: dict[str, Any]) -> web.Response:
        return self._text(self.api_version)

    # --- transfer ------------------------------------------------------------------------

    async def _transfer_info(self, request: web.Request, form: dict[str, Any]) -> web.Response:
        state = self.server_state()
        keys = ("connection_status", "dht_nodes", "dl_info_data", "dl_info_speed", "dl_rate_limit")
        keys += ("up_info_data", "up_info_speed", "up_rate_limit")
        return self._json_answer({k: state[k] for k in keys})

    async def _transfer_speedLimitsMode(self, request: web.Request, form: dict[str, Any]) -> web.Response:
        return self._text("1" if self.alt_speed else "0")

    async def _transfer_toggleSpeedLimitsMode(
        self, request: web.Request, form: dict[str, Any]
    ) -> web.Response:
        self.alt_speed = not self.alt_speed
        return self._text("")

    # --- torrents ------------------------------------------------------------------------

    async def _torrents_info(self, request: web.Request, form: dict[str, Any]) -> web.Response:
        torrents = [{"hash": h, **t} for h, t in self.torrents.items()]
        if hashes := form.get("hashes"):
            wanted = set(hashes.split("|"))
            torrents = [t for t in torrents if t["hash"] in wanted]
        if (category := form.get("category")) is not None:
            torrents = [t for t in torrents if t["category"] == category]
        return self._json_answer(torrents)

    def _targets(self, form: dict[str, Any]) -> list[dict[str, Any]] | None:
        hashes = form.get("hashes")
        if not hashes:
            return None
        if hashes == "all":
            return list(self.torrents.values())
        return [self.torrents[h] for h in hashes.split("|") if h in self.torrents]

    async def _pause(self, form: dict[str, Any]) -> web.Response:
        targets = self._targets(form)
        if targets is None:
            return self._text("Bad Request", 400)
        for torrent in targets:
            if not torrent["state"].startswith(("paused", "stopped")):
                torrent |= {"state": self._paused_state(torrent["progress"] >= 1), "dlspeed": 0, "upspeed": 0}
        return self._text("")

    async def _resume(self, form: dict[str, Any]) -> web.Response:
        targets = self._targets(form)
        if targets is None:
            return self._text("Bad Request", 400)
        for torrent in targets:
            if torrent["state"].startswith(("paused", "stopped")):
                done = torrent["progress"] >= 1
                speed = {"upspeed": 800_000} if done else {"dlspeed": 2_500_000}
                torrent.update(state="uploading" if done else "downloading", **speed)
        return self._text("")

    async def _torrents_pause(self, request: web.Request, form: dict[str, Any]) -> web.Response:
        return await self._pause(form)

    async def _torrents_stop(self, request: web.Request, form: dict[str, Any]) -> web.Response:
        return await self._pause(form)

    async def _torrents_resume(self, request: web.Request, form: dict[str, Any]) -> web.Response:
        return await self._resume(form)

    async def _torrents_start(self, request: web.Request, form: dict[str, Any]) -> web.Response:
        return await self._resume(form)

    async def _torrents_delete(self, request: web.Request, form: dict[str, Any]) -> web.Response:
        targets = self._targets(form)
        if targets is None or form.get("deleteFiles") not in ("true", "false"):
            return self._text("Bad Request", 400)
        for torrent in targets:
            self.torrents.pop(torrent["infohash_v1"], None)
        return self._text("")

    async def _torrents_add(self, request: web.Request, form: dict[str, Any]) -> web.Response:
        added = failed = 0
        flag = "stopped" if self.stop_start else "paused"
        start_paused = form.get(flag) == "true"
        category = form.get("category", "")
        if category and category not in self.categories:
            self.categories[category] = {"name": category, "savePath": ""}
        for url in filter(None, (u.strip() for u in form.get("urls", "").splitlines())):
            torrent_hash, name = _identify(url)
            if torrent_hash is None or torrent_hash in self.torrents:
                failed += 1
                continue
            state = self._paused_state(False) if start_paused else "metaDL"
            save_path = form.get("savepath") or "/downloads"
            self.add(
                torrent_hash,
                name,
                0,
                state=state,
                category=category,
                save_path=save_path,
                tags=form.get("tags", ""),
            )
            self.torrents[torrent_hash] |= {"size": -1, "total_size": -1, "amount_left": 0, "dlspeed": 0}
            added += 1
        if _api(self.version) >= (2, 14, 0):
            body = {
                "success_count": added,
                "failure_count": failed,
                "pending_count": 0,
                "added_torrent_ids": [],
            }
            return web.json_response(body, status=200 if added else 409)
        return self._text("Ok." if added else "Fails.")

    # --- sync ----------------------------------------------------------------------------

    async def _sync_maindata(self, request: web.Request, form: dict[str, Any]) -> web.Response:
        session = self._session(request)
        assert session is not None
        if self.live:
            now = time.monotonic()
            self.advance(now - self._last_advance)
            self._last_advance = now
        try:
            rid = int(form.get("rid", 0))
        except ValueError:
            rid = 0
        current = {
            "torrents": {h: dict(t) for h, t in self.torrents.items()},
            "categories": {k: dict(v) for k, v in self.categories.items()},
            "server_state": self.server_state(),
        }
        previous = session["snapshot"]
        session["rid"] = session["rid"] % 1_000_000 + 1
        answer: dict[str, Any] = {"rid": session["rid"]}
        if rid == 0 or previous is None or rid != session["accepted"]:
            answer |= {"full_update": True, **current, "tags": [], "trackers": {}}
        else:
            answer |= _diff(previous, current)
        session["snapshot"] = current
        session["accepted"] = session["rid"]
        return self._json_answer(answer)


def _diff(previous: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """A partial maindata answer: only what changed since the previous snapshot."""
    answer: dict[str, Any] = {}
    torrents = {}
    for torrent_hash, torrent in current["torrents"].items():
        before = previous["torrents"].get(torrent_hash)
        changed = torrent if before is None else {k: v for k, v in torrent.items() if before.get(k) != v}
        if changed:
            torrents[torrent_hash] = changed
    if torrents:
        answer["torrents"] = torrents
    if removed := [h for h in previous["torrents"] if h not in current["torrents"]]:
        answer["torrents_removed"] = removed
    categories = {k: v for k, v in current["categories"].items() if previous["categories"].get(k) != v}
    if categories:
        answer["categories"] = categories
    if removed_categories := [k for k in previous["categories"] if k not in current["categories"]]:
        answer["categories_removed"] = removed_categories
    state = {k: v for k, v in current["server_state"].items() if previous["server_state"].get(k) != v}
    if state:
        answer["server_state"] = state
    return answer


def _partial(data: Any) -> Any:
    """A "partial" answer: torrents without their fields, server state empty."""
    if isinstance(data, dict) and "rid" in data:
        return {
            "rid": data["rid"],
            **({"full_update": True} if data.get("full_update") else {}),
            "torrents": {h: {} for h in data.get("torrents", {})},
            "server_state": {},
        }
    if isinstance(data, list):
        return [{"hash": item["hash"]} if isinstance(item, dict) and "hash" in item else {} for item in data]
    return {}


def _identify(url: str) -> tuple[str | None, str]:
    """The info hash and name of a magnet link or torrent URL."""
    parsed = URL(url)
    if parsed.scheme == "magnet":
        xt = parsed.query.get("xt", "")
        torrent_hash = xt.rsplit(":", 1)[-1].lower() if xt.startswith("urn:btih:") else None
        return torrent_hash, parsed.query.get("dn", torrent_hash or "")
    if parsed.scheme in ("http", "https") and parsed.name.endswith(".torrent"):
        return hashlib.sha1(url.encode()).hexdigest(), parsed.name.removesuffix(".torrent")
    return None, ""


def _host_port(host: str) -> str:
    parsed = URL(f"http://{host}")
    return f"{parsed.host}:{parsed.port}"
