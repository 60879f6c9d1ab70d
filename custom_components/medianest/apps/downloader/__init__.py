"""The download queue: yt-dlp downloads running inside Home Assistant."""

from ...core.spec import App
from .actions import async_register_actions
from .flow import DownloaderFlow, DownloaderOptionsFlow
from .spec import DOWNLOADER

APP = App(
    services=(DOWNLOADER,),
    flow=DownloaderFlow,
    options_flow=DownloaderOptionsFlow,
    setup=async_register_actions,
)
