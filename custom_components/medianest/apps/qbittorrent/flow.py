"""Adding a qBittorrent server."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigFlowResult

from ...core.flow import ServiceFlow
from .spec import QBITTORRENT


class QbittorrentFlow(ServiceFlow):
    """The step that adds a qBittorrent server."""

    async def async_step_qbittorrent(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Add a qBittorrent server."""
        return await self.async_step_service(QBITTORRENT, user_input)
