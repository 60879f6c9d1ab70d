"""Config flow: a menu of services, then each service's steps; reauth, reconfigure, options."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, override

import probatio as vol

from homeassistant.config_entries import ConfigFlowResult, OptionsFlow
from homeassistant.const import CONF_USERNAME
from homeassistant.core import callback

from .apps import APPS, SERVICES, AppFlows, app_of
from .const import CONF_KIND, DOMAIN, ServiceKind
from .core.flow import connection_schema, credential_fields, shown
from .core.spec import MedianestConfigEntry, ServiceSpec


class MedianestConfigFlow(AppFlows, domain=DOMAIN):
    """Add a service of the media stack."""

    VERSION = 1
    # 1.2: no credentials in URLs (they moved into the proxy fields)
    MINOR_VERSION = 2

    @staticmethod
    @callback
    @override
    def async_get_options_flow(config_entry: MedianestConfigEntry) -> OptionsFlow:
        options_flow = app_of(ServiceKind(config_entry.data[CONF_KIND])).options_flow
        assert options_flow is not None
        return options_flow()

    @classmethod
    @callback
    @override
    def async_supports_options_flow(cls, config_entry: MedianestConfigEntry) -> bool:
        return app_of(ServiceKind(config_entry.data[CONF_KIND])).options_flow is not None

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Ask which service to add."""
        return self.async_show_menu(
            step_id="user", menu_options=[spec.kind.value for app in APPS for spec in app.services]
        )

    def _spec(self, entry: MedianestConfigEntry) -> ServiceSpec:
        return SERVICES[ServiceKind(entry.data[CONF_KIND])]

    async def async_step_reauth(self, entry_data: Mapping[str, Any]) -> ConfigFlowResult:
        """The service rejected the credentials."""
        step = SERVICES[ServiceKind(entry_data[CONF_KIND])].reauth_step
        return await getattr(self, f"async_step_{step}")()  # type: ignore[no-any-return]

    async def async_step_reauth_confirm(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Ask for new credentials."""
        entry = self._get_reauth_entry()
        spec = self._spec(entry)
        errors: dict[str, str] = {}
        placeholders = {"service": spec.manufacturer, "title": entry.title}
        if user_input is not None:
            data = {**entry.data, **user_input}
            if await self.async_try_connection(spec, data, errors, placeholders):
                return self.async_update_reload_and_abort(entry, data=data)
        return self.async_show_form(
            step_id="reauth_confirm",
            data_schema=self.add_suggested_values_to_schema(
                vol.Schema(credential_fields(spec)), {CONF_USERNAME: entry.data.get(CONF_USERNAME)}
            ),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def async_step_reconfigure(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Change the address or the credentials of a service."""
        entry = self._get_reconfigure_entry()
        spec = self._spec(entry)
        if spec.reconfigure_step is not None:
            return await getattr(self, f"async_step_{spec.reconfigure_step}")(user_input)  # type: ignore[no-any-return]
        errors: dict[str, str] = {}
        placeholders = {"service": spec.manufacturer, "title": entry.title}
        if user_input is not None:
            data = {**entry.data, **user_input}
            if result := await self.async_try_connection(spec, data, errors, placeholders):
                unique_id, _ = result
                if unique_id != entry.unique_id:
                    # Another address for the same entry is fine, unless another entry has it.
                    await self.async_set_unique_id(unique_id)
                    self._abort_if_set_up()
                return self.async_update_reload_and_abort(entry, unique_id=unique_id, data=data)
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=self.add_suggested_values_to_schema(
                connection_schema(spec, verify_ssl_default=None), shown(user_input or entry.data)
            ),
            errors=errors,
            description_placeholders=placeholders,
        )
