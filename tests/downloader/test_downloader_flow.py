"""Adding, moving and tuning a download queue through the config and options flows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.medianest.apps.downloader.const import (
    CONF_COOKIES_FILE,
    CONF_DOWNLOAD_FOLDER,
    CONF_FORMAT,
    CONF_MAX_CONCURRENT,
    CONF_QUALITY,
)
from custom_components.medianest.const import CONF_KIND, DOMAIN
from homeassistant.config_entries import SOURCE_USER
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType

from ..conftest import make_downloader_entry, setup_entry

DEFAULTS = {CONF_QUALITY: "1080p", CONF_FORMAT: "mkv", CONF_MAX_CONCURRENT: 2}


async def _form(hass: HomeAssistant) -> dict[str, Any]:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"next_step_id": "downloader"})
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "downloader"
    return result


async def test_add_a_download_queue(hass: HomeAssistant, tmp_path: Path, unload_entries: None) -> None:
    """The folder is made if needed; the defaults become the entry's options."""
    hass.config.allowlist_external_dirs = {str(tmp_path)}
    hass.config.media_dirs = {"local": str(tmp_path)}
    result = await _form(hass)
    schema = result["data_schema"].schema
    suggested = next(k for k in schema if k == CONF_DOWNLOAD_FOLDER).description["suggested_value"]
    assert suggested == str(tmp_path / "downloads")
    assert result["description_placeholders"] == {"media": str(tmp_path)}

    folder = tmp_path / "videos" / "youtube"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_DOWNLOAD_FOLDER: f" {folder}/ ", **DEFAULTS}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Downloads"
    assert result["data"] == {CONF_KIND: "downloader", CONF_DOWNLOAD_FOLDER: str(folder)}
    assert result["options"] == DEFAULTS
    assert folder.is_dir()
    assert result["result"].unique_id == f"downloader_{folder}"

    # The same folder again is refused; another one gets a distinct title.
    result = await _form(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_DOWNLOAD_FOLDER: str(folder), **DEFAULTS}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert result["description_placeholders"] == {"title": "Downloads"}
    result = await _form(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_DOWNLOAD_FOLDER: str(tmp_path / "music"), **DEFAULTS}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Downloads (music)"


async def test_folders_that_are_refused(hass: HomeAssistant, tmp_path: Path) -> None:
    """Relative, not allowed and unwritable folders each get their own message."""
    hass.config.allowlist_external_dirs = {str(tmp_path)}
    (tmp_path / "a-file").write_text("not a folder")
    result = await _form(hass)
    for folder, error in (
        ("downloads", "folder_not_absolute"),
        ("/etc/medianest", "folder_not_allowed"),
        (str(tmp_path / "a-file" / "sub"), "folder_not_writable"),
        (str(tmp_path / "a-file"), "folder_not_writable"),
        (f"{tmp_path}/x\x00y", "folder_not_absolute"),
    ):
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], {CONF_DOWNLOAD_FOLDER: folder, **DEFAULTS}
        )
        assert result["type"] is FlowResultType.FORM
        assert result["errors"] == {CONF_DOWNLOAD_FOLDER: error}, folder


async def test_move_a_download_queue(
    hass: HomeAssistant, download_folder: Path, tmp_path: Path, unload_entries: None
) -> None:
    """Reconfigure checks the new folder and moves the entry to it."""
    entry = await setup_entry(hass, make_downloader_entry(download_folder))
    other = await setup_entry(
        hass,
        MockConfigEntry(
            domain=DOMAIN,
            unique_id=f"downloader_{tmp_path / 'taken'}",
            data={CONF_KIND: "downloader", CONF_DOWNLOAD_FOLDER: str(tmp_path / "taken")},
        ),
    )
    assert other.state.recoverable is False or other.state.name == "LOADED"
    result = await entry.start_reconfigure_flow(hass)
    assert result["step_id"] == "reconfigure_downloader"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_DOWNLOAD_FOLDER: "/etc/x"}
    )
    assert result["errors"] == {CONF_DOWNLOAD_FOLDER: "folder_not_allowed"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_DOWNLOAD_FOLDER: str(tmp_path / "taken")}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"

    result = await entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_DOWNLOAD_FOLDER: str(tmp_path / "moved")}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert entry.data[CONF_DOWNLOAD_FOLDER] == str(tmp_path / "moved")
    assert entry.unique_id == f"downloader_{tmp_path / 'moved'}"
    assert entry.runtime_data.coordinator.folder == str(tmp_path / "moved")


async def test_options_and_cookies_file(
    hass: HomeAssistant, downloader_entry: MockConfigEntry, tmp_path: Path
) -> None:
    """Defaults change; a cookies file must be a file inside the configuration folder."""
    config = Path(hass.config.config_dir)
    (config / "yt-dlp").mkdir(exist_ok=True)
    (config / "yt-dlp" / "cookies.txt").write_text("# Netscape HTTP Cookie File\n")
    result = await hass.config_entries.options.async_init(downloader_entry.entry_id)
    assert result["step_id"] == "downloader"
    for name, error in (
        ("../outside.txt", "cookies_outside_config"),
        ("/etc/passwd", "cookies_outside_config"),
        ("yt-dlp/missing.txt", "cookies_not_found"),
        ("yt-dlp", "cookies_not_found"),
        ("a\x00b", "cookies_outside_config"),
    ):
        result = await hass.config_entries.options.async_configure(
            result["flow_id"], {**DEFAULTS, CONF_COOKIES_FILE: name}
        )
        assert result["errors"] == {CONF_COOKIES_FILE: error}, name
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**DEFAULTS, CONF_COOKIES_FILE: " yt-dlp/cookies.txt "}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert downloader_entry.options == {**DEFAULTS, CONF_COOKIES_FILE: "yt-dlp/cookies.txt"}
    assert downloader_entry.runtime_data.coordinator.max_concurrent == 2

    # Without a cookies file the option goes away.
    result = await hass.config_entries.options.async_init(downloader_entry.entry_id)
    result = await hass.config_entries.options.async_configure(result["flow_id"], DEFAULTS)
    await hass.async_block_till_done()
    assert downloader_entry.options == DEFAULTS
