"""The Plex part of the config flow: sign in with Plex (a PIN), or a URL and a token.

Signing in creates a PIN at plex.tv and sends the user to the Plex auth page in an
external step. A background task reads the PIN about once a second until it carries the
account's token (or it expires), then moves the flow on itself: no callback view is
needed, so it works however Home Assistant is reached. The account's servers come from
plex.tv with a token of their own each; the best working address (local, then remote,
relay last) is the one whose `/identity` answers as that server.
"""

from __future__ import annotations

import asyncio
from collections import deque
from contextlib import suppress
import time
from typing import Any
import uuid

import probatio as vol

from homeassistant.config_entries import SOURCE_REAUTH, ConfigFlowResult
from homeassistant.const import CONF_TOKEN, CONF_URL, CONF_VERIFY_SSL
from homeassistant.data_entry_flow import UnknownFlow
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.selector import (
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
)
from homeassistant.util.hass_dict import HassKey

from ...api import (
    ApiAuthenticationError,
    ApiConnectionError,
    ApiTimeoutError,
    MedianestApiError,
    normalize_url,
)
from ...api.plex import Pin, PlexClient, PlexIdentity, PlexResource, PlexTvClient
from ...const import CONF_KIND, DOMAIN, LOGGER, VERSION, ServiceKind
from ...core.flow import SECRET_SELECTOR, URL_SELECTOR, ServiceFlow, error_key
from .const import CONF_CLIENT_IDENTIFIER, PLEX_PIN_LIMIT, PLEX_PIN_POLL_INTERVAL, PLEX_PIN_WINDOW

CONF_SERVER = "server"
# plex.tv failing this many reads in a row ends the wait for the sign-in.
PIN_READ_FAILURES = 30
# How long one address of a server gets to answer `/identity`.
CONNECTION_TIMEOUT = 5.0
_PIN_TIMES: HassKey[deque[float]] = HassKey(f"{DOMAIN}_plex_pins")


class PinOutcome:
    """How waiting for a sign-in ended."""

    SIGNED_IN = "signed_in"
    TIMEOUT = "pin_timeout"
    EXPIRED = "pin_expired"
    UNREACHABLE = "plex_tv_unreachable"


