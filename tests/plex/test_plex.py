"""Plex: entities, the library actions, the poster view, and faults."""

from __future__ import annotations

from http import HTTPStatus
import json
import logging

import aiohttp
from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import get_diagnostics_for_config_entry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion
from syrupy.filters import props

from custom_components.medianest.const import DOMAIN
from custom_components.medianest.core import poster
from custom_components.medianest.core.poster import POSTERS, _Posters
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import device_registry as dr, entity_registry as er

from ..conftest import (
    DOWN_FAULTS,
    PLEX_CLIENT_ID,
    PLEX_SERVER_TOKEN,
    make_plex_entry,
    medianest_records,
    refresh,
    setup_entry,
)
from ..fakes.base import Fault
from ..fakes.plex import FakePlexServer, FakePlexTv

SESSIONS = "sensor.media_server_active_sessions"
TRANSCODING = "sensor.media_server_transcoding_sessions"
LATEST = "sensor.media_server_latest_added"
MOVING = props("last_changed", "last_reported", "last_updated", "context")
MOVIES = "sensor.media_server_movies_items"
SHOWS = "sensor.media_server_tv_shows_items"


async def test_entities(
    hass: HomeAssistant, plex: FakePlexServer, plex_entry: MockConfigEntry, entity_registry: er.EntityRegistry
) -> None:
    """Sessions, transcodes, library counts and the newest item, from a cheap poll."""
    assert hass.states.get(SESSIONS).state == "0"
    assert hass.states.get(TRANSCODING).state == "0"
    assert hass.states.get(MOVIES).state == "40"
    assert hass.states.get(SHOWS).state == "6"
    newest = plex.newest()[0]
    latest = hass.states.get(LATEST)
    assert latest.state == f"{newest['grandparentTitle']} S01E08 · Episode 8"
    assert latest.attributes["show"] == newest["grandparentTitle"]
    assert latest.attributes["library"] == "TV Shows"
    picture = latest.attributes["entity_picture"]
    assert picture.startswith("/api/medianest/poster/plex_entry/")
    assert PLEX_SERVER_TOKEN not in str(latest.attributes)
    # Counting a library reads a page of size 0: no item is transferred.
    assert plex.requested_sizes.count("0") == 2

    movie = plex.find(plex.sections["1"].items[0]["title"])
    plex.play(movie, state="playing", transcode=True)
    plex.play(plex.sections["2"].items[0]["episodes"][0], state="paused", remote=True)
    await refresh(hass, plex_entry)
    sessions = hass.states.get(SESSIONS)
    assert sessions.state == "2"
    wanted = {"playing": 1, "paused": 1, "remote": 1, "bandwidth_kbps": 32000}
    assert {k: sessions.attributes[k] for k in wanted} == wanted
    assert hass.states.get(TRANSCODING).state == "1"
    plex.stop_all()
    await refresh(hass, plex_entry)
    assert hass.states.get(SESSIONS).state == "0"


async def test_libraries_come_and_go(
    hass: HomeAssistant, plex: FakePlexServer, plex_entry: MockConfigEntry, entity_registry: er.EntityRegistry
) -> None:
    """A new library gets a sensor; a deleted one loses it."""
    key = plex.add_section("Documentaries", "movie")
    plex.add_movie(key, "Planet Deep")
    await refresh(hass, plex_entry, all_tiers=True)
    assert hass.states.get("sensor.media_server_documentaries_items").state == "1"
    latest = hass.states.get(LATEST)
    assert latest.state == "Planet Deep"
    plex.remove_section("1")
    await refresh(hass, plex_entry, all_tiers=True)
    assert entity_registry.async_get(MOVIES) is None
    assert hass.states.get(SHOWS).state == "6"


