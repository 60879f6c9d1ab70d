"""Config flow: a menu of service kinds, then one step per kind; reauth, reconfigure, options."""

from __future__ import annotations

from collections.abc import Mapping
import os
from typing import Any, override

import probatio as vol
from yarl import URL

from homeassistant.config_entries import (
    ConfigEntryState,
    ConfigFlow,
    ConfigFlowResult,
    OptionsFlow,
)
from homeassistant.const import CONF_API_KEY, CONF_PASSWORD, CONF_URL, CONF_USERNAME, CONF_VERIFY_SSL
from homeassistant.core import HomeAssistant, callback
from homeassistant.data_entry_flow import section
from homeassistant.helpers.selector import (
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
)

from . import MedianestConfigEntry, async_apply_options
from .api import (
    ApiAuthenticationError,
    ApiConnectionError,
    ApiNotFoundError,
    ApiTimeoutError,
    HttpClient,
    MedianestApiError,
    normalize_url,
)
from .api.models import as_dict
from .api.qbittorrent import QbittorrentClient
from .api.redact import split_credentials
from .api.seerr import SeerrClient
from .api.servarr import ServarrClient
from .api.uptime_kuma import KumaVersionError, UptimeKumaClient
from .api.uptime_kuma_socket import KumaTwoFactorError
from .api.ytdlp import FORMATS, QUALITIES, inside
from .apps.arr.coordinator import ArrCoordinator
from .apps.plex.flow import PlexFlowMixin
from .apps.seerr.webhook import new_webhook_data, webhook_settings, webhook_url
from .const import (
    CONF_COOKIES_FILE,
    CONF_DOWNLOAD_FOLDER,
    CONF_FORMAT,
    CONF_KIND,
    CONF_MAX_CONCURRENT,
    CONF_PROXY,
    CONF_PROXY_PASSWORD,
    CONF_PROXY_USERNAME,
    CONF_PUSH_EVENTS,
    CONF_QUALITY,
    CONF_QUALITY_PROFILE,
    CONF_ROOT_FOLDER,
    CONF_UPCOMING_DAYS,
    CONF_WEBHOOK_SECRET,
    DEFAULT_FORMAT,
    DEFAULT_MAX_CONCURRENT,
    DEFAULT_QUALITY,
    DEFAULT_UPCOMING_DAYS,
    DOMAIN,
    LOGGER,
    MAX_CONCURRENT,
    MAX_UPCOMING_DAYS,
    ServiceKind,
)
from .flow_common import FOLDER_SELECTOR, SECRET_SELECTOR, TEXT_SELECTOR, URL_SELECTOR, error_key
from .kinds import KINDS, async_client_session, create_client


def _download_fields() -> dict[Any, Any]:
    """Quality, format and concurrency: asked when adding a downloader, and in its options."""
    return {
        vol.Required(CONF_QUALITY, default=DEFAULT_QUALITY): SelectSelector(
            SelectSelectorConfig(options=list(QUALITIES), translation_key="download_quality")
        ),
        vol.Required(CONF_FORMAT, default=DEFAULT_FORMAT): SelectSelector(
            SelectSelectorConfig(options=list(FORMATS), translation_key="download_format")
        ),
        vol.Required(CONF_MAX_CONCURRENT, default=DEFAULT_MAX_CONCURRENT): vol.All(
            NumberSelector(
                NumberSelectorConfig(min=1, max=MAX_CONCURRENT, step=1, mode=NumberSelectorMode.BOX)
            ),
            vol.Coerce(int),
        ),
    }


def _folder(user_input: dict[str, Any]) -> str:
    """The folder entered, without trailing or doubled separators."""
    return os.path.normpath(str(user_input[CONF_DOWNLOAD_FOLDER]).strip())


def check_download_folder(hass: HomeAssistant, folder: str) -> str | None:
    """Make sure a download folder is allowed and writable (blocking); return an error key."""
    if not os.path.isabs(folder) or "\x00" in folder:
        return "folder_not_absolute"
    if not hass.config.is_allowed_path(folder):
        return "folder_not_allowed"
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return "folder_not_writable"
    if not os.access(folder, os.W_OK | os.X_OK):
        return "folder_not_writable"
    return None


def check_cookies_file(hass: HomeAssistant, name: str) -> str | None:
    """A cookies file must be a file inside the configuration folder (blocking)."""
    if "\x00" in name:
        return "cookies_outside_config"
    config = os.path.realpath(hass.config.config_dir)
    path = os.path.join(config, name)
    if not inside(path, config):
        return "cookies_outside_config"
    if not os.path.isfile(path):
        return "cookies_not_found"
    return None


