"""The HTTP layer every MediaNest service client shares.

It gives each client the same behaviour: a request timeout, retry with exponential
backoff for idempotent reads (never for writes), `Retry-After` on 429, a bound on
concurrent requests per service, large bodies parsed off the event loop, and request
metrics that Home Assistant shows as health entities. Credentials travel in headers;
URLs built here never carry them, so a URL may be logged. Every error's text is scrubbed
of the client's credentials (servers echo them in error pages) and cut to a sane length.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Collection, Mapping
from dataclasses import dataclass, field
from functools import partial
import logging
import time
from typing import Any, Final, cast

import aiohttp
import orjson
from yarl import URL

from .errors import (
    ApiAuthenticationError,
    ApiConnectionError,
    ApiInvalidResponseError,
    ApiNotFoundError,
    ApiRateLimitedError,
    ApiResponseTooLargeError,
    ApiServerError,
    ApiTimeoutError,
    ApiValidationError,
    MedianestApiError,
)
from .models import counting_skips
from .redact import header_secrets, scrub

_LOGGER = logging.getLogger(__name__)

DEFAULT_TIMEOUT: Final = 10.0
DEFAULT_RETRIES: Final = 2
DEFAULT_BACKOFF: Final = 0.5
DEFAULT_CONCURRENCY: Final = 4
MAX_RETRY_AFTER: Final = 30.0
# A server asking for a longer pause than MAX_RETRY_AFTER gets it, up to this long.
MAX_PAUSE: Final = 3600.0
# The largest answer read, unless a request says otherwise (status answers are far smaller;
# a wrong address pointing at an endless stream must not fill the memory).
DEFAULT_MAX_BYTES: Final = 16 * 1024 * 1024
#: the largest image (a poster) accepted from a service
MAX_IMAGE_BYTES: Final = 2 * 1024 * 1024
#: the image types accepted, by their first bytes
IMAGE_TYPES: Final = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg", b"RIFF": "image/webp"}
# How many conditional answers a client keeps (a few paths poll conditionally).
VALIDATED_ANSWERS: Final = 16
# The largest streamed array (a whole library: 15,000 movies are about 67 MB).
FOLD_MAX_BYTES: Final = 256 * 1024 * 1024
# Of an error answer only this much is read.
ERROR_BODY_BYTES: Final = 64 * 1024
# Bodies larger than this are parsed (and reduced) in a worker thread.
OFFLOOP_PARSE_BYTES: Final = 256 * 1024
# Large arrays read with `fold_array` are parsed a slice of about this size at a time.
FOLD_SLICE_BYTES: Final = 256 * 1024
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
    #: records left out of answers because they were malformed (an item without an id)
    skipped_records: int = 0
    last_skipped: str | None = None
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

    def mark_last_failed(self, error_kind: str) -> None:
        """The last request's answer turned out unusable (parsed after the request)."""
        if self._outcomes and self._outcomes[-1]:
            self._outcomes[-1] = False
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
            "skipped_records": self.skipped_records,
            "last_skipped": self.last_skipped,
        }


