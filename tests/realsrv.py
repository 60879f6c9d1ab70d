"""Real servers for the integration tests, started on loopback from the cache folder.

`scripts/setup` prepares them once (from `../shared/realsrv`, or the upstream release
where there is internet). A test that needs one skips, saying why, when it is not there.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
import contextlib
import json
import os
from pathlib import Path
import shutil
import socket
import sqlite3
import subprocess
from typing import Any

import aiohttp
import pytest
import socketio  # type: ignore[import-untyped]

HOME = Path(os.environ.get("MEDIANEST_HOME", Path.home() / ".cache" / "medianest"))
KUMA_VERSION = "2.5.3"
KUMA_DIR = HOME / "realsrv" / f"uptime-kuma-{KUMA_VERSION}"

#: what every monitor added through the socket API needs (the web UI sends these too)
MONITOR_DEFAULTS: dict[str, Any] = {
    "type": "http",
    "interval": 1,
    "retryInterval": 1,
    "maxretries": 0,
    "timeout": 2,
    "accepted_statuscodes": ["200-299"],
    "notificationIDList": {},
    "kafkaProducerBrokers": [],
    "kafkaProducerSaslOptions": {},
    "conditions": [],
    "rabbitmqNodes": [],
    "method": "GET",
    "ignoreTls": False,
    "upsideDown": False,
    "maxredirects": 10,
}


def kuma_or_skip() -> Path:
    """The prepared Uptime Kuma, or skip the test saying why."""
    if not (KUMA_DIR / ".prepared").exists():
        pytest.skip(
            f"no real Uptime Kuma {KUMA_VERSION} prepared in {KUMA_DIR}: scripts/setup prepares it "
            "from ../shared/realsrv or the upstream release (needs Node.js and npm)"
        )
    if shutil.which("node") is None:
        pytest.skip("Node.js is not installed: no real Uptime Kuma")
    return KUMA_DIR


def free_port() -> int:
    """A port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RealKuma:
    """A real Uptime Kuma process with its own data folder, on 127.0.0.1."""

    def __init__(self, source: Path, data_dir: Path) -> None:
        """Prepare to run Kuma from `source` with its database in `data_dir`."""
        self.source = source
        self.data_dir = data_dir
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.log = data_dir / "kuma.log"

    @property
    def url(self) -> str:
        """Where it answers."""
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        """Start the server and wait until it answers (3 to 5 s)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "UPTIME_KUMA_DB_TYPE": "sqlite", "NODE_ENV": "production"}
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: ASYNC220 - a server that runs for the test
                [
                    "node",
                    "server/server.js",
                    f"--port={self.port}",
                    "--host=127.0.0.1",
                    f"--data-dir={self.data_dir}",
                ],
                cwd=self.source,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        async with aiohttp.ClientSession() as session:
            for _ in range(300):
                if self.process.poll() is not None:
                    raise RuntimeError(f"Uptime Kuma exited: {self.log.read_text()[-2000:]}")
                try:
                    async with session.get(self.url, timeout=aiohttp.ClientTimeout(total=2)):
                        return
                except aiohttp.ClientError, TimeoutError:
                    await asyncio.sleep(0.1)
        raise RuntimeError("Uptime Kuma did not start within 30 s")

    def stop(self) -> None:
        """Stop the server."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


class KumaAdmin:
    """Kuma's socket.io API as its web UI uses it: set up, log in, manage monitors."""

    def __init__(self, url: str) -> None:
        """Prepare a connection to the server at `url`."""
        self.url = url
        self._info = asyncio.Event()
        self.sio = socketio.AsyncClient(reconnection=False)
        self.sio.on("info", lambda *_: self._info.set())

    async def connect(self) -> None:
        """Connect and wait for `info` (Kuma drops anything sent before it).

        Kuma answers HTTP a moment before its socket.io endpoint: try for a few seconds.
        """
        for attempt in range(50):
            try:
                await self.sio.connect(self.url, transports=["websocket"])
                break
            except socketio.exceptions.ConnectionError:
                if attempt == 49:
                    raise
                await asyncio.sleep(0.2)
        await asyncio.wait_for(self._info.wait(), 10)

    async def call(self, event: str, *args: Any) -> Mapping[str, Any]:
        """Send an event; raise unless Kuma answers ok."""
        answer = await self.sio.call(event, args if len(args) > 1 else args[0], timeout=15)
        if not answer.get("ok"):
            raise RuntimeError(f"{event}: {answer}")
        return answer

    async def setup(self, username: str, password: str) -> None:
        """Create the first user and log in as it."""
        await self.call("setup", username, password)
        await self.call("login", {"username": username, "password": password, "token": ""})

    async def add_monitor(self, name: str, **fields: Any) -> int:
        """Add a monitor; return its id."""
        answer = await self.call("add", {**MONITOR_DEFAULTS, "name": name, **fields})
        return int(answer["monitorID"])

    async def pause(self, monitor_id: int) -> None:
        """Pause a monitor."""
        await self.call("pauseMonitor", monitor_id)

    async def resume(self, monitor_id: int) -> None:
        """Resume a monitor."""
        await self.call("resumeMonitor", monitor_id)

    async def delete(self, monitor_id: int) -> None:
        """Delete a monitor."""
        await self.call("deleteMonitor", monitor_id, False)

    async def add_api_key(self) -> str:
        """Make an API key (from then on /metrics needs one)."""
        answer = await self.call("addAPIKey", {"name": "medianest-tests", "expires": None, "active": True})
        return str(answer["key"])

    async def maintenance(self, monitor_id: int) -> None:
        """Put a monitor under a maintenance that runs until it is ended by hand."""
        answer = await self.call(
            "addMaintenance",
            {
                "title": "Tests",
                "description": "",
                "strategy": "manual",
                "active": True,
                "intervalDay": 1,
                "dateRange": [None, None],
                "timeRange": [{"hours": 0, "minutes": 0}, {"hours": 0, "minutes": 0}],
                "weekdays": [],
                "daysOfMonth": [],
                "timezoneOption": "UTC",
            },
        )
        await self.call("addMonitorMaintenance", answer["maintenanceID"], [{"id": monitor_id}])

    async def close(self) -> None:
        """Disconnect."""
        await self.sio.disconnect()


