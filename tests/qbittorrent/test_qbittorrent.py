"""qBittorrent against the fake server (4.x and 5.x): client, flow, entities, actions, faults."""

from __future__ import annotations

import json
from typing import Any

import aiohttp
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion
from syrupy.filters import props

from custom_components.medianest.api import (
    ApiAuthenticationError,
    ApiBannedError,
    ApiHostRejectedError,
    ApiInvalidResponseError,
    ApiValidationError,
    http as api_http,
)
from custom_components.medianest.api.qbittorrent import (
    QbittorrentClient,
    TorrentGroup,
    parse_maindata,
    torrent_group,
)
from custom_components.medianest.const import CONF_KIND, DOMAIN
from homeassistant.components.button import DOMAIN as BUTTON_DOMAIN, SERVICE_PRESS
from homeassistant.components.switch import DOMAIN as SWITCH_DOMAIN
from homeassistant.config_entries import SOURCE_REAUTH, SOURCE_USER
from homeassistant.const import (
    ATTR_ENTITY_ID,
    CONF_PASSWORD,
    CONF_URL,
    CONF_USERNAME,
    CONF_VERIFY_SSL,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    STATE_OFF,
    STATE_ON,
    STATE_UNAVAILABLE,
)
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import entity_registry as er

from ..conftest import QBT_PASSWORD, QBT_USER, diagnostics_without, make_entry, refresh, setup_entry
from ..fakes.base import Fault
from ..fakes.qbittorrent import FakeQbittorrent

VERSIONS = ["4.5.2", "5.0.4", "5.2.0"]
MAGNET = "magnet:?xt=urn:btih:" + "c" * 40 + "&dn=Big+Buck+Bunny"


def _client(
    session: aiohttp.ClientSession, server: FakeQbittorrent, password: str = QBT_PASSWORD
) -> QbittorrentClient:
    return QbittorrentClient(session, server.url, QBT_USER, password)


def _session() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar())


# --- client ------------------------------------------------------------------------------


@pytest.mark.parametrize("qbittorrent", VERSIONS, indirect=True)
async def test_client_speaks_each_version(qbittorrent: FakeQbittorrent) -> None:
    async with _session() as session:
        client = _client(session, qbittorrent)
        sync = await client.maindata()
        assert client.app_version == qbittorrent.version
        assert client.stop_start is (qbittorrent.version != "4.5.2")
        assert len(sync.torrents) == 8
        assert sync.full_updates == 1
        first = next(iter(sync.torrents))
        await client.pause([first])
        await client.maindata()
        paused = "pausedDL" if qbittorrent.version == "4.5.2" else "stoppedDL"
        assert sync.torrents[first]["state"] == paused
        assert torrent_group(paused) is TorrentGroup.PAUSED
        await client.resume()
        await client.maindata()
        assert sync.torrents[first]["state"] == "downloading"
        assert sync.full_updates == 1  # every later answer was partial
        await client.add([MAGNET], paused=True, category="films")
        await client.maindata()
        added = sync.torrents["c" * 40]
        assert added["state"] == paused
        assert added["category"] == "films"
        assert "films" in sync.categories
        with pytest.raises(ApiValidationError):
            await client.add([MAGNET])


async def test_steady_poll_transfers_only_changes(qbittorrent: FakeQbittorrent) -> None:
    async with _session() as session:
        client = _client(session, qbittorrent)
        await client.maindata()
        before = client.metrics.bytes_received
        await client.maindata()
        assert client.metrics.bytes_received - before < 20  # {"rid":N}
        qbittorrent.advance(10)
        before = client.metrics.bytes_received
        sync = await client.maindata()
        changed = client.metrics.bytes_received - before
        assert 20 < changed < 1500
        downloading = [t for t in sync.torrents.values() if t["state"] == "downloading"]
        assert downloading
        assert all(t["progress"] > 0 for t in downloading)
        del qbittorrent.torrents[next(iter(qbittorrent.torrents))]
        await client.maindata()
        assert len(sync.torrents) == 7


async def test_session_expiry_logs_in_again_once(qbittorrent: FakeQbittorrent) -> None:
    async with _session() as session:
        client = _client(session, qbittorrent)
        await client.maindata()
        qbittorrent.expire_sessions()
        sync = await client.maindata()
        assert qbittorrent.logins == 2
        assert sync.full_updates == 2  # a new session starts with a full update
        assert len(sync.torrents) == 8


