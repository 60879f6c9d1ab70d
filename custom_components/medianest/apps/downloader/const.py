"""Constants of the download queue."""

from __future__ import annotations

from typing import Final

CONF_DOWNLOAD_FOLDER: Final = "download_folder"
CONF_QUALITY: Final = "quality"
CONF_FORMAT: Final = "format"
CONF_MAX_CONCURRENT: Final = "max_concurrent"
CONF_COOKIES_FILE: Final = "cookies_file"
# Downloader: state written at most once a second while a download runs; a bounded history
# of finished downloads; events on the bus for automations.
DOWNLOAD_PUSH_INTERVAL: Final = 1.0
DOWNLOAD_HISTORY: Final = 100
DEFAULT_QUALITY: Final = "best"
DEFAULT_FORMAT: Final = "mp4"
DEFAULT_MAX_CONCURRENT: Final = 1
MAX_CONCURRENT: Final = 5
EVENT_DOWNLOAD_COMPLETED: Final = "medianest_download_completed"
EVENT_DOWNLOAD_FAILED: Final = "medianest_download_failed"
