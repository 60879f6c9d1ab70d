"""Adding an Uptime Kuma server."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigFlowResult

from ...core.flow import ServiceFlow
from .spec import UPTIME_KUMA


class UptimeKumaFlow(ServiceFlow):
    """The step that adds an Uptime Kuma server."""

    async def async_step_uptime_kuma(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Add an Uptime Kuma server."""
        return await self.async_step_service(UPTIME_KUMA, user_input)
