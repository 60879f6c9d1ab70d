"""Adding an Uptime Kuma server."""

from __future__ import annotations

import json
from typing import Any

import probatio as vol

from homeassistant.config_entries import ConfigFlowResult
from homeassistant.const import CONF_USERNAME

from ...api import ApiAuthenticationError, ApiConnectionError, ApiTimeoutError, MedianestApiError
from ...const import CONF_PUSH_EVENTS, CONF_WEBHOOK_SECRET, LOGGER
from ...core.flow import ServiceFlow, ServiceOptionsFlow
from ...core.webhook import webhook_url
from .coordinator import UptimeKumaCoordinator
from .push import async_configure_push
from .spec import UPTIME_KUMA


class UptimeKumaFlow(ServiceFlow):
    """The step that adds an Uptime Kuma server."""

    async def async_step_uptime_kuma(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Add an Uptime Kuma server."""
        return await self.async_step_service(UPTIME_KUMA, user_input)


class UptimeKumaOptionsFlow(ServiceOptionsFlow):
    """Kuma's Webhook notification: added by MediaNest with the login, or by hand without."""

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """The one options step."""
        self._ensure_loaded()
        return await self.async_step_uptime_kuma()

    async def async_step_uptime_kuma(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Show the webhook to enter in Kuma, or (with Kuma's login) add it there."""
        entry = self.config_entry
        url = webhook_url(self.hass, entry)
        secret = entry.data[CONF_WEBHOOK_SECRET]
        placeholders = {
            "url": url or "-",
            "headers": json.dumps({"Authorization": secret}),
            "title": entry.title,
        }
        login = bool(entry.data.get(CONF_USERNAME))
        errors: dict[str, str] = {}
        if user_input is not None:
            push = bool(user_input.get(CONF_PUSH_EVENTS, False))
            if not login:
                return self.async_create_entry(data=dict(entry.options))
            if push and url is None:
                errors["base"] = "no_url"
            elif error := await self._async_configure(url, secret, push):
                errors["base"] = error
            else:
                return await self._async_save({**entry.options, CONF_PUSH_EVENTS: push})
        schema = vol.Schema({vol.Required(CONF_PUSH_EVENTS, default=False): bool} if login else {})
        return self.async_show_form(
            step_id="uptime_kuma" if login else "uptime_kuma_manual",
            data_schema=self.add_suggested_values_to_schema(schema, entry.options),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def async_step_uptime_kuma_manual(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """The same step without Kuma's login: what to enter in Kuma."""
        return await self.async_step_uptime_kuma(user_input)

    async def _async_configure(self, url: str | None, secret: str, push: bool) -> str | None:
        """Add or remove Kuma's notification over the logged-in socket; return a form error."""
        coordinator = self.config_entry.runtime_data.coordinator
        assert isinstance(coordinator, UptimeKumaCoordinator)
        socket = coordinator.client.socket
        if socket is None or not socket.connected or url is None:
            return "cannot_connect"
        try:
            await async_configure_push(socket, url, secret, enabled=push)
        except ApiAuthenticationError:
            return "invalid_auth"
        except ApiConnectionError, ApiTimeoutError:
            return "cannot_connect"
        except MedianestApiError as err:
            LOGGER.debug("Uptime Kuma refused the notification: %s", err)
            return "webhook_refused"
        return None
