"""Fixtures shared by MediaNest's tests: fake servers, entries, a loaded integration."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
import json
import logging
from pathlib import Path
from typing import Any
from unittest.mock import PropertyMock, patch

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import get_diagnostics_for_config_entry
from pytest_homeassistant_custom_component.syrupy import HomeAssistantSnapshotExtension
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion
from syrupy.filters import props

from custom_components.medianest.api import http as api_http
from custom_components.medianest.apps.downloader.const import CONF_DOWNLOAD_FOLDER
from custom_components.medianest.apps.plex.const import CONF_CLIENT_IDENTIFIER
from custom_components.medianest.const import CONF_KIND, DOMAIN
from homeassistant.const import (
    CONF_API_KEY,
    CONF_PASSWORD,
    CONF_TOKEN,
    CONF_URL,
    CONF_USERNAME,
    CONF_VERIFY_SSL,
    STATE_ON,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er

from .fakes.arr import FakeArr
from .fakes.base import Fault
from .fakes.plex import FakePlexServer, FakePlexTv
from .fakes.prowlarr import FakeProwlarr
from .fakes.qbittorrent import FakeQbittorrent
from .fakes.seerr import FakeSeerr
from .fakes.uptime_kuma import FakeUptimeKuma
from .fakes.video_site import FakeVideoSite, make_media

SONARR_KEY = "0123456789abcdef0123456789abcdef"
RADARR_KEY = "fedcba9876543210fedcba9876543210"
PROWLARR_KEY = "0badc0de0badc0de0badc0de0badc0de"
SEERR_KEY = "c2VlcnItYXBpLWtleS0wMTIzNDU2Nzg5YWJjZGVm"
KUMA_KEY = "uk1_kuma-secret-key-0123456789"
QBT_USER = "medianest"
QBT_PASSWORD = "s3cret-torrent-pass"
PLEX_ACCOUNT_TOKEN = "plex-account-token-0123456789"
PLEX_SERVER_TOKEN = "plex-server-token-abcdefghij"
PLEX_CLIENT_ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"

#: faults that make a service unreachable for a while (the fault matrix of every service);
#: a rate limit is an answer of the service itself (see tests/test_limits.py)
DOWN_FAULTS = [Fault.REFUSED, Fault.SLOW, Fault.SERVER_ERROR, Fault.MALFORMED, Fault.ENDLESS]


def medianest_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """What MediaNest logged."""
    return [r for r in caplog.records if r.name.startswith("custom_components.medianest")]


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Snapshots in Home Assistant's format (registry entries, states)."""
    return snapshot.use_extension(HomeAssistantSnapshotExtension)


#: what Home Assistant's deprecation and breaking-change reports say
DEPRECATION_MARKERS = ("deprecat", "will stop working", "detected that custom integration")


def deprecation_reports(records: list[logging.LogRecord]) -> list[str]:
    """Home Assistant's deprecation warnings that name MediaNest."""
    found = []
    for record in records:
        if record.levelno < logging.WARNING:
            continue
        message = record.getMessage()
        lowered = message.lower()
        if "medianest" in lowered and any(marker in lowered for marker in DEPRECATION_MARKERS):
            found.append(message)
    return found


