"""What the fake Servarr servers (Sonarr, Radarr, Prowlarr) share.

Key from the `X-Api-Key` header, the `apikey` query or a Bearer token, and a 401 with
an empty body without it; the system status and health routes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from aiohttp import web

from .base import FakeServer
from .generate import iso


class FakeServarr(FakeServer):
    """Base of the fake Sonarr, Radarr and Prowlarr."""

    api = "/api/v3"

    def __init__(self, app_name: str, version: str, api_key: str, **kwargs: Any) -> None:
        """Create the server."""
        super().__init__(**kwargs)
        self.app_name = app_name
        self.kind = app_name.lower()
        self.version = version
        self.api_key = api_key
        self.now = datetime.now(UTC).replace(microsecond=0)
        self.health: list[dict[str, Any]] = []

    def build_app(self) -> web.Application:
        """The routes every Servarr server has; subclasses add theirs."""
        app = super().build_app()
        app.middlewares.append(self._auth_middleware)
        app.router.add_get("/ping", self._ping)
        app.router.add_get(f"{self.api}/system/status", self._status)
        app.router.add_get(f"{self.api}/health", self._simple(lambda: self.health))
        return app

    def _simple(self, get: Any) -> Any:
        async def handler(request: web.Request) -> web.Response:
            return self._json(get())

        return handler

    def _json(self, data: Any, status: int = 200) -> web.Response:
        return self.json(data, status)

    @web.middleware
    async def _auth_middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path.startswith("/api/"):
            bearer = request.headers.get("Authorization", "")
            key = (
                request.query.get("apikey")
                or request.headers.get("X-Api-Key")
                or (bearer[7:] if bearer.startswith("Bearer ") else None)
            )
            if key != self.api_key:
                return web.Response(status=401)
        result: web.StreamResponse = await handler(request)
        return result

    async def _ping(self, request: web.Request) -> web.Response:
        return self._json({"status": "OK"})

    async def _status(self, request: web.Request) -> web.Response:
        return self._json(
            {
                "appName": self.app_name,
                "instanceName": self.app_name,
                "version": self.version,
                "buildTime": "2026-09-01T00:00:00Z",
                "isDebug": False,
                "isProduction": True,
                "isAdmin": False,
                "isUserInteractive": False,
                "startupPath": "/app/bin",
                "appData": "/config",
                "osName": "ubuntu",
                "osVersion": "24.04",
                "isNetCore": True,
                "isLinux": True,
                "isOsx": False,
                "isWindows": False,
                "isDocker": True,
                "mode": "console",
                "branch": "main",
                "authentication": "forms",
                "sqliteVersion": "3.46.1",
                "migrationVersion": 220,
                "urlBase": "",
                "runtimeVersion": "8.0.12",
                "runtimeName": ".NET",
                "startTime": iso(self.now - timedelta(days=3)),
                "packageUpdateMechanism": "docker",
                "databaseType": "sqLite",
            }
        )
