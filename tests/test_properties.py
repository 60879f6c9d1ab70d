"""Property-based tests: whatever a server (or a webhook caller) sends, MediaNest's parsers
raise nothing but MediaNest's own errors.

Every read of every client is fed arbitrary JSON (and, for Uptime Kuma, arbitrary text)
through a stand-in for the HTTP session, so the whole path runs: status handling, size
limits, parsing in or off the event loop, the models, the skipped-record counting. The
JSON is drawn both freely and from the fields the real APIs use, so that it reaches deep
into the models.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
import contextlib
from contextlib import asynccontextmanager
from datetime import UTC, datetime
import json
from typing import Any

from hypothesis import HealthCheck, given, settings, strategies as st
from multidict import CIMultiDict
import orjson
from prometheus_client.parser import text_string_to_metric_families
import pytest

from custom_components.medianest.api import MedianestApiError
from custom_components.medianest.api.arr import RadarrClient, SonarrClient
from custom_components.medianest.api.plex import PlexClient, PlexTvClient
from custom_components.medianest.api.prowlarr import ProwlarrClient
from custom_components.medianest.api.qbittorrent import SyncState, parse_maindata
from custom_components.medianest.api.seerr import SeerrClient
from custom_components.medianest.api.uptime_kuma import parse_kuma_metrics
from custom_components.medianest.api.uptime_kuma_socket import KumaMonitorInfo, _monitors
from custom_components.medianest.apps.seerr.webhook import parse_payload

from .fakes.uptime_kuma import FakeUptimeKuma

# The fields the services' answers use: drawn often, so the models see their own keys.
FIELDS = [
    "id",
    "title",
    "name",
    "records",
    "totalRecords",
    "status",
    "media",
    "requestedBy",
    "type",
    "mediaType",
    "tmdbId",
    "tvdbId",
    "series",
    "movie",
    "episode",
    "seasonNumber",
    "episodeNumber",
    "sizeleft",
    "size",
    "timeleft",
    "estimatedCompletionTime",
    "trackedDownloadStatus",
    "path",
    "freeSpace",
    "totalSpace",
    "quality",
    "results",
    "pageInfo",
    "pending",
    "approved",
    "total",
    "appName",
    "version",
    "instanceName",
    "message",
    "source",
    "statistics",
    "sizeOnDisk",
    "episodeFileCount",
    "hasFile",
    "monitored",
    "airDateUtc",
    "inCinemas",
    "digitalRelease",
    "MediaContainer",
    "Metadata",
    "Directory",
    "totalSize",
    "machineIdentifier",
    "key",
    "librarySectionID",
    "grandparentTitle",
    "Player",
    "Session",
    "TranscodeSession",
    "User",
    "addedAt",
    "thumb",
    "indexerId",
    "indexers",
    "disabledTill",
    "numberOfQueries",
    "numberOfGrabs",
    "averageResponseTime",
    "enable",
    "protocol",
    "privacy",
    "createdAt",
    "updatedAt",
    "is4k",
    "status4k",
    "releaseDate",
    "firstAirDate",
    "posterPath",
    "mediaInfo",
    "notification_type",
    "request_id",
    "subject",
    "image",
    "media_type",
    "requested_by",
    "request",
    "active",
    "code",
    "isWarning",
    "errorMessage",
    "images",
    "remotePoster",
    "titleSlug",
    "year",
    "added",
    "folder",
    "rootFolderPath",
    "qualityProfileId",
]
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**64)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(["2024-02-27T00:00:00Z", "1999-13-45", "", "null", "movie", "tv", "/p.jpg", "5"])
)
JSON = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=6), children, max_size=8)
    ),
    max_leaves=40,
)
PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _body(value: Any) -> bytes:
    try:
        return orjson.dumps(value)
    except TypeError, orjson.JSONEncodeError:
        return json.dumps(value, allow_nan=True).encode()  # NaN, and integers orjson refuses


class _Content:
    def __init__(self, body: bytes) -> None:
        self._body = body

    async def iter_chunked(self, size: int) -> AsyncIterator[bytes]:
        for start in range(0, len(self._body), size):
            yield self._body[start : start + size]


class _Response:
    def __init__(self, body: bytes, status: int) -> None:
        self.status = status
        self.headers = CIMultiDict({"Content-Type": "application/json"})
        self.content_length = len(body)
        self.content = _Content(body)
        self.cookies: dict[str, Any] = {}
        self._body = body

    async def read(self) -> bytes:
        return self._body


class BodySession:
    """Answers every request with the body (and status) the test sets."""

    def __init__(self) -> None:
        self.body = b""
        self.status = 200

    @asynccontextmanager
    async def request(self, method: str, url: str, **kwargs: Any) -> AsyncIterator[_Response]:
        yield _Response(self.body, self.status)


def _clients(session: BodySession) -> list[tuple[str, Callable[[], Awaitable[Any]]]]:
    s: Any = session
    sonarr, radarr = SonarrClient(s, "http://sonarr", "k" * 32), RadarrClient(s, "http://radarr", "k" * 32)
    prowlarr = ProwlarrClient(s, "http://prowlarr", "k" * 32)
    seerr = SeerrClient(s, "http://seerr", "key")
    plex = PlexClient(s, "http://plex:32400", "token", "client", "1.0")
    plex_tv = PlexTvClient(s, "client", "1.0")
    since, until = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC)
    reads: list[tuple[str, Callable[[], Awaitable[Any]]]] = []
    for name, arr in (("sonarr", sonarr), ("radarr", radarr)):
        reads += [
            (f"{name}.system_status", arr.system_status),
            (f"{name}.queue_count", arr.queue_count),
            (f"{name}.queue", lambda a=arr: a.queue(5)),
            (f"{name}.missing_count", arr.missing_count),
            (f"{name}.health", arr.health),
            (f"{name}.calendar", lambda a=arr: a.calendar(since, until)),
            (f"{name}.quality_profiles", arr.quality_profiles),
            (f"{name}.root_folders", arr.root_folders),
            (f"{name}.library_summary", arr.library_summary),
            (f"{name}.lookup", lambda a=arr: a.lookup("dune")),
        ]
    reads += [
        ("prowlarr.indexers", prowlarr.indexers),
        ("prowlarr.indexer_failures", prowlarr.indexer_failures),
        ("prowlarr.indexer_stats", lambda: prowlarr.indexer_stats(since)),
        ("prowlarr.test_all_indexers", prowlarr.test_all_indexers),
        ("seerr.status", seerr.status),
        ("seerr.request_counts", seerr.request_counts),
        ("seerr.issue_counts", seerr.issue_counts),
        ("seerr.requests", seerr.requests),
        ("seerr.get_request", lambda: seerr.get_request(1)),
        ("seerr.title", lambda: seerr.title("movie", 1)),
        ("seerr.search", lambda: seerr.search("dune")),
        ("seerr.webhook_settings", seerr.webhook_settings),
        ("plex.identity", plex.identity),
        ("plex.sections", plex.sections),
        ("plex.section_count", lambda: plex.section_count("1")),
        ("plex.sessions", plex.sessions),
        ("plex.recently_added", lambda: plex.recently_added(5)),
        ("plex_tv.resources", lambda: plex_tv.resources("token")),
    ]
    return reads


CALLS = [name for name, _ in _clients(BodySession())]


@pytest.mark.parametrize("call", CALLS)
@PROPERTY_SETTINGS
@given(value=JSON, status=st.sampled_from([200, 200, 200, 200, 201, 400, 404, 409, 500]))
async def test_every_read_takes_any_answer(call: str, value: Any, status: int) -> None:
    session = BodySession()
    session.body = _body(value)
    session.status = status
    read = dict(_clients(session))[call]
    with contextlib.suppress(MedianestApiError):  # MediaNest's own error is fine
        await read()


@PROPERTY_SETTINGS
@given(text=st.text(max_size=400) | st.binary(max_size=400).map(lambda b: b.decode("latin-1")))
def test_kuma_metrics_take_any_text(text: str) -> None:
    with contextlib.suppress(MedianestApiError):  # MediaNest's own error is fine
        parse_kuma_metrics(text)


KUMA_LINE = st.builds(
    lambda name, labels, value: f"{name}{{{labels}}} {value}",
    st.sampled_from(
        ["monitor_status", "monitor_response_time", "monitor_cert_days_remaining", "app_version"]
    ),
    st.lists(
        st.builds(
            lambda k, v: f'{k}="{v}"',
            st.sampled_from(["monitor_id", "monitor_name", "monitor_type", "window", "version"]),
            st.text(alphabet=st.characters(blacklist_characters='"\\\n'), max_size=8),
        ),
        max_size=4,
    ).map(",".join),
    st.sampled_from(["1", "0", "-1", "NaN", "+Inf", "2.5", "x"]),
)


@PROPERTY_SETTINGS
@given(lines=st.lists(KUMA_LINE, max_size=12))
def test_kuma_metrics_take_any_series(lines: list[str]) -> None:
    with contextlib.suppress(MedianestApiError):  # MediaNest's own error is fine
        parse_kuma_metrics("\n".join(lines) + "\n")


# Any text a user can give a monitor: quotes, backslashes, braces, commas, line breaks, U+2028.
LABEL_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12
) | st.sampled_from(
    ['a "b", c', "back\\slash\\", "line\nbreak", "brace } { =", "sep\u2028arator", "null", ""]
)
KUMA_MONITOR = st.fixed_dictionaries(
    {
        "name": LABEL_TEXT,
        "hostname": st.none() | LABEL_TEXT,
        "url": st.none() | LABEL_TEXT,
        "status": st.sampled_from([0, 1, 2, 3]),
        "ping": st.none() | st.floats(min_value=0, max_value=1e5, allow_nan=False),
        "cert_days": st.none() | st.integers(-10, 400),
        "tags": st.dictionaries(st.from_regex(r"[a-z][a-z_]{0,6}", fullmatch=True), LABEL_TEXT, max_size=2),
    }
)


def _oracle(text: str) -> dict[str, dict[str, Any]]:
    """The monitors as `prometheus_client`'s reference parser reads the same text."""
    monitors: dict[str, dict[str, Any]] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if not sample.name.startswith("monitor_"):
                continue
            labels = sample.labels
            name = labels.get("monitor_name")
            monitor = monitors.setdefault(
                labels["monitor_id"],
                {"name": name if name not in (None, "", "null") else f"Monitor {labels['monitor_id']}"},
            )
            window = labels.get("window")
            monitor[sample.name + (f"_{window}" if window else "")] = sample.value
    return monitors


