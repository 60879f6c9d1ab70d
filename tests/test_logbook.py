"""The logbook tells what each event was about: the title and who."""

from __future__ import annotations

from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.recorder.common import async_wait_recording_done
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.medianest.const import DOMAIN, EVENT_MEDIANEST
from custom_components.medianest.logbook import MAX_PART, _details
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util

from .conftest import make_entry, refresh, setup_entry
from .fakes.seerr import FakeSeerr


@pytest.fixture
def mock_recorder_before_hass(async_test_recorder: Any) -> None:
    """The recorder's database is made before Home Assistant starts (the harness's hook)."""


async def _logbook(hass: HomeAssistant, ws: WebSocketGenerator, start: Any) -> list[dict[str, Any]]:
    await async_wait_recording_done(hass)
    client = await ws()
    await client.send_json({"id": 1, "type": "logbook/get_events", "start_time": start.isoformat()})
    answer = await client.receive_json()
    assert answer["success"], answer
    return [e for e in answer["result"] if e.get("domain") == DOMAIN]


async def test_a_request_is_told_with_its_title_and_requester(
    recorder_mock: Any,
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    seerr: FakeSeerr,
    unload_entries: None,
) -> None:
    assert await async_setup_component(hass, "logbook", {})
    entry: MockConfigEntry = await setup_entry(hass, make_entry(seerr))
    start = dt_util.utcnow()
    seerr.add_request("tv", 95396, user_id=3)
    await refresh(hass, entry)
    await hass.async_block_till_done()
    entries = await _logbook(hass, hass_ws_client, start)
    assert [(e["name"], e["message"], e["entity_id"]) for e in entries] == [
        ("Seerr Requests", "New request: Severance · Noah", "event.seerr_requests")
    ]


async def test_events_of_other_services_and_unknown_entries(
    recorder_mock: Any, hass: HomeAssistant, hass_ws_client: WebSocketGenerator
) -> None:
    """An event of an entry gone meanwhile is still told, by what it carries."""
    assert await async_setup_component(hass, DOMAIN, {})
    assert await async_setup_component(hass, "logbook", {})
    start = dt_util.utcnow()
    hass.bus.async_fire(
        EVENT_MEDIANEST,
        {
            "config_entry_id": "gone",
            "service": "radarr",
            "event_type": "download",
            "title": "Dune",
            "year": 2021,
        },
    )
    hass.bus.async_fire(
        "medianest_download_failed", {"config_entry_id": "gone", "title": "Clip", "error": "404"}
    )
    await hass.async_block_till_done()
    entries = await _logbook(hass, hass_ws_client, start)
    assert [(e["name"], e["message"]) for e in entries] == [
        (DOMAIN, "Download: Dune (2021)"),
        (DOMAIN, "Failed: Clip — 404"),
    ]


def test_details_are_bounded() -> None:
    text = _details({"title": "x" * 1000, "episodes": "S01E01, S01E02", "message": "a\nb"})
    assert text.startswith("x" * (MAX_PART - 1) + "…")
    assert text.endswith(" S01E01, S01E02 — a b")
