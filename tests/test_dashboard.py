"""The Media dashboard's data: one websocket subscription, pushed as the services change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser
from pytest_homeassistant_custom_component.typing import (
    ClientSessionGenerator,
    MockHAClientWebSocket,
    WebSocketGenerator,
)

from custom_components.medianest.const import DOMAIN
from custom_components.medianest.dashboard.panel import MODULE_URL, STRATEGY
from homeassistant.components.frontend import DATA_EXTRA_MODULE_URL
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component

from .conftest import make_downloader_entry, make_entry, make_plex_entry, refresh, setup_entry
from .fakes.arr import FakeArr
from .fakes.base import Fault
from .fakes.plex import FakePlexServer
from .fakes.qbittorrent import FakeQbittorrent
from .fakes.seerr import FakeSeerr
from .fakes.uptime_kuma import FakeUptimeKuma


async def _subscribe(ws: MockHAClientWebSocket) -> dict[str, Any]:
    await ws.send_json({"id": 1, "type": f"{DOMAIN}/dashboard/subscribe"})
    result = await ws.receive_json()
    assert result["success"], result
    return await _event(ws)


async def _event(ws: MockHAClientWebSocket) -> dict[str, Any]:
    message = await ws.receive_json()
    assert message["type"] == "event", message
    return dict(message["event"])


async def test_every_service_in_one_subscription(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    sonarr: FakeArr,
    radarr: FakeArr,
    seerr: FakeSeerr,
    kuma: FakeUptimeKuma,
    qbittorrent: FakeQbittorrent,
    plex: FakePlexServer,
    download_folder: Path,
    unload_entries: None,
) -> None:
    entries: dict[str, MockConfigEntry] = {
        "sonarr": await setup_entry(hass, make_entry(sonarr)),
        "radarr": await setup_entry(hass, make_entry(radarr)),
        "seerr": await setup_entry(hass, make_entry(seerr)),
        "kuma": await setup_entry(hass, make_entry(kuma)),
        "qbittorrent": await setup_entry(hass, make_entry(qbittorrent)),
        "plex": await setup_entry(hass, make_plex_entry(plex)),
        "downloader": await setup_entry(hass, make_downloader_entry(download_folder)),
    }
    ws = await hass_ws_client()
    first = await _subscribe(ws)
    services = {s["kind"]: s for s in first["services"]}
    assert set(services) == {"sonarr", "radarr", "seerr", "uptime_kuma", "qbittorrent", "plex", "downloader"}
    assert all(s["available"] for s in services.values())
    assert {e["title"] for e in services["radarr"]["queue"]} == {q["title"] for q in radarr.queue}
    assert services["radarr"]["upcoming"]
    assert all(i["all_day"] for i in services["radarr"]["upcoming"])
    assert [r["title"] for r in services["seerr"]["pending"]] == ["Dune: Part Two", "Dune"]
    assert services["seerr"]["pending"][0]["requested_by"] == "Noah"
    assert "poster" not in services["seerr"]["pending"][0]  # no CDN address for the browser
    monitors = services["uptime_kuma"]["monitors"]
    assert {m["name"] for m in monitors} >= {"Sonarr", "Radarr"}
    assert all(m["device_id"] for m in monitors)
    downloading = [t for t in qbittorrent.torrents.values() if t["state"] == "downloading"]
    assert len(services["qbittorrent"]["torrents"]) == len(downloading)
    assert services["plex"]["playing"] == []
    assert services["downloader"]["downloads"] == []
    # Nothing in it is a key, a password or a server's address.
    text = str(first)
    assert all(key not in text for key in (sonarr.api_key, radarr.api_key, seerr.api_key))
    assert sonarr.url not in text
    assert seerr.url not in text

    # A new request: Seerr's section comes again, alone.
    seerr.add_request("tv", 95396, user_id=3)
    await refresh(hass, entries["seerr"])
    update = await _event(ws)
    assert update["service"]["kind"] == "seerr"
    assert update["service"]["pending"][0]["title"] == "Severance"

    # A service down is said, and its section has no stale lists.
    await sonarr.set_fault(Fault.REFUSED)
    await refresh(hass, entries["sonarr"])
    update = await _event(ws)
    assert update["service"] == update["service"] | {"kind": "sonarr", "available": False}
    assert "queue" not in update["service"]

    # An entry unloaded: the whole list again, without it.
    await hass.config_entries.async_unload(entries["plex"].entry_id)
    again = await _event(ws)
    assert "plex" not in {s["kind"] for s in again["services"]}


async def test_a_dashboard_reads_nothing_the_polls_do_not_while_none_is_open(
    hass: HomeAssistant, hass_ws_client: WebSocketGenerator, radarr: FakeArr, unload_entries: None
) -> None:
    entry = await setup_entry(hass, make_entry(radarr))
    queue_reads = radarr.requests.count(("GET", "/api/v3/queue"))
    await refresh(hass, entry)
    assert radarr.requests.count(("GET", "/api/v3/queue")) == queue_reads
    ws = await hass_ws_client()
    await _subscribe(ws)
    assert radarr.requests.count(("GET", "/api/v3/queue")) == queue_reads + 1
    await ws.send_json({"id": 2, "type": "unsubscribe_events", "subscription": 1})
    assert (await ws.receive_json())["success"]
    await refresh(hass, entry)
    assert radarr.requests.count(("GET", "/api/v3/queue")) == queue_reads + 1


async def test_the_media_dashboard_and_its_module(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    hass_client: ClientSessionGenerator,
    hass_admin_user: MockUser,
) -> None:
    """With the frontend, a "Media" dashboard in the sidebar, generated until taken control of."""
    assert await async_setup_component(hass, "frontend", {})
    assert await async_setup_component(hass, DOMAIN, {})
    ws = await hass_ws_client()
    await ws.send_json({"id": 1, "type": "get_panels"})
    panels = (await ws.receive_json())["result"]
    assert panels["medianest"] | {"title": "Media stack", "url_path": "medianest"} == panels["medianest"]
    assert panels["medianest"]["require_admin"] is False

    await ws.send_json({"id": 2, "type": "lovelace/config", "url_path": "medianest"})
    assert (await ws.receive_json())["result"] == STRATEGY
    # Taken control of: the saved config, like any dashboard's; deleted: generated again.
    saved = {"views": [{"title": "Mine", "cards": [{"type": "custom:medianest-downloads"}]}]}
    await ws.send_json({"id": 3, "type": "lovelace/config/save", "url_path": "medianest", "config": saved})
    assert (await ws.receive_json())["success"]
    await ws.send_json({"id": 4, "type": "lovelace/config", "url_path": "medianest"})
    assert (await ws.receive_json())["result"] == saved
    await ws.send_json({"id": 5, "type": "lovelace/config/delete", "url_path": "medianest"})
    assert (await ws.receive_json())["success"]
    await ws.send_json({"id": 6, "type": "lovelace/config", "url_path": "medianest"})
    assert (await ws.receive_json())["result"] == STRATEGY

    # The module is loaded on every page, and served with the cards and the strategy in it.
    (url,) = [u for u in hass.data[DATA_EXTRA_MODULE_URL].urls if "medianest" in u]
    assert url.startswith(f"{MODULE_URL}?v=")
    client = await hass_client()
    response = await client.get(url)
    assert response.status == 200
    body = await response.text()
    for element in ("medianest-requests", "medianest-downloads", "ll-strategy-dashboard-medianest"):
        assert element in body