async def test_wrong_password_and_ban(qbittorrent: FakeQbittorrent, monkeypatch: pytest.MonkeyPatch) -> None:
    async with _session() as session:
        client = _client(session, qbittorrent, password="wrong")
        for _ in range(5):
            with pytest.raises(ApiAuthenticationError):
                await client.login()
        with pytest.raises(ApiBannedError):
            await client.login()
        sent = len(qbittorrent.requests)
        with pytest.raises(ApiBannedError):
            await client.maindata()
        assert len(qbittorrent.requests) == sent  # no hammering while banned
        now = api_http.clock()
        monkeypatch.setattr(api_http, "clock", lambda: now + 3600)
        qbittorrent.failed_logins = 0
        good = _client(session, qbittorrent)
        await good.maindata()


@pytest.mark.parametrize("qbittorrent", ["5.2.0"], indirect=True)
async def test_new_login_answers(qbittorrent: FakeQbittorrent) -> None:
    async with _session() as session:
        with pytest.raises(ApiAuthenticationError):
            await _client(session, qbittorrent, password="wrong").login()
        client = _client(session, qbittorrent)
        await client.login()
        assert client._cookie is not None
        assert client._cookie.startswith(f"QBT_SID_{qbittorrent.port}=")
        with pytest.raises(ApiValidationError):
            await client.add(["https://example.invalid/not-a-torrent"])


async def test_fake_checks_origin_and_methods(qbittorrent: FakeQbittorrent) -> None:
    async with _session() as session:
        login = {"username": QBT_USER, "password": QBT_PASSWORD}
        async with session.post(
            f"{qbittorrent.url}/api/v2/auth/login",
            data=login,
            headers={"Referer": "http://evil.example:1234/"},
        ) as response:
            assert response.status == 401
        async with session.post(f"{qbittorrent.url}/api/v2/auth/login", data=login) as response:
            cookie = f"SID={response.cookies['SID'].value}"
        async with session.get(
            f"{qbittorrent.url}/api/v2/transfer/toggleSpeedLimitsMode", headers={"Cookie": cookie}
        ) as response:
            assert response.status == 405
        async with session.post(
            f"{qbittorrent.url}/api/v2/torrents/stop", data={"hashes": "all"}, headers={"Cookie": cookie}
        ) as response:
            assert response.status == 404  # 4.x has no stop
        async with session.post(
            f"{qbittorrent.url}/api/v2/torrents/delete", data={"hashes": "all"}, headers={"Cookie": cookie}
        ) as response:
            assert response.status == 400  # deleteFiles is required
        async with session.get(f"{qbittorrent.url}/api/v2/app/version") as response:
            assert response.status == 403


async def test_client_maps_other_answers(qbittorrent: FakeQbittorrent) -> None:
    async with _session() as session:
        client = _client(session, qbittorrent)
        await client.login()
        await qbittorrent.set_fault(Fault.UNAUTHORIZED)
        with pytest.raises(ApiHostRejectedError):
            await client.maindata()
        await qbittorrent.set_fault(Fault.MALFORMED)
        with pytest.raises(ApiInvalidResponseError):
            await client.login()


# --- flow --------------------------------------------------------------------------------


async def _start(hass: HomeAssistant) -> dict[str, Any]:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "qbittorrent"}
    )
    assert result["step_id"] == "qbittorrent"
    return result


def _form(server: FakeQbittorrent, password: str = QBT_PASSWORD) -> dict[str, Any]:
    return {CONF_URL: server.url, CONF_USERNAME: QBT_USER, CONF_PASSWORD: password, CONF_VERIFY_SSL: True}


@pytest.mark.parametrize("qbittorrent", ["4.5.2", "5.2.0"], indirect=True)
async def test_flow_creates_entry(
    hass: HomeAssistant, qbittorrent: FakeQbittorrent, unload_entries: None
) -> None:
    result = await _start(hass)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], _form(qbittorrent))
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "qBittorrent"
    assert result["data"] == {**_form(qbittorrent), CONF_KIND: "qbittorrent"}
    assert result["result"].unique_id == f"qbittorrent_127.0.0.1:{qbittorrent.port}"
    assert hass.states.get("sensor.qbittorrent_torrents").state == "8"


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault.REFUSED, "cannot_connect"),
        (Fault.SLOW, "timeout"),
        (Fault.FORBIDDEN, "banned"),
        (Fault.MALFORMED, "invalid_response"),
        (Fault.SERVER_ERROR, "invalid_response"),
    ],
)
async def test_flow_errors(
    hass: HomeAssistant, qbittorrent: FakeQbittorrent, fault: Fault, error: str
) -> None:
    result = await _start(hass)
    await qbittorrent.set_fault(fault)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], _form(qbittorrent))
    assert result["errors"] == {"base": error}


