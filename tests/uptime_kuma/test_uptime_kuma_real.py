"""MediaNest against a real Uptime Kuma 2.5.3 (prepared by scripts/setup, started per test).

Monitors are made through Kuma's socket.io API, as its web UI makes them: up, down, a
keyword check, one paused and one under maintenance, all checking servers of the test on
loopback once a second. Then MediaNest reads them, through `/metrics` alone (with an API
key) and with a Kuma user's login (the monitor list), while monitors are paused, resumed,
deleted and added.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.medianest.api.uptime_kuma import UptimeKumaClient
from custom_components.medianest.const import CONF_KIND, CONF_PUSH_EVENTS, DOMAIN
from homeassistant.config_entries import SOURCE_USER
from homeassistant.const import (
    CONF_API_KEY,
    CONF_PASSWORD,
    CONF_URL,
    CONF_USERNAME,
    CONF_VERIFY_SSL,
    STATE_OFF,
    STATE_ON,
    STATE_UNKNOWN,
)
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import device_registry as dr

from ..conftest import refresh, setup_entry
from ..realsrv import KumaAdmin, RealKuma, free_port, kuma_or_skip

USER = "admin"
PASSWORD = "Real-Kuma-Pa55word"

pytestmark = pytest.mark.usefixtures("unload_entries")


@pytest.fixture
async def target(socket_enabled: None) -> AsyncIterator[str]:
    """A web page on loopback for Kuma's monitors to check."""

    async def page(request: web.Request) -> web.Response:
        return web.Response(text="hello from the media stack")

    app = web.Application()
    app.router.add_get("/", page)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    yield f"http://127.0.0.1:{port}/"
    await runner.cleanup()


@pytest.fixture
async def real_kuma(socket_enabled: None, tmp_path: Path) -> AsyncIterator[tuple[RealKuma, KumaAdmin]]:
    """A running real Uptime Kuma with its first user, and a socket logged in as it."""
    kuma = RealKuma(kuma_or_skip(), tmp_path / "kuma")
    await kuma.start()
    admin = KumaAdmin(kuma.url)
    try:
        await admin.connect()
        await admin.setup(USER, PASSWORD)
        yield kuma, admin
    finally:
        await admin.close()
        kuma.stop()


async def _stack(admin: KumaAdmin, target: str) -> dict[str, int]:
    ids = {
        "Web": await admin.add_monitor("Web", url=target),
        "Broken": await admin.add_monitor("Broken", url=f"http://127.0.0.1:{free_port()}/"),
        "Keyword": await admin.add_monitor("Keyword", type="keyword", url=target, keyword="media stack"),
        "Paused": await admin.add_monitor("Paused", url=target),
        "Maintained": await admin.add_monitor("Maintained", url=target),
    }
    await admin.maintenance(ids["Maintained"])
    return ids


async def _settle(kuma: RealKuma, admin: KumaAdmin, ids: dict[str, int], key: str | None) -> None:
    """Wait for every monitor's first checks, then pause one (as a user would, later)."""
    login = None if key else (USER, PASSWORD)

    async def checked() -> bool:
        statuses = await _statuses(kuma, key, login)
        return (
            statuses.get("Web"),
            statuses.get("Broken"),
            statuses.get("Paused"),
            statuses.get("Maintained"),
        ) == ("up", "down", "up", "maintenance")

    await _until(checked)
    await admin.pause(ids["Paused"])

    async def paused() -> bool:
        return "Paused" not in await _statuses(kuma, key, login)

    await _until(paused)


async def _until(condition: Callable[[], Any], seconds: float = 30) -> None:
    async with asyncio.timeout(seconds):
        while not await condition():  # noqa: ASYNC110 - waits for Kuma's own checks
            await asyncio.sleep(0.25)


async def _statuses(kuma: RealKuma, key: str | None, login: tuple[str, str] | None = None) -> dict[str, Any]:
    async with aiohttp.ClientSession() as session:
        client = UptimeKumaClient(session, kuma.url, key, *(login or (None, None)))
        return {m.name: m.status_name for m in (await client.monitors()).values()}


