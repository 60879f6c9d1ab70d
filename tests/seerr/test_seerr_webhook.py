"""Request events pushed by Seerr: payloads, the webhook's checks, and the options flow end to end."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.medianest.api import ApiInvalidResponseError
from custom_components.medianest.apps.seerr.webhook import EVENT_BITS, parse_payload
from custom_components.medianest.const import CONF_PUSH_EVENTS, CONF_WEBHOOK_ID, CONF_WEBHOOK_SECRET
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType

from ..fakes.base import Fault
from ..fakes.seerr import FakeSeerr

EVENT = "event.seerr_requests"


def test_payloads() -> None:
    flat = {
        "notification_type": "MEDIA_APPROVED",
        "subject": "Dune (2021)",
        "image": "https://image.tmdb.org/t/p/w600/dune.jpg",
        "media_type": "movie",
        "request_id": "12",
        "requested_by": "Emma",
    }
    event = parse_payload(flat)
    assert event is not None
    assert (event.event_type, event.request_id, event.title, event.requested_by) == (
        "approved",
        12,
        "Dune",
        "Emma",
    )
    nested = {
        "notification_type": "MEDIA_AVAILABLE",
        "subject": "Severance (2022)",
        "image": "javascript:alert(1)",
        "media": {"media_type": "tv", "tmdbId": "95396", "status": "AVAILABLE"},
        "request": {"request_id": "3", "requestedBy_username": "Noah"},
        "extra": [],
    }
    event = parse_payload(nested)
    assert event is not None
    assert (event.event_type, event.request_id, event.media_type, event.poster) == (
        "available",
        3,
        "tv",
        None,
    )
    assert parse_payload({"notification_type": "TEST_NOTIFICATION", "subject": "Test Notification"}) is None
    assert parse_payload({"notification_type": "ISSUE_CREATED", "issue": {"issue_id": "1"}}) is None
    for bad in ([], {}, {"notification_type": 5}, {"notification_type": "MEDIA_PENDING", "request_id": "x"}):
        with pytest.raises(ApiInvalidResponseError, match=r"notification|request id"):
            parse_payload(bad)


async def test_webhook_takes_only_well_formed_payloads(
    hass: HomeAssistant,
    seerr: FakeSeerr,
    seerr_entry: MockConfigEntry,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    client = await hass_client_no_auth()
    url = f"/api/webhook/{seerr_entry.data[CONF_WEBHOOK_ID]}"
    secret = seerr_entry.data[CONF_WEBHOOK_SECRET]
    payload = {"notification_type": "MEDIA_PENDING", "subject": "The Bear (2022)", "request_id": "42"}
    response = await client.post(url, json=payload, headers={"Authorization": "wrong"})
    assert response.status == 401
    response = await client.post(url, data=b"{not json", headers={"Authorization": secret})
    assert response.status == 400
    response = await client.post(url, json={"hello": "world"}, headers={"Authorization": secret})
    assert response.status == 400
    response = await client.post(url, data=b"x" * 70_000, headers={"Authorization": secret})
    assert response.status == 413
    assert hass.states.get(EVENT).state == "unknown"
    response = await client.post(url, json=payload, headers={"Authorization": secret})
    assert response.status == 200
    await hass.async_block_till_done()
    state = hass.states.get(EVENT)
    assert (state.attributes["event_type"], state.attributes["title"], state.attributes["request_id"]) == (
        "new",
        "The Bear",
        42,
    )
    # The same notification again is not a new event.
    response = await client.post(url, json=payload, headers={"Authorization": secret})
    await hass.async_block_till_done()
    assert hass.states.get(EVENT).last_changed == state.last_changed


async def test_options_configure_seerr_and_events_arrive_at_once(
    hass: HomeAssistant,
    seerr: FakeSeerr,
    seerr_entry: MockConfigEntry,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    client = await hass_client_no_auth()
    result = await hass.config_entries.options.async_init(seerr_entry.entry_id)
    assert result["step_id"] == "seerr"
    hass.config.internal_url = str(client.make_url("/")).rstrip("/")
    result = await hass.config_entries.options.async_configure(result["flow_id"], {CONF_PUSH_EVENTS: True})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert seerr_entry.options[CONF_PUSH_EVENTS] is True
    options = seerr.webhook["options"]
    assert seerr.webhook["enabled"] is True
    assert seerr.webhook["types"] == EVENT_BITS
    assert options["webhookUrl"].endswith(f"/api/webhook/{seerr_entry.data[CONF_WEBHOOK_ID]}")
    assert options["authHeader"] == seerr_entry.data[CONF_WEBHOOK_SECRET]
    # With Seerr pushing, polling is the fallback: every five minutes instead of every minute.
    coordinator = seerr_entry.runtime_data.coordinator
    assert coordinator.update_interval == timedelta(minutes=5)

    # Seerr now pushes: a new request reaches Home Assistant without a poll, and the counts
    # are read at once.
    pending = int(hass.states.get("sensor.seerr_pending_requests").state)
    new = seerr.add_request("tv", 136315, user_id=2)
    await seerr.delivered()
    await hass.async_block_till_done()
    assert seerr.deliveries[-1]["status"] == 200
    assert hass.states.get("sensor.seerr_pending_requests").state == str(pending + 1)
    state = hass.states.get(EVENT)
    assert (state.attributes["event_type"], state.attributes["request_id"], state.attributes["title"]) == (
        "new",
        new["id"],
        "The Bear",
    )
    assert state.attributes["requested_by"] == "Emma"
    # The next poll sees the same request: it is not reported again.
    await seerr_entry.runtime_data.coordinator.async_refresh()
    await hass.async_block_till_done()
    assert hass.states.get(EVENT).last_changed == state.last_changed

    # Turning it off disables Seerr's agent, since it points here.
    result = await hass.config_entries.options.async_init(seerr_entry.entry_id)
    result = await hass.config_entries.options.async_configure(result["flow_id"], {CONF_PUSH_EVENTS: False})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert seerr.webhook["enabled"] is False
    assert coordinator.update_interval == timedelta(minutes=1)


async def test_options_errors(
    hass: HomeAssistant, seerr: FakeSeerr, seerr_entry: MockConfigEntry, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("custom_components.medianest.apps.seerr.flow.webhook_url", lambda hass, entry: None)
    result = await hass.config_entries.options.async_init(seerr_entry.entry_id)
    result = await hass.config_entries.options.async_configure(result["flow_id"], {CONF_PUSH_EVENTS: True})
    assert result["errors"] == {"base": "no_url"}  # Home Assistant does not know its address
    monkeypatch.undo()
    hass.config.internal_url = "http://192.168.1.2:8123"
    for fault, error in (
        (Fault.REFUSED, "cannot_connect"),
        (Fault.FORBIDDEN, "invalid_auth"),
        (Fault.SERVER_ERROR, "webhook_refused"),
    ):
        result = await hass.config_entries.options.async_init(seerr_entry.entry_id)
        await seerr.set_fault(fault)
        result = await hass.config_entries.options.async_configure(
            result["flow_id"], {CONF_PUSH_EVENTS: True}
        )
        assert result["errors"] == {"base": error}
        await seerr.set_fault(Fault.NONE)
