"""What the config flow's steps share: the URL-and-credentials form, its checks and its fields.

Each service's flow steps (in its package under `apps/`) inherit `ServiceFlow`; a service
added with the shared form only names its step and passes its spec.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import probatio as vol
from yarl import URL

from homeassistant.config_entries import ConfigEntryState, ConfigFlow, ConfigFlowResult, OptionsFlow
from homeassistant.const import CONF_API_KEY, CONF_PASSWORD, CONF_URL, CONF_VERIFY_SSL
from homeassistant.data_entry_flow import AbortFlow, section
from homeassistant.helpers.selector import TextSelector, TextSelectorConfig, TextSelectorType

from ..api import HttpClient, MedianestApiError, normalize_url
from ..api.redact import split_credentials
from ..const import CONF_KIND, CONF_PROXY, CONF_PROXY_PASSWORD, CONF_PROXY_USERNAME, LOGGER
from .spec import MedianestConfigEntry, ServiceSpec

URL_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.URL))
SECRET_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))
TEXT_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.TEXT, autocomplete="username"))
FOLDER_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.TEXT))

# The form error of each client error kind; anything else is an unexpected answer.
_ERROR_KEYS = {
    "authentication": "invalid_auth",
    "timeout": "timeout",
    "connection": "cannot_connect",
    "banned": "banned",
    "host_rejected": "host_rejected",
    "too_large": "response_too_large",
}
SECRETS = (CONF_API_KEY, CONF_PASSWORD, CONF_PROXY_PASSWORD)


def error_key(err: MedianestApiError) -> str:
    """The form error that tells the user why a connection check failed."""
    return _ERROR_KEYS.get(err.kind, "invalid_response")


class FormError(Exception):
    """A service's own reason to refuse a connection, as the form's error key."""

    def __init__(self, key: str) -> None:
        """Keep the key."""
        super().__init__(key)
        self.key = key


class WrongServiceError(Exception):
    """The URL answers, but as another kind of service."""

    def __init__(self, found: str) -> None:
        """Keep what was found."""
        super().__init__(found)
        self.found = found


def address_id(spec: ServiceSpec, base_url: str) -> str:
    """The unique id of an entry: none of the services has an instance id, so its address."""
    url = URL(base_url)
    return f"{spec.kind.value}_{url.host}:{url.port}{url.path.rstrip('/')}".lower()


def shown(data: Mapping[str, Any]) -> dict[str, Any]:
    """What a form may be filled in with again: no secret, no credentials in the URL."""
    values = {k: v for k, v in data.items() if k not in SECRETS and k != CONF_PROXY}
    if CONF_URL in values:
        values[CONF_URL] = split_credentials(str(values[CONF_URL]))[0]
    proxy = dict(data.get(CONF_PROXY) or {})
    if username := proxy.get(CONF_PROXY_USERNAME) or values.pop(CONF_PROXY_USERNAME, None):
        values[CONF_PROXY] = {CONF_PROXY_USERNAME: username}
    return values


def proxy_section() -> dict[Any, Any]:
    """A folded section for the credentials of a reverse proxy with basic authentication."""
    return {
        vol.Optional(CONF_PROXY): section(
            vol.Schema(
                {
                    vol.Optional(CONF_PROXY_USERNAME): TEXT_SELECTOR,
                    vol.Optional(CONF_PROXY_PASSWORD): SECRET_SELECTOR,
                }
            ),
            {"collapsed": True},
        )
    }


def take_url_credentials(data: dict[str, Any]) -> None:
    """Move credentials out of the URL (and the proxy section) into the proxy fields.

    `https://user:pass@host` is common behind a reverse proxy with basic authentication;
    the credentials are sent as a header instead and the URL kept and shown without them.
    A form without the section (reauth) keeps the entry's; a section whose password is left
    empty keeps the password of the same user name.
    """
    url, url_user, url_password = split_credentials(str(data[CONF_URL]))
    data[CONF_URL] = url
    old_user = data.pop(CONF_PROXY_USERNAME, None)
    old_password = data.pop(CONF_PROXY_PASSWORD, None)
    if CONF_PROXY in data:
        proxy = dict(data.pop(CONF_PROXY) or {})
        username = str(proxy.get(CONF_PROXY_USERNAME) or url_user or "").strip()
        password = str(proxy.get(CONF_PROXY_PASSWORD) or url_password or "")
        if username and not password and username == old_user:
            password = old_password or ""
    else:
        username = url_user or old_user or ""
        password = url_password or old_password or ""
    if username or password:
        data[CONF_PROXY_USERNAME] = username
        data[CONF_PROXY_PASSWORD] = password


def credential_fields(spec: ServiceSpec) -> dict[Any, Any]:
    """The credential fields of a service's forms (an API key unless it says otherwise)."""
    if spec.credential_fields is not None:
        return spec.credential_fields()
    return {vol.Required(CONF_API_KEY): SECRET_SELECTOR}


