"""The repair flow that removes an Uptime Kuma monitor that is no longer reported."""

from __future__ import annotations

from typing import TYPE_CHECKING

import probatio as vol

from homeassistant.components.repairs import RepairsFlow, RepairsFlowResult
from homeassistant.config_entries import ConfigEntryState
from homeassistant.helpers import issue_registry as ir

if TYPE_CHECKING:
    from .coordinator import UptimeKumaCoordinator


class RemoveMonitorFlow(RepairsFlow):
    """Confirm that a monitor Kuma no longer reports was deleted, and remove it."""

    def __init__(self, coordinator: UptimeKumaCoordinator, monitor_id: str) -> None:
        """Keep which monitor of which entry."""
        self._kuma = coordinator
        self._monitor_id = monitor_id

    def _coordinator(self) -> UptimeKumaCoordinator | None:
        entry = self._kuma.config_entry
        # Not after the entry unloaded or was reloaded (another coordinator runs it then).
        current = entry.state is ConfigEntryState.LOADED and entry.runtime_data.coordinator is self._kuma
        return self._kuma if current else None

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
