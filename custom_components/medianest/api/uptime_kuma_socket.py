"""Uptime Kuma's socket.io API, read-only: the monitor list its web UI shows.

`/metrics` cannot tell a paused monitor from a deleted one (Kuma removes a paused
monitor's series, and sometimes keeps a stale one). With the login of a Kuma user,
MediaNest keeps one connection like the web UI's, logs in, and is sent the monitor list
(`monitorList`) and every change to it (`updateMonitorIntoList`,
`deleteMonitorFromList`): it then knows exactly which monitors exist, which are paused,
and their names and types. The connection reconnects by itself and logs in again with
the session token Kuma gave.

Kuma registers a new connection's handlers only after it has sent `info`: nothing is
sent before that.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass
import json
import logging
from typing import Any, Final

import aiohttp
import socketio  # type: ignore[import-untyped]
from yarl import URL

from .errors import (
    ApiAuthenticationError,
    ApiConnectionError,
    ApiInvalidResponseError,
    ApiTimeoutError,
    ApiValidationError,
)
from .redact import scrub

_LOGGER = logging.getLogger(__name__)

CONNECT_TIMEOUT: Final = 10.0
#: first wait before reconnecting a lost connection (it grows up to a minute)
RECONNECT_DELAY: Final = 5.0
#: after reconnecting by itself, how long to give Kuma before logging in again
RELOGIN_DELAY: Final = 0.5


class KumaTwoFactorError(ApiAuthenticationError):
    """The Kuma user has two-factor authentication on, which an integration cannot answer."""

    kind = "kuma_2fa"


@dataclass(frozen=True, slots=True)
class KumaMonitorInfo:
    """A monitor as Kuma's monitor list describes it."""

    id: str
    name: str
    type: str | None
    active: bool

    @classmethod
    def from_json(cls, data: Any) -> KumaMonitorInfo:
        """Build from one entry of `monitorList`."""
        if not isinstance(data, Mapping) or not isinstance(data.get("id"), int):
            raise ValueError("not a monitor")
        name, kind = data.get("name"), data.get("type")
        return cls(
            id=str(data["id"]),
            name=name if isinstance(name, str) and name else f"Monitor {data['id']}",
            type=kind if isinstance(kind, str) else None,
            active=data.get("active") not in (False, 0),
        )


def _monitors(data: Any) -> dict[str, KumaMonitorInfo]:
    monitors: dict[str, KumaMonitorInfo] = {}
    if isinstance(data, Mapping):
        for item in data.values():
            try:
                monitor = KumaMonitorInfo.from_json(item)
            except ValueError:
                continue
            monitors[monitor.id] = monitor
    return monitors


