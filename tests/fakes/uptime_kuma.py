"""A fake Uptime Kuma serving `/metrics` as Uptime Kuma 2.x (prom-client) writes it.

- HTTP Basic auth whose password is an API key (`uk<id>_<secret>`; the username is
  ignored); 401 with `WWW-Authenticate: Basic` without it. `api_key=None` leaves
  `/metrics` open, as with authentication disabled; `api_key=""` (no key made yet) asks
  for the user's login.
- Series per monitor: `monitor_status` (0 down, 1 up, 2 pending, 3 maintenance),
  `monitor_response_time` (-1 when the ping is not a number), certificate days and
  validity for TLS monitors, and `monitor_uptime_ratio` per window (2.1+). Labels: one
  per tag, then `monitor_id`, `monitor_name`, `monitor_type`, `monitor_url`,
  `monitor_hostname`, `monitor_port`; missing values print as `"null"`.
- `version="1.23.16"` writes 1.x's labels (no `monitor_id`, no uptime series).
- Stateful: monitors can be taken down and brought back, added, removed or paused. As
  real Kuma 2.x does (`stop()` calls `prometheus.remove()`), a paused monitor loses every
  series at once, so `/metrics` cannot tell it from a deleted one.
- `app_version` with Kuma's version, as real Kuma writes it (its metrics middleware).
- Kuma's socket.io API, as far as MediaNest reads it: `info` first, then `login` /
  `loginByToken` (a user's password), `monitorList` after login, `updateMonitorIntoList`
  and `deleteMonitorFromList` as monitors change. Without API keys `/metrics` takes the
  user's login as Basic auth, as real Kuma does.
"""

from __future__ import annotations

import asyncio
import base64
from dataclasses import dataclass, field
import json
import random
from typing import Any

import aiohttp
from aiohttp import web
import socketio  # type: ignore[import-untyped]

from .base import FakeServer, Fault

HELP = {
    "monitor_cert_days_remaining": "The number of days remaining until the certificate expires",
    "monitor_cert_is_valid": "Is the certificate still valid? (1 = Yes, 0= No)",
    "monitor_response_time": "Monitor Response Time (ms)",
    "monitor_status": "Monitor Status (1 = UP, 0= DOWN, 2= PENDING, 3= MAINTENANCE)",
    "monitor_uptime_ratio": (
        "Uptime ratio calculated over sliding window specified by the 'window' label. (0.0 - 1.0)"
    ),
    "monitor_average_response_time_seconds": (
        "Average response time in seconds calculated over sliding window specified by the 'window' label"
    ),
}
NODE_METRICS = """# HELP process_cpu_user_seconds_total Total user CPU time spent in seconds.
# TYPE process_cpu_user_seconds_total counter
process_cpu_user_seconds_total 312.45
# HELP process_resident_memory_bytes Resident memory size in bytes.
# TYPE process_resident_memory_bytes gauge
process_resident_memory_bytes 143781888
# HELP app_version The service version by package.json
# TYPE app_version gauge
app_version{{version="{version}",major="{major}",minor="{minor}",patch="{patch}"}} 1
# HELP nodejs_version_info Node.js version info.
# TYPE nodejs_version_info gauge
nodejs_version_info{{version="v20.18.1",major="20",minor="18",patch="1"}} 1
"""


@dataclass
class FakeMonitor:
    """One monitor of the fake."""

    id: int
    name: str
    type: str = "http"
    url: str | None = None
    hostname: str | None = None
    port: int | None = None
    status: int = 1
    ping: float | None = 42.0
    cert_days: int | None = None
    tags: dict[str, str] = field(default_factory=dict)
    active: bool = True


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


