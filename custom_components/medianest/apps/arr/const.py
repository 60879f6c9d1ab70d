"""Constants of Sonarr and Radarr."""

from __future__ import annotations

from datetime import timedelta
from typing import Final

CONF_QUALITY_PROFILE: Final = "quality_profile"
CONF_ROOT_FOLDER: Final = "root_folder"
CONF_UPCOMING_DAYS: Final = "upcoming_days"
DEFAULT_UPCOMING_DAYS: Final = 7
MAX_UPCOMING_DAYS: Final = 90
# Refresh tiers, from the product's caching table: fast data every poll, slow data
# (profiles, root folders, upcoming) and whole-library reads much less often.
ARR_SCAN_INTERVAL: Final = timedelta(seconds=60)
ARR_SLOW_INTERVAL: Final = timedelta(minutes=15)
ARR_LIBRARY_INTERVAL: Final = timedelta(hours=1)
# With the server pushing its events, the library is read when one says it changed, and
# else only this often.
ARR_LIBRARY_PUSH_INTERVAL: Final = timedelta(hours=12)
# After an import (a season pack is a burst of them), the library's size is read once, this
# long after the first.
ARR_LIBRARY_AFTER_IMPORT: Final = timedelta(minutes=10)