async def test_flow_wrong_password_then_right(
    hass: HomeAssistant, qbittorrent: FakeQbittorrent, unload_entries: None
) -> None:
    result = await _start(hass)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], _form(qbittorrent, "nope"))
    assert result["errors"] == {"base": "invalid_auth_qbittorrent"}
    result = await hass.config_entries.flow.async_configure(result["flow_id"], _form(qbittorrent))
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_flow_login_401_is_a_wrong_password(hass: HomeAssistant, qbittorrent: FakeQbittorrent) -> None:
    result = await _start(hass)
    await qbittorrent.set_fault(Fault.UNAUTHORIZED)
    # 401 on login is a wrong password (5.2); the origin check answers 401 on later calls.
    result = await hass.config_entries.flow.async_configure(result["flow_id"], _form(qbittorrent))
    assert result["errors"] == {"base": "invalid_auth_qbittorrent"}


async def test_flow_host_rejected(
    hass: HomeAssistant, qbittorrent: FakeQbittorrent, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_login = QbittorrentClient.login

    async def login_then_refused(self: QbittorrentClient) -> None:
        await real_login(self)
        await qbittorrent.set_fault(Fault.UNAUTHORIZED)
        await self.maindata()  # a proxy or host validation refusing calls after login

    monkeypatch.setattr(QbittorrentClient, "login", login_then_refused)
    result = await _start(hass)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], _form(qbittorrent))
    assert result["errors"] == {"base": "host_rejected"}


async def test_reauth_and_reconfigure(
    hass: HomeAssistant, qbittorrent: FakeQbittorrent, qbittorrent_entry: MockConfigEntry
) -> None:
    qbittorrent.password = "changed-password"
    qbittorrent.expire_sessions()  # the current session stays valid until it expires
    await refresh(hass, qbittorrent_entry)
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [f["context"]["source"] for f in flows] == [SOURCE_REAUTH]
    assert hass.states.get("sensor.qbittorrent_torrents").state == STATE_UNAVAILABLE
    flow_id = flows[0]["flow_id"]
    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_USERNAME: QBT_USER, CONF_PASSWORD: "still-wrong"}
    )
    assert result["errors"] == {"base": "invalid_auth_qbittorrent"}
    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_USERNAME: QBT_USER, CONF_PASSWORD: "changed-password"}
    )
    assert result["reason"] == "reauth_successful"
    await hass.async_block_till_done()
    assert qbittorrent_entry.data[CONF_PASSWORD] == "changed-password"
    assert hass.states.get("sensor.qbittorrent_torrents").state == "8"

    result = await qbittorrent_entry.start_reconfigure_flow(hass)
    suggested = {str(k): (k.description or {}).get("suggested_value") for k in result["data_schema"].schema}
    assert suggested[CONF_USERNAME] == QBT_USER
    assert suggested[CONF_PASSWORD] is None  # a stored secret is never shown again
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            CONF_URL: qbittorrent.url + "/",
            CONF_USERNAME: QBT_USER,
            CONF_PASSWORD: "changed-password",
            CONF_VERIFY_SSL: False,
        },
    )
    assert result["reason"] == "reconfigure_successful"
    assert qbittorrent_entry.data[CONF_VERIFY_SSL] is False


# --- entities ----------------------------------------------------------------------------


@pytest.mark.usefixtures("entity_registry_enabled_by_default", "fixed_clock")
async def test_entities(
    hass: HomeAssistant,
    qbittorrent: FakeQbittorrent,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    unload_entries: None,
) -> None:
    entry = await setup_entry(hass, make_entry(qbittorrent))
    entries = sorted(
        er.async_entries_for_config_entry(entity_registry, entry.entry_id), key=lambda e: e.entity_id
    )
    assert len(entries) == 18
    for entity_entry in entries:
        assert entity_entry == snapshot(name=f"{entity_entry.entity_id}-entry")
        assert hass.states.get(entity_entry.entity_id) == snapshot(
            name=f"{entity_entry.entity_id}-state",
            exclude=props("last_changed", "last_reported", "last_updated", "context"),
        )


