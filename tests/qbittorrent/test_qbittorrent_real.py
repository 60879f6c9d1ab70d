"""MediaNest against a real qBittorrent (`qbittorrent-nox` from Debian, installed by setup).

Each test starts qBittorrent on a free loopback port with a throwaway profile and known
credentials, and stops it at the end. Torrents are made by the tests from local files and
offered on a local HTTP server (the .torrent URL) or as magnet links.
"""

from __future__ import annotations

import asyncio
import base64
from collections.abc import AsyncIterator, Callable
import hashlib
import os
from pathlib import Path
import shutil
import socket
import subprocess

import aiohttp
from aiohttp import web
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.medianest.api.qbittorrent import QbittorrentClient
from custom_components.medianest.const import CONF_KIND, DOMAIN
from homeassistant.components.switch import DOMAIN as SWITCH_DOMAIN
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import (
    ATTR_ENTITY_ID,
    CONF_PASSWORD,
    CONF_URL,
    CONF_USERNAME,
    CONF_VERIFY_SSL,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    STATE_OFF,
    STATE_ON,
)
from homeassistant.core import HomeAssistant

from ..torrentfile import make_torrent

USER = "medianest"
PASSWORD = "real-qbt-Pa55"
BINARY = shutil.which("qbittorrent-nox")

pytestmark = pytest.mark.skipif(
    BINARY is None and os.environ.get("MEDIANEST_SKIP_REAL_QBITTORRENT") == "1",
    reason="qbittorrent-nox is not installed (scripts/setup installs it)",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pbkdf2(password: str) -> str:
    salt = os.urandom(16)
    key = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, 100_000, 64)
    return f"@ByteArray({base64.b64encode(salt).decode()}:{base64.b64encode(key).decode()})"


