"""Setup, unload, not-ready, reauth on rejected credentials, and refresh tiers."""

from __future__ import annotations

from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed

from custom_components.medianest.apps.arr.const import ARR_LIBRARY_INTERVAL, ARR_SLOW_INTERVAL
from custom_components.medianest.const import DOMAIN
from homeassistant.config_entries import SOURCE_REAUTH, ConfigEntryState
from homeassistant.core import HomeAssistant

from .conftest import make_entry, setup_entry
from .fakes.arr import FakeArr
from .fakes.base import Fault


async def test_setup_and_unload(hass: HomeAssistant, sonarr_entry: MockConfigEntry) -> None:
    assert sonarr_entry.state is ConfigEntryState.LOADED
    assert hass.states.get("sensor.sonarr_queue").state == "3"
    assert await hass.config_entries.async_unload(sonarr_entry.entry_id)
    assert sonarr_entry.state is ConfigEntryState.NOT_LOADED


async def test_not_ready_when_unreachable(hass: HomeAssistant, sonarr: FakeArr, unload_entries: None) -> None:
    await sonarr.set_fault(Fault.REFUSED)
    entry = await setup_entry(hass, make_entry(sonarr))
    assert entry.state is ConfigEntryState.SETUP_RETRY


async def test_rejected_key_starts_reauth(hass: HomeAssistant, sonarr: FakeArr, unload_entries: None) -> None:
    entry = make_entry(sonarr)
    sonarr.api_key = "rotated"
    entry = await setup_entry(hass, entry)
    assert entry.state is ConfigEntryState.SETUP_ERROR
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [f["context"]["source"] for f in flows] == [SOURCE_REAUTH]


async def test_unsupported_server(hass: HomeAssistant, sonarr: FakeArr, unload_entries: None) -> None:
    sonarr.app_name = "Lidarr"
    entry = await setup_entry(hass, make_entry(sonarr))
    assert entry.state is ConfigEntryState.SETUP_ERROR
    assert "Lidarr" in (entry.reason or "")


async def test_refresh_tiers(
    hass: HomeAssistant, sonarr: FakeArr, sonarr_entry: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    """The whole library is read once an hour; profiles and folders every 15 minutes."""

    def count(path: str) -> int:
        return sum(1 for _, p in sonarr.requests if p == path)

    assert count("/api/v3/series") == 1
    assert count("/api/v3/rootfolder") == 1
    assert count("/api/v3/queue/status") == 1
    for _ in range(5):
        freezer.tick(timedelta(seconds=61))
        async_fire_time_changed(hass)
        await hass.async_block_till_done(wait_background_tasks=True)
    assert count("/api/v3/queue/status") == 6
    assert count("/api/v3/series") == 1
    assert count("/api/v3/rootfolder") == 1
    freezer.tick(ARR_SLOW_INTERVAL)
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)
    assert count("/api/v3/rootfolder") == 2
    assert count("/api/v3/series") == 1
    freezer.tick(ARR_LIBRARY_INTERVAL)
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)
    assert count("/api/v3/series") == 2


async def test_options_change_refreshes_upcoming(
    hass: HomeAssistant, sonarr: FakeArr, sonarr_entry: MockConfigEntry
) -> None:
    in_a_week = int(hass.states.get("sensor.sonarr_upcoming_episodes").state)
    setups = sonarr.requests.count(("GET", "/api/v3/system/status"))
    result = await hass.config_entries.options.async_init(sonarr_entry.entry_id)
    await hass.config_entries.options.async_configure(result["flow_id"], {"upcoming_days": 1})
    await hass.async_block_till_done()
    assert int(hass.states.get("sensor.sonarr_upcoming_episodes").state) < in_a_week
    # Applied to the running entry: not reloaded (a reload would read the whole library again).
    assert sonarr_entry.state is ConfigEntryState.LOADED
    assert sonarr.requests.count(("GET", "/api/v3/system/status")) == setups + 1
    assert not sonarr_entry.update_listeners
