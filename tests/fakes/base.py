"""What every fake server shares: a runner on loopback and runtime fault injection."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from enum import StrEnum
import json
from typing import Any

from aiohttp import web

type Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

ADMIN_PATH = "/__fake__/fault"
STATS_PATH = "/__fake__/stats"


class Fault(StrEnum):
    """Faults a fake server can be switched into at runtime."""

    NONE = "none"
    REFUSED = "refused"  # the port stops listening: connection refused
    SLOW = "slow"  # answers only after `slow_seconds`, beyond the client's timeout
    UNAUTHORIZED = "401"
    FORBIDDEN = "403"
    RATE_LIMITED = "429"  # with Retry-After
    SERVER_ERROR = "500"
    MALFORMED = "malformed"  # a body that is not JSON
    PARTIAL = "partial"  # valid JSON with every optional field left out
    ECHO = "echo"  # a 500 error page echoing the request, headers and body, as some proxies do
    ENDLESS = "endless"  # 200 with a body that never ends (a wrong address: a stream)


# Fields a "partial" answer keeps: the identity and paging fields, nothing optional.
REQUIRED_FIELDS = frozenset(
    {
        "id",
        "records",
        "totalRecords",
        "totalCount",
        "page",
        "pageSize",
        "title",
        "tvdbId",
        "tmdbId",
        "name",
        "path",
    }
)


def strip_optional(value: Any) -> Any:
    """Drop every field that is not an identity or paging field."""
    if isinstance(value, dict):
        return {k: strip_optional(v) for k, v in value.items() if k in REQUIRED_FIELDS}
    if isinstance(value, list):
        return [strip_optional(v) for v in value]
    return value


def drop_nulls(value: Any) -> Any:
    """Leave out null-valued properties, as the .NET servers' serializer does."""
    if isinstance(value, dict):
        return {k: drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [drop_nulls(v) for v in value]
    return value


class FakeServer:
    """An aiohttp application served on 127.0.0.1 with switchable faults."""

    #: how long stopping waits for requests in flight (a streamed download, say)
    shutdown_timeout: float = 60.0

    def __init__(self, *, port: int = 0, slow_seconds: float = 3.0, retry_after: int = 1) -> None:
        """Prepare the server; `port=0` picks a free port."""
        self.port = port
        self.fault = Fault.NONE
        self.slow_seconds = slow_seconds
        self.retry_after = retry_after
        self.requests: list[tuple[str, str]] = []
        #: each request's path and query, in order
        self.queries: list[tuple[str, dict[str, str]]] = []
        self.indent: int | None = 2  # the .NET servers indent their JSON; None = compact
        self.bytes_sent = 0
        #: faults of single paths (exact match), besides the server-wide one
        self.path_faults: dict[str, Fault] = {}
        #: paths whose requests wait until their event is set (`hold_path`)
        self.held: dict[str, asyncio.Event] = {}
        self.last_headers: dict[str, str] = {}
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None

    @property
    def url(self) -> str:
        """The server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def build_app(self) -> web.Application:
        """Return the application; subclasses add their routes."""
        app = web.Application(middlewares=[self._fault_middleware])
        app.router.add_post(ADMIN_PATH, self._admin_fault)
        app.router.add_get(STATS_PATH, self._admin_stats)
        return app

    async def start(self) -> None:
        """Start listening."""
        self._runner = web.AppRunner(
            self.build_app(), access_log=None, shutdown_timeout=self.shutdown_timeout
        )
        await self._runner.setup()
        await self._listen()

    async def _listen(self) -> None:
        assert self._runner is not None
        self._site = web.TCPSite(self._runner, "127.0.0.1", self.port, reuse_address=True)
        await self._site.start()
        if self.port == 0:
            server = self._site._server
            assert server is not None
            self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        """Stop the server and free the port."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
            self._site = None

    async def set_fault(self, fault: Fault | str) -> None:
        """Switch into a fault (or back to normal with `Fault.NONE`)."""
        fault = Fault(fault)
        if fault is Fault.REFUSED and self._site is not None:
            await self._site.stop()
            self._site = None
        elif fault is not Fault.REFUSED and self._site is None and self._runner is not None:
            await self._listen()
        self.fault = fault

    def fail_path(self, path: str, fault: Fault) -> None:
        """Answer one path with a fault (not `REFUSED`), the others normally."""
        self.path_faults[path] = fault

    def hold_path(self, path: str) -> asyncio.Event:
        """Keep requests to one path waiting until the returned event is set."""
        return self.held.setdefault(path, asyncio.Event())

    def clear_faults(self) -> None:
        """Answer every path normally again."""
        self.path_faults.clear()

    async def _admin_fault(self, request: web.Request) -> web.Response:
        body = await request.json()
        await self.set_fault(body.get("fault", "none"))
        return web.json_response({"fault": self.fault.value})

    async def _admin_stats(self, request: web.Request) -> web.Response:
        return web.json_response({"requests": len(self.requests), "bytes_sent": self.bytes_sent})

    @web.middleware
    async def _fault_middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path in (ADMIN_PATH, STATS_PATH):
            return await handler(request)
        self.requests.append((request.method, request.path))
        self.queries.append((request.path, dict(request.query)))
        self.last_headers = dict(request.headers)
        if (held := self.held.get(request.path)) is not None:
            await held.wait()
        match self.path_faults.get(request.path, self.fault):
            case Fault.REFUSED:
                # The port no longer listens; a kept-alive connection is cut as a crash would.
                if request.transport is not None:
                    request.transport.abort()
                return web.Response(status=503)
            case Fault.SLOW:
                await asyncio.sleep(self.slow_seconds)
            case Fault.UNAUTHORIZED:
                return web.Response(status=401)
            case Fault.FORBIDDEN:
                return web.Response(status=403)
            case Fault.RATE_LIMITED:
                return web.Response(status=429, headers={"Retry-After": str(self.retry_after)})
            case Fault.SERVER_ERROR:
                return web.json_response({"message": "Internal server error"}, status=500)
            case Fault.ECHO:
                body = await request.text()
                headers = "\n".join(f"{k}: {v}" for k, v in request.headers.items())
                page = f"<pre>Upstream failed: {body}\n{request.method} {request.path_qs}\n{headers}</pre>"
                return web.json_response({"message": page, "error": page}, status=500)
            case Fault.MALFORMED:
                return web.Response(status=200, text="{not json", content_type="application/json")
            case Fault.ENDLESS:
                stream = web.StreamResponse(headers={"Content-Type": "application/json"})
                await stream.prepare(request)
                chunk = b"[" + b"0," * (512 * 1024)
                try:
                    while True:
                        await stream.write(chunk)
                        self.bytes_sent += len(chunk)
                except ConnectionError, RuntimeError:
                    pass  # the client gave up, as it should
                return stream
        response = await handler(request)
        if isinstance(response, web.Response) and response.body is not None:
            self.bytes_sent += len(response.body)  # type: ignore[arg-type]
        return response

    def json(self, data: Any, status: int = 200) -> web.Response:
        """A JSON answer as the .NET servers write it: no nulls, indented (or compact)."""
        data = drop_nulls(data)
        if self.fault is Fault.PARTIAL:
            data = strip_optional(data)
        text = json.dumps(data, indent=self.indent, separators=None if self.indent else (",", ":"))
        return web.Response(status=status, text=text, content_type="application/json")
