"""qBittorrent: torrents, speeds and the alternative speed limits."""

from ...core.spec import App
from .actions import async_register_actions
from .flow import QbittorrentFlow
from .spec import QBITTORRENT

APP = App(services=(QBITTORRENT,), flow=QbittorrentFlow, setup=async_register_actions)
