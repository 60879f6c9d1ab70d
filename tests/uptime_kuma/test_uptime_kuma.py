"""Uptime Kuma: /metrics parsing, flow, a device per monitor, monitors coming and going, faults."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator, WebSocketGenerator
from syrupy.assertion import SnapshotAssertion
from syrupy.filters import props

from custom_components.medianest.api import (
    ApiAuthenticationError,
    ApiConnectionError,
    ApiInvalidResponseError,
    uptime_kuma_socket,
)
from custom_components.medianest.api.uptime_kuma import KumaVersionError, UptimeKumaClient, parse_metrics
from custom_components.medianest.apps.uptime_kuma.const import UPTIME_KUMA_UNREPORTED_REPAIR
from custom_components.medianest.const import DOMAIN
from custom_components.medianest.core.coordinator import LISTENER_SLICE
from custom_components.medianest.core.entity import MedianestEntity
from homeassistant.config_entries import SOURCE_REAUTH, SOURCE_USER, ConfigEntryState
from homeassistant.const import (
    CONF_API_KEY,
    CONF_PASSWORD,
    CONF_URL,
    CONF_USERNAME,
    CONF_VERIFY_SSL,
    STATE_OFF,
    STATE_ON,
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
)
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import device_registry as dr, entity_registry as er, issue_registry as ir
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util

from ..conftest import KUMA_KEY, assert_entities_match, diagnostics_without, make_entry, refresh, setup_entry
from ..fakes.base import Fault
from ..fakes.uptime_kuma import FakeUptimeKuma
from .conftest import login_entry

MOVING = props("last_changed", "last_reported", "last_updated", "context")


# --- client ------------------------------------------------------------------------------


async def test_client_reads_monitors(kuma: FakeUptimeKuma) -> None:
    async with aiohttp.ClientSession() as session:
        monitors = await UptimeKumaClient(session, kuma.url, KUMA_KEY).monitors()
        assert [m.name for m in monitors.values()] == ["Sonarr", "Radarr", "Plex", "NAS", "qBittorrent"]
        plex = monitors["3"]
        assert (plex.status_name, plex.response_time, plex.cert_days_remaining, plex.cert_valid) == (
            "up",
            112.0,
            47,
            True,
        )
        assert plex.uptime == {"1d": 99.93, "30d": 99.71, "365d": 99.58}
        assert monitors["4"].hostname == "192.168.1.10"
        assert monitors["1"].cert_days_remaining is None
        kuma.set_status(1, 0)
        monitors = await UptimeKumaClient(session, kuma.url, KUMA_KEY).monitors()
        assert monitors["1"].status_name == "down"
        assert monitors["1"].response_time is None  # -1: no ping
        with pytest.raises(ApiAuthenticationError):
            await UptimeKumaClient(session, kuma.url, "uk1_wrong").monitors()
        with pytest.raises(ApiAuthenticationError):
            await UptimeKumaClient(session, kuma.url, None).monitors()


def test_parser_edge_cases() -> None:
    server = FakeUptimeKuma(None, version="1.23.16")
    with pytest.raises(KumaVersionError):
        parse_metrics(server.render())
    for text in ("{not json", "<html><body>Sonarr</body></html>", "", "process_cpu_seconds_total 3\n"):
        with pytest.raises(ApiInvalidResponseError):
            parse_metrics(text)
    # Odd names and NaN values; no monitors yet.
    odd = 'monitor_status{monitor_id="9",monitor_name="A \\"quoted\\" name, with comma"} NaN\n'
    assert parse_metrics(odd)["9"].name == 'A "quoted" name, with comma'
    assert parse_metrics(odd)["9"].status is None
    assert parse_metrics("# HELP monitor_status s\n# TYPE monitor_status gauge\n") == {}


async def test_open_metrics_need_no_key(socket_enabled: None) -> None:
    server = FakeUptimeKuma(None)
    await server.start()
    try:
        async with aiohttp.ClientSession() as session:
            assert len(await UptimeKumaClient(session, server.url, None).monitors()) == 5
    finally:
        await server.stop()


# --- flow --------------------------------------------------------------------------------


async def _start(hass: HomeAssistant) -> dict[str, Any]:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert "uptime_kuma" in result["menu_options"]
    return await hass.config_entries.flow.async_configure(result["flow_id"], {"next_step_id": "uptime_kuma"})


async def test_flow_creates_entry(hass: HomeAssistant, kuma: FakeUptimeKuma, unload_entries: None) -> None:
    result = await _start(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: kuma.url, CONF_VERIFY_SSL: True}
    )
    assert result["errors"] == {"base": "invalid_auth"}  # API keys are enabled on this server
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: kuma.url, CONF_API_KEY: KUMA_KEY, CONF_VERIFY_SSL: True}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Uptime Kuma"
    assert result["result"].unique_id == f"uptime_kuma_127.0.0.1:{kuma.port}"
    assert hass.states.get("sensor.uptime_kuma_monitors").state == "5"


async def test_flow_without_key_and_for_1x(
    hass: HomeAssistant, socket_enabled: None, unload_entries: None
) -> None:
    old = FakeUptimeKuma(None, version="1.23.16")
    await old.start()
    try:
        result = await _start(hass)
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], {CONF_URL: old.url, CONF_VERIFY_SSL: True}
        )
        assert result["errors"] == {"base": "kuma_v1"}
        old.version = "2.0.2"
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], {CONF_URL: old.url, CONF_VERIFY_SSL: True}
        )
        assert result["type"] is FlowResultType.CREATE_ENTRY
        assert CONF_API_KEY not in result["data"]
        await hass.async_block_till_done()
        # An upgraded server that goes back to 1.x is refused as unsupported.
        old.version = "1.23.16"
        entry = result["result"]
        await refresh(hass, entry)
        assert entry.state is ConfigEntryState.LOADED
        assert hass.states.get("sensor.uptime_kuma_monitors").state == STATE_UNAVAILABLE
    finally:
        await old.stop()


@pytest.mark.parametrize(
    ("fault", "error"),
    [(Fault.REFUSED, "cannot_connect"), (Fault.SLOW, "timeout"), (Fault.MALFORMED, "invalid_response")],
)
async def test_flow_errors(hass: HomeAssistant, kuma: FakeUptimeKuma, fault: Fault, error: str) -> None:
    result = await _start(hass)
    await kuma.set_fault(fault)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: kuma.url, CONF_API_KEY: KUMA_KEY, CONF_VERIFY_SSL: True}
    )
    assert result["errors"] == {"base": error}


async def test_reauth(hass: HomeAssistant, kuma: FakeUptimeKuma, kuma_entry: MockConfigEntry) -> None:
    kuma.api_key = "uk2_new-key"
    await refresh(hass, kuma_entry)
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [f["context"]["source"] for f in flows] == [SOURCE_REAUTH]
    result = await hass.config_entries.flow.async_configure(
        flows[0]["flow_id"], {CONF_API_KEY: "uk2_new-key"}
    )
    assert result["reason"] == "reauth_successful"
    await hass.async_block_till_done()
    assert hass.states.get("sensor.uptime_kuma_monitors_up").state == "5"


# --- entities ----------------------------------------------------------------------------


@pytest.mark.usefixtures("entity_registry_enabled_by_default", "fixed_clock")
async def test_entities(
    hass: HomeAssistant,
    kuma: FakeUptimeKuma,
    entity_registry: er.EntityRegistry,
    device_registry: dr.DeviceRegistry,
    snapshot: SnapshotAssertion,
    unload_entries: None,
) -> None:
    kuma.set_status(2, 0)
    entry = await setup_entry(hass, make_entry(kuma))
    entries = assert_entities_match(hass, entry, snapshot, MOVING)
    service = device_registry.async_get_device_by_identifier((DOMAIN, entry.entry_id), entry.entry_id)
    monitors = [
        d for d in dr.async_entries_for_config_entry(device_registry, entry.entry_id) if d.id != service.id
    ]
    # Named apart from the services' own devices, with Kuma's names of their types and their pages.
    assert sorted(d.name for d in monitors) == [
        f"{name} (Uptime Kuma)" for name in ("NAS", "Plex", "Radarr", "Sonarr", "qBittorrent")
    ]
    assert {d.via_device_id for d in monitors} == {service.id}
    assert {d.model for d in monitors} <= {"HTTP", "TCP port", "Ping", "HTTP keyword", "DNS"}
    assert "HTTP" in {d.model for d in monitors}
    for device in monitors:
        ((_, identifier),) = device.identifiers
        monitor_id = identifier.rsplit("_", 1)[1]
        assert device.configuration_url == f"{kuma.url}/dashboard/{monitor_id}"
    # Only the monitor with a certificate has a certificate sensor.
    assert [e.entity_id for e in entries if "certificate" in e.entity_id] == [
        "sensor.plex_uptime_kuma_certificate_expires_in"
    ]


async def test_monitor_down_and_back(
    hass: HomeAssistant, kuma: FakeUptimeKuma, kuma_entry: MockConfigEntry
) -> None:
    assert hass.states.get("binary_sensor.sonarr_uptime_kuma_connectivity").state == STATE_ON
    kuma.set_status(1, 0)
    await refresh(hass, kuma_entry)
    assert hass.states.get("binary_sensor.sonarr_uptime_kuma_connectivity").state == STATE_OFF
    assert hass.states.get("sensor.sonarr_uptime_kuma_status").state == "down"
    assert hass.states.get("sensor.uptime_kuma_monitors_down").state == "1"
    assert hass.states.get("sensor.uptime_kuma_monitors_up").state == "4"
    for status, name, connected in (
        (2, "pending", STATE_ON),
        (3, "maintenance", STATE_ON),
        (1, "up", STATE_ON),
    ):
        kuma.set_status(1, status)
        await refresh(hass, kuma_entry)
        assert hass.states.get("sensor.sonarr_uptime_kuma_status").state == name
        assert hass.states.get("binary_sensor.sonarr_uptime_kuma_connectivity").state == connected


async def test_monitors_come_and_go(
    hass: HomeAssistant,
    kuma: FakeUptimeKuma,
    kuma_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    device_registry: dr.DeviceRegistry,
    hass_ws_client: WebSocketGenerator,
) -> None:
    new_id = kuma.add_monitor("Prowlarr", url="https://prowlarr.example.net", cert_days=12)
    await refresh(hass, kuma_entry)
    assert hass.states.get("binary_sensor.prowlarr_uptime_kuma_connectivity").state == STATE_ON
    assert hass.states.get("sensor.prowlarr_uptime_kuma_certificate_expires_in").state == "12"
    identifier = (DOMAIN, f"{kuma_entry.entry_id}_monitor_{new_id}")
    device = device_registry.async_get_device_by_identifier(identifier, kuma_entry.entry_id)
    assert device is not None
    # Deleted in Kuma: /metrics cannot tell it from paused, so it stays (as paused)...
    del kuma.monitors[new_id]
    await refresh(hass, kuma_entry)
    assert hass.states.get("sensor.prowlarr_uptime_kuma_status").state == "paused"
    assert hass.states.get("binary_sensor.prowlarr_uptime_kuma_connectivity").state == STATE_UNKNOWN
    assert hass.states.get("sensor.prowlarr_uptime_kuma_certificate_expires_in").state == STATE_UNKNOWN
    assert hass.states.get("sensor.uptime_kuma_monitors_up").state == "5"
    # ...until the user deletes its device.
    assert await async_setup_component(hass, "config", {})
    client = await hass_ws_client(hass)
    assert (await _remove_device(client, device.id, kuma_entry.entry_id))["success"]
    await hass.async_block_till_done()
    assert hass.states.get("binary_sensor.prowlarr_uptime_kuma_connectivity") is None
    assert entity_registry.async_get("sensor.prowlarr_uptime_kuma_certificate_expires_in") is None
    assert device_registry.async_get_device_by_identifier(identifier, kuma_entry.entry_id) is None
    assert hass.states.get("sensor.uptime_kuma_monitors").state == "5"
    # A monitor Kuma still reports cannot be deleted.
    sonarr = device_registry.async_get_device_by_identifier(
        (DOMAIN, f"{kuma_entry.entry_id}_monitor_1"), kuma_entry.entry_id
    )
    assert not (await _remove_device(client, sonarr.id, kuma_entry.entry_id))["success"]


async def _remove_device(client: Any, device_id: str, entry_id: str) -> dict[str, Any]:
    await client.send_json_auto_id(
        {
            "type": "config/device_registry/remove_config_entry",
            "config_entry_id": entry_id,
            "device_id": device_id,
        }
    )
    return await client.receive_json()


async def test_a_paused_monitor_keeps_its_device(
    hass: HomeAssistant,
    kuma: FakeUptimeKuma,
    kuma_entry: MockConfigEntry,
    device_registry: dr.DeviceRegistry,
    entity_registry: er.EntityRegistry,
) -> None:
    entity_registry.async_update_entity("binary_sensor.plex_uptime_kuma_connectivity", name="Plex web")
    kuma.pause(3)
    await refresh(hass, kuma_entry)
    assert 'monitor_id="3"' not in kuma.render()  # as real Kuma: no series at all
    assert hass.states.get("sensor.plex_uptime_kuma_status").state == "paused"
    connectivity = hass.states.get("binary_sensor.plex_uptime_kuma_connectivity")
    assert (connectivity.state, connectivity.name) == (STATE_UNKNOWN, "Plex web")
    assert hass.states.get("sensor.plex_uptime_kuma_certificate_expires_in").state == STATE_UNKNOWN
    assert hass.states.get("sensor.uptime_kuma_monitors").state == "5"
    # A restart while it is paused loses nothing either.
    await hass.config_entries.async_reload(kuma_entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get("sensor.plex_uptime_kuma_status").state == "paused"
    assert hass.states.get("sensor.plex_uptime_kuma_certificate_expires_in").state == STATE_UNKNOWN
    device = device_registry.async_get_device_by_identifier(
        (DOMAIN, f"{kuma_entry.entry_id}_monitor_3"), kuma_entry.entry_id
    )
    assert device is not None
    assert device.name == "Plex (Uptime Kuma)"
    assert device.model == "HTTP"
    # Resumed: the same entities carry on.
    kuma.pause(3, paused=False)
    await refresh(hass, kuma_entry)
    assert hass.states.get("sensor.plex_uptime_kuma_status").state == "up"
    assert hass.states.get("binary_sensor.plex_uptime_kuma_connectivity").state == STATE_ON
    assert hass.states.get("sensor.plex_uptime_kuma_certificate_expires_in").state == "47"


async def test_repair_removes_a_deleted_monitor(
    hass: HomeAssistant,
    kuma: FakeUptimeKuma,
    kuma_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    hass_client: ClientSessionGenerator,
    issue_registry: ir.IssueRegistry,
) -> None:
    assert await async_setup_component(hass, "repairs", {})
    start = dt_util.utcnow()
    issue_id = f"monitor_unreported_{kuma_entry.entry_id}_4"
    kuma.pause(4)
    await refresh(hass, kuma_entry)
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None  # paused for a moment: no question
    freezer.tick(UPTIME_KUMA_UNREPORTED_REPAIR)
    await refresh(hass, kuma_entry)
    issue = issue_registry.async_get_issue(DOMAIN, issue_id)
    assert issue is not None
    assert issue.is_fixable
    assert issue.translation_placeholders["monitor"] == "NAS"
    # Resumed: the question is withdrawn.
    kuma.pause(4, paused=False)
    await refresh(hass, kuma_entry)
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None
    # Deleted: the user confirms, and the monitor goes.
    del kuma.monitors[4]
    await refresh(hass, kuma_entry)
    freezer.tick(UPTIME_KUMA_UNREPORTED_REPAIR)
    await refresh(hass, kuma_entry)
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is not None
    freezer.move_to(start)  # back to the time the test's access token holds for
    client = await hass_client()
    response = await client.post("/api/repairs/issues/fix", json={"handler": DOMAIN, "issue_id": issue_id})
    flow = await response.json()
    assert flow["step_id"] == "confirm"
    assert flow["description_placeholders"]["monitor"] == "NAS"
    response = await client.post(f"/api/repairs/issues/fix/{flow['flow_id']}", json={})
    assert (await response.json())["type"] == "create_entry"
    await hass.async_block_till_done()
    assert hass.states.get("sensor.nas_uptime_kuma_status") is None
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None
    assert hass.states.get("sensor.uptime_kuma_monitors").state == "4"


async def test_kuma_version_from_metrics(
    hass: HomeAssistant, kuma: FakeUptimeKuma, kuma_entry: MockConfigEntry, device_registry: dr.DeviceRegistry
) -> None:
    device = device_registry.async_get_device_by_identifier(
        (DOMAIN, kuma_entry.entry_id), kuma_entry.entry_id
    )
    assert device.sw_version == kuma.version


async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    kuma: FakeUptimeKuma,
    kuma_entry: MockConfigEntry,
    snapshot: SnapshotAssertion,
    fixed_clock: None,
) -> None:
    result = await diagnostics_without(hass, hass_client, kuma_entry, KUMA_KEY, str(kuma.port))
    assert result == snapshot(exclude=props("bytes_received", "last_response_time"))


async def test_a_starting_kuma_keeps_the_monitors(
    hass: HomeAssistant, kuma: FakeUptimeKuma, kuma_entry: MockConfigEntry, entity_registry: er.EntityRegistry
) -> None:
    entity_registry.async_update_entity("binary_sensor.sonarr_uptime_kuma_connectivity", name="Sonarr web")
    # Right after a restart Kuma announces its metrics without series: no monitor is lost.
    await kuma.set_fault(Fault.PARTIAL)
    await refresh(hass, kuma_entry)
    assert hass.states.get("sensor.uptime_kuma_monitors").state == "5"
    assert hass.states.get("binary_sensor.sonarr_uptime_kuma_connectivity").state == "unknown"
    await kuma.set_fault(Fault.NONE)
    await refresh(hass, kuma_entry)
    sonarr = hass.states.get("binary_sensor.sonarr_uptime_kuma_connectivity")
    assert (sonarr.state, sonarr.name) == (STATE_ON, "Sonarr web")
    # Still no series after a while: every monitor is taken as paused (or deleted), and kept.
    kuma.monitors.clear()
    for _ in range(11):
        await refresh(hass, kuma_entry)
    assert hass.states.get("sensor.uptime_kuma_monitors").state == "5"
    assert hass.states.get("sensor.uptime_kuma_monitors_up").state == "0"
    assert hass.states.get("sensor.sonarr_uptime_kuma_status").state == "paused"


# --- with a Kuma user's login: the monitor list -------------------------------------------


async def test_the_monitor_list_tells_paused_from_deleted(
    hass: HomeAssistant, kuma_login: FakeUptimeKuma, unload_entries: None
) -> None:
    kuma_login.pause(4)  # paused before Home Assistant ever saw it
    entry = await setup_entry(hass, login_entry(kuma_login))
    assert entry.state is ConfigEntryState.LOADED
    assert hass.states.get("sensor.nas_uptime_kuma_status").state == "paused"
    assert hass.states.get("sensor.sonarr_uptime_kuma_status").state == "up"
    # Deleted in Kuma: Kuma says so, and it goes without a question.
    kuma_login.delete_monitor(1)
    await asyncio.sleep(0.2)
    await refresh(hass, entry)
    assert hass.states.get("sensor.sonarr_uptime_kuma_status") is None
    # Added and paused in Kuma: it appears as paused.
    new_id = kuma_login.add_monitor("Overseerr", url="http://overseerr:5055")
    kuma_login.pause(new_id)
    await asyncio.sleep(0.2)
    await refresh(hass, entry)
    assert hass.states.get("sensor.overseerr_uptime_kuma_status").state == "paused"
    kuma_login.pause(4, paused=False)
    await asyncio.sleep(0.2)
    await refresh(hass, entry)
    assert hass.states.get("sensor.nas_uptime_kuma_status").state == "up"


async def test_a_wrong_kuma_login_asks_again(
    hass: HomeAssistant, kuma_login: FakeUptimeKuma, unload_entries: None
) -> None:
    entry = await setup_entry(hass, login_entry(kuma_login, password="wrong"))
    assert entry.state is ConfigEntryState.SETUP_ERROR
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [f["context"]["source"] for f in flows] == [SOURCE_REAUTH]


async def test_the_flow_checks_the_kuma_login(
    hass: HomeAssistant, kuma_login: FakeUptimeKuma, unload_entries: None
) -> None:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "uptime_kuma"}
    )
    form = {CONF_URL: kuma_login.url, CONF_VERIFY_SSL: True, CONF_USERNAME: kuma_login.username}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**form, CONF_PASSWORD: "nope"}
    )
    assert result["errors"] == {"base": "invalid_auth"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**form, CONF_PASSWORD: kuma_login.user_password}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_USERNAME] == kuma_login.username
    assert kuma_login.logins >= 2  # the check, then the entry's own connection


async def test_kuma_socket_connects_again(
    hass: HomeAssistant, kuma_login: FakeUptimeKuma, unload_entries: None
) -> None:
    """Kuma closing the connection (a restart, a password change): the next poll logs in again."""
    entry = await setup_entry(hass, login_entry(kuma_login))
    socket = entry.runtime_data.client.socket
    assert socket.connected
    await kuma_login.drop_connections()
    async with asyncio.timeout(5):
        while socket.connected:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
    kuma_login.delete_monitor(2)
    await refresh(hass, entry)
    # Logged in again, and the list is current: the deletion shows.
    assert (kuma_login.logins, kuma_login.token_logins) == (1, 1)  # with the session token
    assert socket.connected
    assert hass.states.get("sensor.radarr_uptime_kuma_status") is None


async def test_kuma_without_its_socket_uses_metrics(
    hass: HomeAssistant, kuma_login: FakeUptimeKuma, unload_entries: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The socket failing (not the login) leaves /metrics alone in charge, and is retried."""

    async def unreachable(self: Any) -> None:
        raise ApiConnectionError("Cannot connect to Uptime Kuma's socket")

    monkeypatch.setattr(uptime_kuma_socket.KumaSocket, "async_connect", unreachable)
    entry = await setup_entry(hass, login_entry(kuma_login))
    assert entry.state is ConfigEntryState.LOADED
    assert hass.states.get("sensor.sonarr_uptime_kuma_status").state == "up"
    kuma_login.delete_monitor(1)
    await refresh(hass, entry)
    assert hass.states.get("sensor.sonarr_uptime_kuma_status").state == "paused"


