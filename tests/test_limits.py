"""Bounded answers, polite pauses, malformed records, and what connectivity means."""

from __future__ import annotations

import logging

import aiohttp
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import get_diagnostics_for_config_entry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.medianest.api import ApiResponseTooLargeError, http as api_http
from custom_components.medianest.api.arr import SonarrClient
from custom_components.medianest.const import DOMAIN
from homeassistant.config_entries import SOURCE_REAUTH
from homeassistant.const import STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError

from .conftest import SONARR_KEY, refresh
from .fakes.arr import FakeArr
from .fakes.base import Fault
from .fakes.prowlarr import FakeProwlarr


async def test_an_endless_answer_is_cut_off(sonarr: FakeArr, monkeypatch: pytest.MonkeyPatch) -> None:
    await sonarr.set_fault(Fault.ENDLESS)
    async with aiohttp.ClientSession() as session:
        client = SonarrClient(session, sonarr.url, SONARR_KEY)
        with pytest.raises(ApiResponseTooLargeError):
            await client.system_status()
        # No more than the limit (and a chunk) was read, however much the server sends.
        assert client.metrics.bytes_received <= (api_http.DEFAULT_MAX_BYTES + 64 * 1024) * 3
        monkeypatch.setattr(api_http, "FOLD_MAX_BYTES", 4 * 1024 * 1024)
        with pytest.raises(ApiResponseTooLargeError):
            await client.library_summary()


async def test_an_endless_answer_in_a_poll(
    hass: HomeAssistant, sonarr: FakeArr, sonarr_entry: MockConfigEntry
) -> None:
    await sonarr.set_fault(Fault.ENDLESS)
    await refresh(hass, sonarr_entry, all_tiers=True)
    coordinator = sonarr_entry.runtime_data.coordinator
    assert coordinator.last_exception.translation_key == "update_failed_too_large"
    assert hass.states.get("sensor.sonarr_queue").state == STATE_UNAVAILABLE


async def test_a_long_retry_after_pauses_the_entry(
    hass: HomeAssistant, sonarr: FakeArr, sonarr_entry: MockConfigEntry, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [1000.0]
    monkeypatch.setattr(api_http, "clock", lambda: now[0])
    sonarr.retry_after = 120
    await sonarr.set_fault(Fault.RATE_LIMITED)
    await refresh(hass, sonarr_entry)
    coordinator = sonarr_entry.runtime_data.coordinator
    assert coordinator.last_exception.translation_key == "update_failed_rate_limited"
    assert coordinator.last_exception.retry_after == pytest.approx(120)
    # The server answered: it is reachable, and says until when it wants a pause.
    connectivity = hass.states.get("binary_sensor.sonarr_connectivity")
    assert connectivity.state == STATE_ON
    assert "rate_limited_until" in connectivity.attributes
    assert hass.states.get("sensor.sonarr_queue").state == STATE_UNAVAILABLE
    # Nothing is sent until the pause is over, polls and actions alike.
    await sonarr.set_fault(Fault.NONE)
    sent = len(sonarr.requests)
    await refresh(hass, sonarr_entry)
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(DOMAIN, "get_queue", {}, blocking=True, return_response=True)
    assert err.value.translation_key == "action_rate_limited"
    assert len(sonarr.requests) == sent
    # Then it resumes by itself.
    now[0] += 121
    await refresh(hass, sonarr_entry)
    assert hass.states.get("sensor.sonarr_queue").state == "3"
    assert "rate_limited_until" not in hass.states.get("binary_sensor.sonarr_connectivity").attributes


async def test_an_hour_at_most(sonarr: FakeArr, monkeypatch: pytest.MonkeyPatch) -> None:
    now = [0.0]
    monkeypatch.setattr(api_http, "clock", lambda: now[0])
    sonarr.retry_after = 10**9
    await sonarr.set_fault(Fault.RATE_LIMITED)
    async with aiohttp.ClientSession() as session:
        client = SonarrClient(session, sonarr.url, SONARR_KEY)
        with pytest.raises(Exception, match="Rate limited"):
            await client.system_status()
        assert client.pause_remaining == pytest.approx(api_http.MAX_PAUSE)


async def test_a_short_rate_limit_is_retried(
    hass: HomeAssistant, sonarr: FakeArr, sonarr_entry: MockConfigEntry
) -> None:
    sonarr.retry_after = 0
    await sonarr.set_fault(Fault.RATE_LIMITED)
    await refresh(hass, sonarr_entry)
    assert hass.states.get("binary_sensor.sonarr_connectivity").state == STATE_ON
    assert sonarr_entry.runtime_data.client.pause_remaining is None
    await sonarr.set_fault(Fault.NONE)
    await refresh(hass, sonarr_entry)
    assert hass.states.get("sensor.sonarr_queue").state == "3"


async def test_a_rejected_key_is_still_connected(
    hass: HomeAssistant, sonarr: FakeArr, sonarr_entry: MockConfigEntry
) -> None:
    await sonarr.set_fault(Fault.UNAUTHORIZED)
    await refresh(hass, sonarr_entry, all_tiers=True)
    # Connectivity means reachable: the server answered; the reauth flow says the rest.
    assert hass.states.get("binary_sensor.sonarr_connectivity").state == STATE_ON
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [f["context"]["source"] for f in flows] == [SOURCE_REAUTH]


async def test_a_malformed_record_is_skipped(
    hass: HomeAssistant,
    prowlarr: FakeProwlarr,
    prowlarr_entry: MockConfigEntry,
    hass_client: ClientSessionGenerator,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    before = int(hass.states.get("sensor.prowlarr_indexers").state)
    prowlarr.malformed.append({"name": "Broken", "enable": True})  # no id
    await refresh(hass, prowlarr_entry, all_tiers=True)
    await refresh(hass, prowlarr_entry, all_tiers=True)
    assert prowlarr_entry.runtime_data.coordinator.last_update_success
    assert int(hass.states.get("sensor.prowlarr_indexers").state) == before
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, prowlarr_entry)
    assert diagnostics["health"]["skipped_records"] == 2
    logged = [r for r in caplog.records if "malformed record" in r.getMessage()]
    assert len(logged) == 1
    assert logged[0].levelno == logging.DEBUG
