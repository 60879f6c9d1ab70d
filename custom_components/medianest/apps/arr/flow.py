"""Adding a Sonarr or Radarr server, and their options (defaults for adding, upcoming window)."""

from __future__ import annotations

from typing import Any

import probatio as vol

from homeassistant.config_entries import ConfigFlowResult
from homeassistant.helpers.selector import (
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
)

from ...core.flow import ServiceFlow, ServiceOptionsFlow
from .const import (
    CONF_QUALITY_PROFILE,
    CONF_ROOT_FOLDER,
    CONF_UPCOMING_DAYS,
    DEFAULT_UPCOMING_DAYS,
    MAX_UPCOMING_DAYS,
)
from .coordinator import ArrCoordinator
from .spec import RADARR, SONARR


class ArrFlow(ServiceFlow):
    """The steps that add a Sonarr or a Radarr server."""

    async def async_step_sonarr(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Add a Sonarr server."""
        return await self.async_step_service(SONARR, user_input)

    async def async_step_radarr(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Add a Radarr server."""
        return await self.async_step_service(RADARR, user_input)


class ArrOptionsFlow(ServiceOptionsFlow):
    """Defaults for adding series and movies, and the upcoming window."""

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Choose the default profile and folder from the server's lists."""
        self._ensure_loaded()
        coordinator = self.config_entry.runtime_data.coordinator
        assert isinstance(coordinator, ArrCoordinator)
        if user_input is not None:
            return await self._async_save({k: v for k, v in user_input.items() if v not in (None, "")})
        profiles = [
            SelectOptionDict(value=str(p.id), label=p.name) for p in coordinator.data.quality_profiles
        ]
        folders = [
            SelectOptionDict(value=str(f.id), label=f.path) for f in coordinator.data.root_folders.values()
        ]
        schema = vol.Schema(
            {
                vol.Optional(CONF_QUALITY_PROFILE): SelectSelector(
                    SelectSelectorConfig(options=profiles, mode=SelectSelectorMode.DROPDOWN)
                ),
                vol.Optional(CONF_ROOT_FOLDER): SelectSelector(
                    SelectSelectorConfig(options=folders, mode=SelectSelectorMode.DROPDOWN)
                ),
                vol.Required(CONF_UPCOMING_DAYS, default=DEFAULT_UPCOMING_DAYS): NumberSelector(
                    NumberSelectorConfig(min=1, max=MAX_UPCOMING_DAYS, step=1, mode=NumberSelectorMode.BOX)
                ),
            }
        )
        return self.async_show_form(
            step_id="init",
            data_schema=self.add_suggested_values_to_schema(schema, self.config_entry.options),
        )
