"""Repair flows: each entry's coordinator fixes its own repair issues."""

from __future__ import annotations

from typing import Any

from homeassistant.components.repairs import ConfirmRepairFlow, RepairsFlow
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant

from .const import DOMAIN
from .core.spec import MedianestConfigEntry


async def async_create_fix_flow(
    hass: HomeAssistant, issue_id: str, data: dict[str, Any] | None
) -> RepairsFlow:
    """The flow that fixes one of MediaNest's repair issues."""
    data = data or {}
    entry = hass.config_entries.async_get_entry(str(data.get("entry_id", "")))
    if entry is not None and entry.domain == DOMAIN and entry.state is ConfigEntryState.LOADED:
        loaded: MedianestConfigEntry = entry
        if (flow := loaded.runtime_data.coordinator.create_fix_flow(issue_id, data)) is not None:
            return flow
    # The entry's issues are withdrawn when it unloads; one left over needs only confirming.
    return ConfirmRepairFlow()
