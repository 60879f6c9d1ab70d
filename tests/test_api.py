"""The shared HTTP layer and the Sonarr/Radarr clients, against the fake servers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
import json
import threading

import aiohttp
import pytest

from custom_components.medianest.api import (
    ApiAuthenticationError,
    ApiConnectionError,
    ApiInvalidResponseError,
    ApiNotFoundError,
    ApiRateLimitedError,
    ApiServerError,
    ApiTimeoutError,
    ApiValidationError,
    http as api_http,
    normalize_url,
)
from custom_components.medianest.api.arr import QueueItem, RadarrClient, SonarrClient
from custom_components.medianest.api.models import RootFolder, SystemStatus, opt_datetime

from .conftest import RADARR_KEY, SONARR_KEY
from .fakes.arr import FakeArr
from .fakes.base import Fault


@pytest.fixture
async def session(socket_enabled: None) -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client_session:
        yield client_session


async def test_reads_sonarr(sonarr: FakeArr, session: aiohttp.ClientSession) -> None:
    client = SonarrClient(session, sonarr.url + "/", SONARR_KEY)
    status = await client.system_status()
    assert status == SystemStatus(app_name="Sonarr", instance_name="Sonarr", version="4.0.19.2979")
    assert await client.queue_count() == 3
    assert await client.missing_count() > 0
    total, items = await client.queue(2)
    assert total == 3
    assert len(items) == 2
    assert all(i.progress is not None and 0 <= i.progress < 100 for i in items)
    folders = await client.root_folders()
    assert [f.path for f in folders] == ["/tv"]
    assert {p.name for p in await client.quality_profiles()} == {"Any", "HD-1080p", "Ultra-HD"}
    summary = await client.library_summary()
    assert summary.count == 25
    assert summary.size_on_disk > 0
    now = datetime.now(UTC)
    upcoming = await client.calendar(now - timedelta(days=1), now + timedelta(days=30))
    assert upcoming
    assert upcoming[0].subtitle is not None
    assert upcoming[0].subtitle.startswith("S")
    # The key travels in a header, never in the URL.
    assert all("apikey" not in path for _, path in sonarr.requests)


async def test_reads_radarr_calendar_per_release(radarr: FakeArr, session: aiohttp.ClientSession) -> None:
    client = RadarrClient(session, radarr.url, RADARR_KEY)
    now = datetime.now(UTC)
    items = await client.calendar(now, now + timedelta(days=30))
    assert items
    assert {i.subtitle for i in items} <= {"In cinemas", "Digital release", "Physical release"}
    assert all(now <= i.start <= now + timedelta(days=30) for i in items)


async def test_lookup_and_add(radarr: FakeArr, session: aiohttp.ClientSession) -> None:
    client = RadarrClient(session, radarr.url, RADARR_KEY)
    results = await client.lookup("dune")
    assert [r.title for r in results][:2] == ["Dune", "Dune: Part Two"]
    assert not results[0].in_library
    assert await client.lookup_id(438631) == results[0]
    assert await client.lookup_id(1) is None
    body = {**results[0].raw, "qualityProfileId": 4, "rootFolderPath": "/movies"}
    added = await client.add(body)
    assert added.title == "Dune"
    assert added.path == "/movies/Dune (2021)"
    with pytest.raises(ApiValidationError, match="already been added") as err:
        await client.add(body)
    assert err.value.messages == ["This movie has already been added"]
    command = await client.command("RssSync")
    assert command.name == "RssSync"


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault.REFUSED, ApiConnectionError),
        (Fault.SLOW, ApiTimeoutError),
        (Fault.UNAUTHORIZED, ApiAuthenticationError),
        (Fault.FORBIDDEN, ApiAuthenticationError),
        (Fault.RATE_LIMITED, ApiRateLimitedError),
        (Fault.SERVER_ERROR, ApiServerError),
        (Fault.MALFORMED, ApiInvalidResponseError),
    ],
)
async def test_faults_raise_their_error(
    sonarr: FakeArr, session: aiohttp.ClientSession, fault: Fault, error: type[Exception]
) -> None:
    client = SonarrClient(session, sonarr.url, SONARR_KEY, retries=0)
    await sonarr.set_fault(fault)
    with pytest.raises(error):
        await client.queue_count()
    assert client.metrics.error_rate == 100.0
    assert client.metrics.last_error_kind == error.kind  # type: ignore[attr-defined]
    await sonarr.set_fault(Fault.NONE)
    assert await client.queue_count() == 3
    assert client.metrics.error_rate == 50.0


async def test_partial_answers_give_none(sonarr: FakeArr, session: aiohttp.ClientSession) -> None:
    client = SonarrClient(session, sonarr.url, SONARR_KEY)
    await sonarr.set_fault(Fault.PARTIAL)
    status = await client.system_status()
    assert status == SystemStatus(app_name=None, instance_name=None, version=None)
    folders = await client.root_folders()
    assert folders == [RootFolder(id=1, path="/tv", accessible=None, free_space=None)]
    _, items = await client.queue(5)
    assert items[0].progress is None
    assert items[0].status is None
    assert await client.health() == []
    assert await client.missing_count() > 0
    summary = await client.library_summary()
    assert summary.size_on_disk == 0


async def test_get_is_retried_and_write_is_not(sonarr: FakeArr, session: aiohttp.ClientSession) -> None:
    client = SonarrClient(session, sonarr.url, SONARR_KEY, retries=2)
    await sonarr.set_fault(Fault.SERVER_ERROR)
    with pytest.raises(ApiServerError):
        await client.queue_count()
    assert len(sonarr.requests) == 3
    sonarr.requests.clear()
    with pytest.raises(ApiServerError):
        await client.command("RssSync")
    assert len(sonarr.requests) == 1


async def test_retry_after_is_honoured(
    sonarr: FakeArr, session: aiohttp.ClientSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    delays: list[float] = []

    async def sleep(delay: float) -> None:
        delays.append(delay)
        await sonarr.set_fault(Fault.NONE)

    monkeypatch.setattr(api_http.asyncio, "sleep", sleep)
    sonarr.retry_after = 7
    client = SonarrClient(session, sonarr.url, SONARR_KEY)
    await sonarr.set_fault(Fault.RATE_LIMITED)
    assert await client.queue_count() == 3
    assert delays == [7.0]


async def test_long_retry_after_is_not_waited(sonarr: FakeArr, session: aiohttp.ClientSession) -> None:
    sonarr.retry_after = 3600
    client = SonarrClient(session, sonarr.url, SONARR_KEY)
    await sonarr.set_fault(Fault.RATE_LIMITED)
    with pytest.raises(ApiRateLimitedError) as err:
        await client.queue_count()
    assert err.value.retry_after == 3600
    assert len(sonarr.requests) == 1


async def test_not_found_and_unexpected_status(sonarr: FakeArr, session: aiohttp.ClientSession) -> None:
    client = SonarrClient(session, sonarr.url, SONARR_KEY)
    with pytest.raises(ApiNotFoundError):
        await client.request("GET", "/api/v3/series/99999")
    with pytest.raises(ApiServerError, match="no matching element"):
        await client.command("NoSuchCommand")
    with pytest.raises(ApiInvalidResponseError, match="HTTP 405"):
        await client.request("DELETE", "/api/v3/health")


@pytest.fixture
async def big_radarr(socket_enabled: None) -> AsyncIterator[FakeArr]:
    server = FakeArr("radarr", RADARR_KEY, library_size=600)
    await server.start()
    yield server
    await server.stop()


def _expected_size(server: FakeArr) -> int:
    return sum(m["statistics"]["sizeOnDisk"] for m in server.items.values())


async def test_library_is_folded_in_slices_on_the_loop(
    big_radarr: FakeArr, session: aiohttp.ClientSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A whole library is parsed a slice at a time as it arrives, never in one piece."""
    parsed: list[tuple[str, int]] = []
    original = api_http._parse

    def parse(body: bytes, transform: object) -> object:
        parsed.append((threading.current_thread().name, len(body)))
        return original(body, transform)  # type: ignore[arg-type]

    monkeypatch.setattr(api_http, "_parse", parse)
    monkeypatch.setattr(api_http, "FOLD_SLICE_BYTES", 64 * 1024)
    client = RadarrClient(session, big_radarr.url, RADARR_KEY)
    summary = await client.library_summary()
    assert summary.count == 600
    assert summary.size_on_disk == _expected_size(big_radarr)
    assert len(parsed) > 5
    assert {name for name, _ in parsed} == {"MainThread"}
    assert max(size for _, size in parsed) < 200 * 1024


