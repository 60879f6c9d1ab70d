"""Adding a Seerr server, and letting it push request events (its options)."""

from __future__ import annotations

from typing import Any

import probatio as vol

from homeassistant.config_entries import ConfigFlowResult

from ...api import ApiAuthenticationError, ApiConnectionError, ApiTimeoutError, MedianestApiError
from ...api.models import as_dict
from ...api.seerr import SeerrClient
from ...const import CONF_PUSH_EVENTS, CONF_WEBHOOK_SECRET, LOGGER
from ...core.flow import ServiceFlow, ServiceOptionsFlow
from ...core.webhook import webhook_url
from .spec import SEERR
from .webhook import webhook_settings


class SeerrFlow(ServiceFlow):
    """The step that adds a Seerr, Overseerr or Jellyseerr server."""

    async def async_step_seerr(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Add a Seerr, Overseerr or Jellyseerr server."""
        return await self.async_step_service(SEERR, user_input)


class SeerrOptionsFlow(ServiceOptionsFlow):
    """Whether Seerr pushes request events to Home Assistant."""

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """The one options step."""
        self._ensure_loaded()
        return await self.async_step_seerr()

    async def async_step_seerr(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Let Seerr push request events to Home Assistant (configuring its webhook agent)."""
        entry = self.config_entry
        errors: dict[str, str] = {}
        url = webhook_url(self.hass, entry)
        placeholders = {"title": entry.title, "url": url or "-"}
        if user_input is not None:
            push = bool(user_input[CONF_PUSH_EVENTS])
            if push and url is None:
                errors["base"] = "no_url"
            elif error := await self._async_set_webhook(url, push):
                errors["base"] = error
            else:
                return await self._async_save({**entry.options, CONF_PUSH_EVENTS: push})
        return self.async_show_form(
            step_id="seerr",
            data_schema=self.add_suggested_values_to_schema(
                vol.Schema({vol.Required(CONF_PUSH_EVENTS, default=False): bool}), entry.options
            ),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def _async_set_webhook(self, url: str | None, push: bool) -> str | None:
        """Turn Seerr's webhook agent on (or off, if it calls this entry); return a form error."""
        client = self.config_entry.runtime_data.client
        assert isinstance(client, SeerrClient)
        try:
            current = await client.webhook_settings()
            ours = as_dict(current.get("options")).get("webhookUrl") == url
            if push or ours:
                secret = self.config_entry.data[CONF_WEBHOOK_SECRET]
                await client.set_webhook_settings(webhook_settings(url or "", secret, enabled=push))
        except ApiAuthenticationError:
            return "invalid_auth"
        except ApiConnectionError, ApiTimeoutError:
            return "cannot_connect"
        except MedianestApiError as err:
            LOGGER.debug("Seerr refused the webhook settings: %s", err)
            return "webhook_refused"
        return None