async def test_many_monitors_are_written_in_slices_and_only_when_changed(
    hass: HomeAssistant, kuma: FakeUptimeKuma, unload_entries: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(60):
        kuma.add_monitor(f"Service {n}", url=f"http://host{n}.lan")
    updates: list[str] = []
    writes: list[str] = []
    original_update = MedianestEntity._handle_coordinator_update
    original_write = MedianestEntity.async_write_ha_state

    def update(entity: MedianestEntity[Any]) -> None:
        updates.append(entity.entity_id)
        original_update(entity)

    def write(entity: MedianestEntity[Any]) -> None:
        writes.append(entity.entity_id)
        original_write(entity)

    monkeypatch.setattr(MedianestEntity, "_handle_coordinator_update", update)
    monkeypatch.setattr(MedianestEntity, "async_write_ha_state", write)
    entry = await setup_entry(hass, make_entry(kuma))
    coordinator = entry.runtime_data.coordinator
    updates.clear()
    writes.clear()
    entities = len(er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id))
    assert len(coordinator._listeners) > LISTENER_SLICE

    # One monitor goes down: every entity is asked, only what changed is written.
    kuma.set_status(2, 0)
    await refresh(hass, entry)
    asked = len(updates)
    assert asked >= entities - 3 * 65  # the uptime sensors are disabled
    assert sorted(writes) == [
        "binary_sensor.radarr_uptime_kuma_connectivity",
        "sensor.radarr_uptime_kuma_response_time",
        "sensor.radarr_uptime_kuma_status",
        "sensor.uptime_kuma_monitors_down",
        "sensor.uptime_kuma_monitors_up",
        "sensor.uptime_kuma_response_time",  # how fast Kuma answered: new in every poll
    ]
    assert hass.states.get("sensor.radarr_uptime_kuma_status").state == "down"

    # The listeners are told in slices, the loop running between them.
    updates.clear()
    coordinator.async_update_listeners()
    assert 0 < len(updates) <= LISTENER_SLICE
    await hass.async_block_till_done()
    assert len(updates) == asked