SEERR_VERSION = "3.1.0"
SEERR_DIR = HOME / "realsrv" / f"seerr-{SEERR_VERSION}"


def seerr_or_skip() -> Path:
    """The prepared Seerr, or skip the test saying why."""
    if not (SEERR_DIR / ".prepared").exists():
        pytest.skip(
            f"no real Seerr {SEERR_VERSION} prepared in {SEERR_DIR}: scripts/setup builds it from "
            "../shared/realsrv or the upstream release (needs Node.js and npm; about five minutes)"
        )
    if shutil.which("node") is None:
        pytest.skip("Node.js is not installed: no real Seerr")
    return SEERR_DIR


class RealSeerr:
    """A real Seerr process with its own configuration folder, on 127.0.0.1.

    Seerr cannot reach TMDB here, so requests cannot be made through its API: the tests
    write users, media and requests into its database, as its own code would.
    """

    def __init__(self, source: Path, config_dir: Path, api_key: str) -> None:
        """Prepare to run Seerr from `source` with its configuration in `config_dir`."""
        self.source = source
        self.config_dir = config_dir
        self.api_key = api_key
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.log = config_dir / "seerr.log"

    @property
    def url(self) -> str:
        """Where it answers."""
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        """Start Seerr on a configuration that needs no setup wizard, and wait for it."""
        self.config_dir.mkdir(parents=True, exist_ok=True)
        # Without main.mediaServerType Seerr takes the folder for an Overseerr one to migrate.
        settings = {"main": {"apiKey": self.api_key, "mediaServerType": 4}, "public": {"initialized": True}}
        (self.config_dir / "settings.json").write_text(json.dumps(settings))
        env = {
            **os.environ,
            "NODE_ENV": "production",
            "CONFIG_DIRECTORY": str(self.config_dir),
            "PORT": str(self.port),
            "HOST": "127.0.0.1",
        }
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: ASYNC220 - a server that runs for the test
                ["node", "dist/index.js"], cwd=self.source, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        async with aiohttp.ClientSession() as session:
            for _ in range(600):
                if self.process.poll() is not None:
                    raise RuntimeError(f"Seerr exited: {self.log.read_text()[-2000:]}")
                try:
                    async with session.get(
                        f"{self.url}/api/v1/status", timeout=aiohttp.ClientTimeout(total=2)
                    ) as response:
                        if response.status == 200:
                            break
                except aiohttp.ClientError, TimeoutError:
                    pass
                await asyncio.sleep(0.1)
            else:
                raise RuntimeError("Seerr did not start within 60 s")
        # The API key acts as user 1, the administrator: there must be one.
        self.sql(
            "INSERT INTO user (id, email, username, permissions, avatar, userType)"
            " VALUES (1, ?, ?, 2, '', 2)",
            ("admin@example.com", "admin"),
        )

    def sql(self, statement: str, values: tuple[Any, ...] = ()) -> int:
        """Run one statement on Seerr's database; return the new row's id."""
        with contextlib.closing(sqlite3.connect(self.config_dir / "db" / "db.sqlite3", timeout=10)) as db:
            row_id = db.execute(statement, values).lastrowid
            db.commit()
            return int(row_id or 0)

    def add_user(self, name: str) -> int:
        """A plain user (may request)."""
        return self.sql(
            "INSERT INTO user (email, username, permissions, avatar, userType) VALUES (?, ?, 32, '', 2)",
            (f"{name.lower()}@example.com", name),
        )

    def add_request(self, media_type: str, tmdb_id: int, user_id: int, status: int = 1) -> int:
        """A request for a movie or series (with its media), as Seerr stores one."""
        media_id = self.sql(
            "INSERT INTO media (mediaType, tmdbId, status) VALUES (?, ?, 2)", (media_type, tmdb_id)
        )
        return self.sql(
            "INSERT INTO media_request (status, type, mediaId, requestedById, modifiedById)"
            " VALUES (?, ?, ?, ?, ?)",
            (status, media_type, media_id, user_id, user_id),
        )

    def stop(self) -> None:
        """Stop the server."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
