"""The download queue as a MediaNest service: yt-dlp running inside Home Assistant."""

from __future__ import annotations

from homeassistant.const import Platform

from ...api.ytdlp import YtDlpRunner
from ...const import ServiceKind
from ...core.spec import ServiceSpec
from .button import setup_buttons
from .coordinator import DownloaderCoordinator, async_remove_downloader_data
from .dashboard import dashboard_section
from .diagnostics import downloader_diagnostics
from .event import setup_events
from .sensor import setup_sensors

DOWNLOADER = ServiceSpec(
    dashboard=dashboard_section,
    kind=ServiceKind.DOWNLOADER,
    manufacturer="yt-dlp",
    create_client=lambda session, data: YtDlpRunner(),
    create_coordinator=DownloaderCoordinator,
    platforms={Platform.BUTTON: setup_buttons, Platform.EVENT: setup_events, Platform.SENSOR: setup_sensors},
    network=False,
    reconfigure_step="reconfigure_downloader",
    async_remove_entry=async_remove_downloader_data,
    diagnostics=downloader_diagnostics,
)
