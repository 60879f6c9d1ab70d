"""The calendars: Sonarr's episodes at their air time, Radarr's releases as all-day events."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from homeassistant.components.calendar import DOMAIN as CALENDAR_DOMAIN, SERVICE_GET_EVENTS
from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util

from ..conftest import make_entry, setup_entry
from ..fakes.arr import FakeArr
from ..fakes.generate import iso


async def _events(
    hass: HomeAssistant, entity_id: str, start: datetime, end: datetime
) -> list[dict[str, Any]]:
    result = await hass.services.async_call(
        CALENDAR_DOMAIN,
        SERVICE_GET_EVENTS,
        {ATTR_ENTITY_ID: entity_id, "start_date_time": start, "end_date_time": end},
        blocking=True,
        return_response=True,
    )
    return list(result[entity_id]["events"])


async def test_radarr_releases_are_all_day_on_their_date_west_of_utc(
    hass: HomeAssistant, radarr: FakeArr, unload_entries: None
) -> None:
    """A release Radarr writes as midnight UTC is that date in Los Angeles too, not the evening before."""
    await hass.config.async_set_time_zone("America/Los_Angeles")
    today = dt_util.now().date()
    release = today + timedelta(days=3)
    for movie in radarr.items.values():
        for key in ("inCinemas", "digitalRelease", "physicalRelease"):
            movie.pop(key, None)
    movie = next(iter(radarr.items.values()))
    movie["digitalRelease"] = iso(datetime.combine(release, datetime.min.time(), UTC))
    movie["runtime"] = 155
    await setup_entry(hass, make_entry(radarr))

    start = dt_util.start_of_local_day()
    events = await _events(hass, "calendar.radarr_calendar", start, start + timedelta(days=7))
    assert events == [
        {
            "start": release.isoformat(),
            "end": (release + timedelta(days=1)).isoformat(),
            "summary": f"{movie['title']} - Digital release",
            "description": movie["overview"],
        }
    ]
    # The day itself is in a range of that one local day; the day before is not.
    day_start = dt_util.start_of_local_day(release)
    assert len(await _events(hass, "calendar.radarr_calendar", day_start, day_start + timedelta(days=1))) == 1
    before = day_start - timedelta(days=1)
    assert await _events(hass, "calendar.radarr_calendar", before, day_start) == []
    state = hass.states.get("calendar.radarr_calendar")
    assert state.attributes["all_day"] is True
    assert state.attributes["start_time"] == f"{release.isoformat()} 00:00:00"
    assert date.fromisoformat(state.attributes["start_time"][:10]) == release


async def test_a_release_today_is_still_coming_up(
    hass: HomeAssistant, radarr: FakeArr, unload_entries: None
) -> None:
    """Released today at midnight UTC, in the evening in Los Angeles: today's event, on."""
    await hass.config.async_set_time_zone("America/Los_Angeles")
    today = dt_util.now().date()
    for movie in radarr.items.values():
        for key in ("inCinemas", "digitalRelease", "physicalRelease"):
            movie.pop(key, None)
    movie = next(iter(radarr.items.values()))
    movie["inCinemas"] = iso(datetime.combine(today, datetime.min.time(), UTC))
    await setup_entry(hass, make_entry(radarr))
    state = hass.states.get("calendar.radarr_calendar")
    assert state.state == "on"
    assert state.attributes["message"] == f"{movie['title']} - In cinemas"
    assert hass.states.get("sensor.radarr_upcoming_movies").state == "1"


async def test_sonarr_episodes_keep_their_air_time(
    hass: HomeAssistant, sonarr: FakeArr, unload_entries: None
) -> None:
    await setup_entry(hass, make_entry(sonarr))
    now = dt_util.now()
    events = await _events(hass, "calendar.sonarr_calendar", now, now + timedelta(days=30))
    assert events
    assert all("T" in e["start"] for e in events)
