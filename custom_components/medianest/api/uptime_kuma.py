"""Client for Uptime Kuma 2.x: every monitor from one read of `/metrics`.

`/metrics` is Prometheus text. It is read by a parser of exactly what Kuma writes: the
`monitor_*` series and `app_version` are parsed (escaped label values included), every other
line (Node's process metrics, comments) is skipped after a look at its first characters.
With API keys enabled the key is the HTTP Basic password (the username is ignored); with
authentication off the endpoint is open.

Uptime Kuma 1.x labels its series without `monitor_id`, so monitors cannot be told apart
reliably (two may share a name); such a server is refused with a clear message.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from enum import IntEnum
import math
import re
from typing import Final, override

import aiohttp

from .errors import ApiInvalidResponseError
from .http import HttpClient
from .uptime_kuma_socket import KumaSocket


class MonitorStatus(IntEnum):
    """A monitor's status, as Kuma's `monitor_status` metric gives it."""

    DOWN = 0
    UP = 1
    PENDING = 2
    MAINTENANCE = 3


STATUSES: Final = {status.value: status.name.lower() for status in MonitorStatus}
#: the status of a monitor Kuma no longer reports (it removes a paused monitor's series)
PAUSED: Final = "paused"
UPTIME_WINDOWS: Final = ("1d", "30d", "365d")
# `/metrics` is parsed this many lines at a time (about 2 ms each).
METRICS_SLICE_LINES: Final = 500


class KumaVersionError(ApiInvalidResponseError):
    """The server is Uptime Kuma 1.x, whose metrics carry no monitor ids."""

    kind = "kuma_v1"


@dataclass(slots=True)
class Monitor:
    """One monitor, as its metrics describe it."""

    id: str
    name: str
    type: str | None = None
    hostname: str | None = None
    status: int | None = None
    response_time: float | None = None
    cert_days_remaining: int | None = None
    cert_valid: bool | None = None
    uptime: dict[str, float | None] = field(default_factory=dict)
    #: whether the monitor checks a certificate (kept while it is not reported)
    has_certificate: bool = False
    #: False while `/metrics` no longer has the monitor: Kuma paused it, or it was deleted
    reported: bool = True

    @property
    def status_name(self) -> str | None:
        """`up`, `down`, `pending`, `maintenance`, or `paused` when no longer reported."""
        if not self.reported:
            return PAUSED
        return STATUSES.get(self.status) if self.status is not None else None

    def unreported(self) -> Monitor:
        """The monitor as shown once Kuma stops reporting it: what it is, no values."""
        return Monitor(
            id=self.id,
            name=self.name,
            type=self.type,
            hostname=self.hostname,
            uptime=dict.fromkeys(self.uptime),
            has_certificate=self.has_certificate,
            reported=False,
        )


@dataclass(slots=True)
class KumaMetrics:
    """What one read of `/metrics` tells: the monitors and Kuma's version."""

    monitors: dict[str, Monitor]
    version: str | None = None


def _label(labels: dict[str, str], key: str) -> str | None:
    value = labels.get(key)
    return None if value in (None, "", "null") else value


def parse_metrics(text: str) -> dict[str, Monitor]:
    """The monitors in a `/metrics` text (other series are ignored)."""
    return parse_kuma_metrics(text).monitors


_PAIR = r'([a-zA-Z_][a-zA-Z0-9_]*)[ \t]*=[ \t]*"((?:[^"\\]++|\\.)*+)"'
_PAIRS: Final = re.compile(_PAIR)
# A whole label block: pairs separated by commas (a trailing one allowed).
_BLOCK: Final = re.compile(rf"[ \t]*(?:{_PAIR}[ \t]*(?:,[ \t]*|$))*+")
_ESCAPE: Final = re.compile(r"\\(.)")
# The families MediaNest reads; `# HELP`/`# TYPE` lines name them too.
_KUMA_PREFIXES: Final = ("monitor_", "app_version")
_KUMA_COMMENTS: Final = ("# HELP monitor_", "# TYPE monitor_")


def _unescape(value: str) -> str:
    return _ESCAPE.sub(lambda match: "\n" if match[1] == "n" else match[1], value)


