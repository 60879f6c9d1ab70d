"""Diagnostics: useful, and without credentials."""

from __future__ import annotations

import json

from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import get_diagnostics_for_config_entry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion
from syrupy.filters import props

from homeassistant.core import HomeAssistant

from .conftest import SONARR_KEY
from .fakes.arr import FakeArr


async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    sonarr: FakeArr,
    sonarr_entry: MockConfigEntry,
    snapshot: SnapshotAssertion,
    fixed_clock: None,
) -> None:
    result = await get_diagnostics_for_config_entry(hass, hass_client, sonarr_entry)
    text = json.dumps(result)
    assert SONARR_KEY not in text
    assert str(sonarr.port) not in text
    assert result["entry"]["data"]["api_key"] == "**REDACTED**"
    assert result["health"]["reachable"] is True
    assert result == snapshot(exclude=props("start", "bytes_received", "last_response_time"))
