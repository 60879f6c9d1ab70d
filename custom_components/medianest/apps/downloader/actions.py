"""The download queue actions: their fields and what they do."""

from __future__ import annotations

from typing import Final

import probatio as vol

from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse, callback
from homeassistant.helpers import config_validation as cv

from ...api.ytdlp import FORMATS, MAX_URL_LENGTH, QUALITIES
from ...core.actions import ATTR_STATUS, ATTR_URL, ENTRY_FIELD, register_action, resolve_coordinator
from .coordinator import DownloaderCoordinator, DownloadStatus
from .spec import DOWNLOADER

ATTR_QUALITY: Final = "quality"
ATTR_FORMAT: Final = "format"
ATTR_AUDIO_ONLY: Final = "audio_only"
ATTR_SUBFOLDER: Final = "subfolder"
ATTR_DOWNLOAD_ID: Final = "download_id"


# The URL and subfolder are checked by the downloader itself, with translated errors
# (the schema only bounds their size).
QUEUE_DOWNLOAD_SCHEMA = vol.Schema(
    {
        **ENTRY_FIELD,
        vol.Required(ATTR_URL): vol.All(cv.string, vol.Length(max=MAX_URL_LENGTH * 2)),
        vol.Optional(ATTR_QUALITY): vol.In(QUALITIES),
        vol.Optional(ATTR_FORMAT): vol.In(FORMATS),
        vol.Optional(ATTR_AUDIO_ONLY, default=False): cv.boolean,
        vol.Optional(ATTR_SUBFOLDER): vol.All(cv.string, vol.Length(max=1024)),
    }
)


DOWNLOAD_ID_SCHEMA = vol.Schema({**ENTRY_FIELD, vol.Required(ATTR_DOWNLOAD_ID): cv.string})


GET_DOWNLOADS_SCHEMA = vol.Schema(
    {**ENTRY_FIELD, vol.Optional(ATTR_STATUS): vol.In([status.value for status in DownloadStatus])}
)


class DownloadActions:
    """Queue, cancel and list yt-dlp downloads."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Act on the downloader entries of `hass`."""
        self.hass = hass

    def _coordinator(self, call: ServiceCall) -> DownloaderCoordinator:
        return resolve_coordinator(self.hass, call, (DOWNLOADER,), DownloaderCoordinator)

    async def queue(self, call: ServiceCall) -> ServiceResponse:
        """Queue a video; answer its id, title and place in the queue."""
        coordinator = self._coordinator(call)
        download = await coordinator.async_queue(
            call.data[ATTR_URL],
            quality=call.data.get(ATTR_QUALITY),
            fmt=call.data.get(ATTR_FORMAT),
            audio_only=call.data[ATTR_AUDIO_ONLY],
            subfolder=call.data.get(ATTR_SUBFOLDER),
        )
        return download.as_json(coordinator.positions().get(download.id))

    async def cancel(self, call: ServiceCall) -> ServiceResponse:
        """Cancel a queued or running download."""
        await self._coordinator(call).async_cancel(call.data[ATTR_DOWNLOAD_ID])
        return None

    async def get(self, call: ServiceCall) -> ServiceResponse:
        """The downloads (optionally of one status) with their progress."""
        coordinator = self._coordinator(call)
        status = call.data.get(ATTR_STATUS)
        downloads = coordinator.downloads(DownloadStatus(status) if status else None)
        positions = coordinator.positions()
        return {"downloads": [d.as_json(positions.get(d.id)) for d in downloads]}


@callback
def async_register_actions(hass: HomeAssistant) -> None:
    """Register the download queue's actions."""
    downloads = DownloadActions(hass)
    register_action(hass, "queue_download", downloads.queue, QUEUE_DOWNLOAD_SCHEMA, SupportsResponse.OPTIONAL)
    register_action(hass, "cancel_download", downloads.cancel, DOWNLOAD_ID_SCHEMA)
    register_action(hass, "get_downloads", downloads.get, GET_DOWNLOADS_SCHEMA, SupportsResponse.ONLY)
