"""Where one title is across the stack: requested, in the library, downloading, on Plex.

The answer of "where is the movie Dune" and of `medianest.get_media_status`.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
import re
from typing import TYPE_CHECKING, Any

from homeassistant.core import HomeAssistant

from ..api import MedianestApiError
from ..api.seerr import MediaStatus
from ..const import DOMAIN, LOGGER, ServiceKind
from .downloads import ActiveDownload, async_active_downloads

if TYPE_CHECKING:
    from ..core.spec import MedianestConfigEntry

#: how many of a Plex library's titles that contain the words are compared
PLEX_MATCHES = 10
#: what may follow a title in a release's name: its year, a season or episode, nothing
_AFTER_TITLE = re.compile(r"^(?:$|(?:19|20)\d\d\b|s\d{1,2}(?:e\d+)?\b|season\b|complete\b)")
#: Seerr's availability as said: what waits for approval is "requested"
ORDER: tuple[str, ...] = (
    ServiceKind.SEERR,
    ServiceKind.SONARR,
    ServiceKind.RADARR,
    "downloading",
    ServiceKind.PLEX,
)
SEERR_STATES = {
    MediaStatus.PENDING: "requested",
    MediaStatus.PROCESSING: "approved",
    MediaStatus.PARTIALLY_AVAILABLE: "partially_available",
    MediaStatus.AVAILABLE: "available",
    MediaStatus.BLOCKLISTED: "blocklisted",
    MediaStatus.DELETED: "deleted",
}


def plain(title: str) -> str:
    """A title as compared with a spoken one: lower case, letters and digits, no leading "the"."""
    words = "".join(c if c.isalnum() else " " for c in title.casefold()).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _release_of(name: str, wanted: str) -> bool:
    """Whether a download's name ("Dune.2021.2160p.WEB-DL") is of the title ("dune")."""
    name = plain(name)
    return name.startswith(wanted) and bool(_AFTER_TITLE.match(name[len(wanted) :].lstrip()))


@dataclass(slots=True)
class Place:
    """One service's word on the title."""

    service: str
    kind: ServiceKind
    #: requested, approved, available (Seerr, Plex); downloaded, missing, unmonitored,
    #: partly (Sonarr, Radarr); downloading
    state: str
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """As an action answers it."""
        return {"service": self.service, "kind": self.kind.value, "state": self.state} | self.details


@dataclass(slots=True)
class WhereIs:
    """Where a title is."""

    title: str
    year: int | None = None
    media_type: str | None = None
    places: list[Place] = field(default_factory=list)
    unavailable: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """As an action answers it."""
        return {
            "title": self.title,
            "year": self.year,
            "media_type": self.media_type,
            "places": [p.as_dict() for p in self.places],
            "unavailable": list(self.unavailable),
        }


class _Lookup:
    """One question across every loaded entry."""

    def __init__(self, hass: HomeAssistant, title: str) -> None:
        self.hass = hass
        self.wanted = plain(title)
        self.answer = WhereIs(title=title)
        self.entries: list[MedianestConfigEntry] = hass.config_entries.async_loaded_entries(DOMAIN)
        #: (entry id, library id) of what Sonarr and Radarr have
        self.in_library: set[tuple[str, int]] = set()

    def of(self, *kinds: ServiceKind) -> list[MedianestConfigEntry]:
        return [e for e in self.entries if e.runtime_data.kind in kinds]

    def failed(self, entry: MedianestConfigEntry, err: Exception) -> None:
        LOGGER.debug("%s could not be asked where a title is: %s", entry.title, err)
        self.answer.unavailable.append(entry.title)

    def learn(self, title: str, year: int | None, media_type: str | None) -> None:
        """The title as a service spells it (the first that knows it)."""
        if self.answer.year is None and year:
            self.answer.title, self.answer.year = title, year
        self.answer.media_type = self.answer.media_type or media_type

    async def seerr(self, entry: MedianestConfigEntry) -> None:
        try:
            results = await entry.runtime_data.coordinator.client.search(self.answer.title)
        except MedianestApiError as err:
            self.failed(entry, err)
            return
        match = next((r for r in results if plain(r.title) == self.wanted), None)
        if match is None:
            return
        self.learn(match.title, match.year, "movie" if match.media_type == "movie" else "series")
        if (state := SEERR_STATES.get(MediaStatus(match.media_status or 1))) is not None:
            self.answer.places.append(Place(entry.title, ServiceKind.SEERR, state))

    async def arr(self, entry: MedianestConfigEntry) -> None:
        client = entry.runtime_data.coordinator.client
        try:
            results = [r for r in await client.lookup(self.answer.title) if r.in_library]
            match = next((r for r in results if plain(r.title) == self.wanted), None)
            if match is None or match.library_id is None:
                return
            item = await client.library_item(match.library_id)
        except MedianestApiError as err:
            self.failed(entry, err)
            return
        is_movie = entry.runtime_data.kind is ServiceKind.RADARR
        self.learn(item.title, item.year, "movie" if is_movie else "series")
        self.in_library.add((entry.entry_id, item.id))
        if item.wanted and item.files >= item.wanted:
            state = "downloaded"
        elif not item.monitored:
            state = "unmonitored"
        else:
            state = "partly" if item.files else "missing"
        details = {"monitored": item.monitored, "files": item.files}
        if not is_movie:
            details["episodes"] = item.wanted
        self.answer.places.append(Place(entry.title, entry.runtime_data.kind, state, details))

    async def plex(self, entry: MedianestConfigEntry) -> None:
        coordinator = entry.runtime_data.coordinator
        sections = [s for s in coordinator.data.sections.values() if s.type in ("movie", "show")]
        try:
            for section in sections:
                page = await coordinator.client.items(section, title=self.answer.title, size=PLEX_MATCHES)
                for item in page.items:
                    if plain(item.title) == self.wanted:
                        self.learn(item.title, item.year, "movie" if item.type == "movie" else "series")
                        details = {"library": section.title, "year": item.year}
                        self.answer.places.append(Place(entry.title, ServiceKind.PLEX, "available", details))
                        return
        except MedianestApiError as err:
            self.failed(entry, err)

    def downloading(self, downloads: list[ActiveDownload]) -> None:
        kinds = {e.entry_id: e.runtime_data.kind for e in self.entries}
        for download in downloads:
            if (download.entry_id, download.media_id) in self.in_library or (
                download.media_id is None and _release_of(download.title, self.wanted)
            ):
                details = {"progress": download.progress, "seconds_left": download.seconds_left}
                self.answer.places.append(
                    Place(download.service, kinds[download.entry_id], "downloading", details)
                )


async def async_where_is(hass: HomeAssistant, title: str) -> WhereIs:
    """Follow one title across every MediaNest entry; each service is asked once, side by side."""
    lookup = _Lookup(hass, title.strip())
    # Seerr first: it spells the title and knows its year, which the others' answers then keep.
    await asyncio.gather(*(lookup.seerr(e) for e in lookup.of(ServiceKind.SEERR)))
    await asyncio.gather(
        *(lookup.arr(e) for e in lookup.of(ServiceKind.SONARR, ServiceKind.RADARR)),
        *(lookup.plex(e) for e in lookup.of(ServiceKind.PLEX)),
    )
    downloads, failed = await async_active_downloads(hass)
    lookup.downloading(downloads)
    lookup.answer.unavailable += [name for name in failed if name not in lookup.answer.unavailable]
    # In the order a title goes: requested, in the library, downloading, on Plex.
    lookup.answer.places.sort(key=lambda p: ORDER.index(p.state if p.state == "downloading" else p.kind))
    return lookup.answer
