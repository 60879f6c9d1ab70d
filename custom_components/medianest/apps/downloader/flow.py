"""Adding a download queue, moving it to another folder, and its options."""

from __future__ import annotations

import os
from typing import Any

import probatio as vol

from homeassistant.config_entries import ConfigFlowResult
from homeassistant.core import HomeAssistant
from homeassistant.helpers.selector import (
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectSelector,
    SelectSelectorConfig,
)

from ...api.ytdlp import FORMATS, QUALITIES, inside
from ...const import CONF_KIND
from ...core.flow import FOLDER_SELECTOR, ServiceFlow, ServiceOptionsFlow
from .const import (
    CONF_COOKIES_FILE,
    CONF_DOWNLOAD_FOLDER,
    CONF_FORMAT,
    CONF_MAX_CONCURRENT,
    CONF_QUALITY,
    DEFAULT_FORMAT,
    DEFAULT_MAX_CONCURRENT,
    DEFAULT_QUALITY,
    MAX_CONCURRENT,
)
from .spec import DOWNLOADER


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


class DownloaderFlow(ServiceFlow):
    """The steps that add a download queue and move it to another folder."""

    async def async_step_downloader(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Add a download queue: where files go, and the defaults for new downloads."""
        errors: dict[str, str] = {}
        if user_input is not None and (folder := await self._async_checked_folder(user_input, errors)):
            await self.async_set_unique_id(await self._folder_id(folder))
            self._abort_if_set_up()
            others = self._async_current_entries(include_ignore=False)
            title = "Downloads"
            if any(e.data.get(CONF_KIND) == DOWNLOADER.kind for e in others):
                title = f"Downloads ({os.path.basename(folder) or folder})"
            return self.async_create_entry(
                title=title,
                data={CONF_KIND: DOWNLOADER.kind.value, CONF_DOWNLOAD_FOLDER: folder},
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
        return f"{DOWNLOADER.kind.value}_{real}"

    async def async_step_reconfigure_downloader(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Move a download queue to another folder."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None and (folder := await self._async_checked_folder(user_input, errors)):
            unique_id = await self._folder_id(folder)
            if unique_id != entry.unique_id:
                await self.async_set_unique_id(unique_id)
                self._abort_if_set_up()
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


class DownloaderOptionsFlow(ServiceOptionsFlow):
    """Defaults for new downloads, how many run at once, and a cookies file."""

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """The one options step."""
        self._ensure_loaded()
        return await self.async_step_downloader()

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
