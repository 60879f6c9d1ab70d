"""Playback and library changes pushed by Plex: the server's notification websocket.

The coordinator keeps one connection to the server's notification stream (the token in a
header), reconnecting with a growing pause when it drops; polling stays as the fallback.
A session that starts, pauses, resumes or stops fires the entry's Playback event entity and
`medianest_event` on the bus (user, title, player), and the session sensors update at once.
Progress notifications of a session that keeps playing are not events. An item added to or
deleted from a library reads *Recently added* and the library counts at once.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, Final

from homeassistant.core import callback

from ...api import ApiAuthenticationError, MedianestApiError
from ...api.models import JsonDict, as_dict, as_list, opt_str
from ...api.plex import PlaybackInfo
from ...const import LOGGER

if TYPE_CHECKING:
    from .coordinator import PlexCoordinator

#: the longest pause between attempts to connect (it starts at a second and doubles)
MAX_RECONNECT_DELAY: Final = 300.0
#: a library's timeline entries: 5 when an item is done processing, 9 when it was deleted
LIBRARY_IDENTIFIER: Final = "com.plexapp.plugins.library"
TIMELINE_DONE: Final = (5, 9)
PLAYBACK_EVENT_TYPES: Final = ["playback_started", "playback_paused", "playback_resumed", "playback_stopped"]


def playback_event(previous: str | None, state: str) -> str | None:
    """The event of a session going from one state to another; None when it is no event."""
    if state == "stopped":
        return "playback_stopped" if previous is not None else None
    if state == "paused":
        return "playback_paused" if previous != "paused" else None
    if state == "playing":
        if previous in (None, "stopped"):
            return "playback_started"
        return "playback_resumed" if previous == "paused" else None
    return None  # buffering


class PlexNotifications:
    """The notification stream of one Plex entry."""

    def __init__(self, coordinator: PlexCoordinator) -> None:
        """Keep the coordinator whose server it listens to."""
        self._coordinator = coordinator
        #: each session's last state and who plays what (the stopped session is gone from Plex)
        self._states: dict[str, str] = {}
        self._sessions: dict[str, PlaybackInfo] = {}
        self._delay = 1.0
        self.connected = False

    @callback
    def async_start(self) -> None:
        """Listen until the entry unloads."""
        entry = self._coordinator.config_entry
        entry.async_create_background_task(
            self._coordinator.hass, self._async_run(), f"medianest plex notifications {entry.entry_id}"
        )

    async def _async_run(self) -> None:
        client = self._coordinator.client
        while True:
            try:
                await client.listen(self._on_message, on_open=self._on_open)
            except ApiAuthenticationError as err:
                LOGGER.debug("Plex refused its notifications (polling goes on): %s", err)
                return  # the next poll asks for a new token
            except MedianestApiError as err:
                LOGGER.debug("Plex's notifications are not available now: %s", err)
            self.connected = False
            await asyncio.sleep(self._delay)
            self._delay = min(self._delay * 2, MAX_RECONNECT_DELAY)

    @callback
    def _on_open(self) -> None:
        self.connected = True
        self._delay = 1.0
        # What plays already is no "started": learn it first.
        self._coordinator.hass.async_create_task(self._async_learn_sessions(), eager_start=False)

    async def _async_learn_sessions(self) -> None:
        try:
            sessions = await self._coordinator.client.playing()
        except MedianestApiError:
            return
        for info in sessions:
            self._sessions[info.session_key] = info
            if info.state:
                self._states.setdefault(info.session_key, info.state)

    @callback
    def _on_message(self, container: JsonDict) -> None:
        if container.get("type") == "timeline":
            self._on_timeline(container)
            return
        if container.get("type") != "playing":
            return
        for item in as_list(container.get("PlaySessionStateNotification")):
            notification = as_dict(item)
            key, state = str(notification.get("sessionKey") or ""), opt_str(notification, "state")
            if not key or state is None:
                continue
            previous = self._states.get(key)
            if state == "stopped":
                self._states.pop(key, None)
            else:
                self._states[key] = state
            if (event_type := playback_event(previous, state)) is not None:
                self._coordinator.hass.async_create_task(
                    self._async_report(key, event_type), eager_start=False
                )

    @callback
    def _on_timeline(self, container: JsonDict) -> None:
        """A library item done processing (added or changed) or deleted: read what was added.

        Plex reports each new item several times while it is scanned and matched; only the
        end counts, and a burst (a whole season) is read once more after it, not per item.
        """
        for item in as_list(container.get("TimelineEntry")):
            entry = as_dict(item)
            if entry.get("identifier") == LIBRARY_IDENTIFIER and entry.get("state") in TIMELINE_DONE:
                self._coordinator.hass.async_create_task(
                    self._coordinator.async_refresh_after_push(tiers=("recent", "libraries")),
                    eager_start=False,
                )
                return

    async def _async_report(self, key: str, event_type: str) -> None:
        """Say who plays what (read from Plex, or remembered for a stopped session)."""
        info = self._sessions.get(key)
        if event_type != "playback_stopped":
            try:
                info = next(
                    (s for s in await self._coordinator.client.playing() if s.session_key == key), info
                )
            except MedianestApiError as err:
                LOGGER.debug("Plex's sessions could not be read for an event: %s", err)
            if info is not None:
                self._sessions[key] = info
        else:
            self._sessions.pop(key, None)
        self._coordinator.emit_pushed(event_type, _attributes(info))
        await self._coordinator.async_refresh_after_push()


def _attributes(info: PlaybackInfo | None) -> dict[str, Any]:
    if info is None:
        return {}
    values = {"user": info.user, "title": info.title, "player": info.player, "media_type": info.media_type}
    return {key: value for key, value in values.items() if value is not None}
