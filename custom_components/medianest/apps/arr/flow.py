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

from ...api import (
    ApiAuthenticationError,
    ApiConnectionError,
    ApiTimeoutError,
    ApiValidationError,
    MedianestApiError,
)
from ...const import CONF_PUSH_EVENTS, CONF_WEBHOOK_SECRET
from ...core.flow import ServiceFlow, ServiceOptionsFlow
from ...core.webhook import webhook_url
from .const import (
    CONF_QUALITY_PROFILE,
    CONF_ROOT_FOLDER,
    CONF_UPCOMING_DAYS,
    DEFAULT_UPCOMING_DAYS,
    MAX_UPCOMING_DAYS,
)
from .coordinator import ArrCoordinator
from .push import async_configure_push
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
        errors: dict[str, str] = {}
        url = webhook_url(self.hass, self.config_entry)
        placeholders = {"url": url or "-", "error": "-"}
        if user_input is not None:
            push = bool(user_input.get(CONF_PUSH_EVENTS, False))
            changed = push != bool(self.config_entry.options.get(CONF_PUSH_EVENTS, False))
            if push and url is None:
                errors["base"] = "no_url"
            elif (push or changed) and (error := await self._async_configure_push(coordinator, url, push)):
                errors["base"], placeholders["error"] = error
            else:
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
                vol.Required(CONF_PUSH_EVENTS, default=False): bool,
            }
        )
        return self.async_show_form(
            step_id="init",
            data_schema=self.add_suggested_values_to_schema(schema, user_input or self.config_entry.options),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def _async_configure_push(
        self, coordinator: ArrCoordinator, url: str | None, push: bool
    ) -> tuple[str, str] | None:
        """Add or remove the server's Webhook connection; return a form error and its detail."""
        try:
            await async_configure_push(
                coordinator.client, url, self.config_entry.data[CONF_WEBHOOK_SECRET], enabled=push
            )
        except ApiAuthenticationError:
            return "invalid_auth", "-"
        except ApiConnectionError, ApiTimeoutError:
            return "cannot_connect", "-"
        except ApiValidationError as err:
            # The server tests a new connection by calling Home Assistant, and says why it failed.
            return "push_refused", "; ".join(err.messages)[:300] or str(err)
        except MedianestApiError as err:
            return "push_refused", str(err)
        return None
