"""MediaNest against a real Seerr 3.1.0 (built by scripts/setup, started per test).

Seerr cannot reach TMDB here, which is what the tests need: every title lookup answers
500 "Unable to retrieve movie.", as it does whenever TMDB is slow or down in a real home.
Requests are written into Seerr's database (its API needs TMDB to make them).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from custom_components.medianest.api.seerr import SeerrClient
from custom_components.medianest.const import DOMAIN
from homeassistant.config_entries import SOURCE_USER
from homeassistant.const import CONF_API_KEY, CONF_URL, CONF_VERIFY_SSL
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType

from ..conftest import refresh
from ..realsrv import RealSeerr, seerr_or_skip

API_KEY = "real-seerr-api-key-0123456789abcdef"
DUNE, SEVERANCE, INCEPTION, INTERSTELLAR = 438631, 95396, 27205, 157336

pytestmark = pytest.mark.usefixtures("unload_entries")


@pytest.fixture
async def real_seerr(socket_enabled: None, tmp_path: Path) -> AsyncIterator[RealSeerr]:
    """A running real Seerr with an administrator and one user, Emma."""
    seerr = RealSeerr(seerr_or_skip(), tmp_path / "seerr", API_KEY)
    try:
        await seerr.start()
        yield seerr
    finally:
        seerr.stop()


async def test_title_lookups_fail_as_in_real_homes(real_seerr: RealSeerr) -> None:
    emma = real_seerr.add_user("Emma")
    real_seerr.add_request("movie", DUNE, emma)
    async with aiohttp.ClientSession() as session:
        client = SeerrClient(session, real_seerr.url, API_KEY)
        assert await client.status() == "develop-local"
        _, requests = await client.requests()
        # Seerr answers 500 for the title: the lookup is best effort, nothing raises.
        assert await client.titles(requests) == {requests[0].id: None}


async def test_real_seerr(hass: HomeAssistant, real_seerr: RealSeerr) -> None:
    emma = real_seerr.add_user("Emma")
    first = real_seerr.add_request("movie", DUNE, emma)
    second = real_seerr.add_request("tv", SEVERANCE, emma)
    real_seerr.add_request("movie", 603, emma, status=5)  # completed
    real_seerr.add_request("movie", INTERSTELLAR, emma, status=4)  # failed

    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"next_step_id": "seerr"})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: real_seerr.url, CONF_API_KEY: API_KEY, CONF_VERIFY_SSL: True}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Seerr"  # a build from source reports "develop-local"
    entry = result["result"]
    assert hass.states.get("sensor.seerr_pending_requests").state == "2"
    assert hass.states.get("sensor.seerr_completed_requests").state == "1"
    assert hass.states.get("sensor.seerr_failed_requests").state == "1"  # what no count has

    events: list[dict[str, Any]] = []
    hass.bus.async_listen("state_changed", lambda e: _record(events, e))
    new = real_seerr.add_request("movie", INCEPTION, emma)
    await refresh(hass, entry)
    # The poll does not fail on the title; the event fires with what is known.
    assert entry.runtime_data.coordinator.last_update_success
    assert [(e["event_type"], e["request_id"], e["title"], e["media_type"]) for e in events] == [
        ("new", new, None, "movie")
    ]
    assert events[0]["requested_by"] == "Emma"

    # Approving and declining work while TMDB does not: the answer says what was done.
    approved = await hass.services.async_call(
        DOMAIN, "approve_request", {"request_id": first}, blocking=True, return_response=True
    )
    assert (approved["status"], approved["title"], approved["tmdb_id"]) == ("approved", None, DUNE)
    declined = await hass.services.async_call(
        DOMAIN, "decline_request", {"request_id": second}, blocking=True, return_response=True
    )
    assert (declined["status"], declined["media_type"]) == ("declined", "tv")
    await refresh(hass, entry)
    assert hass.states.get("sensor.seerr_pending_requests").state == "1"
    assert {(e["event_type"], e["request_id"]) for e in events[1:]} == {
        ("approved", first),
        ("declined", second),
    }

    # Nothing changed since: Seerr answers the counts with 304 Not Modified, no body.
    client = entry.runtime_data.coordinator.client
    received, sent = client.metrics.bytes_received, client.metrics.requests
    await refresh(hass, entry)
    assert client.metrics.requests == sent + 1
    assert client.metrics.bytes_received == received


def _record(events: list[dict[str, Any]], event: Any) -> None:
    new, old = event.data["new_state"], event.data["old_state"]
    if event.data["entity_id"] != "event.seerr_requests" or new is None or old is None:
        return
    if (
        new.state != old.state
        and "unavailable" not in (new.state, old.state)
        and new.attributes.get("event_type")
    ):
        events.append(dict(new.attributes))
