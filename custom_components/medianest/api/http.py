"""The HTTP layer every MediaNest service client shares.

It gives each client the same behaviour: a request timeout, retry with exponential
backoff for idempotent reads (never for writes), `Retry-After` on 429, a bound on
concurrent requests per service, large bodies parsed off the event loop, and request
metrics that Home Assistant shows as health entities. Credentials travel in headers;
URLs built here never carry them, so a URL may be logged.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
import logging
import time
from typing import Any, Final

import aiohttp
import orjson
from yarl import URL

from .errors import (
    ApiAuthenticationError,
    ApiConnectionError,
    ApiInvalidResponseError,
    ApiNotFoundError,
    ApiRateLimitedError,
    ApiServerError,
    ApiTimeoutError,
    ApiValidationError,
    MedianestApiError,
)

_LOGGER = logging.getLogger(__name__)

DEFAULT_TIMEOUT: Final = 10.0
DEFAULT_RETRIES: Final = 2
DEFAULT_BACKOFF: Final = 0.5
DEFAULT_CONCURRENCY: Final = 4
MAX_RETRY_AFTER: Final = 30.0
# Bodies larger than this are parsed (and reduced) in a worker thread.
OFFLOOP_PARSE_BYTES: Final = 256 * 1024
METRICS_WINDOW: Final = 50

# The clock response times are measured with.
clock = time.monotonic

type Json = Any


@dataclass(slots=True)
class ClientMetrics:
    """What one client observed of its service: the health data users see."""

    requests: int = 0
    errors: int = 0
    bytes_received: int = 0
    last_response_time: float | None = None
    last_error_kind: str | None = None
    _outcomes: deque[bool] = field(default_factory=lambda: deque(maxlen=METRICS_WINDOW))

    def record(self, *, ok: bool, elapsed: float | None, error_kind: str | None = None) -> None:
        """Record one request's outcome."""
        self.requests += 1
        self._outcomes.append(ok)
        if elapsed is not None:
            self.last_response_time = elapsed
        if not ok:
            self.errors += 1
            self.last_error_kind = error_kind

    @property
    def error_rate(self) -> float | None:
        """Share of failed requests among the recent ones, in percent."""
        if not self._outcomes:
            return None
        return round(100 * self._outcomes.count(False) / len(self._outcomes), 1)

    def as_dict(self) -> dict[str, Any]:
        """Return the metrics for diagnostics."""
        return {
            "requests": self.requests,
            "errors": self.errors,
            "bytes_received": self.bytes_received,
            "last_response_time": self.last_response_time,
            "error_rate": self.error_rate,
            "last_error_kind": self.last_error_kind,
        }


