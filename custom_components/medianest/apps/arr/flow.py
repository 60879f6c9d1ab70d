"""Adding a Sonarr or Radarr server, and their options (defaults for adding, upcoming window)."""

from __future__ import annotations

from typing import Any, override

import probatio as vol

from homeassistant.config_entries import ConfigFlowResult
from homeassistant.const import CONF_VERIFY_SSL
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
from ...api.arr import ArrClient
from ...api.models import QualityProfile, RootFolder
from ...const import CONF_PUSH_EVENTS, CONF_WEBHOOK_SECRET
from ...core.flow import ServiceFlow, ServiceOptionsFlow
from ...core.spec import ServiceSpec
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


def defaults_schema(profiles: list[QualityProfile], folders: list[RootFolder]) -> vol.Schema:
    """The default quality profile and root folder, chosen from the server's lists."""
    return vol.Schema(
        {
            vol.Optional(CONF_QUALITY_PROFILE): SelectSelector(
                SelectSelectorConfig(
                    options=[SelectOptionDict(value=str(p.id), label=p.name) for p in profiles],
                    mode=SelectSelectorMode.DROPDOWN,
                )
            ),
            vol.Optional(CONF_ROOT_FOLDER): SelectSelector(
                SelectSelectorConfig(
                    options=[SelectOptionDict(value=str(f.id), label=f.path) for f in folders],
                    mode=SelectSelectorMode.DROPDOWN,
                )
            ),
        }
    )


def suggested_defaults(profiles: list[QualityProfile], folders: list[RootFolder]) -> dict[str, str]:
    """The first profile, and the folder with the most free space."""
    suggested = {}
    if profiles:
        suggested[CONF_QUALITY_PROFILE] = str(profiles[0].id)
    if folders:
        roomiest = max(folders, key=lambda f: (f.accessible is not False, f.free_space or 0))
        suggested[CONF_ROOT_FOLDER] = str(roomiest.id)
    return suggested


class ArrFlow(ServiceFlow):
    """The steps that add a Sonarr or a Radarr server, then its defaults for adding."""

    _pending: tuple[ServiceSpec, str, dict[str, Any]] | None = None
    _choices: tuple[list[QualityProfile], list[RootFolder]] | None = None

    async def async_step_sonarr(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Add a Sonarr server."""
        return await self.async_step_service(SONARR, user_input)

    async def async_step_radarr(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Add a Radarr server."""
        return await self.async_step_service(RADARR, user_input)

    @override
    async def async_step_connected(
        self, spec: ServiceSpec, title: str, data: dict[str, Any]
    ) -> ConfigFlowResult:
        if spec.kind not in (SONARR.kind, RADARR.kind):
            return await super().async_step_connected(spec, title, data)
        session = spec.client_session(self.hass, data.get(CONF_VERIFY_SSL, True))
        client = spec.client(session, data)
        assert isinstance(client, ArrClient)
        try:
            self._choices = (await client.quality_profiles(), await client.root_folders())
        except MedianestApiError:
            # It answered a moment ago: add the entry; the defaults can be chosen in the options.
            return self.async_create_entry(title=title, data=data)
        self._pending = (spec, title, data)
        return await self.async_step_defaults()

    async def async_step_defaults(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Choose what adding a series or movie uses unless told otherwise (voice, actions)."""
        assert self._pending is not None
        assert self._choices is not None
        spec, title, data = self._pending
        profiles, folders = self._choices
        if user_input is not None:
            options = {
                k: v for k, v in user_input.items() if k in (CONF_QUALITY_PROFILE, CONF_ROOT_FOLDER) and v
            }
            return self.async_create_entry(title=title, data=data, options=options)
        return self.async_show_form(
            step_id="defaults",
            data_schema=self.add_suggested_values_to_schema(
                defaults_schema(profiles, folders), suggested_defaults(profiles, folders)
            ),
            description_placeholders={"service": spec.manufacturer},
        )


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
        defaults = defaults_schema(
            coordinator.data.quality_profiles, list(coordinator.data.root_folders.values())
        ).schema
        schema = vol.Schema(
            {
                **defaults,
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