class WrongServiceError(Exception):
    """The URL answers, but as another kind of service."""

    def __init__(self, found: str) -> None:
        """Keep what was found."""
        super().__init__(found)
        self.found = found


async def _validate_servarr(kind: ServiceKind, client: HttpClient) -> str:
    """Check a Sonarr, Radarr or Prowlarr server; return its title."""
    assert isinstance(client, ServarrClient)
    try:
        status = await client.system_status()
    except ApiNotFoundError:
        # Sonarr and Radarr speak API v3, Prowlarr v1: the other root tells what is there.
        other = "/api/v1" if client.api == "/api/v3" else "/api/v3"
        try:
            found = await client.system_status(api=other)
        except MedianestApiError:
            raise WrongServiceError("") from None
        raise WrongServiceError(found.app_name or "") from None
    app = (status.app_name or "").lower()
    if app and app != kind.value:
        raise WrongServiceError(status.app_name or "")
    return status.instance_name or KINDS[kind].manufacturer


async def _validate_qbittorrent(kind: ServiceKind, client: HttpClient) -> str:
    """Log in to qBittorrent; return its title."""
    assert isinstance(client, QbittorrentClient)
    await client.login()
    return KINDS[kind].manufacturer


async def _validate_kuma(kind: ServiceKind, client: HttpClient) -> str:
    """Read Uptime Kuma's `/metrics` once, and log in when a login is given; return its title."""
    assert isinstance(client, UptimeKumaClient)
    await client.monitors()
    if (socket := client.socket) is not None:
        try:
            await socket.async_connect()
        finally:
            await socket.async_disconnect()
    return KINDS[kind].manufacturer


async def _validate_seerr(kind: ServiceKind, client: HttpClient) -> str:
    """Read Seerr's public status, then the request counts with the key; return its title."""
    assert isinstance(client, SeerrClient)
    try:
        version = await client.status()
    except ApiNotFoundError, ApiAuthenticationError:
        # Seerr's status is public: a server that hides it (or has none) is something else.
        raise WrongServiceError("") from None
    await client.request_counts()  # 403 when the key is wrong
    return seerr_product(version)


def seerr_product(version: str | None) -> str:
    """The product a Seerr-family version belongs to (they share the API)."""
    major = (version or "").split(".", 1)[0]
    return {"1": "Overseerr", "2": "Jellyseerr"}.get(major, "Seerr")


def _address_id(kind: ServiceKind, base_url: str) -> str:
    # None of the services exposes an instance identifier: the instance is its address.
    url = URL(base_url)
    return f"{kind.value}_{url.host}:{url.port}{url.path.rstrip('/')}".lower()


VALIDATORS = {
    ServiceKind.SEERR: _validate_seerr,
    ServiceKind.UPTIME_KUMA: _validate_kuma,
    ServiceKind.SONARR: _validate_servarr,
    ServiceKind.RADARR: _validate_servarr,
    ServiceKind.PROWLARR: _validate_servarr,
    ServiceKind.QBITTORRENT: _validate_qbittorrent,
}
SECRETS = (CONF_API_KEY, CONF_PASSWORD, CONF_PROXY_PASSWORD)


def _shown(data: Mapping[str, Any]) -> dict[str, Any]:
    """What a form may be filled in with again: no secret, no credentials in the URL."""
    shown = {k: v for k, v in data.items() if k not in SECRETS and k != CONF_PROXY}
    if CONF_URL in shown:
        shown[CONF_URL] = split_credentials(str(shown[CONF_URL]))[0]
    proxy = dict(data.get(CONF_PROXY) or {})
    if username := proxy.get(CONF_PROXY_USERNAME) or shown.pop(CONF_PROXY_USERNAME, None):
        shown[CONF_PROXY] = {CONF_PROXY_USERNAME: username}
    return shown


def _proxy_section() -> dict[Any, Any]:
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


def _credential_fields(kind: ServiceKind, *, reauth: bool = False) -> dict[Any, Any]:
    """The credential fields of a kind's forms."""
    if kind is ServiceKind.UPTIME_KUMA:
        # Kuma's /metrics may be open; once API keys exist, a key is needed. A Kuma user's
        # login lets MediaNest read the monitor list too (paused and deleted monitors).
        return {
            vol.Optional(CONF_API_KEY): SECRET_SELECTOR,
            vol.Optional(CONF_USERNAME): TEXT_SELECTOR,
            vol.Optional(CONF_PASSWORD): SECRET_SELECTOR,
        }
    if kind is ServiceKind.QBITTORRENT:
        return {vol.Required(CONF_USERNAME): TEXT_SELECTOR, vol.Required(CONF_PASSWORD): SECRET_SELECTOR}
    return {vol.Required(CONF_API_KEY): SECRET_SELECTOR}