def normalize_url(url: str) -> str:
    """Return a base URL without a trailing slash, query or fragment."""
    parsed = URL(url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ValueError("URL must be http(s) with a host")
    return str(parsed.with_query(None).with_fragment(None)).rstrip("/")


class HttpClient:
    """Base of every service client: one request helper with shared behaviour."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        base_url: str,
        *,
        timeout: float | None = None,
        retries: int | None = None,
        backoff: float | None = None,
        max_concurrency: int | None = None,
    ) -> None:
        """Set up the client on a session owned by the caller (defaults: module constants)."""
        self._session = session
        self.base_url = normalize_url(base_url)
        self._timeout = DEFAULT_TIMEOUT if timeout is None else timeout
        self._retries = DEFAULT_RETRIES if retries is None else retries
        self._backoff = DEFAULT_BACKOFF if backoff is None else backoff
        self._semaphore = asyncio.Semaphore(max_concurrency or DEFAULT_CONCURRENCY)
        self.metrics = ClientMetrics()

    def _auth_headers(self) -> Mapping[str, str]:
        """Headers that authenticate a request; clients override this."""
        return {}

    def _error_message(self, body: bytes) -> str | None:
        """Pull a human message out of an error body; clients may override."""
        try:
            data = orjson.loads(body)
        except orjson.JSONDecodeError:
            return None
        if isinstance(data, dict):
            for key in ("message", "error"):
                if isinstance(data.get(key), str):
                    return str(data[key])
        return None

    def _validation_messages(self, body: bytes) -> list[str]:
        """Messages of a 400 answer; clients override for their error shape."""
        message = self._error_message(body)
        return [message] if message else []

    async def request[T](
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int | float | bool] | None = None,
        json: Json = None,
        data: Mapping[str, str] | None = None,
        transform: Callable[[Json], T] | None = None,
        expect_json: bool = True,
    ) -> T | Json:
        """Send one request and return the decoded (and transformed) answer.

        GET requests are retried on connection errors, timeouts, 5xx and 429;
        other methods are sent once.
        """
        idempotent = method.upper() in ("GET", "HEAD")
        attempts = self._retries + 1 if idempotent else 1
        for attempt in range(attempts):
            try:
                return await self._request_once(
                    method,
                    path,
                    params=params,
                    json=json,
                    data=data,
                    transform=transform,
                    expect_json=expect_json,
                )
            except (ApiConnectionError, ApiTimeoutError, ApiServerError, ApiRateLimitedError) as err:
                if attempt + 1 >= attempts:
                    raise
                delay = self._backoff * (2**attempt)
                if isinstance(err, ApiRateLimitedError):
                    if err.retry_after is not None and err.retry_after > MAX_RETRY_AFTER:
                        raise
                    delay = max(delay, err.retry_after or 0.0)
                _LOGGER.debug("%s %s failed (%s); retrying in %.1f s", method, path, err.kind, delay)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _request_once[T](
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int | float | bool] | None,
        json: Json,
        data: Mapping[str, str] | None,
        transform: Callable[[Json], T] | None,
        expect_json: bool,
    ) -> T | Json:
        url = f"{self.base_url}{path}"
        query = {k: _query_value(v) for k, v in (params or {}).items()}
        started = clock()
        try:
            async with (
                self._semaphore,
                self._session.request(
                    method,
                    url,
                    params=query,
                    json=json,
                    data=data,
                    headers=self._auth_headers(),
                    timeout=aiohttp.ClientTimeout(total=self._timeout),
                    allow_redirects=False,
                ) as response,
            ):
                body = await response.read()
                status = response.status
                retry_after = response.headers.get("Retry-After")
        except TimeoutError as err:
            self.metrics.record(ok=False, elapsed=None, error_kind=ApiTimeoutError.kind)
            raise ApiTimeoutError(f"Timed out after {self._timeout:.0f} s") from err
        except aiohttp.ClientError as err:
            self.metrics.record(ok=False, elapsed=None, error_kind=ApiConnectionError.kind)
            raise ApiConnectionError(f"Cannot connect: {type(err).__name__}") from err
        elapsed = clock() - started
        self.metrics.bytes_received += len(body)
        try:
            self._check_status(status, body, retry_after)
            result = await self._decode(body, transform) if expect_json else body
        except MedianestApiError as err:
            self.metrics.record(ok=False, elapsed=elapsed, error_kind=err.kind)
            raise
        self.metrics.record(ok=True, elapsed=elapsed)
        return result

    def _check_status(self, status: int, body: bytes, retry_after: str | None) -> None:
        if status < 300:
            return
        if status in (401, 403):
            raise ApiAuthenticationError(f"Rejected credentials (HTTP {status})")
        if status == 404:
            raise ApiNotFoundError(self._error_message(body) or "Not found")
        if status == 429:
            raise ApiRateLimitedError("Rate limited (HTTP 429)", _parse_retry_after(retry_after))
        if status in (400, 409, 422):
            raise ApiValidationError(self._validation_messages(body))
        if status >= 500:
            raise ApiServerError(self._error_message(body) or f"HTTP {status}", status)
        raise ApiInvalidResponseError(f"Unexpected HTTP {status}")

    async def _decode[T](self, body: bytes, transform: Callable[[Json], T] | None) -> T | Json:
        if not body:
            return transform(None) if transform else None
        if len(body) >= OFFLOOP_PARSE_BYTES:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(None, _parse, body, transform)
        return _parse(body, transform)


def _parse[T](body: bytes, transform: Callable[[Json], T] | None) -> T | Json:
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as err:
        raise ApiInvalidResponseError("Response is not valid JSON") from err
    if transform is None:
        return data
    try:
        return transform(data)
    except (TypeError, ValueError, KeyError, AttributeError) as err:
        raise ApiInvalidResponseError(f"Unexpected response shape: {err}") from err


def _query_value(value: str | int | float | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _parse_retry_after(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None