# The series MediaNest reads (the others are skipped before their labels are read).
_READ_SERIES: Final = frozenset(
    {
        "app_version",
        "monitor_status",
        "monitor_response_time",
        "monitor_cert_days_remaining",
        "monitor_cert_is_valid",
        "monitor_uptime_ratio",
    }
)
# Kuma's series MediaNest has no use for, skipped at a glance.
_SKIPPED_SERIES: Final = ("monitor_average_response_time_seconds",)
# A label block ending in Kuma's `window` label (its windowed series): the rest is shared with
# the monitor's other series.
_WINDOW: Final = ',window="'


class KumaMetricsParser:
    """Reads a `/metrics` text a slice of lines at a time (the loop may run in between)."""

    def __init__(self) -> None:
        """Start with nothing read."""
        self.monitors: dict[str, Monitor] = {}
        self.version: str | None = None
        self._seen_kuma = False
        # Label blocks already read: every series of a monitor has the same one.
        self._known: dict[str, dict[str, str]] = {}

    def _labels(self, text: str, line: str) -> dict[str, str]:
        if (labels := self._known.get(text)) is not None:
            return labels
        cut = text.rfind(_WINDOW)
        window = text[cut + len(_WINDOW) : -1] if cut > 0 and text.endswith('"') else '"'
        if '"' not in window and "\\" not in window:
            return {**self._labels(text[:cut], line), "window": window}
        if _BLOCK.fullmatch(text) is None:
            raise ApiInvalidResponseError(f"/metrics has a malformed label in: {line[:80]}")
        pairs = _PAIRS.findall(text)
        if "\\" in text:
            pairs = [(key, _unescape(value)) for key, value in pairs]
        labels = self._known[text] = dict(pairs)
        return labels

    def feed(self, lines: list[str]) -> None:
        """Read some lines of the text."""
        for line in lines:
            if not line.startswith(_KUMA_PREFIXES):
                self._seen_kuma = self._seen_kuma or line.startswith(_KUMA_COMMENTS)
                continue  # Node's process metrics, comments, blank lines
            if line.startswith(_SKIPPED_SERIES):
                self._seen_kuma = True
                continue
            self._sample(line)

    def _sample(self, line: str) -> None:
        # name{labels} value [timestamp]: the labels end at the last brace (a quoted value
        # may hold braces; what follows the labels cannot).
        if (brace := line.find("{")) == -1:
            name, _, rest = line.partition(" ")
            labels: dict[str, str] = {}
        else:
            close = line.rfind("}")
            if close < brace:
                raise ApiInvalidResponseError(f"/metrics is not Prometheus text: {line[:80]}")
            name, rest = line[:brace].rstrip(), line[close + 1 :]
            if name not in _READ_SERIES:  # another of Kuma's series (average response times)
                self._seen_kuma = self._seen_kuma or name.startswith("monitor_")
                return
            labels = self._labels(line[brace + 1 : close], line)
        fields = rest.split()
        if not 1 <= len(fields) <= 2 or not name.isidentifier():
            raise ApiInvalidResponseError(f"/metrics is not Prometheus text: {line[:80]}")
        try:
            value = float(fields[0])
        except ValueError as err:
            raise ApiInvalidResponseError(f"/metrics has a value that is not a number: {line[:80]}") from err
        if name == "app_version":
            self.version = _label(labels, "version") or self.version
            return
        if not name.startswith("monitor_"):
            return  # app_version_something
        self._seen_kuma = True
        monitor_id = _label(labels, "monitor_id")
        if monitor_id is None:
            raise KumaVersionError("Uptime Kuma 1.x is not supported: its metrics carry no monitor ids")
        monitor = self.monitors.get(monitor_id)
        if monitor is None:
            monitor = self.monitors[monitor_id] = Monitor(
                id=monitor_id,
                name=_label(labels, "monitor_name") or f"Monitor {monitor_id}",
                type=_label(labels, "monitor_type"),
                hostname=_label(labels, "monitor_hostname"),
            )
        _apply(monitor, name, labels, value)

    def result(self) -> KumaMetrics:
        """What the text said: its monitors (by id) and Kuma's version."""
        if not self._seen_kuma:
            raise ApiInvalidResponseError("The metrics are not Uptime Kuma's")
        ordered = dict(sorted(self.monitors.items(), key=lambda item: (len(item[0]), item[0])))
        return KumaMetrics(monitors=ordered, version=self.version)