class MedianestConfigFlow(PlexFlowMixin, ConfigFlow, domain=DOMAIN):
    """Add a service of the media stack."""

    VERSION = 1
    # 1.2: no credentials in URLs (they moved into the proxy fields)
    MINOR_VERSION = 2

    @staticmethod
    @callback
    @override
    def async_get_options_flow(config_entry: MedianestConfigEntry) -> MedianestOptionsFlow:
        return MedianestOptionsFlow()

    @classmethod
    @callback
    @override
    def async_supports_options_flow(cls, config_entry: MedianestConfigEntry) -> bool:
        return ServiceKind(config_entry.data[CONF_KIND]) in (
            ServiceKind.SONARR,
            ServiceKind.RADARR,
            ServiceKind.SEERR,
            ServiceKind.DOWNLOADER,
        )

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Ask which kind of service to add."""
        return self.async_show_menu(
            step_id="user", menu_options=[kind.value for kind in ServiceKind if kind in KINDS]
        )

    async def async_step_sonarr(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Add a Sonarr server."""
        return await self._async_step_service(ServiceKind.SONARR, user_input)

    async def async_step_radarr(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Add a Radarr server."""
        return await self._async_step_service(ServiceKind.RADARR, user_input)

    async def async_step_prowlarr(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Add a Prowlarr server."""
        return await self._async_step_service(ServiceKind.PROWLARR, user_input)

    async def async_step_seerr(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Add a Seerr, Overseerr or Jellyseerr server."""
        return await self._async_step_service(ServiceKind.SEERR, user_input)

    async def async_step_uptime_kuma(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Add an Uptime Kuma server."""
        return await self._async_step_service(ServiceKind.UPTIME_KUMA, user_input)

    async def async_step_qbittorrent(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Add a qBittorrent server."""
        return await self._async_step_service(ServiceKind.QBITTORRENT, user_input)

    async def async_step_downloader(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Add a download queue: where files go, and the defaults for new downloads."""
        errors: dict[str, str] = {}
        if user_input is not None and (folder := await self._async_checked_folder(user_input, errors)):
            await self.async_set_unique_id(await self._folder_id(folder))
            self._abort_if_unique_id_configured()
            others = self._async_current_entries(include_ignore=False)
            title = "Downloads"
            if any(e.data.get(CONF_KIND) == ServiceKind.DOWNLOADER for e in others):
                title = f"Downloads ({os.path.basename(folder) or folder})"
            return self.async_create_entry(
                title=title,
                data={CONF_KIND: ServiceKind.DOWNLOADER.value, CONF_DOWNLOAD_FOLDER: folder},
                options={k: v for k, v in user_input.items() if k != CONF_DOWNLOAD_FOLDER},
            )
        media = next(iter(self.hass.config.media_dirs.values()), self.hass.config.path("media"))
        return self.async_show_form(
            step_id="downloader",
            data_schema=self.add_suggested_values_to_schema(
                vol.Schema({vol.Required(CONF_DOWNLOAD_FOLDER): FOLDER_SELECTOR, **_download_fields()}),
                user_input or {CONF_DOWNLOAD_FOLDER: os.path.join(media, "downloads")},
            ),
            errors=errors,
            description_placeholders={"media": media},
        )

    async def _async_checked_folder(self, user_input: dict[str, Any], errors: dict[str, str]) -> str | None:
        """The folder entered, if it may be used; else the error is filled in."""
        folder = _folder(user_input)
        if error := await self.hass.async_add_executor_job(check_download_folder, self.hass, folder):
            errors[CONF_DOWNLOAD_FOLDER] = error
            return None
        return folder

    async def _folder_id(self, folder: str) -> str:
        real = await self.hass.async_add_executor_job(os.path.realpath, folder)
        return f"{ServiceKind.DOWNLOADER.value}_{real}"

    async def _async_reconfigure_downloader(
        self, entry: MedianestConfigEntry, user_input: dict[str, Any] | None
    ) -> ConfigFlowResult:
        """Move a download queue to another folder."""
        errors: dict[str, str] = {}
        if user_input is not None and (folder := await self._async_checked_folder(user_input, errors)):
            unique_id = await self._folder_id(folder)
            if unique_id != entry.unique_id:
                await self.async_set_unique_id(unique_id)
                self._abort_if_unique_id_configured()
            return self.async_update_reload_and_abort(
                entry, unique_id=unique_id, data={**entry.data, CONF_DOWNLOAD_FOLDER: folder}
            )
        return self.async_show_form(
            step_id="reconfigure_downloader",
            data_schema=self.add_suggested_values_to_schema(
                vol.Schema({vol.Required(CONF_DOWNLOAD_FOLDER): FOLDER_SELECTOR}), user_input or entry.data
            ),
            errors=errors,
            description_placeholders={"title": entry.title},
        )

    async def async_step_reconfigure_downloader(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """The reconfigure form of a downloader."""
        return await self._async_reconfigure_downloader(self._get_reconfigure_entry(), user_input)

    async def _async_try(
        self, kind: ServiceKind, data: dict[str, Any], errors: dict[str, str], placeholders: dict[str, str]
    ) -> tuple[str, str] | None:
        """Test a connection, filling `errors` on failure."""
        try:
            take_url_credentials(data)
            data[CONF_URL] = normalize_url(data[CONF_URL])
        except ValueError:
            errors[CONF_URL] = "invalid_url"
            return None
        spec = KINDS[kind]
        session = async_client_session(self.hass, spec, data.get(CONF_VERIFY_SSL, True), auto_cleanup=False)
        try:
            client = create_client(spec, session, data)
            assert isinstance(client, HttpClient)
            title = await VALIDATORS[kind](kind, client)
            return _address_id(kind, client.base_url), title
        except KumaVersionError:
            errors["base"] = "kuma_v1"
        except KumaTwoFactorError:
            errors["base"] = "kuma_2fa"
        except WrongServiceError as err:
            if err.found:
                errors["base"] = "wrong_service"
                placeholders["found"] = err.found
            else:
                errors["base"] = "invalid_response"
        except MedianestApiError as err:
            errors["base"] = error_key(err)
            if errors["base"] == "invalid_response":
                LOGGER.debug("Unexpected answer while setting up %s: %s", kind, err)
        finally:
            if spec.own_session:
                session.detach()  # a session of its own; the shared one stays open
        return None

    async def _async_step_service(
        self, kind: ServiceKind, user_input: dict[str, Any] | None
    ) -> ConfigFlowResult:
        errors: dict[str, str] = {}
        placeholders: dict[str, str] = {"service": KINDS[kind].manufacturer}
        if user_input is not None:
            data = {**user_input, CONF_KIND: kind.value}
            if kind is ServiceKind.SEERR:
                data |= new_webhook_data()
            if result := await self._async_try(kind, data, errors, placeholders):
                unique_id, title = result
                await self.async_set_unique_id(unique_id)
                self._abort_if_unique_id_configured()
                return self.async_create_entry(title=title, data=data)
        return self.async_show_form(
            step_id=kind.value,
            data_schema=self.add_suggested_values_to_schema(
                vol.Schema(
                    {
                        vol.Required(CONF_URL): URL_SELECTOR,
                        **_credential_fields(kind),
                        vol.Required(CONF_VERIFY_SSL, default=True): bool,
                        **_proxy_section(),
                    }
                ),
                _shown(user_input) if user_input else {CONF_URL: KINDS[kind].default_url},
            ),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def async_step_reauth(self, entry_data: Mapping[str, Any]) -> ConfigFlowResult:
        """The service rejected the credentials."""
        if entry_data.get(CONF_KIND) == ServiceKind.PLEX:
            return await self.async_step_plex_reauth()
        return await self.async_step_reauth_confirm()

    async def async_step_reauth_confirm(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Ask for new credentials."""
        entry = self._get_reauth_entry()
        kind = ServiceKind(entry.data[CONF_KIND])
        errors: dict[str, str] = {}
        placeholders = {"service": KINDS[kind].manufacturer, "title": entry.title}
        if user_input is not None:
            data = {**entry.data, **user_input}
            if await self._async_try(kind, data, errors, placeholders):
                return self.async_update_reload_and_abort(entry, data=data)
        fields = _credential_fields(kind, reauth=True)
        return self.async_show_form(
            step_id="reauth_confirm",
            data_schema=self.add_suggested_values_to_schema(
                vol.Schema(fields), {CONF_USERNAME: entry.data.get(CONF_USERNAME)}
            ),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def async_step_reconfigure(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Change the address or the API key of a service."""
        entry = self._get_reconfigure_entry()
        kind = ServiceKind(entry.data[CONF_KIND])
        if kind is ServiceKind.DOWNLOADER:
            return await self._async_reconfigure_downloader(entry, user_input)
        if kind is ServiceKind.PLEX:
            return await self.async_step_plex_reconfigure(user_input)
        errors: dict[str, str] = {}
        placeholders = {"service": KINDS[kind].manufacturer, "title": entry.title}
        if user_input is not None:
            data = {**entry.data, **user_input}
            if result := await self._async_try(kind, data, errors, placeholders):
                unique_id, _ = result
                if unique_id != entry.unique_id:
                    # Another address for the same entry is fine, unless another entry has it.
                    await self.async_set_unique_id(unique_id)
                    self._abort_if_unique_id_configured()
                return self.async_update_reload_and_abort(entry, unique_id=unique_id, data=data)
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=self.add_suggested_values_to_schema(
                vol.Schema(
                    {
                        vol.Required(CONF_URL): URL_SELECTOR,
                        **_credential_fields(kind),
                        vol.Required(CONF_VERIFY_SSL): bool,
                        **_proxy_section(),
                    }
                ),
                _shown(user_input or entry.data),
            ),
            errors=errors,
            description_placeholders=placeholders,
        )


class MedianestOptionsFlow(OptionsFlow):
    """Defaults for adding series and movies, and the upcoming window."""

    config_entry: MedianestConfigEntry

    async def _async_save(self, options: dict[str, Any]) -> ConfigFlowResult:
        """Store the options and apply them to the running entry (there is no update listener)."""
        if self.hass.config_entries.async_update_entry(self.config_entry, options=options):
            await async_apply_options(self.config_entry)
        return self.async_create_entry(data=options)

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Choose the default profile and folder from the server's lists."""
        if self.config_entry.state is not ConfigEntryState.LOADED:
            return self.async_abort(reason="not_loaded")
        if self.config_entry.runtime_data.kind is ServiceKind.SEERR:
            return await self.async_step_seerr()
        if self.config_entry.runtime_data.kind is ServiceKind.DOWNLOADER:
            return await self.async_step_downloader()
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

    async def async_step_seerr(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Let Seerr push request events to Home Assistant (configuring its webhook agent)."""
        entry = self.config_entry
        errors: dict[str, str] = {}
        placeholders = {"title": entry.title, "url": "-"}
        url = webhook_url(self.hass, entry)
        if url:
            placeholders["url"] = url
        if user_input is not None:
            push = bool(user_input[CONF_PUSH_EVENTS])
            client = entry.runtime_data.client
            assert isinstance(client, SeerrClient)
            if push and url is None:
                errors["base"] = "no_url"
            else:
                try:
                    current = await client.webhook_settings()
                    ours = as_dict(current.get("options")).get("webhookUrl") == url
                    if push or ours:
                        await client.set_webhook_settings(
                            webhook_settings(url or "", entry.data[CONF_WEBHOOK_SECRET], enabled=push)
                        )
                except ApiAuthenticationError:
                    errors["base"] = "invalid_auth"
                except ApiConnectionError, ApiTimeoutError:
                    errors["base"] = "cannot_connect"
                except MedianestApiError as err:
                    LOGGER.debug("Seerr refused the webhook settings: %s", err)
                    errors["base"] = "webhook_refused"
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

    async def async_step_downloader(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Defaults for new downloads, how many run at once, and a cookies file."""
        errors: dict[str, str] = {}
        if user_input is not None:
            cookies = str(user_input.get(CONF_COOKIES_FILE) or "").strip()
            if cookies and (
                error := await self.hass.async_add_executor_job(check_cookies_file, self.hass, cookies)
            ):
                errors[CONF_COOKIES_FILE] = error
            else:
                options = {k: v for k, v in user_input.items() if k != CONF_COOKIES_FILE}
                return await self._async_save(options | ({CONF_COOKIES_FILE: cookies} if cookies else {}))
        return self.async_show_form(
            step_id="downloader",
            data_schema=self.add_suggested_values_to_schema(
                vol.Schema({**_download_fields(), vol.Optional(CONF_COOKIES_FILE): FOLDER_SELECTOR}),
                user_input or self.config_entry.options,
            ),
            errors=errors,
            description_placeholders={"config": self.hass.config.config_dir},
        )