def _entry(kuma: RealKuma, **credentials: str) -> MockConfigEntry:
    return MockConfigEntry(
        domain=DOMAIN,
        title="Uptime Kuma",
        unique_id=f"uptime_kuma_127.0.0.1:{kuma.port}",
        data={CONF_KIND: "uptime_kuma", CONF_URL: kuma.url, CONF_VERIFY_SSL: True, **credentials},
        entry_id="real_kuma",
        minor_version=2,
    )


def _status(hass: HomeAssistant, name: str) -> str | None:
    state = hass.states.get(f"sensor.{name.lower()}_uptime_kuma_status")
    return state.state if state else None


async def _poll_until(hass: HomeAssistant, entry: MockConfigEntry, check: Callable[[], bool]) -> None:
    async def polled() -> bool:
        await refresh(hass, entry)
        return check()

    await _until(polled)


async def test_metrics_only(
    hass: HomeAssistant,
    real_kuma: tuple[RealKuma, KumaAdmin],
    target: str,
    device_registry: dr.DeviceRegistry,
) -> None:
    kuma, admin = real_kuma
    ids = await _stack(admin, target)
    key = await admin.add_api_key()
    await _settle(kuma, admin, ids, key)
    statuses = await _statuses(kuma, key)
    # What the real server does: a paused monitor has no series at all.
    assert "Paused" not in statuses
    assert statuses["Keyword"] == "up"
    assert statuses["Maintained"] == "maintenance"

    entry = await setup_entry(hass, _entry(kuma, **{CONF_API_KEY: key}))
    assert _status(hass, "Web") == "up"
    assert hass.states.get("binary_sensor.web_uptime_kuma_connectivity").state == STATE_ON
    assert hass.states.get("binary_sensor.broken_uptime_kuma_connectivity").state == STATE_OFF
    assert _status(hass, "Keyword") == "up"
    assert _status(hass, "Maintained") == "maintenance"
    assert _status(hass, "Paused") is None  # never reported: /metrics alone cannot know it
    service = device_registry.async_get_device_by_identifier((DOMAIN, entry.entry_id), entry.entry_id)
    assert service.sw_version == "2.5.3"

    # Paused for maintenance: kept, shown as paused.
    await admin.pause(ids["Web"])
    await _poll_until(hass, entry, lambda: _status(hass, "Web") == "paused")
    assert hass.states.get("binary_sensor.web_uptime_kuma_connectivity").state == STATE_UNKNOWN
    await admin.resume(ids["Web"])
    await _poll_until(hass, entry, lambda: _status(hass, "Web") == "up")

    # Deleted: /metrics cannot tell it from paused, so it is kept as paused.
    await admin.delete(ids["Broken"])
    await _poll_until(hass, entry, lambda: _status(hass, "Broken") == "paused")

    # Added: it appears.
    await admin.add_monitor("Newcomer", url=target)
    await _poll_until(hass, entry, lambda: _status(hass, "Newcomer") == "up")