@PROPERTY_SETTINGS
@given(monitors=st.lists(KUMA_MONITOR, max_size=6))
def test_kuma_metrics_read_as_the_reference_parser_does(monitors: list[dict[str, Any]]) -> None:
    kuma = FakeUptimeKuma(None)
    kuma.monitors.clear()
    for monitor in monitors:
        kuma.add_monitor(**monitor)
    text = kuma.render()
    parsed = parse_kuma_metrics(text)
    expected = _oracle(text)
    assert list(parsed.monitors) == sorted(expected, key=lambda i: (len(i), i))
    for monitor_id, reference in expected.items():
        monitor = parsed.monitors[monitor_id]
        assert monitor.name == reference["name"]
        assert monitor.status == reference["monitor_status"]
        ping = reference["monitor_response_time"]
        assert monitor.response_time == (None if ping < 0 else ping)
        assert monitor.cert_days_remaining == reference.get("monitor_cert_days_remaining")
        for window in ("1d", "30d", "365d"):
            assert monitor.uptime[window] == round(reference[f"monitor_uptime_ratio_{window}"] * 100, 3)
    assert parsed.version == kuma.version


@PROPERTY_SETTINGS
@given(value=JSON)
def test_qbittorrent_sync_takes_any_answer(value: Any) -> None:
    state = SyncState()
    with contextlib.suppress(MedianestApiError):
        state.merge(parse_maindata(_body(value)))
        state.counts()


@PROPERTY_SETTINGS
@given(value=JSON)
def test_kuma_monitor_list_takes_any_answer(value: Any) -> None:
    for monitor in _monitors(value).values():
        assert isinstance(monitor, KumaMonitorInfo)


@PROPERTY_SETTINGS
@given(value=JSON | st.dictionaries(st.sampled_from(FIELDS), JSON, max_size=8))
def test_seerr_webhook_takes_any_payload(value: Any) -> None:
    with contextlib.suppress(MedianestApiError):  # MediaNest's own error is fine
        parse_payload(value)
