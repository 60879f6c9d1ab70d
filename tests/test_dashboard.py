"""The Media dashboard's data: one websocket subscription, pushed as the services change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser, async_fire_time_changed
from pytest_homeassistant_custom_component.typing import (
    ClientSessionGenerator,
    MockHAClientWebSocket,
    WebSocketGenerator,
)

from custom_components.medianest.const import DOMAIN
from custom_components.medianest.dashboard import LIVE_INTERVAL
from custom_components.medianest.dashboard.panel import MODULE_URL, STRATEGY
from homeassistant.components.frontend import DATA_EXTRA_MODULE_URL
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util

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
    monitors = services["uptime_kuma"]["monitors"]
    assert {m["name"] for m in monitors} >= {"Sonarr", "Radarr"}
    assert all(m["device_id"] for m in monitors)
    # Every torrent still to download, paused ones too (they can be resumed from the card).
    unfinished = {
        h
        for h, t in qbittorrent.torrents.items()
        if t["progress"] < 1
        and t["state"] in {"downloading", "stalledDL", "queuedDL", "pausedDL", "stoppedDL"}
    }
    assert {t["hash"] for t in services["qbittorrent"]["torrents"]} == unfinished
    assert services["qbittorrent"]["torrents"][0]["group"] == "downloading"
    assert services["qbittorrent"]["downloading_total"] == sum(
        qbittorrent.torrents[h]["state"] == "downloading" for h in unfinished
    )
    assert services["plex"]["playing"] == []
    # The newest items; a show's new episodes are one item with their count.
    recent = services["plex"]["recent"]
    assert 0 < len(recent) <= 12
    assert len({r["title"] for r in recent}) == len(recent)
    assert any(r["count"] > 1 and r["library"] == "TV Shows" for r in recent)
    assert services["downloader"]["downloads"] == []
    # Posters: Home Assistant's signed addresses, never a service's or a CDN's.
    posters = [
        *(r["poster"] for r in services["seerr"]["pending"]),
        *(i["poster"] for i in services["radarr"]["upcoming"] + services["sonarr"]["upcoming"]),
        *(q["poster"] for q in services["radarr"]["queue"] + services["sonarr"]["queue"]),
        *(i["poster"] for i in services["plex"]["recent"]),
    ]
    assert all(p.startswith("/api/medianest/poster/") and "&sig=" in p for p in posters), posters
    assert "https://" not in str(first)
    # Nothing in it is a key, a password or a server's address.
    text = str(first)
    assert all(key not in text for key in (sonarr.api_key, radarr.api_key, seerr.api_key))
    assert sonarr.url not in text
    assert seerr.url not in text

    # A new request: Seerr's section comes again, alone.
    seerr.add_request("tv", 95396, user_id=3)
    await refresh(hass, entries["seerr"])
    update = await _event(ws)
    while update["service"]["kind"] != "seerr":
        update = await _event(ws)
    assert update["service"]["kind"] == "seerr"
    assert update["service"]["pending"][0]["title"] == "Severance"

    # A service down is said, and its section has no stale lists.
    await sonarr.set_fault(Fault.REFUSED)
    await refresh(hass, entries["sonarr"])
    update = await _event(ws)
    while update["service"]["kind"] != "sonarr":
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


async def test_posters_come_through_home_assistant(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    hass_client_no_auth: ClientSessionGenerator,
    radarr: FakeArr,
    seerr: FakeSeerr,
    plex: FakePlexServer,
    unload_entries: None,
) -> None:
    """Every poster of a section opens without a token, from Home Assistant, and is kept."""
    radarr_entry = await setup_entry(hass, make_entry(radarr))
    await setup_entry(hass, make_entry(seerr))
    plex.play(plex.sections["2"].items[0]["episodes"][0], user="bob", transcode=True)
    await setup_entry(hass, make_plex_entry(plex))
    ws = await hass_ws_client()
    services = {s["kind"]: s for s in (await _subscribe(ws))["services"]}
    session = services["plex"]["playing"][0]
    assert session | {"user": "bob", "transcode": True, "progress": session["progress"]} == session
    assert 0 < session["progress"] < 100
    posters = {
        "radarr": services["radarr"]["queue"][0]["poster"],
        "seerr": services["seerr"]["pending"][0]["poster"],
        "plex": session["poster"],  # the show's poster for an episode
        "plex recent": services["plex"]["recent"][0]["poster"],
    }
    client = await hass_client_no_auth()
    for name, url in posters.items():
        response = await client.get(url)
        assert response.status == 200, name
        assert response.content_type == "image/jpeg", name
        assert (await response.read()).startswith(b"\xff\xd8\xff"), name
    covers = [path for _, path in radarr.requests if path.startswith("/api/v3/mediacover/")]
    assert covers == [f"/api/v3/mediacover/{posters['radarr'].split('/')[5].split('?')[0]}/poster-250.jpg"]
    assert seerr.requests[-1][1].startswith("/imageproxy/tmdb/t/p/w300/")
    # Asked again: kept, the service is not asked.
    before = len(radarr.requests)
    assert (await client.get(posters["radarr"])).status == 200
    assert len(radarr.requests) == before
    # A poster the service does not have is "not found", a fault "bad gateway"; neither is kept.
    gone = services["radarr"]["queue"][1]["poster"]
    radarr.items.pop(int(gone.split("/")[5].split("?")[0]))
    assert (await client.get(gone)).status == 404
    await seerr.set_fault(Fault.SERVER_ERROR)
    assert (await client.get(services["seerr"]["pending"][1]["poster"])).status == 502
    await seerr.set_fault(Fault.NONE)
    assert (await client.get(services["seerr"]["pending"][1]["poster"])).status == 200
    # A page that is not an image is refused.
    plex.fail_path("/photo/:/transcode", Fault.MALFORMED)
    fresh = next(i["poster"] for i in services["plex"]["recent"] if i["poster"] not in posters.values())
    assert (await client.get(fresh)).status == 502
    plex.clear_faults()
    await hass.config_entries.async_unload(radarr_entry.entry_id)
    assert (await client.get(posters["radarr"])).status == 404


async def test_a_stuck_import_in_the_servers_words(
    hass: HomeAssistant, hass_ws_client: WebSocketGenerator, radarr: FakeArr, unload_entries: None
) -> None:
    await setup_entry(hass, make_entry(radarr))
    ws = await hass_ws_client()
    await _subscribe(ws)
    # It comes with the next live reading: the polls' data do not change with it.
    radarr.stall_import(radarr.queue[0]["id"], "No files found are eligible for import in /downloads/x")
    async_fire_time_changed(hass, dt_util.utcnow() + LIVE_INTERVAL)
    update = await _event(ws)
    while update["service"]["kind"] != "radarr":  # the others' queues move meanwhile
        update = await _event(ws)
    stuck = next(q for q in update["service"]["queue"] if q["title"] == radarr.queue[0]["title"])
    assert stuck | {"warning": True, "state": "importPending"} == stuck
    assert stuck["messages"] == ["No files found are eligible for import in /downloads/x"]


async def test_the_dashboard_is_named_in_home_assistants_language(
    hass: HomeAssistant, hass_ws_client: WebSocketGenerator
) -> None:
    hass.config.language = "de"
    assert await async_setup_component(hass, "frontend", {})
    assert await async_setup_component(hass, DOMAIN, {})
    ws = await hass_ws_client()
    await ws.send_json({"id": 1, "type": "get_panels"})
    assert (await ws.receive_json())["result"]["medianest"]["title"] == "Medien-Stack"
