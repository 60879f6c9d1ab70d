"""Playback pushed by Plex over its notification websocket: events, reconnecting, no token in URLs."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.medianest.apps.plex.push import playback_event
from custom_components.medianest.const import EVENT_MEDIANEST
from homeassistant.core import HomeAssistant

from ..conftest import PLEX_SERVER_TOKEN
from ..fakes.plex import FakePlexServer

PLAYBACK = "event.media_server_playback"
SESSIONS = "sensor.media_server_active_sessions"


@pytest.mark.parametrize(
    ("previous", "state", "event"),
    [
        (None, "playing", "playback_started"),
        ("playing", "playing", None),  # progress of a session that keeps playing
        ("playing", "paused", "playback_paused"),
        ("paused", "paused", None),
        ("paused", "playing", "playback_resumed"),
        ("playing", "buffering", None),
        ("buffering", "playing", None),
        ("playing", "stopped", "playback_stopped"),
        (None, "stopped", None),  # a session MediaNest never saw
        (None, "paused", "playback_paused"),
    ],
)
def test_playback_events(previous: str | None, state: str, event: str | None) -> None:
    assert playback_event(previous, state) == event


async def _until(hass: HomeAssistant, condition: Callable[[], bool], seconds: float = 5) -> None:
    async with asyncio.timeout(seconds):
        while not condition():
            await hass.async_block_till_done()
            await asyncio.sleep(0.05)


async def test_playback_is_pushed(
    hass: HomeAssistant, plex: FakePlexServer, plex_entry: MockConfigEntry
) -> None:
    notifications = plex_entry.runtime_data.coordinator.notifications
    await _until(hass, lambda: notifications.connected and bool(plex.listeners))
    events = async_capture_events(hass, EVENT_MEDIANEST)
    movie = plex.sections["1"].items[0]
    plex.play(movie, user="alice")
    await plex.pushed()
    await _until(hass, lambda: hass.states.get(PLAYBACK).attributes.get("event_type") == "playback_started")
    state = hass.states.get(PLAYBACK)
    assert (state.attributes["user"], state.attributes["title"], state.attributes["player"]) == (
        "alice",
        movie["title"],
        "Living Room",
    )
    # The session sensor is read at once, without waiting for the next poll.
    await _until(hass, lambda: hass.states.get(SESSIONS).state == "1")

    session = plex.sessions[0]["sessionKey"]
    plex.set_state(session, "playing")  # progress: no event
    plex.set_state(session, "paused")
    plex.set_state(session, "playing")
    await plex.pushed()
    await _until(hass, lambda: [e.data["event_type"] for e in events][-1:] == ["playback_resumed"])
    plex.stop_all()
    await plex.pushed()
    await _until(hass, lambda: len(events) == 4)
    assert [e.data["event_type"] for e in events] == [
        "playback_started",
        "playback_paused",
        "playback_resumed",
        "playback_stopped",
    ]
    # Stopped, the session is gone from Plex: who and what are remembered.
    assert (events[-1].data["user"], events[-1].data["service"]) == ("alice", "plex")
    await _until(hass, lambda: hass.states.get(SESSIONS).state == "0")


async def test_a_dropped_stream_comes_back_and_what_plays_is_not_started_again(
    hass: HomeAssistant, plex: FakePlexServer, plex_entry: MockConfigEntry
) -> None:
    notifications = plex_entry.runtime_data.coordinator.notifications
    await _until(hass, lambda: notifications.connected and bool(plex.listeners))
    plex.play(plex.sections["1"].items[1], user="bob")
    await plex.pushed()
    await _until(hass, lambda: hass.states.get(PLAYBACK).attributes.get("event_type") == "playback_started")
    events = async_capture_events(hass, EVENT_MEDIANEST)
    await plex.drop_listeners()  # the server restarts, say
    await _until(hass, lambda: notifications.connected and bool(plex.listeners), seconds=10)
    await hass.async_block_till_done()
    # The session still playing sends its progress: known, so no new "started".
    plex.set_state(plex.sessions[0]["sessionKey"], "playing")
    plex.set_state(plex.sessions[0]["sessionKey"], "paused")
    await plex.pushed()
    await _until(hass, lambda: len(events) == 1)
    assert events[0].data["event_type"] == "playback_paused"


async def test_the_token_is_sent_in_a_header_only(
    hass: HomeAssistant, plex: FakePlexServer, plex_entry: MockConfigEntry, monkeypatch: pytest.MonkeyPatch
) -> None:
    urls: list[str] = []
    session = plex_entry.runtime_data.client._session
    connect = session.ws_connect

    def spy(url: str, **kwargs: object) -> object:
        urls.append(str(url))
        return connect(url, **kwargs)

    monkeypatch.setattr(session, "ws_connect", spy)
    await plex.drop_listeners()
    await _until(hass, lambda: bool(urls) and bool(plex.listeners), seconds=10)
    assert urls[-1].endswith("/:/websocket/notifications")
    assert PLEX_SERVER_TOKEN not in urls[-1]


async def test_a_new_movie_is_pushed(
    hass: HomeAssistant, plex: FakePlexServer, plex_entry: MockConfigEntry
) -> None:
    """Plex reports a new item while scanning it; once it is done, *Latest added* shows it."""
    notifications = plex_entry.runtime_data.coordinator.notifications
    await _until(hass, lambda: notifications.connected and bool(plex.listeners))
    plex.requests.clear()
    plex.add_movie("1", "Arrival", year=2016)
    await plex.pushed()
    await _until(hass, lambda: hass.states.get("sensor.media_server_latest_added").state == "Arrival")
    # The scan's first two reports do not count: one read of what was added.
    assert plex.requests.count(("GET", "/library/recentlyAdded")) == 1
