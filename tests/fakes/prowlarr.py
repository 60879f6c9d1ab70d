"""A fake Prowlarr (v2, API v1), after the official OpenAPI document.

Stateful: an indexer can be made to fail (it is then listed by `indexerstatus`, its test
fails with validation failures, and its failed queries count up) and to recover; indexers
can be added and deleted through the API as in Prowlarr. Faults come from `FakeServer`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from aiohttp import web

from .generate import iso
from .servarr import FakeServarr

VERSION = "2.3.5.5327"
DEFINITIONS = (
    ("1337x", "torrent", "public"),
    ("Nyaa.si", "torrent", "public"),
    ("The Pirate Bay", "torrent", "public"),
    ("TorrentLeech", "torrent", "private"),
    ("NZBgeek", "usenet", "private"),
    ("DrunkenSlug", "usenet", "private"),
    ("EZTV", "torrent", "public"),
    ("IPTorrents", "torrent", "private"),
)
FIELDS_SECRET = "********"


class FakeProwlarr(FakeServarr):
    """A fake Prowlarr with a few indexers."""

    api = "/api/v1"

    def __init__(self, api_key: str, *, indexers: int = 5, port: int = 0, **kwargs: Any) -> None:
        """Create a server with `indexers` indexers (at most as many as known definitions)."""
        super().__init__("Prowlarr", VERSION, api_key, port=port, **kwargs)
        self.indexers: dict[int, dict[str, Any]] = {}
        #: records the indexer list also holds, as a broken server might send them
        self.malformed: list[dict[str, Any]] = []
        self.failing: set[int] = set()
        self.stats: dict[int, dict[str, int]] = {}
        self._next_id = 1
        for name, protocol, privacy in DEFINITIONS[:indexers]:
            self.add_indexer(name, protocol, privacy, enable=self._next_id != 4)

    # --- state ---------------------------------------------------------------------------

    def add_indexer(
        self, name: str, protocol: str = "torrent", privacy: str = "public", *, enable: bool = True
    ) -> int:
        """Add an indexer as the UI would; return its id."""
        indexer_id = self._next_id
        self._next_id += 1
        self.indexers[indexer_id] = self._resource(indexer_id, name, protocol, privacy, enable)
        self.stats[indexer_id] = {"queries": 40 * indexer_id, "grabs": 3 * indexer_id, "failed": 0}
        return indexer_id

    def fail(self, indexer_id: int) -> None:
        """Make an indexer fail: listed as backed off, its test fails."""
        self.failing.add(indexer_id)
        self.stats[indexer_id]["failed"] += 5

    def recover(self, indexer_id: int) -> None:
        """Make a failing indexer work again."""
        self.failing.discard(indexer_id)

    def _resource(
        self, indexer_id: int, name: str, protocol: str, privacy: str, enable: bool
    ) -> dict[str, Any]:
        slug = name.lower().replace(" ", "").replace(".", "")
        implementation = "Newznab" if protocol == "usenet" else "Cardigann"
        return {
            "id": indexer_id,
            "name": name,
            "sortName": name.lower(),
            "fields": [
                {
                    "order": 0,
                    "name": "definitionFile",
                    "label": "Definition File",
                    "value": slug,
                    "type": "textbox",
                    "advanced": False,
                    "hidden": "hidden",
                    "privacy": "normal",
                    "isFloat": False,
                },
                {
                    "order": 1,
                    "name": "baseUrl",
                    "label": "Base Url",
                    "value": f"https://{slug}.example/",
                    "type": "select",
                    "advanced": False,
                    "privacy": "normal",
                    "isFloat": False,
                },
                {
                    "order": 2,
                    "name": "apiKey" if protocol == "usenet" else "cookie",
                    "label": "API Key",
                    "value": FIELDS_SECRET,
                    "type": "textbox",
                    "advanced": False,
                    "privacy": "apiKey",
                    "isFloat": False,
                },
            ],
            "implementationName": implementation,
            "implementation": implementation,
            "configContract": f"{implementation}Settings",
            "infoLink": f"https://wiki.servarr.com/prowlarr/supported-indexers#{slug}",
            "tags": [],
            "indexerUrls": [f"https://{slug}.example/"],
            "legacyUrls": [],
            "definitionName": slug,
            "description": f"{name} is a {privacy} {protocol} indexer",
            "language": "en-US",
            "encoding": "UTF-8",
            "enable": enable,
            "redirect": False,
            "supportsRss": True,
            "supportsSearch": True,
            "supportsRedirect": False,
            "supportsPagination": protocol == "usenet",
            "appProfileId": 1,
            "protocol": protocol,
            "privacy": privacy,
            "capabilities": {
                "id": 0,
                "limitsMax": 100,
                "limitsDefault": 100,
                "categories": [],
                "supportsRawSearch": False,
                "searchParams": ["q"],
                "tvSearchParams": ["q", "season", "ep"],
                "movieSearchParams": ["q"],
                "musicSearchParams": [],
                "bookSearchParams": [],
            },
            "priority": 25,
            "downloadClientId": 0,
            "added": iso(self.now - timedelta(days=30 + indexer_id)),
        }

    def _failure(self, indexer_id: int) -> dict[str, Any]:
        return {
            "id": indexer_id,
            "indexerId": indexer_id,
            "disabledTill": iso(self.now + timedelta(hours=1)),
            "mostRecentFailure": iso(self.now - timedelta(minutes=5)),
            "initialFailure": iso(self.now - timedelta(hours=2)),
        }

    def _test_failures(self, indexer_id: int) -> list[dict[str, Any]]:
        if indexer_id not in self.failing:
            return []
        return [
            {
                "propertyName": "",
                "errorMessage": (
                    "Unable to connect to indexer, check the log above the ValidationFailure "
                    "for more details."
                ),
                "severity": "error",
                "isWarning": False,
            }
        ]

    # --- application -----------------------------------------------------------------------

    def build_app(self) -> web.Application:
        """The API routes."""
        app = super().build_app()
        r = app.router
        r.add_get("/api/v1/indexer", self._simple(lambda: [*self.indexers.values(), *self.malformed]))
        r.add_post("/api/v1/indexer", self._create)
        r.add_get("/api/v1/indexer/{id:\\d+}", self._indexer)
        r.add_delete("/api/v1/indexer/{id:\\d+}", self._delete)
        r.add_post("/api/v1/indexer/test", self._test)
        r.add_post("/api/v1/indexer/testall", self._test_all)
        r.add_get(
            "/api/v1/indexerstatus",
            self._simple(lambda: [self._failure(i) for i in sorted(self.failing) if i in self.indexers]),
        )
        r.add_get("/api/v1/indexerstats", self._stats)
        r.add_post("/__fake__/indexer", self._admin_indexer)
        return app

    def _indexer_or_404(self, request: web.Request) -> dict[str, Any] | None:
        return self.indexers.get(int(request.match_info["id"]))

    async def _indexer(self, request: web.Request) -> web.Response:
        indexer = self._indexer_or_404(request)
        if indexer is None:
            return self._json({"message": "NotFound"}, status=404)
        return self._json(indexer)

    async def _delete(self, request: web.Request) -> web.Response:
        indexer_id = int(request.match_info["id"])
        if self.indexers.pop(indexer_id, None) is None:
            return self._json({"message": "NotFound"}, status=404)
        self.failing.discard(indexer_id)
        self.stats.pop(indexer_id, None)
        return self._json({})

    async def _create(self, request: web.Request) -> web.Response:
        body = await request.json()
        if problems := _missing_properties(body):
            return self._json(problems, status=400)
        indexer_id = self.add_indexer(
            body["name"],
            body.get("protocol", "torrent"),
            body.get("privacy", "public"),
            enable=body.get("enable", True),
        )
        return self._json(self.indexers[indexer_id], status=201)

    async def _test(self, request: web.Request) -> web.Response:
        body = await request.json()
        if problems := _missing_properties(body):
            return self._json(problems, status=400)
        if failures := self._test_failures(int(body.get("id") or 0)):
            return self._json(failures, status=400)
        return self._json({})

    async def _test_all(self, request: web.Request) -> web.Response:
        results = [
            {"id": i, "isValid": not (failures := self._test_failures(i)), "validationFailures": failures}
            for i, indexer in self.indexers.items()
            if indexer["enable"]
        ]
        return self._json(results, status=200 if all(r["isValid"] for r in results) else 400)

    async def _stats(self, request: web.Request) -> web.Response:
        return self._json(
            {
                "id": 0,
                "indexers": [
                    {
                        "indexerId": i,
                        "indexerName": indexer["name"],
                        "averageResponseTime": 180 + 20 * i,
                        "averageGrabResponseTime": 240,
                        "numberOfQueries": self.stats[i]["queries"],
                        "numberOfGrabs": self.stats[i]["grabs"],
                        "numberOfRssQueries": 12,
                        "numberOfAuthQueries": 0,
                        "numberOfFailedQueries": self.stats[i]["failed"],
                        "numberOfFailedGrabs": 0,
                        "numberOfFailedRssQueries": 0,
                        "numberOfFailedAuthQueries": 0,
                    }
                    for i, indexer in self.indexers.items()
                    if self.stats[i]["queries"]
                ],
                "userAgents": [{"userAgent": "Sonarr", "numberOfQueries": 120, "numberOfGrabs": 9}],
                "hosts": [{"host": "127.0.0.1", "numberOfQueries": 120, "numberOfGrabs": 9}],
            }
        )

    async def _admin_indexer(self, request: web.Request) -> web.Response:
        """Demo control: `{"id": 2, "failing": true}` makes indexer 2 fail."""
        body = await request.json()
        indexer_id = int(body["id"])
        if indexer_id not in self.indexers:
            return web.json_response({"error": "no such indexer"}, status=404)
        if body.get("failing"):
            self.fail(indexer_id)
        else:
            self.recover(indexer_id)
        return web.json_response({"failing": sorted(self.failing)})


def _missing_properties(body: Any) -> list[dict[str, Any]]:
    """Validation failures for an indexer body that is not a full resource."""
    if not isinstance(body, dict):
        body = {}
    return [
        {"propertyName": name, "errorMessage": f"'{name}' must not be empty.", "severity": "error"}
        for name in ("Name", "Implementation", "Fields")
        if not body.get(name[0].lower() + name[1:])
    ]