class RealQbittorrent:
    """A qbittorrent-nox process with its own profile."""

    def __init__(self, root: Path) -> None:
        """Write the profile: WebUI on loopback, known credentials, no network features."""
        self.root = root
        self.port = _free_port()
        self.downloads = root / "downloads"
        self.downloads.mkdir(parents=True)
        config = root / "qBittorrent" / "config"
        config.mkdir(parents=True)
        (config / "qBittorrent.conf").write_text(
            "\n".join(
                [
                    "[LegalNotice]",
                    "Accepted=true",
                    "",
                    "[BitTorrent]",
                    "Session\\DHTEnabled=false",
                    "Session\\PeXEnabled=false",
                    "Session\\LSDEnabled=false",
                    f"Session\\Port={_free_port()}",
                    f"Session\\DefaultSavePath={self.downloads}",
                    "",
                    "[Network]",
                    "PortForwardingEnabled=false",
                    "",
                    "[Preferences]",
                    "WebUI\\Address=127.0.0.1",
                    f"WebUI\\Port={self.port}",
                    f"WebUI\\Username={USER}",
                    f'WebUI\\Password_PBKDF2="{_pbkdf2(PASSWORD)}"',
                    "WebUI\\LocalHostAuth=true",
                    "WebUI\\CSRFProtection=true",
                    "WebUI\\HostHeaderValidation=true",
                    "",
                ]
            )
        )
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The WebUI address."""
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        """Start qBittorrent and wait until its WebUI answers."""
        assert BINARY is not None, "qbittorrent-nox is missing: run scripts/setup"
        self.process = subprocess.Popen(  # noqa: ASYNC220 - started once, not waited on
            [BINARY, f"--profile={self.root}", f"--webui-port={self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        async with aiohttp.ClientSession() as session:
            for _ in range(150):
                try:
                    async with session.get(f"{self.url}/api/v2/app/webapiVersion") as response:
                        if response.status == 403:
                            return
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.1)
        raise RuntimeError("qbittorrent-nox did not start")

    async def stop(self) -> None:
        """Stop qBittorrent (it saves its torrents on the way out)."""
        if self.process is None:
            return
        self.process.terminate()
        for _ in range(100):
            if self.process.poll() is not None:
                break
            await asyncio.sleep(0.1)
        else:
            self.process.kill()
            self.process.wait()
        self.process = None


@pytest.fixture
async def real_qbittorrent(tmp_path: Path, socket_enabled: None) -> AsyncIterator[RealQbittorrent]:
    """A running qbittorrent-nox, stopped after the test."""
    server = RealQbittorrent(tmp_path / "profile")
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def torrent_host(tmp_path: Path, socket_enabled: None) -> AsyncIterator[Callable[[str, bytes], str]]:
    """A local HTTP server for .torrent files; returns a function that publishes one."""
    files: dict[str, bytes] = {}

    async def serve(request: web.Request) -> web.Response:
        body = files.get(request.match_info["name"])
        if body is None:
            return web.Response(status=404)
        return web.Response(body=body, content_type="application/x-bittorrent")

    app = web.Application()
    app.router.add_get("/files/{name}", serve)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    def publish(name: str, body: bytes) -> str:
        files[name] = body
        return f"http://127.0.0.1:{port}/files/{name}"

    yield publish
    await runner.cleanup()


def _data_file(folder: Path, name: str, size: int) -> Path:
    path = folder / name
    path.write_bytes(os.urandom(size))
    return path


async def _poll_until(hass: HomeAssistant, entry: MockConfigEntry, check: Callable[[], bool]) -> None:
    for _ in range(60):
        await entry.runtime_data.coordinator.async_refresh()
        await hass.async_block_till_done()
        if check():
            return
        await asyncio.sleep(0.25)
    raise AssertionError("qBittorrent did not reach the expected state")


def _state(hass: HomeAssistant, entity_id: str) -> str:
    state = hass.states.get(entity_id)
    assert state is not None, entity_id
    return state.state


async def test_client_against_real_qbittorrent(real_qbittorrent: RealQbittorrent) -> None:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
        client = QbittorrentClient(session, real_qbittorrent.url, USER, PASSWORD)
        sync = await client.maindata()
        # Capabilities, not one release: Debian has 4.5.2 (API 2.8.19), other machines others.
        installed = await asyncio.create_subprocess_exec(
            BINARY or "qbittorrent-nox", "--version", stdout=asyncio.subprocess.PIPE
        )
        printed, _ = await installed.communicate()
        assert client.app_version is not None
        assert client.app_version.lstrip("v") in printed.decode()
        assert client.api_version is not None
        assert client.api_version >= (2, 0)
        assert client.stop_start is (client.api_version >= (2, 11))
        assert sync.full_updates == 1
        assert sync.server_state["connection_status"] in ("connected", "firewalled", "disconnected")
        before = client.metrics.bytes_received
        await client.maindata()
        assert client.metrics.bytes_received - before < 200  # a partial answer
        with pytest.raises(Exception, match="username or password"):
            await QbittorrentClient(session, real_qbittorrent.url, USER, "wrong").login()


async def test_home_assistant_drives_real_qbittorrent(
    hass: HomeAssistant,
    real_qbittorrent: RealQbittorrent,
    torrent_host: Callable[[str, bytes], str],
    tmp_path: Path,
    unload_entries: None,
) -> None:
    # Set up through the config flow, as a user would.
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": "user"})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "qbittorrent"}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {CONF_URL: real_qbittorrent.url, CONF_USERNAME: USER, CONF_PASSWORD: "wrong", CONF_VERIFY_SSL: True},
    )
    assert result["errors"] == {"base": "invalid_auth_qbittorrent"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {CONF_URL: real_qbittorrent.url, CONF_USERNAME: USER, CONF_PASSWORD: PASSWORD, CONF_VERIFY_SSL: True},
    )
    await hass.async_block_till_done()
    entry = result["result"]
    assert entry.data[CONF_KIND] == "qbittorrent"
    assert entry.state is ConfigEntryState.LOADED
    assert _state(hass, "sensor.qbittorrent_torrents") == "0"
    assert _state(hass, "binary_sensor.qbittorrent_connectivity") == STATE_ON

    # A .torrent URL served locally, whose data is already in place: qBittorrent checks it and seeds.
    seed_dir = tmp_path / "seed"
    seed_dir.mkdir()
    data = _data_file(seed_dir, "medianest-sample.bin", 200_000)
    torrent, seeded_hash = make_torrent(data)
    url = torrent_host("sample.torrent", torrent)
    await hass.services.async_call(
        DOMAIN, "add_torrent", {"url": url, "save_path": str(seed_dir), "category": "tests"}, blocking=True
    )
    await _poll_until(hass, entry, lambda: _state(hass, "sensor.qbittorrent_torrents") == "1")

    # A magnet link of another local file: it waits for metadata (no peers here).
    other, magnet_hash = make_torrent(_data_file(tmp_path, "other.bin", 50_000))
    assert other
    magnet = f"magnet:?xt=urn:btih:{magnet_hash}&dn=other.bin"
    await hass.services.async_call(DOMAIN, "add_torrent", {"url": magnet, "paused": True}, blocking=True)
    await _poll_until(hass, entry, lambda: _state(hass, "sensor.qbittorrent_torrents") == "2")
    assert _state(hass, "sensor.qbittorrent_paused_torrents") == "1"

    response = await hass.services.async_call(DOMAIN, "get_torrents", {}, blocking=True, return_response=True)
    by_hash = {t["hash"]: t for t in response["torrents"]}
    assert set(by_hash) == {seeded_hash, magnet_hash}
    assert by_hash[seeded_hash]["category"] == "tests"
    assert by_hash[magnet_hash]["status"] == "paused"

    # The same torrent again is refused with a clear error.
    with pytest.raises(Exception, match="rejected"):
        await hass.services.async_call(DOMAIN, "add_torrent", {"url": magnet}, blocking=True)

    # Pause and resume one torrent by hash, then all.
    await hass.services.async_call(DOMAIN, "pause_torrents", {"hashes": [seeded_hash]}, blocking=True)
    await _poll_until(hass, entry, lambda: _state(hass, "sensor.qbittorrent_paused_torrents") == "2")
    await hass.services.async_call(DOMAIN, "resume_torrents", {}, blocking=True)
    await _poll_until(hass, entry, lambda: _state(hass, "sensor.qbittorrent_paused_torrents") == "0")

    # The alternative speed limits.
    switch = "switch.qbittorrent_alternative_speed_limits"
    assert _state(hass, switch) == STATE_OFF
    await hass.services.async_call(SWITCH_DOMAIN, SERVICE_TURN_ON, {ATTR_ENTITY_ID: switch}, blocking=True)
    await _poll_until(hass, entry, lambda: _state(hass, switch) == STATE_ON)
    await hass.services.async_call(SWITCH_DOMAIN, SERVICE_TURN_OFF, {ATTR_ENTITY_ID: switch}, blocking=True)
    await _poll_until(hass, entry, lambda: _state(hass, switch) == STATE_OFF)

    # qBittorrent stops: the entry goes unavailable; it starts again: back, with a new session.
    await real_qbittorrent.stop()
    await entry.runtime_data.coordinator.async_refresh()
    await hass.async_block_till_done()
    assert _state(hass, "binary_sensor.qbittorrent_connectivity") == STATE_OFF
    assert _state(hass, "sensor.qbittorrent_torrents") == "unavailable"
    await real_qbittorrent.start()
    await _poll_until(hass, entry, lambda: _state(hass, "binary_sensor.qbittorrent_connectivity") == STATE_ON)
    assert _state(hass, "sensor.qbittorrent_torrents") == "2"
