"""Entities: snapshots of both services, entities that come and go, buttons, calendar."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from syrupy.assertion import SnapshotAssertion
from syrupy.filters import props

from homeassistant.components.button import DOMAIN as BUTTON_DOMAIN, SERVICE_PRESS
from homeassistant.components.calendar import DOMAIN as CALENDAR_DOMAIN, SERVICE_GET_EVENTS
from homeassistant.const import ATTR_ENTITY_ID, STATE_OFF, STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import device_registry as dr, entity_registry as er

from .conftest import make_entry, refresh, setup_entry
from .fakes.arr import FakeArr
from .fakes.base import Fault
from .fakes.generate import GB

# Times that follow the clock; everything else in the snapshots is fixed.
MOVING = props("start_time", "end_time", "last_changed", "last_reported", "last_updated", "context")


@pytest.mark.usefixtures(
    "entity_registry_enabled_by_default", "fixed_clock", "unload_entries", "socket_enabled"
)
@pytest.mark.parametrize("kind", ["sonarr", "radarr"])
async def test_entities(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    device_registry: dr.DeviceRegistry,
    snapshot: SnapshotAssertion,
    kind: str,
) -> None:
    server = FakeArr(kind, "k" * 32, library_size=30)  # type: ignore[arg-type]
    await server.start()
    try:
        entry = await setup_entry(hass, make_entry(server))
        entries = sorted(
            er.async_entries_for_config_entry(entity_registry, entry.entry_id), key=lambda e: e.entity_id
        )
        assert entries
        for entity_entry in entries:
            assert entity_entry == snapshot(name=f"{entity_entry.entity_id}-entry")
            state = hass.states.get(entity_entry.entity_id)
            assert state is not None
            assert state == snapshot(name=f"{entity_entry.entity_id}-state", exclude=MOVING)
        device = device_registry.async_get_device_by_identifier(("medianest", entry.entry_id), entry.entry_id)
        assert device is not None
        assert device.sw_version == server.version
        assert device.configuration_url == server.url
        assert device == snapshot(name="device", exclude=props("configuration_url"))
    finally:
        await server.stop()


async def test_root_folders_come_and_go(
    hass: HomeAssistant, sonarr: FakeArr, sonarr_entry: MockConfigEntry, entity_registry: er.EntityRegistry
) -> None:
    sonarr.root_folders[2] = {"id": 2, "path": "/anime", "accessible": True, "freeSpace": 12 * GB}
    await refresh(hass, sonarr_entry, all_tiers=True)
    state = hass.states.get("sensor.sonarr_free_space_anime")
    assert state is not None
    assert float(state.state) == pytest.approx(12 * GB / 1e9, rel=1e-3)
    del sonarr.root_folders[2]
    await refresh(hass, sonarr_entry, all_tiers=True)
    assert hass.states.get("sensor.sonarr_free_space_anime") is None
    assert entity_registry.async_get("sensor.sonarr_free_space_anime") is None
    assert hass.states.get("sensor.sonarr_free_space_tv") is not None


async def test_health_problems(hass: HomeAssistant, radarr: FakeArr, radarr_entry: MockConfigEntry) -> None:
    assert hass.states.get("binary_sensor.radarr_health_problems").state == STATE_OFF
    radarr.health.append({"id": 1, "source": "IndexerStatusCheck", "type": "notice", "message": "FYI"})
    await refresh(hass, radarr_entry)
    assert hass.states.get("binary_sensor.radarr_health_problems").state == STATE_OFF
    radarr.health.append(
        {"id": 2, "source": "DownloadClientCheck", "type": "error", "message": "Unable to reach qBittorrent"}
    )
    await refresh(hass, radarr_entry)
    state = hass.states.get("binary_sensor.radarr_health_problems")
    assert state.state == STATE_ON
    assert state.attributes["problems"] == [
        {"source": "DownloadClientCheck", "type": "error", "message": "Unable to reach qBittorrent"}
    ]


async def test_queue_progresses(hass: HomeAssistant, radarr: FakeArr, radarr_entry: MockConfigEntry) -> None:
    assert hass.states.get("sensor.radarr_queue").state == "3"
    radarr.advance(3600)
    await refresh(hass, radarr_entry)
    assert hass.states.get("sensor.radarr_queue").state == "0"


@pytest.mark.parametrize(
    ("button", "command"),
    [
        ("rss_sync", "RssSync"),
        ("search_missing", "MissingEpisodeSearch"),
        ("refresh_library", "RefreshSeries"),
    ],
)
async def test_buttons(
    hass: HomeAssistant, sonarr: FakeArr, sonarr_entry: MockConfigEntry, button: str, command: str
) -> None:
    await hass.services.async_call(
        BUTTON_DOMAIN, SERVICE_PRESS, {ATTR_ENTITY_ID: f"button.sonarr_{button}"}, blocking=True
    )
    assert [c["name"] for c in sonarr.commands.values()] == [command]


async def test_button_error_is_translated(
    hass: HomeAssistant, radarr: FakeArr, radarr_entry: MockConfigEntry
) -> None:
    await radarr.set_fault(Fault.SERVER_ERROR)
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            BUTTON_DOMAIN, SERVICE_PRESS, {ATTR_ENTITY_ID: "button.radarr_rss_sync"}, blocking=True
        )
    assert err.value.translation_key == "action_failed"


async def test_calendar_events(hass: HomeAssistant, sonarr: FakeArr, sonarr_entry: MockConfigEntry) -> None:
    state = hass.states.get("calendar.sonarr_calendar")
    assert state.attributes["message"].endswith("Chapter 1")
    now = datetime.now(UTC)
    result = await hass.services.async_call(
        CALENDAR_DOMAIN,
        SERVICE_GET_EVENTS,
        {
            ATTR_ENTITY_ID: "calendar.sonarr_calendar",
            "start_date_time": now,
            "end_date_time": now + timedelta(days=30),
        },
        blocking=True,
        return_response=True,
    )
    events = result["calendar.sonarr_calendar"]["events"]
    assert len(events) == len(sonarr.upcoming)
    assert all(" - S" in e["summary"] for e in events)
    await sonarr.set_fault(Fault.REFUSED)
    with pytest.raises(HomeAssistantError):
        await hass.services.async_call(
            CALENDAR_DOMAIN,
            SERVICE_GET_EVENTS,
            {
                ATTR_ENTITY_ID: "calendar.sonarr_calendar",
                "start_date_time": now,
                "end_date_time": now + timedelta(hours=1),
            },
            blocking=True,
            return_response=True,
        )


async def test_radarr_calendar_when_nothing_is_due(
    hass: HomeAssistant, radarr: FakeArr, unload_entries: None
) -> None:
    for movie in radarr.items.values():
        for key in ("inCinemas", "digitalRelease", "physicalRelease"):
            movie.pop(key, None)
    await setup_entry(hass, make_entry(radarr))
    assert hass.states.get("calendar.radarr_calendar").state == STATE_OFF
    assert hass.states.get("sensor.radarr_upcoming_movies").state == "0"


async def test_connectivity_stays_available(
    hass: HomeAssistant, sonarr: FakeArr, sonarr_entry: MockConfigEntry
) -> None:
    await sonarr.set_fault(Fault.REFUSED)
    await refresh(hass, sonarr_entry)
    assert hass.states.get("binary_sensor.sonarr_connectivity").state == STATE_OFF
    assert hass.states.get("sensor.sonarr_queue").state == STATE_UNAVAILABLE
    assert float(hass.states.get("sensor.sonarr_error_rate").state) > 0
