"""Repair flows: remove an Uptime Kuma monitor that is no longer reported."""

from __future__ import annotations

from typing import Any

import probatio as vol

from homeassistant.components.repairs import RepairsFlow, RepairsFlowResult
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir

from .apps.uptime_kuma.coordinator import UptimeKumaCoordinator
from .const import DOMAIN


class RemoveMonitorFlow(RepairsFlow):
    """Confirm that a monitor Kuma no longer reports was deleted, and remove it."""

    def __init__(self, entry_id: str, monitor_id: str) -> None:
        """Keep which monitor of which entry."""
        self._entry_id = entry_id
        self._monitor_id = monitor_id

    def _coordinator(self) -> UptimeKumaCoordinator | None:
        entry = self.hass.config_entries.async_get_entry(self._entry_id)
        if entry is None or entry.domain != DOMAIN or not hasattr(entry, "runtime_data"):
            return None
        coordinator = entry.runtime_data.coordinator
        return coordinator if isinstance(coordinator, UptimeKumaCoordinator) else None

    async def async_step_init(self, user_input: dict[str, str] | None = None) -> RepairsFlowResult:
        """Start with the confirmation."""
        return await self.async_step_confirm()

    async def async_step_confirm(self, user_input: dict[str, str] | None = None) -> RepairsFlowResult:
        """Ask, then remove the monitor's device and entities."""
        coordinator = self._coordinator()
        monitor = coordinator.data.monitors.get(self._monitor_id) if coordinator else None
        if coordinator is None or monitor is None or monitor.reported:
            return self.async_abort(reason="monitor_reported")
        if user_input is not None:
            coordinator.forget_item(self._monitor_id)
            return self.async_create_entry(data={})
        issue = ir.async_get(self.hass).async_get_issue(self.handler, self.issue_id)
        return self.async_show_form(
            step_id="confirm",
            data_schema=vol.Schema({}),
            description_placeholders=dict(issue.translation_placeholders or {}) if issue else None,
        )


async def async_create_fix_flow(
    hass: HomeAssistant, issue_id: str, data: dict[str, Any] | None
) -> RepairsFlow:
    """The flow that fixes one of MediaNest's repair issues."""
    data = data or {}
    return RemoveMonitorFlow(str(data.get("entry_id", "")), str(data.get("monitor_id", "")))
