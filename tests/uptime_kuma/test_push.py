"""Monitors going down and up, pushed by Uptime Kuma: over the logged-in socket, and by webhook."""

from __future__ import annotations

import json

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.medianest.apps.uptime_kuma.push import NOTIFICATION_NAME, parse_heartbeat
from custom_components.medianest.const import CONF_PUSH_EVENTS, CONF_WEBHOOK_ID, CONF_WEBHOOK_SECRET
from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType

from ..conftest import setup_entry
from ..fakes.uptime_kuma import FakeUptimeKuma
from .conftest import login_entry

SONARR_UP = "binary_sensor.sonarr_uptime_kuma_connectivity"


def test_payloads() -> None:
    down = {
        "heartbeat": {"monitorID": 4, "status": 0, "msg": "timeout", "ping": None, "important": True},
        "monitor": {"id": 4, "name": "NAS"},
        "msg": "[NAS] [🔴 Down] timeout",
    }
    assert parse_heartbeat(down) == ("4", 0, None)
    up = {"heartbeat": {"monitorID": 4, "status": 1, "ping": 12}, "monitor": {"id": 4}, "msg": "up"}
    assert parse_heartbeat(up) == ("4", 1, 12.0)
    # A certificate reminder (and Kuma's test) has no heartbeat: taken, and nothing changes.
    assert parse_heartbeat({"heartbeat": None, "monitor": None, "msg": "cert expires in 7 days"}) is None
    for bad in (
        [],
        {},
        {"msg": "x", "heartbeat": {"monitorID": "4"}},
        {"msg": "x", "heartbeat": {"status": 1}},
    ):
        with pytest.raises(ValueError, match="notification"):
            parse_heartbeat(bad)


async def test_the_socket_brings_a_monitor_down_at_once(
    hass: HomeAssistant, kuma_login: FakeUptimeKuma, unload_entries: None
) -> None:
    """With Kuma's login, its heartbeats arrive over the connection MediaNest keeps: no poll."""
    await setup_entry(hass, login_entry(kuma_login))
    assert hass.states.get(SONARR_UP).state == STATE_ON
    kuma_login.set_status(1, 0)
    await kuma_login.delivered()
    await hass.async_block_till_done()
    assert hass.states.get(SONARR_UP).state == STATE_OFF
    assert hass.states.get("sensor.sonarr_uptime_kuma_status").state == "down"
    kuma_login.set_status(1, 1)
    await kuma_login.delivered()
    await hass.async_block_till_done()
    assert hass.states.get(SONARR_UP).state == STATE_ON


async def test_options_add_the_webhook_in_kuma_and_it_pushes(
    hass: HomeAssistant,
    kuma_login: FakeUptimeKuma,
    unload_entries: None,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    entry = await setup_entry(hass, login_entry(kuma_login))
    client = await hass_client_no_auth()
    hass.config.internal_url = str(client.make_url("/")).rstrip("/")
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["step_id"] == "uptime_kuma"
    result = await hass.config_entries.options.async_configure(result["flow_id"], {CONF_PUSH_EVENTS: True})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await kuma_login.delivered()
    (notification,) = kuma_login.notifications.values()
    settings = json.loads(notification["config"])
    assert notification["name"] == NOTIFICATION_NAME
    assert settings["type"] == "webhook"
    assert settings["webhookURL"].endswith(f"/api/webhook/{entry.data[CONF_WEBHOOK_ID]}")
    assert json.loads(settings["webhookAdditionalHeaders"]) == {
        "Authorization": entry.data[CONF_WEBHOOK_SECRET]
    }
    assert settings["isDefault"] is True
    # The socket is gone (Kuma restarted, say): the webhook still brings the change.
    entry.runtime_data.client.socket.on_heartbeat = None
    kuma_login.set_status(4, 0)
    await kuma_login.delivered()
    await hass.async_block_till_done()
    assert kuma_login.deliveries[-1]["status"] == 200
    assert hass.states.get("binary_sensor.nas_uptime_kuma_connectivity").state == STATE_OFF
    # Turning it off removes MediaNest's notification from Kuma.
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(result["flow_id"], {CONF_PUSH_EVENTS: False})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await kuma_login.delivered()
    assert kuma_login.notifications == {}


async def test_without_login_the_options_say_what_to_enter_in_kuma(
    hass: HomeAssistant,
    kuma: FakeUptimeKuma,
    kuma_entry: MockConfigEntry,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    client = await hass_client_no_auth()
    hass.config.internal_url = str(client.make_url("/")).rstrip("/")
    result = await hass.config_entries.options.async_init(kuma_entry.entry_id)
    assert result["step_id"] == "uptime_kuma_manual"
    placeholders = result["description_placeholders"]
    assert placeholders["url"].endswith(f"/api/webhook/{kuma_entry.data[CONF_WEBHOOK_ID]}")
    assert json.loads(placeholders["headers"]) == {"Authorization": kuma_entry.data[CONF_WEBHOOK_SECRET]}
    result = await hass.config_entries.options.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    # What the user entered in Kuma works: a monitor down reaches Home Assistant at once.
    url = f"/api/webhook/{kuma_entry.data[CONF_WEBHOOK_ID]}"
    beat = {
        "heartbeat": {"monitorID": 2, "status": 0, "important": True},
        "monitor": {"id": 2},
        "msg": "down",
    }
    assert (await client.post(url, json=beat, headers={"Authorization": "wrong"})).status == 401
    assert (
        await client.post(
            url, json={"nope": 1}, headers={"Authorization": kuma_entry.data[CONF_WEBHOOK_SECRET]}
        )
    ).status == 400
    response = await client.post(
        url, json=beat, headers={"Authorization": kuma_entry.data[CONF_WEBHOOK_SECRET]}
    )
    assert response.status == 200
    await hass.async_block_till_done()
    assert hass.states.get("binary_sensor.radarr_uptime_kuma_connectivity").state == STATE_OFF
    # The next poll agrees once Kuma does; a beat for a monitor MediaNest does not know is ignored.
    missing = {"heartbeat": {"monitorID": 99, "status": 0}, "monitor": None, "msg": "x"}
    assert (
        await client.post(url, json=missing, headers={"Authorization": kuma_entry.data[CONF_WEBHOOK_SECRET]})
    ).status == 200