class PlexFlow(ServiceFlow):
    """Steps that add a Plex server, and sign in again when its token stops working."""

    _plex_client_id: str | None = None
    _plex_pin_task: asyncio.Task[None] | None = None
    _plex_pin_url: str = ""
    _plex_pin_minutes: int = 30
    _plex_outcome: str | None = None
    _plex_account_token: str | None = None
    _plex_servers: dict[str, PlexResource] | None = None

    # --- the menu ----------------------------------------------------------------------------

    async def async_step_plex(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Sign in with Plex (recommended), or enter a URL and a token."""
        return self.async_show_menu(step_id="plex", menu_options=["plex_signin", "plex_manual"])

    def _client_identifier(self) -> str:
        """The installation's identifier at Plex: the entry's, or a new one for a new entry."""
        if self._plex_client_id is None:
            if self.source == SOURCE_REAUTH:
                self._plex_client_id = str(self._get_reauth_entry().data[CONF_CLIENT_IDENTIFIER])
            else:
                self._plex_client_id = uuid.uuid4().hex
        return self._plex_client_id

    def _plex_tv(self) -> PlexTvClient:
        return PlexTvClient(async_get_clientsession(self.hass), self._client_identifier(), VERSION)

    # --- sign in with Plex -------------------------------------------------------------------------

    def _pin_wait(self) -> int:
        """Seconds until another PIN may be made (0: now); counts this one when allowed."""
        times = self.hass.data.setdefault(_PIN_TIMES, deque())
        now = time.monotonic()
        window = PLEX_PIN_WINDOW.total_seconds()
        while times and now - times[0] >= window:
            times.popleft()
        if len(times) >= PLEX_PIN_LIMIT:
            return int(window - (now - times[0])) + 1
        times.append(now)
        return 0

    async def async_step_plex_signin(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Send the user to the Plex auth page; a background task waits for the sign-in."""
        if self._plex_pin_task is None:
            if wait := self._pin_wait():
                return self.async_abort(
                    reason="pin_rate_limited", description_placeholders={"minutes": str(-(-wait // 60))}
                )
            client = self._plex_tv()
            try:
                pin = await client.create_pin()
            except ApiConnectionError, ApiTimeoutError:
                return self.async_abort(reason="plex_tv_unreachable")
            except MedianestApiError as err:
                LOGGER.debug("plex.tv refused a PIN: %s", err)
                return self.async_abort(reason="plex_tv_error")
            self._plex_pin_url = client.auth_url(pin)
            self._plex_pin_minutes = max(1, round(pin.expires_in / 60))
            self._plex_pin_task = self.hass.async_create_background_task(
                self._async_wait_for_sign_in(client, pin), f"{DOMAIN} Plex sign-in", eager_start=False
            )
        if self._plex_outcome is None:
            return self.async_external_step(step_id="plex_signin", url=self._plex_pin_url)
        if self._plex_outcome == PinOutcome.SIGNED_IN:
            return self.async_external_step_done(next_step_id="plex_server")
        return self.async_external_step_done(next_step_id="plex_signin_failed")

    async def _async_wait_for_sign_in(self, client: PlexTvClient, pin: Pin) -> None:
        """Read the PIN about once a second until it has a token, then move the flow on."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + pin.expires_in
        outcome = PinOutcome.TIMEOUT
        failures = 0
        while loop.time() < deadline:
            await asyncio.sleep(PLEX_PIN_POLL_INTERVAL)
            try:
                current = await client.check_pin(pin)
            except (ApiConnectionError, ApiTimeoutError, ApiAuthenticationError) as err:
                LOGGER.debug("Reading the Plex PIN failed: %s", err)
                failures += 1
                if failures >= PIN_READ_FAILURES:
                    outcome = PinOutcome.UNREACHABLE
                    break
                continue
            except MedianestApiError as err:
                # Any other refusal: plex.tv no longer knows the PIN (it expired).
                LOGGER.debug("The Plex PIN is gone: %s", err)
                outcome = PinOutcome.EXPIRED
                break
            failures = 0
            if current.auth_token:
                self._plex_account_token = current.auth_token
                outcome = PinOutcome.SIGNED_IN
                break
        self._plex_outcome = outcome
        with suppress(UnknownFlow):
            await self.hass.config_entries.flow.async_configure(flow_id=self.flow_id)

    async def async_step_plex_signin_failed(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """The sign-in was not finished in time, or the PIN expired."""
        return self.async_abort(
            reason=self._plex_outcome or PinOutcome.TIMEOUT,
            description_placeholders={"minutes": str(self._plex_pin_minutes)},
        )

    def async_remove(self) -> None:
        """Stop waiting for a sign-in when the flow goes away."""
        if self._plex_pin_task is not None and not self._plex_pin_task.done():
            self._plex_pin_task.cancel()

    # --- choosing a server ---------------------------------------------------------------------

    async def async_step_plex_server(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Pick one of the account's servers (skipped when there is one to pick)."""
        if self._plex_servers is None:
            assert self._plex_account_token is not None
            try:
                resources = await self._plex_tv().resources(self._plex_account_token)
            except ApiAuthenticationError:
                return self.async_abort(reason="invalid_auth")
            except ApiConnectionError, ApiTimeoutError:
                return self.async_abort(reason="plex_tv_unreachable")
            except MedianestApiError as err:
                LOGGER.debug("plex.tv refused the server list: %s", err)
                return self.async_abort(reason="plex_tv_error")
            if self.source == SOURCE_REAUTH:
                wanted = self._get_reauth_entry().unique_id
                resources = [r for r in resources if r.client_identifier == wanted]
                if not resources:
                    return self.async_abort(reason="server_not_in_account")
            else:
                configured = {e.unique_id for e in self._async_current_entries(include_ignore=False)}
                if not resources:
                    return self.async_abort(reason="no_servers")
                resources = [r for r in resources if r.client_identifier not in configured]
                if not resources:
                    return self.async_abort(reason="all_servers_configured")
            self._plex_servers = {r.client_identifier: r for r in resources}
        errors: dict[str, str] = {}
        servers = self._plex_servers
        chosen = user_input[CONF_SERVER] if user_input else next(iter(servers)) if len(servers) == 1 else None
        if chosen is not None and (resource := servers.get(chosen)):
            url = await self._async_best_connection(resource)
            if url is None:
                if len(servers) == 1:
                    return self.async_abort(
                        reason="server_unreachable", description_placeholders={"server": resource.name}
                    )
                errors["base"] = "server_unreachable"
            else:
                return await self._async_finish_plex(
                    resource.client_identifier, resource.name, url, resource.access_token
                )
        options = [
            SelectOptionDict(value=r.client_identifier, label=r.name if r.owned else f"{r.name} (shared)")
            for r in servers.values()
        ]
        return self.async_show_form(
            step_id="plex_server",
            data_schema=vol.Schema(
                {
                    vol.Required(CONF_SERVER): SelectSelector(
                        SelectSelectorConfig(options=options, mode=SelectSelectorMode.LIST)
                    )
                }
            ),
            errors=errors,
        )

    async def _async_best_connection(self, resource: PlexResource) -> str | None:
        """The first address, in order of preference, where the server answers as itself."""
        if self.source == SOURCE_REAUTH:
            # The entry's own address first: a new token should not move the entry.
            current = str(self._get_reauth_entry().data[CONF_URL])
            if await self._async_identity(current) == resource.client_identifier:
                return current
        uris = [c.uri for c in resource.connections]
        answers = await asyncio.gather(*(self._async_identity(uri) for uri in uris))
        return next(
            (uri for uri, found in zip(uris, answers, strict=True) if found == resource.client_identifier),
            None,
        )

    async def _async_identity(self, url: str, verify_ssl: bool = True) -> str | None:
        """The machine identifier of the server at an address, if one answers there."""
        client = PlexClient(
            async_get_clientsession(self.hass, verify_ssl=verify_ssl),
            url,
            None,
            self._client_identifier(),
            VERSION,
            timeout=CONNECTION_TIMEOUT,
            retries=0,
        )
        try:
            identity: PlexIdentity = await client.identity()
        except MedianestApiError as err:
            LOGGER.debug("No Plex server answers at %s: %s", client.base_url, err)
            return None
        return identity.machine_identifier

    async def _async_finish_plex(
        self, machine_id: str, title: str, url: str, token: str, verify_ssl: bool = True
    ) -> ConfigFlowResult:
        """Create the entry (or, signing in again, update it)."""
        data = {
            CONF_KIND: ServiceKind.PLEX.value,
            CONF_URL: url,
            CONF_TOKEN: token,
            CONF_VERIFY_SSL: verify_ssl,
            CONF_CLIENT_IDENTIFIER: self._client_identifier(),
        }
        if self.source == SOURCE_REAUTH:
            entry = self._get_reauth_entry()
            return self.async_update_reload_and_abort(entry, data={**entry.data, **data})
        await self.async_set_unique_id(machine_id)
        self._abort_if_set_up()
        return self.async_create_entry(title=title, data=data)

    # --- a URL and a token ----------------------------------------------------------------------

    async def _async_check_server(
        self, url: str, token: str, verify_ssl: bool, errors: dict[str, str], expected: str | None = None
    ) -> str | None:
        """Check a server's identity, then the token; return its machine identifier."""
        try:
            url = normalize_url(url)
        except ValueError:
            errors[CONF_URL] = "invalid_url"
            return None
        client = PlexClient(
            async_get_clientsession(self.hass, verify_ssl=verify_ssl),
            url,
            token,
            self._client_identifier(),
            VERSION,
        )
        try:
            identity = await client.identity()
            if expected is not None and identity.machine_identifier != expected:
                # The token is only ever sent to the server it belongs to.
                errors["base"] = "wrong_plex_server"
                return None
            await client.sections()
        except MedianestApiError as err:
            errors["base"] = error_key(err)
            if errors["base"] == "invalid_response":
                LOGGER.debug("Unexpected answer from a Plex server: %s", err)
        else:
            return identity.machine_identifier
        return None

    async def async_step_plex_manual(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Add a server by its address and a token."""
        errors: dict[str, str] = {}
        if user_input is not None:
            url = str(user_input[CONF_URL])
            verify_ssl = bool(user_input[CONF_VERIFY_SSL])
            machine_id = await self._async_check_server(url, user_input[CONF_TOKEN], verify_ssl, errors)
            if machine_id is not None:
                base = normalize_url(url)
                host = base.split("://", 1)[1]
                return await self._async_finish_plex(
                    machine_id, f"Plex ({host})", base, user_input[CONF_TOKEN], verify_ssl
                )
        return self.async_show_form(
            step_id="plex_manual",
            data_schema=self.add_suggested_values_to_schema(
                vol.Schema(
                    {
                        vol.Required(CONF_URL): URL_SELECTOR,
                        vol.Required(CONF_TOKEN): SECRET_SELECTOR,
                        vol.Required(CONF_VERIFY_SSL, default=True): bool,
                    }
                ),
                {
                    k: v
                    for k, v in (user_input or {CONF_URL: "http://localhost:32400"}).items()
                    if k != CONF_TOKEN
                },
            ),
            errors=errors,
        )

    # --- reauth and reconfigure -------------------------------------------------------------------

    async def async_step_plex_reauth(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """The server refused the token: sign in again, or paste a token."""
        return self.async_show_menu(
            step_id="plex_reauth",
            menu_options=["plex_signin", "plex_reauth_token"],
            description_placeholders={"title": self._get_reauth_entry().title},
        )

    async def async_step_plex_reauth_token(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Paste a new token for the server."""
        entry = self._get_reauth_entry()
        errors: dict[str, str] = {}
        if user_input is not None and await self._async_check_server(
            entry.data[CONF_URL],
            user_input[CONF_TOKEN],
            entry.data.get(CONF_VERIFY_SSL, True),
            errors,
            entry.unique_id,
        ):
            return self.async_update_reload_and_abort(
                entry, data={**entry.data, CONF_TOKEN: user_input[CONF_TOKEN]}
            )
        return self.async_show_form(
            step_id="plex_reauth_token",
            data_schema=vol.Schema({vol.Required(CONF_TOKEN): SECRET_SELECTOR}),
            errors=errors,
            description_placeholders={"title": entry.title},
        )

    async def async_step_plex_reconfigure(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Reach the server at another address (the token goes only to the same server)."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            verify_ssl = bool(user_input[CONF_VERIFY_SSL])
            if await self._async_check_server(
                user_input[CONF_URL], entry.data[CONF_TOKEN], verify_ssl, errors, entry.unique_id
            ):
                return self.async_update_reload_and_abort(
                    entry,
                    data={
                        **entry.data,
                        CONF_URL: normalize_url(user_input[CONF_URL]),
                        CONF_VERIFY_SSL: verify_ssl,
                    },
                )
        return self.async_show_form(
            step_id="plex_reconfigure",
            data_schema=self.add_suggested_values_to_schema(
                vol.Schema({vol.Required(CONF_URL): URL_SELECTOR, vol.Required(CONF_VERIFY_SSL): bool}),
                user_input
                or {CONF_URL: entry.data[CONF_URL], CONF_VERIFY_SSL: entry.data.get(CONF_VERIFY_SSL, True)},
            ),
            errors=errors,
            description_placeholders={"title": entry.title},
        )
