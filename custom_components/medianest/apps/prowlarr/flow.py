"""Adding a Prowlarr server."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigFlowResult

from ...core.flow import ServiceFlow
from .spec import PROWLARR


class ProwlarrFlow(ServiceFlow):
    """The step that adds a Prowlarr server."""

    async def async_step_prowlarr(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Add a Prowlarr server."""
        return await self.async_step_service(PROWLARR, user_input)