async def test_counts_follow_the_server(
    hass: HomeAssistant, qbittorrent: FakeQbittorrent, qbittorrent_entry: MockConfigEntry
) -> None:
    counts = {
        group: hass.states.get(f"sensor.qbittorrent_{group}_torrents").state
        for group in ("downloading", "seeding", "paused", "stalled", "errored")
    }
    assert counts == {"downloading": "2", "seeding": "1", "paused": "1", "stalled": "2", "errored": "1"}
    assert hass.states.get("sensor.qbittorrent_download_speed").state == "5.0"  # two torrents at 2.5 MB/s
    await hass.services.async_call(
        BUTTON_DOMAIN, SERVICE_PRESS, {ATTR_ENTITY_ID: "button.qbittorrent_pause_all"}, blocking=True
    )
    await refresh(hass, qbittorrent_entry)
    assert hass.states.get("sensor.qbittorrent_paused_torrents").state == "8"
    assert hass.states.get("sensor.qbittorrent_download_speed").state == "0.0"
    await hass.services.async_call(
        BUTTON_DOMAIN, SERVICE_PRESS, {ATTR_ENTITY_ID: "button.qbittorrent_resume_all"}, blocking=True
    )
    await refresh(hass, qbittorrent_entry)
    assert hass.states.get("sensor.qbittorrent_paused_torrents").state == "0"


async def test_alt_speed_switch(
    hass: HomeAssistant, qbittorrent: FakeQbittorrent, qbittorrent_entry: MockConfigEntry
) -> None:
    entity_id = "switch.qbittorrent_alternative_speed_limits"
    assert hass.states.get(entity_id).state == STATE_OFF
    await hass.services.async_call(SWITCH_DOMAIN, SERVICE_TURN_ON, {ATTR_ENTITY_ID: entity_id}, blocking=True)
    await refresh(hass, qbittorrent_entry)
    assert qbittorrent.alt_speed is True
    assert hass.states.get(entity_id).state == STATE_ON
    # Turning on what is on does not toggle it off.
    await hass.services.async_call(SWITCH_DOMAIN, SERVICE_TURN_ON, {ATTR_ENTITY_ID: entity_id}, blocking=True)
    assert qbittorrent.alt_speed is True
    await hass.services.async_call(
        SWITCH_DOMAIN, SERVICE_TURN_OFF, {ATTR_ENTITY_ID: entity_id}, blocking=True
    )
    await refresh(hass, qbittorrent_entry)
    assert hass.states.get(entity_id).state == STATE_OFF
    await qbittorrent.set_fault(Fault.REFUSED)
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            SWITCH_DOMAIN, SERVICE_TURN_ON, {ATTR_ENTITY_ID: entity_id}, blocking=True
        )
    assert err.value.translation_key == "action_unreachable"


# --- actions -----------------------------------------------------------------------------


@pytest.mark.parametrize("qbittorrent", ["4.5.2", "5.0.4"], indirect=True)
async def test_add_pause_resume_and_list(
    hass: HomeAssistant, qbittorrent: FakeQbittorrent, qbittorrent_entry: MockConfigEntry
) -> None:
    await hass.services.async_call(
        DOMAIN,
        "add_torrent",
        {"url": MAGNET, "category": "films", "paused": True, "tags": ["kids"]},
        blocking=True,
    )
    await hass.services.async_call(
        DOMAIN, "add_torrent", {"url": "http://127.0.0.1:9/files/debian.torrent"}, blocking=True
    )
    await refresh(hass, qbittorrent_entry)
    assert hass.states.get("sensor.qbittorrent_torrents").state == "10"
    added = qbittorrent.torrents["c" * 40]
    assert added["state"].startswith("paused" if qbittorrent.version == "4.5.2" else "stopped")
    assert (added["category"], added["tags"]) == ("films", "kids")

    response = await hass.services.async_call(
        DOMAIN, "get_torrents", {"status": "paused"}, blocking=True, return_response=True
    )
    names = [t["name"] for t in response["torrents"]]
    assert "Big Buck Bunny" in names
    bunny = next(t for t in response["torrents"] if t["name"] == "Big Buck Bunny")
    assert bunny["hash"] == "c" * 40
    assert bunny["status"] == "paused"
    assert bunny["category"] == "films"

    await hass.services.async_call(DOMAIN, "resume_torrents", {"hashes": ["C" * 40]}, blocking=True)
    assert qbittorrent.torrents["c" * 40]["state"] == "downloading"
    await hass.services.async_call(DOMAIN, "pause_torrents", {}, blocking=True)
    assert all(t["state"].startswith(("paused", "stopped")) for t in qbittorrent.torrents.values())

    response = await hass.services.async_call(
        DOMAIN, "get_torrents", {"max_items": 3}, blocking=True, return_response=True
    )
    assert response["total"] == 10
    assert len(response["torrents"]) == 3


