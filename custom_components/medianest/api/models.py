"""Typed, frozen models shared by the service clients.

Every model is built defensively: a missing or mistyped optional field becomes `None`
(or an empty value for collections), never an exception. A missing *identity* field
(such as an id) makes the model builder raise `ValueError`, which the HTTP layer turns
into `ApiInvalidResponseError`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
import threading
from typing import Any

type JsonDict = dict[str, Any]

# Records skipped while one answer is parsed (see `parse_list`); per thread, since an
# answer is parsed in the event loop's thread or in a worker thread.
_skipped = threading.local()


@contextmanager
def counting_skips() -> Iterator[list[str]]:
    """Collect what `parse_list` skips while an answer is parsed."""
    previous = getattr(_skipped, "records", None)
    records: list[str] = []
    _skipped.records = records
    try:
        yield records
    finally:
        _skipped.records = previous


def parse_list[T](value: Any, factory: Callable[[Any], T]) -> list[T]:
    """The items of a JSON array built by `factory`; one it cannot build is skipped.

    One malformed record (an item without an id) must not fail a whole answer: it is
    left out and counted (the client's metrics show how many; diagnostics list them).
    """
    items: list[T] = []
    for item in as_list(value):
        try:
            items.append(factory(item))
        except (TypeError, ValueError, KeyError, AttributeError) as err:
            records = getattr(_skipped, "records", None)
            if records is not None:
                records.append(f"{getattr(factory, '__qualname__', 'item')}: {err}")
    return items


def as_dict(value: Any) -> JsonDict:
    """Return the value if it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """Return the value if it is a JSON array, else an empty one."""
    return value if isinstance(value, list) else []


def opt_str(data: JsonDict, key: str) -> str | None:
    """A string field, or None."""
    value = data.get(key)
    return value if isinstance(value, str) else None


def opt_int(data: JsonDict, key: str) -> int | None:
    """An integer field (bools excluded), or None."""
    value = data.get(key)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def opt_float(data: JsonDict, key: str) -> float | None:
    """A numeric field, or None."""
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def opt_bool(data: JsonDict, key: str) -> bool | None:
    """A boolean field, or None."""
    value = data.get(key)
    return value if isinstance(value, bool) else None


def req_int(data: JsonDict, key: str) -> int:
    """An integer field that identifies the object: raise if it is missing."""
    value = opt_int(data, key)
    if value is None:
        raise ValueError(f"missing {key}")
    return value


def opt_datetime(data: JsonDict, key: str) -> datetime | None:
    """An ISO 8601 date-time field (UTC if no zone is given), or None."""
    value = opt_str(data, key)
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class SystemStatus:
    """What a server says about itself."""

    app_name: str | None
    instance_name: str | None
    version: str | None

    @classmethod
    def from_json(cls, data: Any) -> SystemStatus:
        """Build from a system status answer."""
        if not isinstance(data, dict):
            raise ValueError("system status is not an object")
        return cls(
            app_name=opt_str(data, "appName"),
            instance_name=opt_str(data, "instanceName"),
            version=opt_str(data, "version"),
        )


@dataclass(frozen=True, slots=True)
class HealthIssue:
    """One problem a server reports about itself."""

    source: str | None
    type: str | None
    message: str | None
    wiki_url: str | None

    @classmethod
    def from_json(cls, data: Any) -> HealthIssue:
        """Build from one health record."""
        data = as_dict(data)
        return cls(
            source=opt_str(data, "source"),
            type=opt_str(data, "type"),
            message=opt_str(data, "message"),
            wiki_url=opt_str(data, "wikiUrl"),
        )

    @property
    def is_problem(self) -> bool:
        """Whether this is a warning or an error, not a notice."""
        return self.type in ("warning", "error")


@dataclass(frozen=True, slots=True)
class RootFolder:
    """A root folder media is stored in."""

    id: int
    path: str
    accessible: bool | None
    free_space: int | None

    @classmethod
    def from_json(cls, data: Any) -> RootFolder:
        """Build from a root folder record (its unmapped folder list is dropped)."""
        data = as_dict(data)
        return cls(
            id=req_int(data, "id"),
            path=opt_str(data, "path") or "",
            accessible=opt_bool(data, "accessible"),
            free_space=opt_int(data, "freeSpace"),
        )


@dataclass(frozen=True, slots=True)
class QualityProfile:
    """A quality profile (only what choosing one needs)."""

    id: int
    name: str

    @classmethod
    def from_json(cls, data: Any) -> QualityProfile:
        """Build from a quality profile record."""
        data = as_dict(data)
        return cls(id=req_int(data, "id"), name=opt_str(data, "name") or str(data["id"]))
