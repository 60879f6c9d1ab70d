"""Events pushed by Sonarr and Radarr: payloads, the webhook's checks, and the options end to end."""

from __future__ import annotations

import base64

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.medianest.apps.arr.push import CONNECTION_NAME, WEBHOOK_USER, parse_event
from custom_components.medianest.const import (
    CONF_PUSH_EVENTS,
    CONF_WEBHOOK_ID,
    CONF_WEBHOOK_SECRET,
    EVENT_MEDIANEST,
)
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType

from ..fakes.arr import FakeArr

SERIES = {"id": 7, "title": "Severance", "year": 2022, "tvdbId": 371980, "type": "standard"}
EPISODES = [{"id": 701, "seasonNumber": 2, "episodeNumber": 1, "title": "Hello, Ms. Cobel"}]


def test_payloads() -> None:
    grab = {
        "eventType": "Grab",
        "instanceName": "Sonarr",
        "series": SERIES,
        "episodes": [*EPISODES, {"id": 702, "seasonNumber": 2, "episodeNumber": 2}],
        "release": {"quality": "WEBDL-1080p", "releaseTitle": "Severance.S02E01.1080p.WEB", "size": 1},
        "downloadClient": "qBittorrent",
    }
    event = parse_event(grab)
    assert event is not None
    assert event.attributes() == {
        "title": "Severance",
        "year": 2022,
        "episodes": "S02E01, S02E02",
        "quality": "WEBDL-1080p",
        "release": "Severance.S02E01.1080p.WEB",
        "download_client": "qBittorrent",
    }
    upgrade = {
        "eventType": "Download",
        "movie": {"id": 3, "title": "Dune", "year": 2021},
        "movieFile": {"quality": "Bluray-2160p", "sceneName": "Dune.2021.2160p"},
        "isUpgrade": True,
    }
    event = parse_event(upgrade)
    assert event is not None
    assert (event.event_type, event.title, event.quality, event.release) == (
        "upgraded",
        "Dune",
        "Bluray-2160p",
        "Dune.2021.2160p",
    )
    stuck = {
        "eventType": "ManualInteractionRequired",
        "series": SERIES,
        "episodes": EPISODES,
        "downloadStatus": "warning",
        "downloadStatusMessages": [{"title": "x", "messages": ["No files found are eligible for import"]}],
    }
    event = parse_event(stuck)
    assert event is not None
    assert (event.event_type, event.message) == (
        "manual_interaction_required",
        "No files found are eligible for import",
    )
    health = parse_event(
        {"eventType": "Health", "level": "warning", "message": "Indexers unavailable", "type": "x"}
    )
    assert health is not None
    assert (health.event_type, health.message) == ("health_issue", "Indexers unavailable")
    added = parse_event(
        {"eventType": "MovieAdded", "movie": {"title": "Dune", "year": 2021}, "addMethod": "manual"}
    )
    assert added is not None
    assert added.event_type == "added"
    for ignored in ("Test", "Rename", "ApplicationUpdate"):
        assert parse_event({"eventType": ignored}) is None
    for bad in ([], {}, {"eventType": 3}, "Grab"):
        with pytest.raises(ValueError, match="notification"):
            parse_event(bad)


