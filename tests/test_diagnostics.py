"""Diagnostics: useful, and without credentials."""

from __future__ import annotations

import json

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import get_diagnostics_for_config_entry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion
from syrupy.filters import props

from homeassistant.core import HomeAssistant

from .conftest import (
    PLEX_CLIENT_ID,
    SONARR_KEY,
    diagnostics_without,
    make_entry,
    make_plex_entry,
    network_services,
    setup_entry,
)
from .fakes.arr import FakeArr


async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    sonarr: FakeArr,
    sonarr_entry: MockConfigEntry,
    snapshot: SnapshotAssertion,
    fixed_clock: None,
) -> None:
    result = await diagnostics_without(hass, hass_client, sonarr_entry, SONARR_KEY, str(sonarr.port))
    assert result["entry"]["data"]["api_key"] == "**REDACTED**"
    assert result["health"]["reachable"] is True
    assert result == snapshot(exclude=props("start", "bytes_received", "last_response_time"))


@pytest.mark.usefixtures("socket_enabled", "unload_entries")
@pytest.mark.parametrize("service", list(network_services()))
async def test_every_service_diagnostics(
    hass: HomeAssistant, hass_client: ClientSessionGenerator, service: str
) -> None:
    """Every networked service's diagnostics: the entry and its health; no secret, no address."""
    make_server, *_, secret = network_services()[service]
    server = make_server()
    await server.start()
    try:
        entry = await setup_entry(hass, make_plex_entry(server) if service == "plex" else make_entry(server))
        result = await get_diagnostics_for_config_entry(hass, hass_client, entry)
        text = json.dumps(result)
        assert secret not in text
        assert PLEX_CLIENT_ID not in text
        assert "127.0.0.1" not in text
        assert f":{server.port}" not in text
        assert result["entry"]["kind"] == entry.data["kind"]
        assert result["entry"]["data"]["url"] == "**REDACTED**"
        assert result["health"]["reachable"] is True
        assert result["health"]["requests"] > 0
        assert result["data"]
        await hass.config_entries.async_unload(entry.entry_id)
    finally:
        await server.stop()