def normalize_url(url: str) -> str:
    """Return a base URL without credentials, a trailing slash, query or fragment."""
    parsed = URL(url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ValueError("URL must be http(s) with a host")
    return str(parsed.with_user(None).with_query(None).with_fragment(None)).rstrip("/")


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
        self._proxy_auth: str | None = None
        self._secrets: set[str] = set()
        #: when (monotonic clock) a server that asked for a long pause may be asked again
        self.paused_until: float | None = None
        self._skip_logged: set[str] = set()
        # Conditional reads: the ETag and the answer last read, by path and query.
        self._validated: dict[tuple[str, tuple[tuple[str, str], ...]], tuple[str, Any]] = {}
        self.metrics = ClientMetrics()

    def _auth_headers(self) -> Mapping[str, str]:
        """Headers that authenticate a request; clients override this."""
        return {}

    def set_proxy_auth(self, username: str | None, password: str | None) -> None:
        """Send HTTP Basic credentials for a reverse proxy in front of the service.

        A client whose own credentials are an `Authorization` header keeps its own.
        """
        if not username and not password:
            self._proxy_auth = None
            return
        self._proxy_auth = aiohttp.encode_basic_auth(username or "", password or "")
        self.add_secret(password)

    def add_secret(self, value: str | None) -> None:
        """A credential no error text may show (besides those in the auth headers)."""
        if value:
            self._secrets.add(value)

    def scrub(self, text: str) -> str:
        """A text that came from the server, fit to show: no credential of this client."""
        headers = list(self._auth_headers().items())
        if self._proxy_auth:
            headers.append(("Authorization", self._proxy_auth))
        return scrub(text, self._secrets | header_secrets(headers))

    @property
    def pause_remaining(self) -> float | None:
        """Seconds until the server may be asked again, while it asked for a pause."""
        if self.paused_until is None:
            return None
        remaining = self.paused_until - clock()
        if remaining <= 0:
            self.paused_until = None
            return None
        return remaining

    def _note_skipped(self, path: str, skipped: list[str]) -> None:
        """Count malformed records left out of an answer; log each path once (debug)."""
        if not skipped:
            return
        self.metrics.skipped_records += len(skipped)
        self.metrics.last_skipped = self.scrub(skipped[-1])
        if path not in self._skip_logged:
            self._skip_logged.add(path)
            _LOGGER.debug(
                "%s: %d malformed record(s) left out: %s", path, len(skipped), self.scrub(skipped[0])
            )

    def _clean(self, err: MedianestApiError) -> None:
        """Scrub an error's texts before it leaves the client."""
        err.args = tuple(self.scrub(a) if isinstance(a, str) else a for a in err.args)
        if isinstance(err, ApiValidationError):
            err.messages = [self.scrub(m) for m in err.messages]

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
        accept: Collection[int] = (),
        headers: Mapping[str, str] | None = None,
        authenticate: bool = True,
        max_bytes: int | None = None,
        conditional: bool = False,
    ) -> T | Json:
        """Send one request and return the decoded (and transformed) answer.

        GET requests are retried on connection errors, timeouts, 5xx and 429;
        other methods are sent once. A large body is parsed in a worker thread.
        Statuses in `accept` are read as answers rather than raised as errors;
        `headers` are sent besides the client's own, which `authenticate=False` leaves out.
        An answer larger than `max_bytes` (default `DEFAULT_MAX_BYTES`) is refused.
        `conditional` (a GET of a server that sends ETags): the last answer's ETag is sent
        as `If-None-Match`, and on 304 Not Modified the last answer is returned again,
        with nothing read or parsed.
        """
        key = (path, tuple(sorted((k, _query_value(v)) for k, v in (params or {}).items())))
        validated = self._validated.get(key) if conditional else None
        if validated is not None:
            headers = {**(headers or {}), "If-None-Match": validated[0]}
            accept = (*accept, 304)

        async def read(response: aiohttp.ClientResponse) -> T | Json:
            if validated is not None and response.status == 304:
                return cast("T | Json", validated[1])
            body = await self._read_body(response, max_bytes or DEFAULT_MAX_BYTES)
            if not expect_json:
                return body
            result, skipped = await _decode(body, transform)
            self._note_skipped(path, skipped)
            if conditional and response.status == 200 and (etag := response.headers.get("ETag")):
                if len(self._validated) >= VALIDATED_ANSWERS:
                    self._validated.pop(next(iter(self._validated)))
                self._validated[key] = (etag, result)
            return result

        return await self._with_retries(
            method,
            path,
            partial(
                self._request_once, method, path, params, json, data, read, accept, headers, authenticate
            ),
        )

    async def image(
        self,
        path: str,
        *,
        params: Mapping[str, str | int | float | bool] | None = None,
    ) -> tuple[bytes, str]:
        """An image the server sends (a poster): its bytes and type, checked to be one."""
        body: bytes = await self.request(
            "GET", path, params=params, expect_json=False, max_bytes=MAX_IMAGE_BYTES
        )
        for magic, content_type in IMAGE_TYPES.items():
            if body.startswith(magic):
                return body, content_type
        raise ApiInvalidResponseError(f"{path} is not an image")

    async def fold_array[A](
        self,
        path: str,
        fold: Callable[[A, Json], A],
        initial: A,
        *,
        params: Mapping[str, str | int | float | bool] | None = None,
    ) -> A:
        """Read a JSON array and fold its elements into a value, as the body arrives.

        For answers too large to parse at once without stalling the event loop (a
        whole library): the .NET servers indent their JSON, so a top-level element ends
        where a line holds just `  }` (a JSON string cannot contain a raw newline).
        Complete elements are parsed a slice of at most `FOLD_SLICE_BYTES` at a time and
        folded; nothing but the running value is kept. A compact body (no indentation)
        is parsed whole in a worker thread instead.
        """

        async def read(response: aiohttp.ClientResponse) -> A:
            folder = _ArrayFolder(fold, initial)
            async for chunk in self._chunks(response, FOLD_MAX_BYTES):
                folder.feed(chunk)
                await asyncio.sleep(0)
            return await folder.finish()

        return await self._with_retries(
            "GET", path, partial(self._request_once, "GET", path, params, None, None, read)
        )

    async def _with_retries[R](self, method: str, path: str, attempt_once: Callable[[], Awaitable[R]]) -> R:
        """Run one request attempt, again after a backoff where the method allows it."""
        idempotent = method.upper() in ("GET", "HEAD")
        attempts = self._retries + 1 if idempotent else 1
        for attempt in range(attempts):
            try:
                return await attempt_once()
            except (ApiConnectionError, ApiTimeoutError, ApiServerError, ApiRateLimitedError) as err:
                if attempt + 1 >= attempts:
                    raise
                delay = self._backoff * (2**attempt)
                if isinstance(err, ApiRateLimitedError):
                    if self.paused_until is not None:
                        raise  # a long pause (set by `_check_status`): no request sleeps through it
                    delay = max(delay, err.retry_after or 0.0)
                _LOGGER.debug("%s %s failed (%s); retrying in %.1f s", method, path, err.kind, delay)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _request_once[R](
        self,
        method: str,
        path: str,
        params: Mapping[str, str | int | float | bool] | None,
        json: Json,
        data: Mapping[str, str] | None,
        read: Callable[[aiohttp.ClientResponse], Awaitable[R]],
        accept: Collection[int] = (),
        headers: Mapping[str, str] | None = None,
        authenticate: bool = True,
    ) -> R:
        url = f"{self.base_url}{path}"
        query = {k: _query_value(v) for k, v in (params or {}).items()}
        if (remaining := self.pause_remaining) is not None:
            # The server asked for a pause: nothing is sent until it is over.
            raise ApiRateLimitedError(f"Rate limited for {remaining:.0f} s more", remaining)
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
                    headers=self._request_headers(authenticate, headers),
                    timeout=aiohttp.ClientTimeout(total=self._timeout),
                    allow_redirects=False,
                ) as response,
            ):
                if response.status >= 300 and response.status not in accept:
                    body = await _read_some(response, ERROR_BODY_BYTES)
                    self.metrics.bytes_received += len(body)
                    self._check_status(response.status, body, response.headers.get("Retry-After"))
                result = await read(response)
        except TimeoutError as err:
            self.metrics.record(ok=False, elapsed=None, error_kind=ApiTimeoutError.kind)
            raise ApiTimeoutError(f"Timed out after {self._timeout:.0f} s") from err
        except aiohttp.ClientError as err:
            self.metrics.record(ok=False, elapsed=None, error_kind=ApiConnectionError.kind)
            raise ApiConnectionError(f"Cannot connect: {type(err).__name__}") from err
        except MedianestApiError as err:
            self.metrics.record(ok=False, elapsed=clock() - started, error_kind=err.kind)
            self._clean(err)
            raise
        self.metrics.record(ok=True, elapsed=clock() - started)
        return result

    def _request_headers(self, authenticate: bool, extra: Mapping[str, str] | None) -> dict[str, str]:
        headers = dict(self._auth_headers()) if authenticate else {}
        if self._proxy_auth and "Authorization" not in headers:
            headers["Authorization"] = self._proxy_auth
        return headers | dict(extra or {})

    async def _chunks(self, response: aiohttp.ClientResponse, limit: int) -> AsyncIterator[bytes]:
        """The body as it arrives, counted; refused beyond `limit` bytes."""
        if response.content_length is not None and response.content_length > limit:
            raise _too_large(limit)
        received = 0
        async for chunk in response.content.iter_chunked(64 * 1024):
            self.metrics.bytes_received += len(chunk)
            received += len(chunk)
            if received > limit:
                raise _too_large(limit)
            yield chunk

    async def _read_body(self, response: aiohttp.ClientResponse, limit: int) -> bytes:
        """The whole body, refused beyond `limit` bytes."""
        return b"".join([chunk async for chunk in self._chunks(response, limit)])

    def _check_status(self, status: int, body: bytes, retry_after: str | None) -> None:
        if status in (401, 403):
            raise ApiAuthenticationError(f"Rejected credentials (HTTP {status})")
        if status == 404:
            raise ApiNotFoundError(self._error_message(body) or "Not found")
        if status == 429:
            wait = _parse_retry_after(retry_after)
            if wait is not None and wait > MAX_RETRY_AFTER:
                # A long pause: honoured (up to MAX_PAUSE) by every request of this client.
                self.paused_until = clock() + min(wait, MAX_PAUSE)
                wait = min(wait, MAX_PAUSE)
            raise ApiRateLimitedError("Rate limited (HTTP 429)", wait)
        if status in (400, 409, 422):
            raise ApiValidationError(self._validation_messages(body))
        if status >= 500:
            raise ApiServerError(self._error_message(body) or f"HTTP {status}", status)
        raise ApiInvalidResponseError(f"Unexpected HTTP {status}")


