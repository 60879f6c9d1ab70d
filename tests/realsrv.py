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


def prepared_or_skip(folder: Path, name: str) -> Path:
    """A server scripts/setup prepared, or skip the test saying why."""
    if not (folder / ".prepared").exists():
        pytest.skip(
            f"no real {name} prepared in {folder}: scripts/setup prepares it from "
            "../shared/realsrv or the upstream release (needs Node.js and npm)"
        )
    if shutil.which("node") is None:
        pytest.skip(f"Node.js is not installed: no real {name}")
    return folder


def kuma_or_skip() -> Path:
    """The prepared Uptime Kuma, or skip the test saying why."""
    return prepared_or_skip(KUMA_DIR, f"Uptime Kuma {KUMA_VERSION}")


#: how long a real server may take to answer after it was started
START_SECONDS = 90


def free_port() -> int:
    """A port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class NodeServer:
    """A Node.js server of the tests: one process on 127.0.0.1, its output in a log file."""

    #: what the server answers 200 to once it is ready (a path on it)
    ready_path = "/"

    def __init__(self, source: Path, data_dir: Path) -> None:
        """Prepare to run the server from `source`, keeping its data in `data_dir`."""
        self.source = source
        self.data_dir = data_dir
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.log = data_dir / "server.log"
        self.start_seconds = 0.0

    @property
    def url(self) -> str:
        """Where it answers."""
        return f"http://127.0.0.1:{self.port}"

    async def _run(self, command: list[str], env: Mapping[str, str]) -> None:
        """Start the process and wait until it answers; once more if it does not.

        A few seconds usually. A start that did not answer within a minute has been seen
        once (its output was lost): such a start is stopped and the server started again,
        and the output of both goes into the error if the second fails too.
        """
        outputs = []
        for _ in range(2):
            if await self._start_once(command, env):
                return
            self.stop()
            outputs.append(self.log.read_text(errors="replace")[-1500:])
        output = "\n--- the second start ---\n".join(outputs)
        raise RuntimeError(
            f"{command[1]} did not answer within {START_SECONDS} s, twice; its output ends with:\n{output}"
        )

    async def _start_once(self, command: list[str], env: Mapping[str, str]) -> bool:
        """Start the process; whether it answered within START_SECONDS."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: ASYNC220 - a server that runs for the test
                command, cwd=self.source, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT
            )
        loop = asyncio.get_running_loop()
        started = loop.time()
        async with aiohttp.ClientSession() as session:
            while loop.time() - started < START_SECONDS:
                if self.process.poll() is not None:
                    raise RuntimeError(f"{command[1]} exited: {self.log.read_text()[-2000:]}")
                try:
                    async with session.get(
                        f"{self.url}{self.ready_path}", timeout=aiohttp.ClientTimeout(total=2)
                    ) as response:
                        if response.status == 200:
                            self.start_seconds = loop.time() - started
                            return True
                except aiohttp.ClientError, TimeoutError:
                    pass
                await asyncio.sleep(0.1)
        return False

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


class RealKuma(NodeServer):
    """A real Uptime Kuma process with its own data folder, on 127.0.0.1."""

    # Kuma answers HTTP a moment before its socket.io endpoint (longer on a busy machine):
    # ready means socket.io answers its handshake.
    ready_path = "/socket.io/?EIO=4&transport=polling"

    async def start(self) -> None:
        """Start the server and wait until it answers (3 to 5 s)."""
        await self._run(
            [
                "node",
                "server/server.js",
                f"--port={self.port}",
                "--host=127.0.0.1",
                f"--data-dir={self.data_dir}",
            ],
            {"UPTIME_KUMA_DB_TYPE": "sqlite", "NODE_ENV": "production"},
        )


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
        for attempt in range(150):
            try:
                await self.sio.connect(self.url, transports=["websocket"])
                break
            except socketio.exceptions.ConnectionError:
                if attempt == 149:
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
    """The prepared Seerr (about five minutes to build, once), or skip the test saying why."""
    return prepared_or_skip(SEERR_DIR, f"Seerr {SEERR_VERSION}")


class RealSeerr(NodeServer):
    """A real Seerr process with its own configuration folder, on 127.0.0.1.

    Seerr cannot reach TMDB here, so requests cannot be made through its API: the tests
    write users, media and requests into its database, as its own code would.
    """

    ready_path = "/api/v1/status"

    def __init__(self, source: Path, config_dir: Path, api_key: str) -> None:
        """Prepare to run Seerr from `source` with its configuration in `config_dir`."""
        super().__init__(source, config_dir)
        self.api_key = api_key

    async def start(self) -> None:
        """Start Seerr on a configuration that needs no setup wizard, and wait for it."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        # Without main.mediaServerType Seerr takes the folder for an Overseerr one to migrate.
        settings = {"main": {"apiKey": self.api_key, "mediaServerType": 4}, "public": {"initialized": True}}
        (self.data_dir / "settings.json").write_text(json.dumps(settings))
        await self._run(
            ["node", "dist/index.js"],
            {
                "NODE_ENV": "production",
                "CONFIG_DIRECTORY": str(self.data_dir),
                "PORT": str(self.port),
                "HOST": "127.0.0.1",
            },
        )
        # The API key acts as user 1, the administrator: there must be one.
        self.sql(
            "INSERT INTO user (id, email, username, permissions, avatar, userType)"
            " VALUES (1, ?, ?, 2, '', 2)",
            ("admin@example.com", "admin"),
        )

    def sql(self, statement: str, values: tuple[Any, ...] = ()) -> int:
        """Run one statement on Seerr's database; return the new row's id."""
        with contextlib.closing(sqlite3.connect(self.data_dir / "db" / "db.sqlite3", timeout=10)) as db:
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