async def test_options_configure_sonarr_and_events_arrive_at_once(
    hass: HomeAssistant,
    sonarr: FakeArr,
    sonarr_entry: MockConfigEntry,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    client = await hass_client_no_auth()
    hass.config.internal_url = str(client.make_url("/")).rstrip("/")
    # A connection made before Home Assistant's address changed is updated, not doubled.
    stale = f"http://192.168.1.2:8123/api/webhook/{sonarr_entry.data[CONF_WEBHOOK_ID]}"
    sonarr.notifications[5] = {
        "id": 5,
        "implementation": "Webhook",
        "fields": [{"name": "url", "value": stale}],
    }
    result = await hass.config_entries.options.async_init(sonarr_entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"upcoming_days": 7, CONF_PUSH_EVENTS: True}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert sonarr_entry.options[CONF_PUSH_EVENTS] is True
    assert list(sonarr.notifications) == [5]
    # Sonarr saved the connection after its Test event reached Home Assistant.
    (notification,) = sonarr.notifications.values()
    fields = {f["name"]: f["value"] for f in notification["fields"]}
    assert notification["name"] == CONNECTION_NAME
    assert fields["url"].endswith(f"/api/webhook/{sonarr_entry.data[CONF_WEBHOOK_ID]}")
    assert (fields["username"], fields["password"]) == (WEBHOOK_USER, sonarr_entry.data[CONF_WEBHOOK_SECRET])
    assert all(notification[t] for t in ("onGrab", "onDownload", "onUpgrade", "onSeriesAdd", "onHealthIssue"))
    assert sonarr.deliveries[-1]["status"] == 200
    assert sonarr.deliveries[-1]["body"]["eventType"] == "Test"
    assert hass.states.get("event.sonarr_activity").state == "unknown"

    # Adding a series (and searching it) is pushed back: added, then grabbed, without a poll.
    events = async_capture_events(hass, EVENT_MEDIANEST)
    before = int(hass.states.get("sensor.sonarr_series").state)
    await hass.services.async_call(
        "medianest",
        "add_series",
        {"tvdb_id": 280619, "root_folder": "/tv", "quality_profile": "Any"},
        blocking=True,
    )
    await sonarr.delivered()
    await hass.async_block_till_done()
    assert [d["status"] for d in sonarr.deliveries[-2:]] == [200, 200]
    assert [(e.data["event_type"], e.data["service"], e.data["title"]) for e in events] == [
        ("added", "sonarr", "The Expanse"),
        ("grabbed", "sonarr", "The Expanse"),
    ]
    state = hass.states.get("event.sonarr_activity")
    assert (state.attributes["event_type"], state.attributes["episodes"]) == ("grabbed", "S01E01")
    assert state.attributes["quality"] == "WEBDL-1080p"
    # The library sensor was read again at once (an add changes it).
    assert int(hass.states.get("sensor.sonarr_series").state) == before + 1

    # Turning push off removes MediaNest's connection (and only it).
    sonarr.notifications[99] = {
        "id": 99,
        "implementation": "Webhook",
        "fields": [{"name": "url", "value": "http://x"}],
    }
    result = await hass.config_entries.options.async_init(sonarr_entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"upcoming_days": 7, CONF_PUSH_EVENTS: False}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert list(sonarr.notifications) == [99]


async def test_radarr_pushes_an_import(
    hass: HomeAssistant,
    radarr: FakeArr,
    radarr_entry: MockConfigEntry,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    client = await hass_client_no_auth()
    hass.config.internal_url = str(client.make_url("/")).rstrip("/")
    result = await hass.config_entries.options.async_init(radarr_entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"upcoming_days": 7, CONF_PUSH_EVENTS: True}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    (notification,) = radarr.notifications.values()
    assert notification["onMovieAdded"] is True
    assert "onSeriesAdd" not in notification
    # A download in the queue finishes: Radarr imports it and says so.
    radarr.advance(10_000)
    await radarr_entry.runtime_data.coordinator.async_refresh()
    await radarr.delivered()
    await hass.async_block_till_done()
    state = hass.states.get("event.radarr_activity")
    assert state.attributes["event_type"] == "downloaded"
    assert state.attributes["title"]


async def test_webhook_takes_only_well_formed_payloads_with_the_secret(
    hass: HomeAssistant,
    sonarr: FakeArr,
    sonarr_entry: MockConfigEntry,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    client = await hass_client_no_auth()
    url = f"/api/webhook/{sonarr_entry.data[CONF_WEBHOOK_ID]}"
    secret = sonarr_entry.data[CONF_WEBHOOK_SECRET]
    good = {"Authorization": "Basic " + base64.b64encode(f"{WEBHOOK_USER}:{secret}".encode()).decode()}
    wrong = {"Authorization": "Basic " + base64.b64encode(f"{WEBHOOK_USER}:nope".encode()).decode()}
    grab = {"eventType": "Grab", "series": SERIES, "episodes": EPISODES}
    assert (await client.post(url, json=grab, headers=wrong)).status == 401
    assert (await client.post(url, json=grab)).status == 401
    assert (await client.post(url, data=b"{not json", headers=good)).status == 400
    assert (await client.post(url, json={"eventType": 1}, headers=good)).status == 400
    big = {"eventType": "Grab", "series": SERIES, "padding": "x" * 600_000}
    assert (await client.post(url, json=big, headers=good)).status == 413
    assert (await client.post(url, json={"eventType": "Test"}, headers=good)).status == 200
    assert hass.states.get("event.sonarr_activity").state == "unknown"
    assert (await client.put(url, json=grab, headers=good)).status == 200
    await hass.async_block_till_done()
    assert hass.states.get("event.sonarr_activity").attributes["title"] == "Severance"


async def test_options_errors(
    hass: HomeAssistant, sonarr: FakeArr, sonarr_entry: MockConfigEntry, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Home Assistant knows no address of itself.
    with monkeypatch.context() as patch:
        patch.setattr("custom_components.medianest.apps.arr.flow.webhook_url", lambda hass, entry: None)
        result = await hass.config_entries.options.async_init(sonarr_entry.entry_id)
        result = await hass.config_entries.options.async_configure(
            result["flow_id"], {"upcoming_days": 7, CONF_PUSH_EVENTS: True}
        )
    assert result["errors"] == {"base": "no_url"}
    # Home Assistant's address is one Sonarr cannot reach: Sonarr refuses the connection.
    hass.config.internal_url = "http://127.0.0.1:9"
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"upcoming_days": 7, CONF_PUSH_EVENTS: True}
    )
    assert result["errors"] == {"base": "push_refused"}
    assert "Unable to post to webhook" in result["description_placeholders"]["error"]
    assert sonarr.notifications == {}
    assert CONF_PUSH_EVENTS not in sonarr_entry.options
    # Unchanged and off: nothing is asked of the server.
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"upcoming_days": 7, CONF_PUSH_EVENTS: False}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