async def test_with_a_kuma_login(
    hass: HomeAssistant, real_kuma: tuple[RealKuma, KumaAdmin], target: str
) -> None:
    kuma, admin = real_kuma
    ids = await _stack(admin, target)
    await _settle(kuma, admin, ids, None)  # no API key: the login reads /metrics
    # Paused right after it was added, a monitor may keep a stale series in /metrics (a
    # check in flight writes it after the pause removed them); the list knows better.
    racer = await admin.add_monitor("Racer", url=target)
    await admin.pause(racer)

    # The flow checks the login.
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "uptime_kuma"}
    )
    form = {CONF_URL: kuma.url, CONF_VERIFY_SSL: True, CONF_USERNAME: USER}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**form, CONF_PASSWORD: "not-the-password"}
    )
    assert result["errors"] == {"base": "invalid_auth"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**form, CONF_PASSWORD: PASSWORD}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    entry = result["result"]
    await hass.async_block_till_done()

    # Kuma's monitor list says what /metrics cannot: the paused monitor exists.
    assert _status(hass, "Paused") == "paused"
    assert _status(hass, "Racer") == "paused"
    assert _status(hass, "Web") == "up"
    assert _status(hass, "Maintained") == "maintenance"

    await admin.pause(ids["Web"])
    await _poll_until(hass, entry, lambda: _status(hass, "Web") == "paused")
    # Deleted in Kuma: gone, device and all, without asking.
    await admin.delete(ids["Broken"])
    await _poll_until(hass, entry, lambda: hass.states.get("sensor.broken_uptime_kuma_status") is None)
    await admin.resume(ids["Paused"])
    await _poll_until(hass, entry, lambda: _status(hass, "Paused") == "up")
    await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()


async def test_a_real_kuma_pushes_monitors_down_and_up(
    hass: HomeAssistant,
    real_kuma: tuple[RealKuma, KumaAdmin],
    socket_enabled: None,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    """Kuma's own heartbeats over the socket, and its Webhook notification, reach the entities."""
    kuma, admin = real_kuma
    up = {"now": True}

    async def page(request: web.Request) -> web.Response:
        return web.Response(text="ok", status=200 if up["now"] else 503)

    app = web.Application()
    app.router.add_get("/", page)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        await admin.add_monitor("Flaky", url=f"http://127.0.0.1:{port}/")
        await _until(lambda: _flaky_is(kuma, "up"))
        entry = await setup_entry(hass, _entry(kuma, **{CONF_USERNAME: USER, CONF_PASSWORD: PASSWORD}))
        client = await hass_client_no_auth()
        hass.config.internal_url = str(client.make_url("/")).rstrip("/")
        coordinator = entry.runtime_data.coordinator
        coordinator.update_interval = timedelta(hours=1)  # only pushes move the state now
        pushed: list[tuple[str, int]] = []
        apply = coordinator.apply_heartbeat

        def spy(monitor_id: str, status: int, ping: float | None) -> None:
            pushed.append((monitor_id, status))
            apply(monitor_id, status, ping)

        coordinator.apply_heartbeat = spy  # type: ignore[method-assign]
        result = await hass.config_entries.options.async_init(entry.entry_id)
        result = await hass.config_entries.options.async_configure(
            result["flow_id"], {CONF_PUSH_EVENTS: True}
        )
        assert result["type"] is FlowResultType.CREATE_ENTRY
        socket = entry.runtime_data.client.socket
        await _until(lambda: _true(any(n.get("type") == "webhook" for n in socket.notifications.values())))

        # The webhook alone (the socket's heartbeats switched off): Kuma calls Home Assistant.
        socket.on_heartbeat = None
        up["now"] = False
        await _until(lambda: _true(hass.states.get(FLAKY).state == STATE_OFF))
        assert pushed
        assert pushed[-1][1] == 0
        # The socket alone (the notification removed from Kuma): its heartbeat comes at once.
        result = await hass.config_entries.options.async_init(entry.entry_id)
        result = await hass.config_entries.options.async_configure(
            result["flow_id"], {CONF_PUSH_EVENTS: False}
        )
        assert result["type"] is FlowResultType.CREATE_ENTRY
        await _until(lambda: _true(not socket.notifications))
        socket.on_heartbeat = spy
        up["now"] = True
        await _until(lambda: _true(hass.states.get(FLAKY).state == STATE_ON))
        await hass.config_entries.async_unload(entry.entry_id)
        await hass.async_block_till_done()
    finally:
        await runner.cleanup()


FLAKY = "binary_sensor.flaky_uptime_kuma_connectivity"


async def _true(value: bool) -> bool:
    return value


async def _flaky_is(kuma: RealKuma, status: str) -> bool:
    return (await _statuses(kuma, None, (USER, PASSWORD))).get("Flaky") == status
