"""What Sonarr and Radarr read when: setup, the calendar, and pushed events."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.medianest.apps.arr.const import ARR_LIBRARY_AFTER_IMPORT, ARR_LIBRARY_PUSH_INTERVAL
from custom_components.medianest.apps.arr.push import authorization
from custom_components.medianest.const import CONF_PUSH_EVENTS, CONF_WEBHOOK_ID, CONF_WEBHOOK_SECRET
from custom_components.medianest.core.coordinator import PUSH_REFRESH_COOLDOWN
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util

from ..conftest import make_entry, setup_entry
from ..fakes.arr import FakeArr


def _reads(server: FakeArr, path: str) -> int:
    return server.requests.count(("GET", path))


async def test_setup_returns_before_the_library_is_read(
    hass: HomeAssistant, radarr: FakeArr, unload_entries: None
) -> None:
    held = radarr.hold_path("/api/v3/movie")
    entry = make_entry(radarr)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    # Set up with the queue, health and profiles; the library is still on its way.
    assert entry.state is ConfigEntryState.LOADED
    assert hass.states.get("sensor.radarr_queue").state == "3"
    assert hass.states.get("sensor.radarr_movies").state == "unknown"
    held.set()
    await hass.async_block_till_done()
    assert int(hass.states.get("sensor.radarr_movies").state) == len(radarr.items)
    assert _reads(radarr, "/api/v3/movie") == 1
    assert hass.states.get("calendar.radarr_calendar") is not None


async def test_sonarr_calendar_takes_titles_from_the_library(
    hass: HomeAssistant, sonarr: FakeArr, unload_entries: None
) -> None:
    entry = await setup_entry(hass, make_entry(sonarr))
    calendar_queries = [q for q in sonarr.queries if q[0] == "/api/v3/calendar"]
    assert calendar_queries
    assert all("includeSeries" not in query for _, query in calendar_queries)
    upcoming = entry.runtime_data.coordinator.data.upcoming
    titles = {sonarr.items[e["seriesId"]]["title"] for e in sonarr.upcoming}
    assert {item.title for item in upcoming} <= titles
    assert {item.title for item in upcoming}
    # Every series was known from the library: none was read alone.
    assert not any(p.startswith("/api/v3/series/") for _, p in sonarr.requests)

    # A series added since the library was read is read alone, once.
    new_id = max(sonarr.items) + 1
    sonarr.items[new_id] = {**sonarr.items[min(sonarr.items)], "id": new_id, "title": "Slow Horses"}
    sonarr.upcoming.append(
        {**sonarr.upcoming[0], "id": 99_001, "seriesId": new_id, "title": "Failure's Contagious"}
    )
    coordinator = entry.runtime_data.coordinator
    for _ in range(2):
        await coordinator.async_refresh_after_push(tiers=("calendar",))
        await hass.async_block_till_done()
    assert sonarr.requests.count(("GET", f"/api/v3/series/{new_id}")) == 1
    assert "Slow Horses" in {item.title for item in coordinator.data.upcoming}


async def test_pushed_imports_read_the_calendar_at_once_and_the_library_once_later(
    hass: HomeAssistant,
    radarr: FakeArr,
    unload_entries: None,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    entry = await setup_entry(hass, make_entry(radarr, **{CONF_PUSH_EVENTS: True}))
    coordinator = entry.runtime_data.coordinator
    library = coordinator.tier("library")
    assert library.interval == ARR_LIBRARY_PUSH_INTERVAL
    client = await hass_client_no_auth()
    url = f"/api/webhook/{entry.data[CONF_WEBHOOK_ID]}"
    headers = {"Authorization": authorization(entry.data[CONF_WEBHOOK_SECRET])}
    movie = next(iter(radarr.items.values()))
    movies, calendars = _reads(radarr, "/api/v3/movie"), _reads(radarr, "/api/v3/calendar")

    # An import: the calendar (which movies have a file) at once, not the whole library...
    imported = {"eventType": "Download", "movie": {"id": movie["id"], "title": movie["title"]}}
    assert (await client.post(url, json=imported, headers=headers)).status == 200
    await hass.async_block_till_done()
    assert (_reads(radarr, "/api/v3/movie"), _reads(radarr, "/api/v3/calendar")) == (movies, calendars + 1)
    # ...which is read at the first poll 10 minutes later, once for a whole burst.
    assert library.last_run is not None
    due = library.last_run + library.interval
    assert abs(due - (dt_util.utcnow() + ARR_LIBRARY_AFTER_IMPORT)) < timedelta(seconds=5)

    # A movie added: the library at once.
    added = {"eventType": "MovieAdded", "movie": {"id": 999, "title": "Dune"}}
    await asyncio.sleep(PUSH_REFRESH_COOLDOWN)
    assert (await client.post(url, json=added, headers=headers)).status == 200
    await hass.async_block_till_done()
    assert _reads(radarr, "/api/v3/movie") == movies + 1
