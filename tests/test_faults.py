"""The fault matrix: every fault against a loaded entry, then recovery.

No crash, entities unavailable while down (the connectivity sensor off), back after, one
log line going down and one coming back, and the API key never in the log.
"""

from __future__ import annotations

import logging

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.medianest.const import DOMAIN
from homeassistant.config_entries import SOURCE_REAUTH
from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant

from .conftest import (
    DOWN_FAULTS,
    SONARR_KEY,
    make_entry,
    make_plex_entry,
    medianest_records,
    network_services,
    refresh,
    setup_entry,
)
from .fakes.arr import FakeArr
from .fakes.base import Fault


@pytest.mark.usefixtures("socket_enabled", "unload_entries")
@pytest.mark.parametrize("service", list(network_services()))
@pytest.mark.parametrize("fault", DOWN_FAULTS)
async def test_down_and_back(
    hass: HomeAssistant, caplog: pytest.LogCaptureFixture, service: str, fault: Fault
) -> None:
    """Any service down in any way: entities unavailable, one log line each way, no secret."""
    make_server, connectivity, probe, back, secret = network_services()[service]
    server = make_server()
    await server.start()
    try:
        entry = await setup_entry(hass, make_plex_entry(server) if service == "plex" else make_entry(server))
        server.retry_after = 0
        caplog.set_level(logging.DEBUG)
        caplog.clear()
        await server.set_fault(fault)
        for _ in range(3):
            await refresh(hass, entry, all_tiers=True)
        assert hass.states.get(connectivity).state == STATE_OFF
        assert hass.states.get(probe).state == STATE_UNAVAILABLE
        error_rate = connectivity.replace("binary_sensor.", "sensor.").replace("_connectivity", "_error_rate")
        assert float(hass.states.get(error_rate).state) > 0
        down = [r for r in medianest_records(caplog) if r.levelno >= logging.WARNING]
        assert len(down) == 1, [r.getMessage() for r in down]
        await server.set_fault(Fault.NONE)
        for _ in range(2):
            await refresh(hass, entry, all_tiers=True)
        assert hass.states.get(connectivity).state == STATE_ON
        assert hass.states.get(probe).state == back
        assert len([r for r in medianest_records(caplog) if "recovered" in r.getMessage()]) == 1
        assert not any(secret in r.getMessage() for r in caplog.records)
        await hass.config_entries.async_unload(entry.entry_id)
        await hass.async_block_till_done()
    finally:
        await server.stop()


@pytest.mark.parametrize("fault", [Fault.UNAUTHORIZED, Fault.FORBIDDEN])
async def test_rejected_credentials_start_reauth(
    hass: HomeAssistant,
    sonarr: FakeArr,
    sonarr_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
    fault: Fault,
) -> None:
    await sonarr.set_fault(fault)
    await refresh(hass, sonarr_entry, all_tiers=True)
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [f["context"]["source"] for f in flows] == [SOURCE_REAUTH]
    assert hass.states.get("sensor.sonarr_queue").state == STATE_UNAVAILABLE
    assert SONARR_KEY not in caplog.text


async def test_partial_data_does_not_crash(
    hass: HomeAssistant, sonarr: FakeArr, sonarr_entry: MockConfigEntry, caplog: pytest.LogCaptureFixture
) -> None:
    await sonarr.set_fault(Fault.PARTIAL)
    await refresh(hass, sonarr_entry, all_tiers=True)
    assert hass.states.get("binary_sensor.sonarr_connectivity").state == STATE_ON
    assert hass.states.get("sensor.sonarr_queue").state == "3"
    assert hass.states.get("sensor.sonarr_free_space_tv").state == "unknown"
    assert hass.states.get("binary_sensor.sonarr_health_problems").state == STATE_OFF
    assert "Traceback" not in caplog.text
