"""Prowlarr: client, flow, entities per indexer, the test action and button, faults."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion
from syrupy.filters import props

from custom_components.medianest.api import ApiAuthenticationError, ApiNotFoundError
from custom_components.medianest.api.prowlarr import ProwlarrClient
from custom_components.medianest.const import CONF_KIND, DOMAIN
from homeassistant.components.button import DOMAIN as BUTTON_DOMAIN, SERVICE_PRESS
from homeassistant.config_entries import SOURCE_REAUTH, SOURCE_USER
from homeassistant.const import ATTR_ENTITY_ID, CONF_API_KEY, CONF_URL, CONF_VERIFY_SSL, STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import device_registry as dr, entity_registry as er

from ..conftest import (
    PROWLARR_KEY,
    SONARR_KEY,
    assert_entities_match,
    diagnostics_without,
    make_entry,
    refresh,
    setup_entry,
)
from ..fakes.arr import FakeArr
from ..fakes.base import Fault
from ..fakes.prowlarr import FakeProwlarr

MOVING = props(
    "last_changed",
    "last_reported",
    "last_updated",
    "context",
    "disabled_till",
    "initial_failure",
    "most_recent_failure",
)


# --- client ------------------------------------------------------------------------------


async def test_client_reads_and_tests_indexers(prowlarr: FakeProwlarr) -> None:
    prowlarr.fail(2)
    async with aiohttp.ClientSession() as session:
        client = ProwlarrClient(session, prowlarr.url, PROWLARR_KEY)
        indexers = await client.indexers()
        assert [i.name for i in indexers] == ["1337x", "Nyaa.si", "The Pirate Bay", "TorrentLeech", "NZBgeek"]
        assert [i.enabled for i in indexers] == [True, True, True, False, True]
        assert indexers[4].protocol == "usenet"
        failures = await client.indexer_failures()
        assert list(failures) == [2]
        assert failures[2].disabled_till is not None
        ok, failed = await client.test_indexer(1), await client.test_indexer(2)
        assert (ok.valid, ok.errors) == (True, [])
        assert not failed.valid
        assert failed.errors[0].startswith("Unable to connect to indexer")
        # The single test posts the indexer's full resource, as the API requires.
        assert ("GET", "/api/v1/indexer/2") in prowlarr.requests
        results = await client.test_all_indexers()
        assert {r.indexer_id: r.valid for r in results} == {1: True, 2: False, 3: True, 5: True}
        stats = await client.indexer_stats(prowlarr.now)
        assert stats[2].failed_queries == 5
        with pytest.raises(ApiNotFoundError):
            await client.test_indexer(99)
        with pytest.raises(ApiAuthenticationError):
            await ProwlarrClient(session, prowlarr.url, "wrong").indexers()


async def test_fake_requires_a_full_resource_to_test(prowlarr: FakeProwlarr) -> None:
    async with aiohttp.ClientSession(headers={"X-Api-Key": PROWLARR_KEY}) as session:
        async with session.post(f"{prowlarr.url}/api/v1/indexer/test", json={"id": 1}) as response:
            assert response.status == 400
            assert {f["propertyName"] for f in await response.json()} == {"Name", "Implementation", "Fields"}
        async with session.get(f"{prowlarr.url}/api/v1/indexer/1/test") as response:
            assert response.status == 404  # there is no test route by id


# --- flow --------------------------------------------------------------------------------


async def test_flow_creates_prowlarr_entry(
    hass: HomeAssistant, prowlarr: FakeProwlarr, unload_entries: None
) -> None:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"next_step_id": "prowlarr"})
    assert result["step_id"] == "prowlarr"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: prowlarr.url, CONF_API_KEY: "wrong", CONF_VERIFY_SSL: True}
    )
    assert result["errors"] == {"base": "invalid_auth"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: prowlarr.url, CONF_API_KEY: PROWLARR_KEY, CONF_VERIFY_SSL: True}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Prowlarr"
    assert result["data"][CONF_KIND] == "prowlarr"
    assert result["result"].unique_id == f"prowlarr_127.0.0.1:{prowlarr.port}"


async def test_flow_refuses_another_servarr(hass: HomeAssistant, sonarr: FakeArr) -> None:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"next_step_id": "prowlarr"})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: sonarr.url, CONF_API_KEY: SONARR_KEY, CONF_VERIFY_SSL: True}
    )
    assert result["errors"] == {"base": "wrong_service"}
    assert result["description_placeholders"]["found"] == "Sonarr"


# --- entities ----------------------------------------------------------------------------


@pytest.mark.usefixtures("entity_registry_enabled_by_default", "fixed_clock")
async def test_entities(
    hass: HomeAssistant,
    prowlarr: FakeProwlarr,
    entity_registry: er.EntityRegistry,
    device_registry: dr.DeviceRegistry,
    snapshot: SnapshotAssertion,
    unload_entries: None,
) -> None:
    prowlarr.fail(2)
    entry = await setup_entry(hass, make_entry(prowlarr))
    assert_entities_match(hass, entry, snapshot, MOVING)
    service = device_registry.async_get_device_by_identifier((DOMAIN, entry.entry_id), entry.entry_id)
    assert service is not None
    indexer_devices = [
        d for d in dr.async_entries_for_config_entry(device_registry, entry.entry_id) if d.id != service.id
    ]
    assert sorted(d.name for d in indexer_devices) == [
        "1337x",
        "NZBgeek",
        "Nyaa.si",
        "The Pirate Bay",
        "TorrentLeech",
    ]
    assert {d.via_device_id for d in indexer_devices} == {service.id}
    assert {d.model for d in indexer_devices} >= {"1337x", "nyaasi"}
    assert {d.configuration_url for d in indexer_devices} == {f"{prowlarr.url}/indexers"}


async def test_counts_and_indexer_problem(
    hass: HomeAssistant, prowlarr: FakeProwlarr, prowlarr_entry: MockConfigEntry
) -> None:
    assert hass.states.get("sensor.prowlarr_indexers").state == "5"
    assert hass.states.get("sensor.prowlarr_enabled_indexers").state == "4"
    assert hass.states.get("sensor.prowlarr_failing_indexers").state == "0"
    assert hass.states.get("binary_sensor.nyaa_si_problem").state == STATE_OFF
    prowlarr.fail(2)
    await refresh(hass, prowlarr_entry, all_tiers=True)
    assert hass.states.get("sensor.prowlarr_failing_indexers").state == "1"
    problem = hass.states.get("binary_sensor.nyaa_si_problem")
    assert problem.state == STATE_ON
    assert problem.attributes["disabled_till"] is not None
    prowlarr.recover(2)
    await refresh(hass, prowlarr_entry, all_tiers=True)
    assert hass.states.get("binary_sensor.nyaa_si_problem").state == STATE_OFF


async def test_indexers_come_and_go(
    hass: HomeAssistant,
    prowlarr: FakeProwlarr,
    prowlarr_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    device_registry: dr.DeviceRegistry,
) -> None:
    new_id = prowlarr.add_indexer("EZTV")
    await refresh(hass, prowlarr_entry, all_tiers=True)
    assert hass.states.get("binary_sensor.eztv_problem").state == STATE_OFF
    assert hass.states.get("sensor.prowlarr_indexers").state == "6"
    identifier = (DOMAIN, f"{prowlarr_entry.entry_id}_indexer_{new_id}")
    device = device_registry.async_get_device_by_identifier(identifier, prowlarr_entry.entry_id)
    assert device is not None
    del prowlarr.indexers[new_id]
    await refresh(hass, prowlarr_entry, all_tiers=True)
    assert hass.states.get("binary_sensor.eztv_problem") is None
    assert entity_registry.async_get("binary_sensor.eztv_problem") is None
    assert device_registry.async_get_device_by_identifier(identifier, prowlarr_entry.entry_id) is None


async def test_removing_a_stale_device(
    hass: HomeAssistant,
    prowlarr: FakeProwlarr,
    prowlarr_entry: MockConfigEntry,
    device_registry: dr.DeviceRegistry,
    hass_ws_client: Any,
) -> None:
    from custom_components.medianest import async_remove_config_entry_device

    service = device_registry.async_get_device_by_identifier(
        (DOMAIN, prowlarr_entry.entry_id), prowlarr_entry.entry_id
    )
    current = device_registry.async_get_device_by_identifier(
        (DOMAIN, f"{prowlarr_entry.entry_id}_indexer_1"), prowlarr_entry.entry_id
    )
    stale = device_registry.async_get_or_create(
        config_entry_id=prowlarr_entry.entry_id,
        identifiers={(DOMAIN, f"{prowlarr_entry.entry_id}_indexer_77")},
    )
    assert not await async_remove_config_entry_device(hass, prowlarr_entry, service)
    assert not await async_remove_config_entry_device(hass, prowlarr_entry, current)
    assert await async_remove_config_entry_device(hass, prowlarr_entry, stale)


# --- actions and button ------------------------------------------------------------------


async def test_test_indexers_action(
    hass: HomeAssistant, prowlarr: FakeProwlarr, prowlarr_entry: MockConfigEntry
) -> None:
    prowlarr.fail(3)
    response = await hass.services.async_call(
        DOMAIN, "test_indexers", {}, blocking=True, return_response=True
    )
    results = {r["name"]: r for r in response["results"]}
    assert set(results) == {"1337x", "Nyaa.si", "The Pirate Bay", "NZBgeek"}  # enabled ones only
    assert results["The Pirate Bay"]["valid"] is False
    assert results["The Pirate Bay"]["errors"]
    assert results["1337x"] == {"indexer_id": 1, "name": "1337x", "valid": True, "errors": []}
    response = await hass.services.async_call(
        DOMAIN, "test_indexers", {"indexer_id": 3}, blocking=True, return_response=True
    )
    assert [(r["indexer_id"], r["valid"]) for r in response["results"]] == [(3, False)]
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN, "test_indexers", {"indexer_id": 42}, blocking=True, return_response=True
        )
    assert err.value.translation_key == "unknown_indexer"
    assert "1 (1337x)" in err.value.translation_placeholders["valid"]
    await prowlarr.set_fault(Fault.REFUSED)
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(DOMAIN, "test_indexers", {}, blocking=True, return_response=True)
    assert err.value.translation_key == "action_unreachable"


async def test_test_all_button(
    hass: HomeAssistant, prowlarr: FakeProwlarr, prowlarr_entry: MockConfigEntry
) -> None:
    await hass.services.async_call(
        BUTTON_DOMAIN, SERVICE_PRESS, {ATTR_ENTITY_ID: "button.prowlarr_test_all_indexers"}, blocking=True
    )
    assert ("POST", "/api/v1/indexer/testall") in prowlarr.requests


# --- diagnostics and faults --------------------------------------------------------------


async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    prowlarr: FakeProwlarr,
    prowlarr_entry: MockConfigEntry,
    snapshot: SnapshotAssertion,
    fixed_clock: None,
) -> None:
    result = await diagnostics_without(hass, hass_client, prowlarr_entry, PROWLARR_KEY, str(prowlarr.port))
    assert result == snapshot(
        exclude=props(
            "bytes_received", "last_response_time", "disabled_till", "most_recent_failure", "initial_failure"
        )
    )


async def test_partial_answers(
    hass: HomeAssistant, prowlarr: FakeProwlarr, prowlarr_entry: MockConfigEntry
) -> None:
    await prowlarr.set_fault(Fault.PARTIAL)
    await refresh(hass, prowlarr_entry, all_tiers=True)
    assert hass.states.get("binary_sensor.prowlarr_connectivity").state == STATE_ON
    assert hass.states.get("sensor.prowlarr_indexers").state == "5"


async def test_rejected_key_starts_reauth(
    hass: HomeAssistant, prowlarr: FakeProwlarr, prowlarr_entry: MockConfigEntry
) -> None:
    await prowlarr.set_fault(Fault.UNAUTHORIZED)
    await refresh(hass, prowlarr_entry, all_tiers=True)
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [f["context"]["source"] for f in flows] == [SOURCE_REAUTH]
