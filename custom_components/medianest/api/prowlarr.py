"""Client for Prowlarr (API v1): indexers, their failures and statistics, and tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .models import JsonDict, as_dict, as_list, opt_bool, opt_datetime, opt_int, opt_str, parse_list, req_int
from .servarr import ServarrClient, validation_failures


@dataclass(frozen=True, slots=True)
class Indexer:
    """An indexer, reduced to what the entities show."""

    id: int
    name: str
    enabled: bool
    protocol: str | None
    privacy: str | None
    definition: str | None

    @classmethod
    def from_json(cls, data: Any) -> Indexer:
        """Build from an indexer resource."""
        data = as_dict(data)
        indexer_id = req_int(data, "id")
        return cls(
            id=indexer_id,
            name=opt_str(data, "name") or f"Indexer {indexer_id}",
            enabled=opt_bool(data, "enable") is not False,
            protocol=opt_str(data, "protocol"),
            privacy=opt_str(data, "privacy"),
            definition=opt_str(data, "definitionName") or opt_str(data, "implementationName"),
        )


@dataclass(frozen=True, slots=True)
class IndexerFailure:
    """An indexer Prowlarr lists as failing or backed off."""

    indexer_id: int
    disabled_till: datetime | None
    most_recent_failure: datetime | None
    initial_failure: datetime | None

    @classmethod
    def from_json(cls, data: Any) -> IndexerFailure:
        """Build from an indexer status record."""
        data = as_dict(data)
        return cls(
            indexer_id=req_int(data, "indexerId"),
            disabled_till=opt_datetime(data, "disabledTill"),
            most_recent_failure=opt_datetime(data, "mostRecentFailure"),
            initial_failure=opt_datetime(data, "initialFailure"),
        )


@dataclass(frozen=True, slots=True)
class IndexerStats:
    """Queries and grabs of one indexer over a period."""

    indexer_id: int
    queries: int | None
    grabs: int | None
    failed_queries: int | None
    failed_grabs: int | None
    average_response_time: int | None

    @classmethod
    def from_json(cls, data: Any) -> IndexerStats:
        """Build from an indexer statistics record."""
        data = as_dict(data)
        return cls(
            indexer_id=req_int(data, "indexerId"),
            queries=opt_int(data, "numberOfQueries"),
            grabs=opt_int(data, "numberOfGrabs"),
            failed_queries=opt_int(data, "numberOfFailedQueries"),
            failed_grabs=opt_int(data, "numberOfFailedGrabs"),
            average_response_time=opt_int(data, "averageResponseTime"),
        )


@dataclass(frozen=True, slots=True)
class IndexerTestResult:
    """The outcome of testing one indexer."""

    indexer_id: int
    valid: bool
    errors: list[str]


class ProwlarrClient(ServarrClient):
    """Prowlarr v1 and v2 (API v1)."""

    api = "/api/v1"

    async def indexers(self) -> list[Indexer]:
        """Read the configured indexers."""
        return await self.request(
            "GET", "/api/v1/indexer", transform=lambda d: parse_list(d, Indexer.from_json)
        )

    async def indexer_failures(self) -> dict[int, IndexerFailure]:
        """Read which indexers are failing (Prowlarr lists only those)."""
        return await self.request(
            "GET",
            "/api/v1/indexerstatus",
            transform=lambda d: {f.indexer_id: f for f in parse_list(d, IndexerFailure.from_json)},
        )

    async def indexer_stats(self, since: datetime) -> dict[int, IndexerStats]:
        """Read every indexer's queries and grabs since a moment."""
        return await self.request(
            "GET",
            "/api/v1/indexerstats",
            params={"startDate": since.isoformat()},
            transform=lambda d: {
                s.indexer_id: s for s in parse_list(as_dict(d).get("indexers"), IndexerStats.from_json)
            },
        )

    async def test_indexer(self, indexer_id: int) -> IndexerTestResult:
        """Test one indexer.

        The API has no test route by id: the indexer's full resource is read and posted
        back to `indexer/test`, which answers 200 `{}` when it works and 400 with the
        validation failures when it does not.
        """
        resource: JsonDict = await self.request(
            "GET", f"/api/v1/indexer/{indexer_id}", transform=_require_object
        )
        errors: list[str] = await self.request(
            "POST",
            "/api/v1/indexer/test",
            params={"forceTest": True},
            json=resource,
            transform=validation_failures,
            accept=(400,),
        )
        return IndexerTestResult(indexer_id=indexer_id, valid=not errors, errors=errors)

    async def test_all_indexers(self) -> list[IndexerTestResult]:
        """Test every enabled indexer (400 means some failed; the body says which)."""

        def parse(data: Any) -> list[IndexerTestResult]:
            return [
                IndexerTestResult(
                    indexer_id=req_int(item, "id"),
                    valid=opt_bool(item, "isValid") is not False,
                    errors=validation_failures(item.get("validationFailures")),
                )
                for item in map(as_dict, as_list(data))
            ]

        return await self.request("POST", "/api/v1/indexer/testall", transform=parse, accept=(400,))


def _require_object(data: Any) -> JsonDict:
    if not isinstance(data, dict):
        raise ValueError("indexer is not an object")
    return data


__all__ = ["Indexer", "IndexerFailure", "IndexerStats", "IndexerTestResult", "ProwlarrClient"]