class FakeUptimeKuma(FakeServer):
    """A fake Uptime Kuma 2.x."""

    def __init__(
        self,
        api_key: str | None = "uk1_demo-kuma-key",
        *,
        version: str = "2.0.2",
        port: int = 0,
        **kwargs: Any,
    ) -> None:
        """Create a server with a few monitors of a home media stack."""
        super().__init__(port=port, **kwargs)
        self.kind = "uptime_kuma"
        self.app_name = "Uptime Kuma"
        self.api_key = api_key
        self.version = version
        self.monitors: dict[int, FakeMonitor] = {}
        #: response times vary from one read to the next, as real checks' do
        self.jitter = False
        self._random = random.Random(5)
        self._next_id = 1
        #: the Kuma user (socket.io login, and /metrics while there are no API keys)
        self.username = "admin"
        self.user_password = "kuma-user-Pa55"
        self.logins = 0
        self.token_logins = 0
        self._sio = socketio.AsyncServer(async_mode="aiohttp", logger=False, engineio_logger=False)
        self._logged_in: set[str] = set()
        self._sends: set[asyncio.Task[None]] = set()
        self._sio.on("connect", self._sio_connect)
        self._sio.on("disconnect", self._sio_disconnect)
        self._sio.on("login", self._sio_login)
        self._sio.on("loginByToken", self._sio_login_by_token)
        self._sio.on("addNotification", self._sio_add_notification)
        self._sio.on("deleteNotification", self._sio_delete_notification)
        #: the user's notifications, as Kuma stores them (settings kept as a JSON string)
        self.notifications: dict[int, dict[str, Any]] = {}
        self.deliveries: list[dict[str, Any]] = []
        self.add_monitor("Sonarr", url="http://sonarr:8989", ping=38)
        self.add_monitor("Radarr", url="http://radarr:7878", ping=51)
        self.add_monitor(
            "Plex", url="https://plex.example.net", ping=112, cert_days=47, tags={"media": "core"}
        )
        self.add_monitor("NAS", type="ping", hostname="192.168.1.10", ping=1.2)
        self.add_monitor("qBittorrent", type="port", hostname="qbittorrent", port=8080, ping=3)

    # --- state ---------------------------------------------------------------------------

    def add_monitor(self, name: str, **values: Any) -> int:
        """Add a monitor; return its id."""
        monitor_id = self._next_id
        self._next_id += 1
        self.monitors[monitor_id] = FakeMonitor(id=monitor_id, name=name, **values)
        self._broadcast("updateMonitorIntoList", {str(monitor_id): self._listed(self.monitors[monitor_id])})
        return monitor_id

    def delete_monitor(self, monitor_id: int) -> None:
        """Delete a monitor."""
        del self.monitors[monitor_id]
        self._broadcast("deleteMonitorFromList", monitor_id)

    def pause(self, monitor_id: int, paused: bool = True) -> None:
        """Pause (or resume) a monitor: its series leave (or come back to) `/metrics`."""
        self.monitors[monitor_id].active = not paused
        self._broadcast("updateMonitorIntoList", {str(monitor_id): self._listed(self.monitors[monitor_id])})

    # --- socket.io ---------------------------------------------------------------------------

    @staticmethod
    def _listed(monitor: FakeMonitor) -> dict[str, Any]:
        return {
            "id": monitor.id,
            "name": monitor.name,
            "type": monitor.type,
            "url": monitor.url,
            "hostname": monitor.hostname,
            "active": monitor.active,
            "parent": None,
        }

    def _broadcast(self, event: str, data: Any) -> None:
        if not self._logged_in:
            return
        loop = asyncio.get_running_loop()
        for sid in list(self._logged_in):
            task = loop.create_task(self._sio.emit(event, data, to=sid))
            self._sends.add(task)
            task.add_done_callback(self._sends.discard)

    async def _sio_connect(self, sid: str, environ: dict[str, Any]) -> None:
        await self._sio.emit("info", {"version": self.version, "primaryBaseURL": None}, to=sid)

    async def _sio_disconnect(self, sid: str, *args: Any) -> None:
        self._logged_in.discard(sid)

    async def _sio_login(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        if data.get("username") != self.username or data.get("password") != self.user_password:
            return {"ok": False, "msg": "authIncorrectCreds", "msgi18n": True}
        self.logins += 1
        await self._after_login(sid)
        return {"ok": True, "token": "fake-jwt-token"}

    async def _sio_login_by_token(self, sid: str, token: str) -> dict[str, Any]:
        if token != "fake-jwt-token":
            return {"ok": False, "msg": "authInvalidToken", "msgi18n": True}
        self.token_logins += 1
        await self._after_login(sid)
        return {"ok": True}

    async def _after_login(self, sid: str) -> None:
        self._logged_in.add(sid)
        listed = {str(m.id): self._listed(m) for m in self.monitors.values()}
        for event, data in (("monitorList", listed), ("notificationList", self._notification_list())):
            task = asyncio.get_running_loop().create_task(self._sio.emit(event, data, to=sid))
            self._sends.add(task)
            task.add_done_callback(self._sends.discard)

    def _notification_list(self) -> list[dict[str, Any]]:
        return [
            {"id": i, "name": n["name"], "config": n["config"], "active": True, "isDefault": n["isDefault"]}
            for i, n in self.notifications.items()
        ]

    async def _sio_add_notification(
        self, sid: str, notification: dict[str, Any], notification_id: Any
    ) -> Any:
        if sid not in self._logged_in:
            return {"ok": False, "msg": "You are not logged in."}
        if notification_id and notification_id not in self.notifications:
            return {"ok": False, "msg": "notification not found"}
        saved_id = notification_id or max(self.notifications, default=0) + 1
        settings = dict(notification) | {"applyExisting": False}  # one time only, as Kuma does
        self.notifications[saved_id] = {
            "name": notification.get("name"),
            "config": json.dumps(settings),
            "isDefault": bool(notification.get("isDefault")),
        }
        self._broadcast("notificationList", self._notification_list())
        return {"ok": True, "msg": "Saved.", "msgi18n": True, "id": saved_id}

    async def _sio_delete_notification(self, sid: str, notification_id: Any) -> Any:
        if sid not in self._logged_in or self.notifications.pop(notification_id, None) is None:
            return {"ok": False, "msg": "notification not found"}
        self._broadcast("notificationList", self._notification_list())
        return {"ok": True, "msg": "successDeleted", "msgi18n": True}

    def set_status(self, monitor_id: int, status: int) -> None:
        """Take a monitor down (0), up (1), pending (2) or into maintenance (3).

        A change is an "important" heartbeat: Kuma sends it to the logged-in browsers and, for
        down and up, to the notifications.
        """
        monitor = self.monitors[monitor_id]
        if monitor.status == status:
            return
        monitor.status = status
        beat = {
            "monitorID": monitor_id,
            "status": status,
            "time": "2026-12-02 06:00:00.000",
            "msg": "" if status == 1 else "connect ECONNREFUSED",
            "ping": monitor.ping if status == 1 else None,
            "important": True,
            "duration": 20,
            "retries": 0,
        }
        self._broadcast("heartbeat", beat)
        if status in (0, 1):
            text = "✅ Up" if status == 1 else "🔴 Down"
            body = {
                "heartbeat": beat,
                "monitor": {"id": monitor.id, "name": monitor.name, "type": monitor.type, "url": monitor.url},
                "msg": f"[{monitor.name}] [{text}] {beat['msg']}",
            }
            for notification in self.notifications.values():
                settings = json.loads(notification["config"])
                if settings.get("type") == "webhook":
                    self._send(self._deliver(settings, body))

    def _send(self, coroutine: Any) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self._sends.add(task)
        task.add_done_callback(self._sends.discard)

    async def _deliver(self, settings: dict[str, Any], body: dict[str, Any]) -> None:
        headers = json.loads(settings.get("webhookAdditionalHeaders") or "{}")
        try:
            async with (
                aiohttp.ClientSession() as session,
                session.post(settings["webhookURL"], json=body, headers=headers) as response,
            ):
                self.deliveries.append({"status": response.status, "body": body})
        except aiohttp.ClientError as err:
            self.deliveries.append({"error": str(err), "body": body})

    async def delivered(self) -> None:
        """Wait until every socket.io message and webhook started so far is sent."""
        while self._sends:
            await asyncio.gather(*self._sends)

    @property
    def v1(self) -> bool:
        """Whether the server writes Uptime Kuma 1.x's metrics."""
        return self.version.startswith("1.")

    # --- application -----------------------------------------------------------------------

    async def drop_connections(self) -> None:
        """Close every socket.io connection (as a Kuma restart does)."""
        for sid in list(self._logged_in):
            await self._sio.disconnect(sid)

    async def stop(self) -> None:
        """Close the socket.io connections too, then stop."""
        for sid in list(self._sio.manager.get_participants("/", None)):
            await self._sio.disconnect(sid[0] if isinstance(sid, tuple) else sid)
        await self._sio.shutdown()
        # engine.io leaves each closed socket's ping timer sleeping (25 s): end them now.
        pings = [
            t
            for t in asyncio.all_tasks()
            if getattr(t.get_coro(), "__qualname__", "") == "AsyncSocket._send_ping"
        ]
        for task in pings:
            task.cancel()
        await asyncio.gather(*pings, return_exceptions=True)
        await super().stop()

    def build_app(self) -> web.Application:
        """The routes."""
        app = super().build_app()
        self._sio.attach(app)
        app.router.add_get("/metrics", self._metrics)
        app.router.add_post("/__fake__/monitor", self._admin_monitor)
        return app

    def _authorized(self, request: web.Request) -> bool:
        scheme, _, encoded = request.headers.get("Authorization", "").partition(" ")
        try:
            user, _, password = base64.b64decode(encoded, validate=True).decode().partition(":")
        except ValueError:
            user = password = ""
        if self.api_key is None:
            return True  # authentication disabled
        if self.api_key == "":
            # No API key made yet: real Kuma asks for a user's own login.
            return scheme == "Basic" and (user, password) == (self.username, self.user_password)
        return scheme == "Basic" and password == self.api_key

    async def _metrics(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return web.Response(
                status=401, text="Unauthorized", headers={"WWW-Authenticate": 'Basic realm="Uptime Kuma"'}
            )
        if self.fault is Fault.PARTIAL:
            # Families announced, no series yet (as right after Kuma starts).
            text = "".join(f"# HELP {n} {h}\n# TYPE {n} gauge\n" for n, h in HELP.items())
        else:
            text = self.render()
        return web.Response(text=text, content_type="text/plain", charset="utf-8")

    def render(self) -> str:
        """The `/metrics` text."""
        series: dict[str, list[str]] = {name: [] for name in HELP}
        for monitor in self.monitors.values():
            if not monitor.active:
                continue
            labels = self._labels(monitor)
            series["monitor_status"].append(f"monitor_status{{{labels}}} {monitor.status}")
            ping = monitor.ping if monitor.ping is not None and monitor.status == 1 else -1
            if self.jitter and ping > 0:
                ping = round(ping * (0.8 + 0.4 * self._random.random()))  # as each check measures it
            series["monitor_response_time"].append(f"monitor_response_time{{{labels}}} {ping:g}")
            if monitor.cert_days is not None:
                series["monitor_cert_days_remaining"].append(
                    f"monitor_cert_days_remaining{{{labels}}} {monitor.cert_days}"
                )
                series["monitor_cert_is_valid"].append(f"monitor_cert_is_valid{{{labels}}} 1")
            if not self.v1:
                for window, ratio in (("1d", 0.9993), ("30d", 0.9971), ("365d", 0.9958)):
                    value = ratio if monitor.status != 0 else ratio - 0.01
                    series["monitor_uptime_ratio"].append(
                        f'monitor_uptime_ratio{{{labels},window="{window}"}} {value:g}'
                    )
                    # Kuma 2.x also writes the average response time of each window.
                    average = (monitor.ping or 0) / 1000
                    series["monitor_average_response_time_seconds"].append(
                        f'monitor_average_response_time_seconds{{{labels},window="{window}"}} {average:g}'
                    )
        if self.v1:
            del series["monitor_uptime_ratio"]
            del series["monitor_average_response_time_seconds"]
        out = []
        for name, lines in series.items():
            out.append(f"# HELP {name} {HELP[name]}\n# TYPE {name} gauge\n")
            out.extend(line + "\n" for line in lines)
        major, minor, patch = ([*self.version.split("."), "0", "0"])[:3]
        node = NODE_METRICS.format(version=self.version, major=major, minor=minor, patch=patch)
        return "".join(out) + "\n" + node

    def _labels(self, monitor: FakeMonitor) -> str:
        def text(value: object) -> str:
            return "null" if value is None else _escape(str(value))

        pairs: list[tuple[str, object]] = []
        if not self.v1:
            pairs += list(monitor.tags.items())
            pairs.append(("monitor_id", monitor.id))
        pairs += [
            ("monitor_name", monitor.name),
            ("monitor_type", monitor.type),
            ("monitor_url", monitor.url),
            ("monitor_hostname", monitor.hostname),
            ("monitor_port", monitor.port),
        ]
        return ",".join(f'{key}="{text(value)}"' for key, value in pairs)

    async def _admin_monitor(self, request: web.Request) -> web.Response:
        """Demo control: `{"id": 1, "status": 0}` takes monitor 1 down; `"active": false` pauses it."""
        body = await request.json()
        monitor = self.monitors.get(int(body.get("id", 0)))
        if monitor is None:
            return web.json_response({"error": "no such monitor"}, status=404)
        if "status" in body:
            self.set_status(monitor.id, int(body["status"]))
        if "active" in body:
            monitor.active = bool(body["active"])
        return web.json_response({"id": monitor.id, "status": monitor.status, "active": monitor.active})