def connection_schema(spec: ServiceSpec, *, verify_ssl_default: bool | None = True) -> vol.Schema:
    """The form of a service's address and credentials."""
    verify_ssl = (
        vol.Required(CONF_VERIFY_SSL)
        if verify_ssl_default is None
        else vol.Required(CONF_VERIFY_SSL, default=verify_ssl_default)
    )
    return vol.Schema(
        {
            vol.Required(CONF_URL): URL_SELECTOR,
            **credential_fields(spec),
            verify_ssl: bool,
            **proxy_section(),
        }
    )


class ServiceFlow(ConfigFlow):
    """The steps every service's flow shares: check a connection, add an entry, change one."""

    async def async_try_connection(
        self, spec: ServiceSpec, data: dict[str, Any], errors: dict[str, str], placeholders: dict[str, str]
    ) -> tuple[str, str] | None:
        """Test a connection; return the unique id and title, or fill `errors`."""
        assert spec.validate is not None
        try:
            take_url_credentials(data)
            data[CONF_URL] = normalize_url(data[CONF_URL])
        except ValueError:
            errors[CONF_URL] = "invalid_url"
            return None
        session = spec.client_session(self.hass, data.get(CONF_VERIFY_SSL, True), auto_cleanup=False)
        try:
            client = spec.client(session, data)
            assert isinstance(client, HttpClient)
            title = await spec.validate(client)
            return address_id(spec, client.base_url), title
        except FormError as err:
            errors["base"] = err.key
        except WrongServiceError as err:
            if err.found:
                errors["base"] = "wrong_service"
                placeholders["found"] = err.found
            else:
                errors["base"] = "invalid_response"
        except MedianestApiError as err:
            errors["base"] = error_key(err)
            if errors["base"] == "invalid_response":
                LOGGER.debug("Unexpected answer while setting up %s: %s", spec.manufacturer, err)
        finally:
            if spec.own_session:
                session.detach()  # a session of its own; the shared one stays open
        return None

    def _abort_if_set_up(self) -> None:
        """Stop when an entry has this flow's unique id already, naming that entry."""
        existing = (
            self.hass.config_entries.async_entry_for_domain_unique_id(self.handler, self.unique_id)
            if self.unique_id
            else None
        )
        self._abort_if_unique_id_configured(
            description_placeholders={"title": existing.title if existing else "?"}
        )

    async def async_step_service(
        self, spec: ServiceSpec, user_input: dict[str, Any] | None
    ) -> ConfigFlowResult:
        """Add a service with the shared form: its address and credentials."""
        errors: dict[str, str] = {}
        placeholders: dict[str, str] = {"service": spec.manufacturer}
        if user_input is not None:
            data = {**user_input, CONF_KIND: spec.kind.value, **spec.new_entry_data()}
            if result := await self.async_try_connection(spec, data, errors, placeholders):
                unique_id, title = result
                await self.async_set_unique_id(unique_id)
                self._abort_if_set_up()
                return await self.async_step_connected(spec, title, data)
        return self.async_show_form(
            step_id=spec.kind.value,
            data_schema=self.add_suggested_values_to_schema(
                connection_schema(spec), shown(user_input) if user_input else {CONF_URL: spec.default_url}
            ),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def async_step_connected(
        self, spec: ServiceSpec, title: str, data: dict[str, Any]
    ) -> ConfigFlowResult:
        """The connection works: add the entry (a service may ask more first)."""
        return self.async_create_entry(title=title, data=data)


class ServiceOptionsFlow(OptionsFlow):
    """What every service's options flow shares: options apply to the running entry."""

    config_entry: MedianestConfigEntry

    def _ensure_loaded(self) -> None:
        """Options are chosen from what the running entry knows (profiles, folders)."""
        if self.config_entry.state is not ConfigEntryState.LOADED:
            raise AbortFlow("not_loaded")

    async def _async_save(self, options: dict[str, Any]) -> ConfigFlowResult:
        """Store the options and apply them to the running entry (there is no update listener)."""
        if self.hass.config_entries.async_update_entry(self.config_entry, options=options):
            await self.config_entry.runtime_data.coordinator.async_apply_options()
        return self.async_create_entry(data=options)
