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

from .conftest import DOWN_FAULTS, SONARR_KEY, medianest_records, refresh
from .fakes.arr import FakeArr
from .fakes.base import Fault


@pytest.mark.parametrize("fault", DOWN_FAULTS)
async def test_down_and_back(
    hass: HomeAssistant,
    sonarr: FakeArr,
    sonarr_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
    fault: Fault,
) -> None:
    sonarr.retry_after = 0
    caplog.set_level(logging.DEBUG)
    caplog.clear()
    await sonarr.set_fault(fault)
    for _ in range(3):
        await refresh(hass, sonarr_entry, all_tiers=True)
    assert hass.states.get("binary_sensor.sonarr_connectivity").state == STATE_OFF
    for entity_id in ("sensor.sonarr_queue", "sensor.sonarr_series", "binary_sensor.sonarr_health_problems"):
        assert hass.states.get(entity_id).state == STATE_UNAVAILABLE
    assert float(hass.states.get("sensor.sonarr_error_rate").state) > 0
    down = [r for r in medianest_records(caplog) if r.levelno >= logging.WARNING]
    assert len(down) == 1, [r.getMessage() for r in down]
    await sonarr.set_fault(Fault.NONE)
    for _ in range(2):
        await refresh(hass, sonarr_entry, all_tiers=True)
    assert hass.states.get("binary_sensor.sonarr_connectivity").state == STATE_ON
    assert hass.states.get("sensor.sonarr_queue").state == "3"
    back = [r for r in medianest_records(caplog) if "recovered" in r.getMessage()]
    assert len(back) == 1
    assert SONARR_KEY not in caplog.text


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