class KumaSocket:
    """One logged-in connection to Kuma's socket.io API, keeping the monitor list."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        base_url: str,
        username: str,
        password: str,
        *,
        headers: Mapping[str, str] | None = None,
        ssl_verify: bool = True,
    ) -> None:
        """Prepare the connection; nothing is sent before `async_connect`."""
        url = URL(base_url)
        self._url = str(url.with_path("").with_query(None))
        self._path = f"{url.path.rstrip('/')}/socket.io"
        self._username = username
        self._password = password
        self._headers = dict(headers or {})
        self._token: str | None = None
        self._info = asyncio.Event()
        self._listed = asyncio.Event()
        self._relogin: asyncio.Task[None] | None = None
        self._connecting = False
        #: the monitors by id, once Kuma sent the list; None before
        self.monitors: dict[str, KumaMonitorInfo] | None = None
        self.on_change: Callable[[], None] | None = None
        #: told of each heartbeat that changes a monitor's status (Kuma's "important" beats)
        self.on_heartbeat: Callable[[str, int, float | None], None] | None = None
        #: the user's notifications (id → its settings), once Kuma sent them
        self.notifications: dict[int, dict[str, Any]] = {}
        self._sio = socketio.AsyncClient(
            http_session=session,
            ssl_verify=ssl_verify,
            reconnection=True,
            reconnection_delay=RECONNECT_DELAY,
            reconnection_delay_max=60,
            logger=False,
            engineio_logger=False,
        )
        self._sio.on("info", self._on_info)
        self._sio.on("connect", self._on_connect)
        self._sio.on("disconnect", self._on_disconnect)
        self._sio.on("monitorList", self._on_list)
        self._sio.on("updateMonitorIntoList", self._on_update)
        self._sio.on("deleteMonitorFromList", self._on_delete)
        self._sio.on("heartbeat", self._on_heartbeat)
        self._sio.on("notificationList", self._on_notifications)

    def _scrub(self, text: str) -> str:
        return scrub(text, [secret for secret in (self._password, self._token) if secret])

    @property
    def connected(self) -> bool:
        """Whether the connection is up and the monitor list is current."""
        return self._sio.connected and self.monitors is not None

    async def async_connect(self) -> None:
        """Connect, log in and wait for the monitor list; raise on failure."""
        if self._sio.connected:
            # Connected, but not logged in (a login after a reconnect failed): log in again.
            try:
                await self._login()
                await asyncio.wait_for(self._listed.wait(), CONNECT_TIMEOUT)
            except TimeoutError as err:
                raise ApiTimeoutError("Uptime Kuma did not send its monitor list in time") from err
            return
        self._info.clear()
        self._connecting = True
        try:
            await asyncio.wait_for(
                self._sio.connect(
                    self._url,
                    headers=self._headers,
                    transports=["websocket"],
                    socketio_path=self._path,
                    wait_timeout=CONNECT_TIMEOUT,
                ),
                CONNECT_TIMEOUT * 2,
            )
        except TimeoutError as err:
            raise ApiTimeoutError("Uptime Kuma's socket did not answer in time") from err
        except (socketio.exceptions.ConnectionError, aiohttp.ClientError, OSError) as err:
            raise ApiConnectionError(self._scrub(f"Cannot connect to Uptime Kuma's socket: {err}")) from err
        finally:
            self._connecting = False
        try:
            await asyncio.wait_for(self._info.wait(), CONNECT_TIMEOUT)
            await self._login()
            await asyncio.wait_for(self._listed.wait(), CONNECT_TIMEOUT)
        except TimeoutError as err:
            await self.async_disconnect()
            raise ApiTimeoutError("Uptime Kuma did not send its monitor list in time") from err
        except BaseException:
            await self.async_disconnect()
            raise

    async def _login(self) -> None:
        """Log in: with the session token after a reconnect, else with the password."""
        if self._token:
            answer = await self._call("loginByToken", self._token)
            if isinstance(answer, Mapping) and answer.get("ok"):
                return
            self._token = None
        answer = await self._call(
            "login", {"username": self._username, "password": self._password, "token": ""}
        )
        if not isinstance(answer, Mapping):
            raise ApiInvalidResponseError("Uptime Kuma answered the login with nothing")
        if answer.get("tokenRequired"):
            raise KumaTwoFactorError("The Kuma user has two-factor authentication on")
        if not answer.get("ok"):
            message = answer.get("msg")
            raise ApiAuthenticationError(
                self._scrub(f"Uptime Kuma refused the login: {message}" if message else "Login refused")
            )
        token = answer.get("token")
        self._token = token if isinstance(token, str) else None

    async def _call(self, event: str, *args: Any) -> Any:
        try:
            return await self._sio.call(event, args if len(args) > 1 else args[0], timeout=CONNECT_TIMEOUT)
        except socketio.exceptions.TimeoutError as err:
            raise ApiTimeoutError(f"Uptime Kuma did not answer {event}") from err
        except socketio.exceptions.SocketIOError as err:
            raise ApiConnectionError(self._scrub(f"Uptime Kuma's socket failed: {err}")) from err

    async def save_notification(self, notification: Mapping[str, Any], notification_id: int | None) -> int:
        """Add a notification (or change the one with `notification_id`); return its id."""
        answer = await self._call("addNotification", dict(notification), notification_id)
        if not isinstance(answer, Mapping) or not answer.get("ok"):
            message = answer.get("msg") if isinstance(answer, Mapping) else None
            raise ApiValidationError([self._scrub(str(message or "Uptime Kuma refused the notification"))])
        saved = answer.get("id", notification_id)
        if not isinstance(saved, int):
            raise ApiInvalidResponseError("Uptime Kuma saved the notification without an id")
        return saved

    async def delete_notification(self, notification_id: int) -> None:
        """Remove a notification."""
        answer = await self._call("deleteNotification", notification_id)
        if not isinstance(answer, Mapping) or not answer.get("ok"):
            raise ApiValidationError(["Uptime Kuma did not remove the notification"])

    async def async_disconnect(self) -> None:
        """Close the connection (no reconnecting)."""
        if self._relogin is not None:
            self._relogin.cancel()
            self._relogin = None
        await self._sio.disconnect()
        await self._sio.shutdown()

    # --- events --------------------------------------------------------------------------

    def _on_info(self, data: Any) -> None:
        self._info.set()

    def _on_connect(self) -> None:
        if self._token and not self._connecting and self._relogin is None:
            # Reconnected by itself after the connection broke: Kuma forgot the session.
            self._relogin = asyncio.get_running_loop().create_task(self._async_relogin())

    async def _async_relogin(self) -> None:
        """Log in again after a reconnect (if it fails, the next poll tries again)."""
        try:
            # Kuma takes events only once it has set the connection up (after `info`).
            await asyncio.sleep(RELOGIN_DELAY)
            await self._login()
        except (ApiConnectionError, ApiTimeoutError, ApiAuthenticationError) as err:
            _LOGGER.debug("Logging in to Uptime Kuma again failed: %s", err)
        finally:
            self._relogin = None

    def _on_disconnect(self, *args: Any) -> None:
        self.monitors = None  # not current until the list comes again
        self._listed.clear()
        self._changed()

    def _on_list(self, data: Any) -> None:
        self.monitors = _monitors(data)
        self._listed.set()
        self._changed()

    def _on_update(self, data: Any) -> None:
        if self.monitors is not None:
            self.monitors = {**self.monitors, **_monitors(data)}
            self._changed()

    def _on_delete(self, monitor_id: Any) -> None:
        if self.monitors is not None:
            self.monitors = {i: m for i, m in self.monitors.items() if i != str(monitor_id)}
            self._changed()

    def _on_heartbeat(self, data: Any) -> None:
        beat = data if isinstance(data, Mapping) else {}
        monitor_id, status, ping = beat.get("monitorID"), beat.get("status"), beat.get("ping")
        if (
            beat.get("important")
            and isinstance(monitor_id, int)
            and isinstance(status, int)
            and not isinstance(status, bool)
            and self.on_heartbeat is not None
        ):
            self.on_heartbeat(str(monitor_id), status, float(ping) if isinstance(ping, int | float) else None)

    def _on_notifications(self, data: Any) -> None:
        notifications: dict[int, dict[str, Any]] = {}
        for item in data if isinstance(data, list) else []:
            if not isinstance(item, Mapping) or not isinstance(item.get("id"), int):
                continue
            try:
                config = json.loads(item.get("config") or "{}")
            except ValueError:
                config = {}
            notifications[item["id"]] = config if isinstance(config, dict) else {}
        self.notifications = notifications

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()


__all__ = ["KumaMonitorInfo", "KumaSocket", "KumaTwoFactorError"]
