"""Constants of qBittorrent."""

from __future__ import annotations

from datetime import timedelta
from typing import Final

# qBittorrent: one incremental sync request per poll, so polling often stays cheap.
QBITTORRENT_SCAN_INTERVAL: Final = timedelta(seconds=30)