async def test_action_errors(
    hass: HomeAssistant, qbittorrent: FakeQbittorrent, qbittorrent_entry: MockConfigEntry
) -> None:
    for url in (
        "file:///etc/passwd",
        "ftp://host/x.torrent",
        "magnet:?dn=no-hash",
        "",
        "javascript:alert(1)",
    ):
        with pytest.raises(ServiceValidationError) as err:
            await hass.services.async_call(DOMAIN, "add_torrent", {"url": url}, blocking=True)
        assert err.value.translation_key == "invalid_torrent_url"
    await hass.services.async_call(DOMAIN, "add_torrent", {"url": MAGNET}, blocking=True)
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(DOMAIN, "add_torrent", {"url": MAGNET}, blocking=True)
    assert err.value.translation_key == "action_rejected"
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(DOMAIN, "pause_torrents", {"hashes": ["d" * 40]}, blocking=True)
    assert err.value.translation_key == "unknown_torrent"
    with pytest.raises(Exception, match="hashes"):
        await hass.services.async_call(DOMAIN, "pause_torrents", {"hashes": ["not-a-hash"]}, blocking=True)
    await qbittorrent.set_fault(Fault.SERVER_ERROR)
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(DOMAIN, "resume_torrents", {}, blocking=True)
    assert err.value.translation_key == "action_failed"


# --- diagnostics and faults --------------------------------------------------------------


async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    qbittorrent: FakeQbittorrent,
    qbittorrent_entry: MockConfigEntry,
    snapshot: SnapshotAssertion,
    fixed_clock: None,
) -> None:
    result = await diagnostics_without(
        hass, hass_client, qbittorrent_entry, QBT_PASSWORD, QBT_USER, str(qbittorrent.port)
    )
    assert result == snapshot(exclude=props("bytes_received", "last_response_time"))


async def test_restarted_server_is_a_new_session(
    hass: HomeAssistant, qbittorrent: FakeQbittorrent, qbittorrent_entry: MockConfigEntry
) -> None:
    qbittorrent.expire_sessions()
    await refresh(hass, qbittorrent_entry)
    assert hass.states.get("binary_sensor.qbittorrent_connectivity").state == STATE_ON
    assert qbittorrent.logins == 2


async def test_partial_answers(
    hass: HomeAssistant, qbittorrent: FakeQbittorrent, qbittorrent_entry: MockConfigEntry
) -> None:
    qbittorrent.expire_sessions()  # the next answer is a full one, without fields
    await qbittorrent.set_fault(Fault.PARTIAL)
    await refresh(hass, qbittorrent_entry)
    assert hass.states.get("binary_sensor.qbittorrent_connectivity").state == STATE_ON
    assert hass.states.get("sensor.qbittorrent_torrents").state == "8"
    assert hass.states.get("sensor.qbittorrent_other_torrents") is None
    assert hass.states.get("sensor.qbittorrent_download_speed").state == "unknown"


async def test_ban_is_reported_without_hammering(
    hass: HomeAssistant, qbittorrent: FakeQbittorrent, qbittorrent_entry: MockConfigEntry
) -> None:
    qbittorrent.expire_sessions()
    qbittorrent.failed_logins = 5
    await refresh(hass, qbittorrent_entry)
    coordinator = qbittorrent_entry.runtime_data.coordinator
    assert coordinator.last_exception.translation_key == "update_failed_banned"
    sent = len(qbittorrent.requests)
    await refresh(hass, qbittorrent_entry)
    assert len(qbittorrent.requests) == sent
    assert not hass.config_entries.flow.async_progress_by_handler(DOMAIN)  # a ban is not a reauth


async def test_large_full_update_is_walked_one_torrent_at_a_time(socket_enabled: None) -> None:
    server = FakeQbittorrent(torrents=400, username=QBT_USER, password=QBT_PASSWORD)
    await server.start()
    try:
        async with _session() as session:
            client = _client(session, server)
            sync = await client.maindata()
            assert client.metrics.bytes_received > api_http.OFFLOOP_PARSE_BYTES
            assert len(sync.torrents) == 400
            first = server.torrents[next(iter(server.torrents))]
            kept = sync.torrents[next(iter(server.torrents))]
            assert kept == {k: v for k, v in first.items() if k in kept}
            assert "magnet_uri" not in kept  # fields no entity uses are dropped
    finally:
        await server.stop()
    body = json.dumps({"rid": 1, "torrents": {"a" * 40: {"name": "x" * 300_000}}}, indent=1).encode()
    assert parse_maindata(body)["torrents"] == {"a" * 40: {"name": "x" * 300_000}}
    for broken in (body[:-2], b"[" + body + b"]", body.replace(b'":', b'";', 1)):
        with pytest.raises(ApiInvalidResponseError):
            parse_maindata(broken.ljust(api_http.OFFLOOP_PARSE_BYTES))