@pytest.fixture(autouse=True)
def no_deprecations(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Fail any test in which Home Assistant reports a deprecation naming MediaNest."""
    yield
    reports = deprecation_reports(caplog.get_records("call") + caplog.get_records("teardown"))
    assert not reports, f"Home Assistant reported a deprecation naming MediaNest: {reports}"


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Load MediaNest from this repository."""


@pytest.fixture(autouse=True)
def fast_http(monkeypatch: pytest.MonkeyPatch) -> None:
    """Short timeouts and no backoff, so fault tests run quickly."""
    monkeypatch.setattr(api_http, "DEFAULT_TIMEOUT", 0.5)
    monkeypatch.setattr(api_http, "DEFAULT_BACKOFF", 0.0)


@pytest.fixture
async def sonarr(socket_enabled: None) -> AsyncIterator[FakeArr]:
    """A running fake Sonarr."""
    server = FakeArr("sonarr", SONARR_KEY, library_size=25, slow_seconds=1.0)
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def radarr(socket_enabled: None) -> AsyncIterator[FakeArr]:
    """A running fake Radarr."""
    server = FakeArr("radarr", RADARR_KEY, library_size=40, slow_seconds=1.0)
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def prowlarr(socket_enabled: None) -> AsyncIterator[FakeProwlarr]:
    """A running fake Prowlarr."""
    server = FakeProwlarr(PROWLARR_KEY, slow_seconds=1.0)
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def qbittorrent(socket_enabled: None, request: pytest.FixtureRequest) -> AsyncIterator[FakeQbittorrent]:
    """A running fake qBittorrent (4.5.2 unless the test is parametrized with a version)."""
    version = getattr(request, "param", "4.5.2")
    server = FakeQbittorrent(version=version, username=QBT_USER, password=QBT_PASSWORD, slow_seconds=1.0)
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def qbittorrent_entry(
    hass: HomeAssistant, qbittorrent: FakeQbittorrent, unload_entries: None
) -> MockConfigEntry:
    """A loaded qBittorrent entry."""
    return await setup_entry(hass, make_entry(qbittorrent))


@pytest.fixture
async def kuma(socket_enabled: None) -> AsyncIterator[FakeUptimeKuma]:
    """A running fake Uptime Kuma 2.x with API keys enabled."""
    server = FakeUptimeKuma(KUMA_KEY, slow_seconds=1.0)
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def kuma_entry(hass: HomeAssistant, kuma: FakeUptimeKuma, unload_entries: None) -> MockConfigEntry:
    """A loaded Uptime Kuma entry."""
    return await setup_entry(hass, make_entry(kuma))


@pytest.fixture
async def seerr(socket_enabled: None) -> AsyncIterator[FakeSeerr]:
    """A running fake Seerr."""
    server = FakeSeerr(SEERR_KEY, slow_seconds=1.0)
    await server.start()
    yield server
    await server.delivered()
    await server.stop()


@pytest.fixture
async def seerr_entry(hass: HomeAssistant, seerr: FakeSeerr, unload_entries: None) -> MockConfigEntry:
    """A loaded Seerr entry."""
    return await setup_entry(hass, make_entry(seerr))


@pytest.fixture
async def plex(socket_enabled: None) -> AsyncIterator[FakePlexServer]:
    """A running fake Plex Media Server (a movie and a TV library)."""
    server = FakePlexServer(PLEX_SERVER_TOKEN, slow_seconds=1.0)
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def plex_tv(socket_enabled: None, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakePlexTv]:
    """A running fake plex.tv, which MediaNest is pointed at (and its auth page)."""
    server = FakePlexTv(PLEX_ACCOUNT_TOKEN, slow_seconds=1.0)
    await server.start()
    monkeypatch.setenv("MEDIANEST_PLEX_TV_URL", server.url)
    monkeypatch.setenv("MEDIANEST_PLEX_AUTH_URL", f"{server.url}/auth")
    yield server
    await server.stop()


def make_plex_entry(server: FakePlexServer, entry_id: str = "plex_entry") -> MockConfigEntry:
    """A config entry for a fake Plex server."""
    return MockConfigEntry(
        domain=DOMAIN,
        title=server.friendly_name,
        unique_id=server.machine_identifier,
        data={
            CONF_KIND: "plex",
            CONF_URL: server.url,
            CONF_TOKEN: server.token,
            CONF_VERIFY_SSL: True,
            CONF_CLIENT_IDENTIFIER: PLEX_CLIENT_ID,
        },
        entry_id=entry_id,
    )


@pytest.fixture
async def plex_entry(hass: HomeAssistant, plex: FakePlexServer, unload_entries: None) -> MockConfigEntry:
    """A loaded Plex entry."""
    return await setup_entry(hass, make_plex_entry(plex))


def make_entry(server: Any, entry_id: str | None = None, **options: Any) -> MockConfigEntry:
    """A config entry for a fake server."""
    credentials = (
        {CONF_USERNAME: server.username, CONF_PASSWORD: server.password}
        if server.kind == "qbittorrent"
        else {CONF_API_KEY: server.api_key}
    )
    return MockConfigEntry(
        domain=DOMAIN,
        title=server.app_name,
        unique_id=f"{server.kind}_127.0.0.1:{server.port}",
        data={
            CONF_KIND: server.kind,
            CONF_URL: server.url,
            **credentials,
            CONF_VERIFY_SSL: True,
        },
        options=options,
        entry_id=entry_id or f"{server.kind}_entry",
    )


async def setup_entry(hass: HomeAssistant, entry: MockConfigEntry) -> MockConfigEntry:
    """Add an entry and set it up."""
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


async def refresh(hass: HomeAssistant, entry: MockConfigEntry, *, all_tiers: bool = False) -> None:
    """Poll an entry now (every tier with `all_tiers`) and let its entities catch up."""
    coordinator = entry.runtime_data.coordinator
    if all_tiers:
        coordinator.force_all_tiers()
    await coordinator.async_refresh()
    await hass.async_block_till_done()


@pytest.fixture
async def unload_entries(hass: HomeAssistant) -> AsyncIterator[None]:
    """Unload every MediaNest entry when the test ends (their timers stop with them)."""
    yield
    await hass.async_block_till_done()
    for entry in hass.config_entries.async_entries(DOMAIN):
        await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()


@pytest.fixture
async def sonarr_entry(hass: HomeAssistant, sonarr: FakeArr, unload_entries: None) -> MockConfigEntry:
    """A loaded Sonarr entry."""
    return await setup_entry(hass, make_entry(sonarr))


@pytest.fixture
async def radarr_entry(hass: HomeAssistant, radarr: FakeArr, unload_entries: None) -> MockConfigEntry:
    """A loaded Radarr entry."""
    return await setup_entry(hass, make_entry(radarr))


@pytest.fixture
async def prowlarr_entry(
    hass: HomeAssistant, prowlarr: FakeProwlarr, unload_entries: None
) -> MockConfigEntry:
    """A loaded Prowlarr entry."""
    return await setup_entry(hass, make_entry(prowlarr))


@pytest.fixture
def entity_registry_enabled_by_default() -> Iterator[None]:
    """Create every entity enabled, including those disabled by default."""
    with patch(
        "homeassistant.helpers.entity.Entity.entity_registry_enabled_default",
        new_callable=PropertyMock,
        return_value=True,
    ):
        yield


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make measured response times deterministic (12.5 ms each) for snapshots."""
    ticks = iter(range(10**9))

    def clock() -> float:
        return next(ticks) * 0.0125

    monkeypatch.setattr(api_http, "clock", clock)


@pytest.fixture(scope="session")
def video_media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real videos rendered with ffmpeg once per test session."""
    return make_media(tmp_path_factory.mktemp("video-media"))


@pytest.fixture
async def video_site(socket_enabled: None, video_media: Path) -> AsyncIterator[FakeVideoSite]:
    """A running local video site."""
    site = FakeVideoSite(video_media)
    await site.start()
    yield site
    await site.stop()


@pytest.fixture
def download_folder(hass: HomeAssistant, tmp_path: Path) -> Path:
    """An empty download folder that Home Assistant may write to."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    hass.config.allowlist_external_dirs = {str(tmp_path)}
    return folder


def make_downloader_entry(folder: Path, **options: Any) -> MockConfigEntry:
    """A downloader entry for a folder."""
    return MockConfigEntry(
        domain=DOMAIN,
        title="Downloads",
        unique_id=f"downloader_{folder}",
        data={CONF_KIND: "downloader", CONF_DOWNLOAD_FOLDER: str(folder)},
        options=options,
        entry_id="downloader_entry",
    )


@pytest.fixture
async def downloader_entry(
    hass: HomeAssistant, video_site: FakeVideoSite, download_folder: Path, unload_entries: None
) -> MockConfigEntry:
    """A loaded downloader entry with defaults (best, mp4, one at a time)."""
    return await setup_entry(hass, make_downloader_entry(download_folder))


def network_services() -> dict[str, tuple[Callable[[], Any], str, str, str, str]]:
    """Every service on the network: a fake of it, its connectivity sensor, an entity that
    shows its data and the value it has again once the service is back, and its secret."""
    return {
        "sonarr": (
            lambda: FakeArr("sonarr", SONARR_KEY, library_size=25, slow_seconds=1.0),
            "binary_sensor.sonarr_connectivity",
            "sensor.sonarr_queue",
            "3",
            SONARR_KEY,
        ),
        "prowlarr": (
            lambda: FakeProwlarr(PROWLARR_KEY, slow_seconds=1.0),
            "binary_sensor.prowlarr_connectivity",
            "sensor.prowlarr_indexers",
            "5",
            PROWLARR_KEY,
        ),
        "qbittorrent": (
            lambda: FakeQbittorrent(username=QBT_USER, password=QBT_PASSWORD, slow_seconds=1.0),
            "binary_sensor.qbittorrent_connectivity",
            "sensor.qbittorrent_torrents",
            "8",
            QBT_PASSWORD,
        ),
        "uptime_kuma": (
            lambda: FakeUptimeKuma(KUMA_KEY, slow_seconds=1.0),
            "binary_sensor.uptime_kuma_connectivity",
            # A monitor: Kuma unreachable says nothing of it (unavailable, not down).
            "binary_sensor.sonarr_uptime_kuma_connectivity",
            STATE_ON,
            KUMA_KEY,
        ),
        "seerr": (
            lambda: FakeSeerr(SEERR_KEY, slow_seconds=1.0),
            "binary_sensor.seerr_connectivity",
            "sensor.seerr_pending_requests",
            "2",
            SEERR_KEY,
        ),
        "plex": (
            lambda: FakePlexServer(PLEX_SERVER_TOKEN, slow_seconds=1.0),
            "binary_sensor.media_server_connectivity",
            "sensor.media_server_movies_items",
            "40",
            PLEX_SERVER_TOKEN,
        ),
    }


# What changes from run to run in a state (times, context).
MOVING = props("last_changed", "last_reported", "last_updated", "context")


def assert_entities_match(
    hass: HomeAssistant, entry: MockConfigEntry, snapshot: SnapshotAssertion, exclude: Any = MOVING
) -> list[er.RegistryEntry]:
    """Every entity of an entry, registry entry and state, as the snapshot has it; returns them."""
    entries = sorted(
        er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id), key=lambda e: e.entity_id
    )
    for entity_entry in entries:
        assert entity_entry == snapshot(name=f"{entity_entry.entity_id}-entry")
        state = hass.states.get(entity_entry.entity_id)
        assert state == snapshot(name=f"{entity_entry.entity_id}-state", exclude=exclude)
    return entries


async def diagnostics_without(
    hass: HomeAssistant, hass_client: ClientSessionGenerator, entry: MockConfigEntry, *secrets: str
) -> dict[str, Any]:
    """The entry's diagnostics, checked to hold none of `secrets` (keys, passwords, ports)."""
    result: dict[str, Any] = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    text = json.dumps(result)
    for secret in secrets:
        assert secret not in text
    return result