async def test_poster_view(
    hass: HomeAssistant,
    plex: FakePlexServer,
    plex_entry: MockConfigEntry,
    hass_client_no_auth: ClientSessionGenerator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """The latest item's poster comes through Home Assistant, only with the signed URL, for a day or two."""
    client = await hass_client_no_auth()
    picture = hass.states.get(LATEST).attributes["entity_picture"]
    assert picture.startswith("/api/medianest/poster/plex_entry/")
    response = await client.get(picture)
    assert response.status == HTTPStatus.OK
    assert response.content_type == "image/jpeg"
    assert (await response.read()).startswith(b"\xff\xd8\xff")
    assert "private" in response.headers["Cache-Control"]
    path, query = picture.split("?")
    assert (await client.get(path)).status == HTTPStatus.FORBIDDEN
    assert (await client.get(f"{path}?{query.split('&')[0]}&sig=0000")).status == HTTPStatus.FORBIDDEN
    # A signature for another item does not open it; nor a later expiry.
    other = path.rsplit("/", 1)[0] + "/1001"
    assert (await client.get(f"{other}?{query}")).status == HTTPStatus.FORBIDDEN
    expires = int(query.split("&")[0].removeprefix("exp="))
    later = query.replace(f"exp={expires}", f"exp={expires + 86400}")
    assert (await client.get(f"{path}?{later}")).status == HTTPStatus.FORBIDDEN
    # Kept: Plex is not asked again for the same poster.
    asked = plex.requests.count(("GET", "/photo/:/transcode"))
    assert (await client.get(picture)).status == HTTPStatus.OK
    assert plex.requests.count(("GET", "/photo/:/transcode")) == asked == 1
    await hass.config_entries.async_unload(plex_entry.entry_id)
    assert (await client.get(picture)).status == HTTPStatus.NOT_FOUND
    await hass.config_entries.async_setup(plex_entry.entry_id)
    await plex.set_fault(Fault.SERVER_ERROR)
    assert (await client.get(picture)).status == HTTPStatus.BAD_GATEWAY  # forgotten with the unload
    await plex.set_fault(Fault.NONE)
    assert (await client.get(picture)).status == HTTPStatus.OK
    freezer.tick(2 * 86400 + 1)
    assert (await client.get(picture)).status == HTTPStatus.FORBIDDEN  # expired


async def test_scan_button_and_refresh_library(
    hass: HomeAssistant, plex: FakePlexServer, plex_entry: MockConfigEntry
) -> None:
    """The button scans every library; the action one by name, or all."""
    await hass.services.async_call(
        "button", "press", {"entity_id": "button.media_server_scan_all_libraries"}, blocking=True
    )
    assert plex.refreshed == [("1", "0"), ("2", "0")]
    plex.refreshed.clear()
    response = await hass.services.async_call(
        DOMAIN, "refresh_library", {"library": "tv shows"}, blocking=True, return_response=True
    )
    assert response == {"libraries": ["TV Shows"]}
    assert plex.refreshed == [("2", "0")]
    response = await hass.services.async_call(
        DOMAIN, "refresh_library", {}, blocking=True, return_response=True
    )
    assert response == {"libraries": ["Movies", "TV Shows"]}
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(DOMAIN, "refresh_library", {"library": "Music"}, blocking=True)
    assert err.value.translation_key == "unknown_library"
    assert err.value.translation_placeholders == {"library": "Music", "libraries": "Movies, TV Shows"}


async def test_library_items(hass: HomeAssistant, plex: FakePlexServer, plex_entry: MockConfigEntry) -> None:
    """Paging, sorting and filters, as the product's library items API."""
    plex.add_movie("1", "Inception", year=2010, genres=["Science Fiction", "Thriller"])
    await refresh(hass, plex_entry, all_tiers=True)

    async def items(**data: object) -> dict:
        return await hass.services.async_call(
            DOMAIN, "get_library_items", {"library": "Movies", **data}, blocking=True, return_response=True
        )

    page = await items(page=2, page_size=10)
    assert page["total"] == 41
    assert page["total_pages"] == 5
    assert page["page"] == 2
    assert len(page["items"]) == 10
    titles = [m["titleSort"] for m in sorted(plex.sections["1"].items, key=lambda m: m["titleSort"])]
    assert [i["title"].lower() for i in page["items"]] == titles[10:20]

    newest = await items(sort="added", sort_order="desc", page_size=1)
    assert newest["items"][0]["title"] == "Inception"
    assert newest["items"][0]["year"] == 2010
    assert newest["items"][0]["genres"] == ["Science Fiction", "Thriller"]
    assert newest["items"][0]["duration_minutes"] > 60

    found = await items(search="incep")
    assert [i["title"] for i in found["items"]] == ["Inception"]
    assert (await items(year=2010, genre="science fiction"))["items"][0]["title"] == "Inception"
    by_genre = await items(genre="Thriller", page_size=200)
    assert by_genre["total"] == sum(
        1 for m in plex.sections["1"].items if "Thriller" in {g["tag"] for g in m["Genre"]}
    )
    rated = await items(sort="rating", sort_order="desc", page_size=5)
    ratings = [i["rating"] for i in rated["items"]]
    assert len(ratings) == 5

    with pytest.raises(ServiceValidationError) as err:
        await items(genre="Western")
    assert err.value.translation_key == "unknown_genre"
    with pytest.raises(ServiceValidationError):
        await items(library="Music")
    empty = await items(search="no such title")
    assert empty == {
        "library": "Movies",
        "items": [],
        "total": 0,
        "total_pages": 0,
        "page": 1,
        "page_size": 50,
    }


async def test_recently_added(hass: HomeAssistant, plex: FakePlexServer, plex_entry: MockConfigEntry) -> None:
    """The newest items of all libraries, or episodes of a TV library."""
    response = await hass.services.async_call(
        DOMAIN, "get_recently_added", {"max_items": 3}, blocking=True, return_response=True
    )
    newest = plex.newest()[:3]
    assert [i["id"] for i in response["items"]] == [n["ratingKey"] for n in newest]
    first = response["items"][0]
    assert first["type"] == "episode"
    assert first["show"] == newest[0]["grandparentTitle"]
    assert first["season"] == 1
    assert first["library"] == "TV Shows"
    movies = await hass.services.async_call(
        DOMAIN,
        "get_recently_added",
        {"library": "Movies", "max_items": 2},
        blocking=True,
        return_response=True,
    )
    assert [i["type"] for i in movies["items"]] == ["movie", "movie"]
    shows = await hass.services.async_call(
        DOMAIN,
        "get_recently_added",
        {"library": "TV Shows", "max_items": 2},
        blocking=True,
        return_response=True,
    )
    assert [i["type"] for i in shows["items"]] == ["episode", "episode"]


@pytest.mark.parametrize("fault", DOWN_FAULTS)
async def test_faults(
    hass: HomeAssistant,
    plex: FakePlexServer,
    plex_entry: MockConfigEntry,
    fault: Fault,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A failing server makes the entities unavailable, logged once, and they recover."""
    plex.retry_after = 0
    caplog.set_level(logging.DEBUG)
    caplog.clear()
    await plex.set_fault(fault)
    await refresh(hass, plex_entry, all_tiers=True)
    await refresh(hass, plex_entry, all_tiers=True)
    assert hass.states.get(SESSIONS).state == "unavailable"
    assert hass.states.get("binary_sensor.media_server_connectivity").state == "off"
    with pytest.raises(HomeAssistantError):
        await hass.services.async_call(DOMAIN, "get_recently_added", {}, blocking=True, return_response=True)
    await plex.set_fault(Fault.NONE)
    await refresh(hass, plex_entry, all_tiers=True)
    assert hass.states.get(SESSIONS).state == "0"
    assert hass.states.get(MOVIES).state == "40"
    records = medianest_records(caplog)
    assert len([r for r in records if r.levelno >= logging.WARNING]) == 1
    assert len([r for r in records if "recovered" in r.getMessage()]) == 1
    assert not any(PLEX_SERVER_TOKEN in r.getMessage() for r in caplog.records)


async def test_partial_answers(
    hass: HomeAssistant, plex: FakePlexServer, plex_entry: MockConfigEntry
) -> None:
    """Answers without the optional fields still give counts."""
    plex.play(plex.sections["1"].items[0])
    await plex.set_fault(Fault.PARTIAL)
    await refresh(hass, plex_entry, all_tiers=True)
    assert hass.states.get(SESSIONS).state == "1"
    assert hass.states.get(MOVIES).state == "40"


async def test_revoked_token_starts_reauth(
    hass: HomeAssistant, plex: FakePlexServer, plex_entry: MockConfigEntry
) -> None:
    """A 401 from the server starts a reauth flow."""
    plex.token = "another-token"
    await refresh(hass, plex_entry)
    flows = hass.config_entries.flow.async_progress()
    assert [f["context"]["source"] for f in flows] == ["reauth"]
    assert flows[0]["step_id"] == "plex_reauth"


async def test_other_server_at_address(
    hass: HomeAssistant, plex: FakePlexServer, unload_entries: None
) -> None:
    """Another server answering at the entry's address is an error."""
    entry = make_plex_entry(plex)
    plex.machine_identifier = "f" * 40  # another server now answers at the address
    await setup_entry(hass, entry)
    assert entry.state is ConfigEntryState.SETUP_ERROR


@pytest.mark.usefixtures("entity_registry_enabled_by_default", "fixed_clock", "unload_entries")
async def test_snapshots(
    hass: HomeAssistant,
    plex: FakePlexServer,
    hass_client: ClientSessionGenerator,
    entity_registry: er.EntityRegistry,
    device_registry: dr.DeviceRegistry,
    snapshot: SnapshotAssertion,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Entities, device and diagnostics; no token and no client identifier anywhere."""
    # A fixed signing key and day: the picture URLs stay the same.
    hass.data[POSTERS] = _Posters(key=b"k" * 32)
    monkeypatch.setattr(poster, "_now", lambda: 1_800_000_000.0)
    plex.play(plex.sections["1"].items[0], transcode=True)
    entry = await setup_entry(hass, make_plex_entry(plex))
    entries = sorted(
        er.async_entries_for_config_entry(entity_registry, entry.entry_id), key=lambda e: e.entity_id
    )
    assert len(entries) == 10  # the Playback event entity included
    for entity_entry in entries:
        assert entity_entry == snapshot(name=f"{entity_entry.entity_id}-entry")
        state = hass.states.get(entity_entry.entity_id)
        assert state == snapshot(name=f"{entity_entry.entity_id}-state", exclude=MOVING)
        assert PLEX_SERVER_TOKEN not in str(state)
    device = device_registry.async_get_device_by_identifier((DOMAIN, entry.entry_id), entry.entry_id)
    assert device is not None
    assert device.sw_version == plex.version
    assert device == snapshot(name="device", exclude=props("configuration_url"))

    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    text = json.dumps(diagnostics)
    assert PLEX_SERVER_TOKEN not in text
    assert PLEX_CLIENT_ID not in text
    assert diagnostics["entry"]["data"]["token"] == "**REDACTED**"
    assert diagnostics["data"]["counts"] == {"1": 40, "2": 6}
    assert diagnostics == snapshot(
        name="diagnostics", exclude=props("start", "bytes_received", "last_response_time", "requests")
    )


async def test_fake_speaks_like_plex(plex: FakePlexServer, plex_tv: FakePlexTv) -> None:
    """The fakes answer as the official document says: XML unless JSON is asked for."""
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{plex.url}/identity") as response:
            assert response.content_type == "application/xml"
            assert f'machineIdentifier="{plex.machine_identifier}"' in await response.text()
        async with session.get(
            f"{plex.url}/library/sections", headers={"Accept": "application/json"}
        ) as response:
            assert response.status == HTTPStatus.UNAUTHORIZED
        headers = {"Accept": "application/json", "X-Plex-Container-Start": "5", "X-Plex-Container-Size": "3"}
        async with session.get(
            f"{plex.url}/library/sections/1/all", params={"X-Plex-Token": plex.token}, headers=headers
        ) as response:
            assert response.headers["X-Plex-Container-Total-Size"] == "40"
            container = (await response.json())["MediaContainer"]
            assert (container["size"], container["totalSize"], container["offset"]) == (3, 40, 5)
        form = {"X-Plex-Product": "Test", "X-Plex-Client-Identifier": "abc"}
        async with session.post(
            f"{plex_tv.url}/api/v2/pins", params={"strong": "true"}, data=form
        ) as response:
            assert response.status == HTTPStatus.CREATED
            assert (await response.text()).startswith("<pin ")
        async with session.post(f"{plex_tv.url}/api/v2/pins", data={"X-Plex-Product": "Test"}) as response:
            assert response.status == HTTPStatus.BAD_REQUEST
        async with session.get(f"{plex_tv.url}/api/v2/user", headers={"X-Plex-Token": "nope"}) as response:
            assert response.status == HTTPStatus.UNAUTHORIZED
        async with session.get(f"{plex_tv.url}/auth") as response:
            assert "Sign in as demo" in await response.text()
