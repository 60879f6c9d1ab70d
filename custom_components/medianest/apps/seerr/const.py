"""Constants of Seerr."""

from __future__ import annotations

from datetime import timedelta
from typing import Final

# Seerr: counts and the most recently modified requests every minute (request events come
# from what changed; the webhook brings them at once), the version and issues rarely.
SEERR_SCAN_INTERVAL: Final = timedelta(seconds=60)
# With Seerr pushing its notifications, the poll is only the fallback (core's Seerr polls as often).
SEERR_PUSH_SCAN_INTERVAL: Final = timedelta(minutes=5)
SEERR_SLOW_INTERVAL: Final = timedelta(minutes=15)
SEERR_RECENT_REQUESTS: Final = 20
SEERR_REPORTED_EVENTS: Final = 1000
# While no count moved, the page of recent requests is read again after this long anyway.
SEERR_PAGE_INTERVAL: Final = timedelta(minutes=10)