def _too_large(limit: int) -> ApiResponseTooLargeError:
    return ApiResponseTooLargeError(f"The answer is larger than {limit // (1024 * 1024)} MB")


async def _read_some(response: aiohttp.ClientResponse, limit: int) -> bytes:
    """At most `limit` bytes of a body (an error page needs no more)."""
    body = bytearray()
    async for chunk in response.content.iter_chunked(16 * 1024):
        body += chunk
        if len(body) >= limit:
            break
    return bytes(body[:limit])


class _ArrayFolder[A]:
    """Folds the elements of an indented top-level JSON array as its bytes arrive."""

    # A line holding just the closing brace of a top-level element.
    END = b"\n  }"

    def __init__(self, fold: Callable[[A, Json], A], initial: A) -> None:
        self._fold = fold
        self.value = initial
        self._buffer = bytearray()
        self._started = False
        self._streaming = True

    def feed(self, chunk: bytes) -> None:
        """Take more of the body; fold the complete elements once enough are buffered."""
        self._buffer += chunk
        if not self._streaming or len(self._buffer) < FOLD_SLICE_BYTES:
            return
        if not self._started:
            head = self._buffer.lstrip()
            if not head.startswith(b"[") or self.END not in self._buffer:
                self._streaming = False  # not an indented array: parse it whole at the end
                return
            del self._buffer[: len(self._buffer) - len(head) + 1]
            self._started = True
        cut = self._buffer.rfind(self.END)
        if cut == -1:
            return
        cut += len(self.END)
        self._fold_slice(bytes(self._buffer[:cut]))
        del self._buffer[:cut]

    def _fold_slice(self, elements: bytes) -> None:
        items, _ = _parse(b"[" + elements.lstrip().removeprefix(b",") + b"]", None)
        for item in items:
            self.value = self._fold(self.value, item)

    async def finish(self) -> A:
        """Fold what is left and return the value."""
        rest = bytes(self._buffer)
        if not self._started:
            items, _ = await _decode(rest, None)
            if not isinstance(items, list):
                raise ApiInvalidResponseError("Expected a JSON array")
            for item in items:
                self.value = self._fold(self.value, item)
            return self.value
        tail = rest.rstrip()
        if not tail.endswith(b"]"):
            raise ApiInvalidResponseError("Truncated JSON array")
        tail = tail[:-1].strip().removeprefix(b",")
        if tail:
            self._fold_slice(tail)
        return self.value


async def _decode[T](body: bytes, transform: Callable[[Json], T] | None) -> tuple[T | Json, list[str]]:
    """Parse (and transform) a body, a large one in a worker thread; and what was skipped."""
    if not body:
        return (transform(None) if transform else None), []
    if len(body) >= OFFLOOP_PARSE_BYTES:
        return await asyncio.get_running_loop().run_in_executor(None, _parse, body, transform)
    return _parse(body, transform)


def _parse[T](body: bytes, transform: Callable[[Json], T] | None) -> tuple[T | Json, list[str]]:
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as err:
        raise ApiInvalidResponseError("Response is not valid JSON") from err
    if transform is None:
        return data, []
    with counting_skips() as skipped:
        try:
            return transform(data), skipped
        except (TypeError, ValueError, KeyError, AttributeError, RecursionError) as err:
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
