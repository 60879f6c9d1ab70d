"""Constants of Prowlarr."""

from __future__ import annotations

from datetime import timedelta
from typing import Final

# Prowlarr: failing indexers every poll, the indexer list every few minutes, statistics
# (over the last day) and the server version rarely.
PROWLARR_SCAN_INTERVAL: Final = timedelta(seconds=60)
PROWLARR_INDEXERS_INTERVAL: Final = timedelta(minutes=5)
PROWLARR_SLOW_INTERVAL: Final = timedelta(minutes=15)
PROWLARR_STATS_WINDOW: Final = timedelta(hours=24)
