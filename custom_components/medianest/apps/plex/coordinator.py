"""The Plex coordinator: what it reads, in which tiers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, override

from homeassistant.core import HomeAssistant, callback

from ...api.plex import LibrarySection, MediaItem, PlexClient, PlexIdentity, SessionSummary
from ...core.coordinator import MedianestCoordinator, Tier, UnsupportedServerError
from .const import PLEX_LIBRARY_INTERVAL, PLEX_RECENT_INTERVAL, PLEX_SCAN_INTERVAL
from .push import PlexNotifications

if TYPE_CHECKING:
    from ...core.spec import MedianestConfigEntry


@dataclass(slots=True)
class PlexData:
    """What a Plex entry shows."""

    identity: PlexIdentity | None = None
    sessions: SessionSummary | None = None
    sections: dict[str, LibrarySection] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    latest: MediaItem | None = None

    @property
    def version(self) -> str | None:
        """The server's version (shown on the device)."""
        return self.identity.version if self.identity else None


class PlexCoordinator(MedianestCoordinator[PlexClient, PlexData]):
    """Coordinator for Plex: sessions every poll, the newest item often, libraries rarely."""

    scan_interval = PLEX_SCAN_INTERVAL

    def __init__(self, hass: HomeAssistant, entry: MedianestConfigEntry, client: PlexClient) -> None:
        """Set up the coordinator and its notification stream."""
        super().__init__(hass, entry, client)
        self.notifications = PlexNotifications(self)

    @override
    @callback
    def async_start(self) -> None:
        """Listen to the server's notifications (playback) until the entry unloads."""
        self.notifications.async_start()

    @override
    def _create_data(self) -> PlexData:
        return PlexData()

    @override
    def _create_tiers(self) -> list[Tier[PlexData]]:
        return [
            Tier("sessions", None, self._fetch_sessions),
            Tier("recent", PLEX_RECENT_INTERVAL, self._fetch_recent),
            Tier("libraries", PLEX_LIBRARY_INTERVAL, self._fetch_libraries),
        ]

    async def _fetch_sessions(self, data: PlexData) -> None:
        data.sessions = await self.client.sessions()

    async def _fetch_recent(self, data: PlexData) -> None:
        latest = await self.client.recently_added(1)
        data.latest = latest[0] if latest else None

    async def _fetch_libraries(self, data: PlexData) -> None:
        identity = await self.client.identity()
        if identity.machine_identifier != self.config_entry.unique_id:
            raise UnsupportedServerError("another Plex server answers at this address")
        data.identity = identity
        sections = await self.client.sections()
        data.sections = {s.key: s for s in sections}
        data.counts = {s.key: await self.client.section_count(s.key) for s in sections}

    def section(self, name_or_key: str) -> LibrarySection | None:
        """A library by its name (any case) or its key."""
        sections = self.data.sections
        if name_or_key in sections:
            return sections[name_or_key]
        wanted = name_or_key.strip().casefold()
        return next((s for s in sections.values() if s.title.casefold() == wanted), None)