async def test_compact_library_is_parsed_off_the_loop(
    big_radarr: FakeArr, session: aiohttp.ClientSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without indentation there are no safe cut points: the body is parsed in a thread."""
    big_radarr.indent = None
    threads: list[str] = []
    original = api_http._parse

    def parse(body: bytes, transform: object) -> object:
        threads.append(threading.current_thread().name)
        return original(body, transform)  # type: ignore[arg-type]

    monkeypatch.setattr(api_http, "_parse", parse)
    client = RadarrClient(session, big_radarr.url, RADARR_KEY)
    summary = await client.library_summary()
    assert summary.count == 600
    assert summary.size_on_disk == _expected_size(big_radarr)
    assert len(threads) == 1
    assert threads[0] != "MainThread"
    # Any other large answer is parsed in a thread too.
    movies = await client.request("GET", "/api/v3/movie")
    assert len(movies) == 600
    assert threads[-1] != "MainThread"


async def test_small_compact_library(radarr: FakeArr, session: aiohttp.ClientSession) -> None:
    radarr.indent = None
    summary = await RadarrClient(session, radarr.url, RADARR_KEY).library_summary()
    assert summary.count == 40


@pytest.mark.parametrize(
    ("chunks", "error"),
    [
        ([b'[\n  {\n    "id": 1\n  },\n  {\n    "id": 2\n'], "Truncated"),
        ([b'{"id": 1}'], "Expected a JSON array"),
        ([b"[1, 2"], "not valid JSON"),
    ],
)
async def test_array_folder_rejects_bad_bodies(
    chunks: list[bytes], error: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api_http, "FOLD_SLICE_BYTES", 8)
    folder = api_http._ArrayFolder(lambda n, _: n + 1, 0)
    for chunk in chunks:
        folder.feed(chunk)
    with pytest.raises(ApiInvalidResponseError, match=error):
        await folder.finish()


async def test_array_folder_streams_indented_arrays(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api_http, "FOLD_SLICE_BYTES", 8)
    body = json.dumps([{"id": i, "text": "a }\n  } b"} for i in range(50)], indent=2).encode()
    folder = api_http._ArrayFolder(lambda ids, item: [*ids, item["id"]], [])
    for start in range(0, len(body), 37):
        folder.feed(body[start : start + 37])
    assert await folder.finish() == list(range(50))


def test_normalize_url() -> None:
    assert normalize_url(" http://nas:8989/sonarr/?x=1#y ") == "http://nas:8989/sonarr"
    for bad in ("nas:8989", "ftp://nas", "http://"):
        with pytest.raises(ValueError, match="http"):
            normalize_url(bad)


def test_models_are_defensive() -> None:
    assert opt_datetime({"a": "2026-01-02T03:04:05"}, "a") == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert opt_datetime({"a": "yesterday"}, "a") is None
    item = QueueItem.from_json({"id": 1, "size": 10.0, "sizeleft": 2.5, "timeleft": 5})
    assert item.progress == 75.0
    assert item.time_left is None
    with pytest.raises(ValueError, match="missing id"):
        QueueItem.from_json({"title": "no id"})
    with pytest.raises(ValueError, match="not an object"):
        SystemStatus.from_json([])
