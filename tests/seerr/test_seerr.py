"""Seerr, Overseerr and Jellyseerr: client, flow, counts, request events, actions, faults."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion
from syrupy.filters import props

from custom_components.medianest.api import ApiAuthenticationError, ApiValidationError
from custom_components.medianest.api.seerr import SeerrClient
from custom_components.medianest.apps.seerr.spec import seerr_product
from custom_components.medianest.const import DOMAIN
from homeassistant.config_entries import SOURCE_REAUTH, SOURCE_USER
from homeassistant.const import (
    CONF_API_KEY,
    CONF_URL,
    CONF_VERIFY_SSL,
    STATE_ON,
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
)
from homeassistant.core import Context, HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError, Unauthorized
from homeassistant.helpers import entity_registry as er

from ..conftest import SEERR_KEY, assert_entities_match, diagnostics_without, make_entry, refresh, setup_entry
from ..fakes.arr import FakeArr
from ..fakes.base import Fault
from ..fakes.seerr import FakeSeerr

MOVING = props("last_changed", "last_reported", "last_updated", "context")
EVENT = "event.seerr_requests"


# --- client ------------------------------------------------------------------------------


async def test_client(seerr: FakeSeerr) -> None:
    async with aiohttp.ClientSession() as session:
        client = SeerrClient(session, seerr.url, SEERR_KEY)
        assert await client.status() == "3.1.0"
        counts = await client.request_counts()
        assert (counts.total, counts.pending, counts.approved, counts.processing, counts.available) == (
            7,
            2,
            3,
            1,
            2,
        )
        assert counts.completed == 0
        total, page = await client.requests(take=3)
        assert total == 7
        assert [r.id for r in page] == [7, 6, 5]
        assert page[0].status_name == "failed"
        assert page[2].requested_by == "Noah"
        titles = await client.titles(page)
        assert titles[5] is not None
        assert (titles[5].title, titles[5].year) == ("The Matrix", 1999)
        before = len(seerr.requests)
        await client.titles(page)
        assert len(seerr.requests) == before  # cached
        results = await client.search("dune")
        assert [(r.title, r.media_status) for r in results] == [("Dune", 2), ("Dune: Part Two", 2)]
        created = await client.create_request("tv", 95396)
        assert (created.status_name, created.media_type, created.requested_by) == ("pending", "tv", "Admin")
        with pytest.raises(ApiValidationError):
            await client.create_request("tv", 95396)
        approved = await client.set_status(created.id, "approve")
        assert (approved.status_name, approved.media_status_name) == ("approved", "processing")
        with pytest.raises(ApiAuthenticationError):
            await SeerrClient(session, seerr.url, "wrong").request_counts()
        assert await SeerrClient(session, seerr.url, "wrong").status() == "3.1.0"  # public


# --- flow --------------------------------------------------------------------------------


async def _start(hass: HomeAssistant) -> dict[str, Any]:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert "seerr" in result["menu_options"]
    return await hass.config_entries.flow.async_configure(result["flow_id"], {"next_step_id": "seerr"})


@pytest.mark.parametrize(
    ("version", "title"), [("3.1.0", "Seerr"), ("1.34.0", "Overseerr"), ("2.7.3", "Jellyseerr")]
)
async def test_flow_creates_entry(
    hass: HomeAssistant, seerr: FakeSeerr, unload_entries: None, version: str, title: str
) -> None:
    seerr.version = version
    result = await _start(hass)
    form = {CONF_URL: seerr.url, CONF_API_KEY: "wrong", CONF_VERIFY_SSL: True}
    result = await hass.config_entries.flow.async_configure(result["flow_id"], form)
    assert result["errors"] == {"base": "invalid_auth"}  # Seerr says 403
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**form, CONF_API_KEY: SEERR_KEY}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == title
    assert result["result"].unique_id == f"seerr_127.0.0.1:{seerr.port}"


async def test_flow_refuses_other_servers(hass: HomeAssistant, sonarr: FakeArr, seerr: FakeSeerr) -> None:
    result = await _start(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: sonarr.url, CONF_API_KEY: SEERR_KEY, CONF_VERIFY_SSL: True}
    )
    assert result["errors"] == {"base": "invalid_response"}
    await seerr.set_fault(Fault.REFUSED)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: seerr.url, CONF_API_KEY: SEERR_KEY, CONF_VERIFY_SSL: True}
    )
    assert result["errors"] == {"base": "cannot_connect"}


# --- entities and events -----------------------------------------------------------------


@pytest.mark.usefixtures("entity_registry_enabled_by_default", "fixed_clock")
async def test_entities(
    hass: HomeAssistant,
    seerr: FakeSeerr,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    unload_entries: None,
) -> None:
    entry = await setup_entry(hass, make_entry(seerr))
    assert_entities_match(hass, entry, snapshot, MOVING)


async def test_a_steady_poll_reads_no_page_of_requests(
    hass: HomeAssistant, seerr: FakeSeerr, seerr_entry: MockConfigEntry
) -> None:
    """While nothing changes, a poll is the counts, answered 304 without a body (as Seerr's
    Express does to a matching ETag); a change reads the page; failed requests are what no
    count has."""

    def lists() -> int:
        return sum(1 for method, path in seerr.requests if (method, path) == ("GET", "/api/v1/request"))

    assert hass.states.get("sensor.seerr_failed_requests").state == "1"
    seerr.requests.clear()
    seerr.not_modified = 0
    sent = seerr.bytes_sent
    for _ in range(3):
        await refresh(hass, seerr_entry)
    assert seerr.requests == [("GET", "/api/v1/request/count")] * 3
    assert seerr.not_modified == 3
    assert seerr.bytes_sent == sent
    seerr.requests.clear()
    new = seerr.add_request("movie", 438631, user_id=2)
    await refresh(hass, seerr_entry)
    assert lists() == 1  # the page: the new request is found
    assert hass.states.get(EVENT).attributes["event_type"] == "new"
    seerr.set_request_status(new["id"], 4)
    await refresh(hass, seerr_entry)
    assert hass.states.get("sensor.seerr_failed_requests").state == "2"
    assert hass.states.get(EVENT).attributes["event_type"] == "failed"


async def test_overseerr_counts_failed_requests_by_a_page(hass: HomeAssistant, socket_enabled: None) -> None:
    """Overseerr does not count completed requests: a page of one failed request says how
    many failed, read conditionally too."""
    server = FakeSeerr(SEERR_KEY, version="1.34.0")
    await server.start()
    try:
        entry = await setup_entry(hass, make_entry(server))
        assert hass.states.get("sensor.seerr_failed_requests").state == "1"
        server.requests.clear()
        server.not_modified = 0
        await refresh(hass, entry)
        assert server.requests == [
            ("GET", "/api/v1/request/count"),
            ("GET", "/api/v1/request"),
        ]
        assert server.not_modified == 2
        await hass.config_entries.async_unload(entry.entry_id)
    finally:
        await server.stop()


async def test_request_events_from_polling(
    hass: HomeAssistant, seerr: FakeSeerr, seerr_entry: MockConfigEntry
) -> None:
    # What existed before Home Assistant looked is not news.
    assert hass.states.get(EVENT).state == STATE_UNKNOWN
    new = seerr.add_request("tv", 95396, user_id=3)
    await refresh(hass, seerr_entry)
    state = hass.states.get(EVENT)
    assert state.attributes["event_type"] == "new"
    assert {
        k: state.attributes[k] for k in ("request_id", "title", "media_type", "requested_by", "poster")
    } == {
        "request_id": new["id"],
        "title": "Severance",
        "media_type": "tv",
        "requested_by": "Noah",
        "poster": "https://image.tmdb.org/t/p/w300/95396.jpg",
    }
    assert hass.states.get("sensor.seerr_pending_requests").state == "3"
    seen: list[tuple[str, int]] = []

    def record() -> None:
        state = hass.states.get(EVENT)
        seen.append((state.attributes["event_type"], state.attributes["request_id"]))

    seerr.set_request_status(new["id"], 2)
    await refresh(hass, seerr_entry)
    record()
    seerr.make_available(new["id"])
    await refresh(hass, seerr_entry)
    record()
    seerr.set_request_status(1, 3)
    await refresh(hass, seerr_entry)
    record()
    seerr.set_request_status(2, 4)
    await refresh(hass, seerr_entry)
    record()
    assert seen == [("approved", new["id"]), ("available", new["id"]), ("declined", 1), ("failed", 2)]
    last = hass.states.get(EVENT).last_changed
    await refresh(hass, seerr_entry)
    assert hass.states.get(EVENT).last_changed == last  # nothing is reported twice
    assert hass.states.get("sensor.seerr_failed_requests").state == "2"


# --- actions -----------------------------------------------------------------------------


async def test_get_requests(hass: HomeAssistant, seerr: FakeSeerr, seerr_entry: MockConfigEntry) -> None:
    response = await hass.services.async_call(
        DOMAIN, "get_requests", {"status": "pending"}, blocking=True, return_response=True
    )
    assert response["total"] == 2
    assert [(r["id"], r["title"], r["requested_by"], r["status"]) for r in response["requests"]] == [
        (2, "Dune: Part Two", "Noah", "pending"),
        (1, "Dune", "Emma", "pending"),
    ]
    assert response["requests"][0]["created"].endswith("+00:00")


async def test_approve_and_decline(
    hass: HomeAssistant, seerr: FakeSeerr, seerr_entry: MockConfigEntry
) -> None:
    response = await hass.services.async_call(
        DOMAIN, "approve_request", {"request_id": 1}, blocking=True, return_response=True
    )
    assert (response["id"], response["title"], response["status"], response["media_status"]) == (
        1,
        "Dune",
        "approved",
        "processing",
    )
    await hass.async_block_till_done()
    assert hass.states.get("sensor.seerr_pending_requests").state == "1"
    response = await hass.services.async_call(
        DOMAIN, "decline_request", {"request_id": 2}, blocking=True, return_response=True
    )
    assert response["status"] == "declined"
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(DOMAIN, "approve_request", {"request_id": 1}, blocking=True)
    assert err.value.translation_key == "request_not_pending"
    assert err.value.translation_placeholders["status"] == "approved"
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(DOMAIN, "decline_request", {"request_id": 99}, blocking=True)
    assert err.value.translation_key == "unknown_request"


async def test_deciding_is_for_administrators(
    hass: HomeAssistant, seerr: FakeSeerr, seerr_entry: MockConfigEntry, hass_read_only_user: MockUser
) -> None:
    with pytest.raises(Unauthorized):
        await hass.services.async_call(
            DOMAIN,
            "approve_request",
            {"request_id": 1},
            blocking=True,
            context=Context(user_id=hass_read_only_user.id),
        )
    assert seerr.requests_by_id[1]["status"] == 1


async def test_search_and_request_by_title(
    hass: HomeAssistant, seerr: FakeSeerr, seerr_entry: MockConfigEntry
) -> None:
    response = await hass.services.async_call(
        DOMAIN, "search_media", {"query": "the"}, blocking=True, return_response=True
    )
    assert {r["title"] for r in response["results"]} >= {"The Matrix", "The Boys", "The Bear"}
    response = await hass.services.async_call(
        DOMAIN, "request_media", {"query": "The Bear"}, blocking=True, return_response=True
    )
    assert (response["title"], response["media_type"], response["status"], response["requested_by"]) == (
        "The Bear",
        "tv",
        "pending",
        "Admin",
    )
    assert response["matched"]["tmdb_id"] == 136315
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(DOMAIN, "request_media", {"query": "The Bear"}, blocking=True)
    assert err.value.translation_key == "already_requested"
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(DOMAIN, "request_media", {"query": "Nothing like it"}, blocking=True)
    assert err.value.translation_key == "no_match"
    response = await hass.services.async_call(
        DOMAIN,
        "request_media",
        {"query": "matrix", "media_type": "movie"},
        blocking=True,
        return_response=True,
    )
    assert response["title"] == "The Matrix"


async def test_action_errors(hass: HomeAssistant, seerr: FakeSeerr, seerr_entry: MockConfigEntry) -> None:
    await seerr.set_fault(Fault.REFUSED)
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(DOMAIN, "get_requests", {}, blocking=True, return_response=True)
    assert err.value.translation_key == "action_unreachable"
    await seerr.set_fault(Fault.FORBIDDEN)
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(DOMAIN, "approve_request", {"request_id": 1}, blocking=True)
    assert err.value.translation_key == "action_auth_failed"


# --- diagnostics and faults --------------------------------------------------------------


async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    seerr: FakeSeerr,
    seerr_entry: MockConfigEntry,
    snapshot: SnapshotAssertion,
    fixed_clock: None,
) -> None:
    result = await diagnostics_without(hass, hass_client, seerr_entry, SEERR_KEY, str(seerr.port))
    assert result == snapshot(exclude=props("bytes_received", "last_response_time"))


async def test_forbidden_starts_reauth(
    hass: HomeAssistant, seerr: FakeSeerr, seerr_entry: MockConfigEntry
) -> None:
    seerr.api_key = "rotated"
    await refresh(hass, seerr_entry)
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [f["context"]["source"] for f in flows] == [SOURCE_REAUTH]
    result = await hass.config_entries.flow.async_configure(flows[0]["flow_id"], {CONF_API_KEY: "rotated"})
    assert result["reason"] == "reauth_successful"


async def test_partial_answers(hass: HomeAssistant, seerr: FakeSeerr, seerr_entry: MockConfigEntry) -> None:
    await seerr.set_fault(Fault.PARTIAL)
    await refresh(hass, seerr_entry)
    assert hass.states.get("binary_sensor.seerr_connectivity").state == STATE_ON


# --- titles are best effort (real Seerr answers 500 while TMDB fails) ---------------------


async def test_deciding_when_titles_fail(
    hass: HomeAssistant, seerr: FakeSeerr, seerr_entry: MockConfigEntry
) -> None:
    seerr.tmdb_down = True
    response = await hass.services.async_call(
        DOMAIN, "approve_request", {"request_id": 1}, blocking=True, return_response=True
    )
    # Seerr approved it: the action says so, with the media type and id instead of a title.
    assert seerr.requests_by_id[1]["status"] == 2
    assert (response["id"], response["status"], response["title"]) == (1, "approved", None)
    assert (response["media_type"], response["tmdb_id"]) == ("movie", 438631)
    response = await hass.services.async_call(
        DOMAIN, "decline_request", {"request_id": 2}, blocking=True, return_response=True
    )
    assert (response["status"], response["title"]) == ("declined", None)


async def test_polls_and_events_when_titles_fail(
    hass: HomeAssistant, seerr: FakeSeerr, seerr_entry: MockConfigEntry
) -> None:
    seerr.tmdb_down = True
    new = seerr.add_request("movie", 27205, user_id=2)
    await refresh(hass, seerr_entry)
    # The poll did not fail, and the event fired with what is known.
    assert hass.states.get("sensor.seerr_pending_requests").state == "3"
    state = hass.states.get(EVENT)
    assert (state.attributes["event_type"], state.attributes["request_id"]) == ("new", new["id"])
    assert (state.attributes["title"], state.attributes["media_type"]) == (None, "movie")
    assert state.attributes["requested_by"] == "Emma"
    # A failed title is not asked again on every poll.
    lookups = seerr.title_lookups
    seerr.set_request_status(new["id"], 2)
    await refresh(hass, seerr_entry)
    assert hass.states.get(EVENT).attributes["event_type"] == "approved"
    assert seerr.title_lookups == lookups


async def test_no_event_lost_or_doubled_when_a_poll_fails(
    hass: HomeAssistant, seerr: FakeSeerr, seerr_entry: MockConfigEntry
) -> None:
    events = record_events(hass)
    new = seerr.add_request("tv", 95396, user_id=3)
    # The poll that sees the request fails in its slow tier, after the request page.
    seerr.fail_path("/api/v1/status", Fault.SERVER_ERROR)
    await refresh(hass, seerr_entry, all_tiers=True)
    assert hass.states.get("sensor.seerr_pending_requests").state == STATE_UNAVAILABLE
    seerr.clear_faults()
    await refresh(hass, seerr_entry, all_tiers=True)
    await refresh(hass, seerr_entry, all_tiers=True)
    assert events == [("new", new["id"])]  # reported once, failed poll or not


def record_events(hass: HomeAssistant) -> list[tuple[str, int]]:
    """The request events the event entity shows from now on (not restored or availability changes)."""
    events: list[tuple[str, int]] = []

    def record(event: Any) -> None:
        new, old = event.data["new_state"], event.data["old_state"]
        if event.data["entity_id"] != EVENT or new is None or not new.attributes.get("event_type"):
            return
        if old is None or old.state == new.state or STATE_UNAVAILABLE in (old.state, new.state):
            return
        events.append((new.attributes["event_type"], new.attributes["request_id"]))

    hass.bus.async_listen("state_changed", record)
    return events


async def test_events_across_a_restart(
    hass: HomeAssistant, seerr: FakeSeerr, seerr_entry: MockConfigEntry
) -> None:
    await hass.config_entries.async_unload(seerr_entry.entry_id)
    await hass.async_block_till_done()
    # While Home Assistant is stopped, a request arrives and another is approved.
    new = seerr.add_request("tv", 95396, user_id=3)
    seerr.set_request_status(1, 2)
    events = record_events(hass)
    await hass.config_entries.async_setup(seerr_entry.entry_id)
    await hass.async_block_till_done()
    await refresh(hass, seerr_entry)
    assert sorted(events) == sorted([("new", new["id"]), ("approved", 1)])
    # And after another restart nothing is reported again.
    await hass.config_entries.async_reload(seerr_entry.entry_id)
    await hass.async_block_till_done()
    await refresh(hass, seerr_entry)
    assert len(events) == 2


@pytest.mark.parametrize(
    ("version", "title"),
    [
        ("3.1.0", "Seerr"),
        ("develop-local", "Seerr"),
        ("1.34.0", "Overseerr"),
        ("2.7.3", "Jellyseerr"),
        (None, "Seerr"),
    ],
)
def test_seerr_product(version: str | None, title: str) -> None:
    assert seerr_product(version) == title