def metrics_lines(text: str) -> list[str]:
    """The lines of a `/metrics` text (not `splitlines()`: a label may hold U+2028)."""
    return text.split("\n")


def parse_kuma_metrics(text: str) -> KumaMetrics:
    """The monitors and the version in a `/metrics` text."""
    parser = KumaMetricsParser()
    parser.feed(metrics_lines(text))
    return parser.result()


def _apply(monitor: Monitor, name: str, labels: dict[str, str], value: float) -> None:
    if not math.isfinite(value):  # no value yet (NaN), or nothing a monitor can measure
        return
    match name:
        case "monitor_status":
            monitor.status = int(value)
        case "monitor_response_time":
            monitor.response_time = None if value < 0 else float(value)
        case "monitor_cert_days_remaining":
            monitor.cert_days_remaining = int(value)
            monitor.has_certificate = True
        case "monitor_cert_is_valid":
            monitor.cert_valid = bool(value)
        case "monitor_uptime_ratio":
            if (window := labels.get("window")) in UPTIME_WINDOWS:
                monitor.uptime[window] = round(float(value) * 100, 3)


class UptimeKumaClient(HttpClient):
    """Uptime Kuma 2.x, read through `/metrics`; with a user's login, also its monitor list."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        base_url: str,
        api_key: str | None,
        username: str | None = None,
        password: str | None = None,
    ) -> None:
        """Create a client; `api_key` may be empty when `/metrics` is open.

        With a Kuma user's login, `/metrics` is read with it when there is no API key (Kuma
        asks for the user's password there until API keys are made), and `socket` reads the
        monitor list through Kuma's socket.io API.
        """
        super().__init__(session, base_url)
        self._login = (username, password) if username and password else None
        if api_key:
            self._auth: str | None = aiohttp.encode_basic_auth("", api_key)
        elif self._login:
            self._auth = aiohttp.encode_basic_auth(*self._login)
        else:
            self._auth = None
        self.add_secret(password)
        self._socket: KumaSocket | None = None

    @property
    def has_login(self) -> bool:
        """Whether a Kuma user's login was given (the monitor list can be read)."""
        return self._login is not None

    @property
    def socket(self) -> KumaSocket | None:
        """The socket.io connection for the monitor list (made on first use), if logged in."""
        if self._login is None:
            return None
        if self._socket is None:
            headers = {"Authorization": self._proxy_auth} if self._proxy_auth else None
            self._socket = KumaSocket(self._session, self.base_url, *self._login, headers=headers)
        return self._socket

    @override
    def _auth_headers(self) -> dict[str, str]:
        return {"Authorization": self._auth} if self._auth else {}

    async def read_metrics(self) -> KumaMetrics:
        """Read every monitor, and Kuma's version, with one request."""
        body: bytes = await self.request("GET", "/metrics", expect_json=False)
        try:
            # Parsed on the loop a slice at a time, the loop running between slices.
            lines = metrics_lines(body.decode("utf-8", "replace"))
            parser = KumaMetricsParser()
            for start in range(0, len(lines), METRICS_SLICE_LINES):
                if start:
                    await asyncio.sleep(0)
                parser.feed(lines[start : start + METRICS_SLICE_LINES])
            return parser.result()
        except ApiInvalidResponseError as err:
            self.metrics.mark_last_failed(err.kind)  # the answer counts as a failed request
            raise

    async def monitors(self) -> dict[str, Monitor]:
        """Read every monitor with one request."""
        return (await self.read_metrics()).monitors


__all__ = [
    "PAUSED",
    "STATUSES",
    "KumaMetrics",
    "KumaVersionError",
    "Monitor",
    "MonitorStatus",
    "UptimeKumaClient",
    "parse_kuma_metrics",
    "parse_metrics",
]
