"""Constants of Uptime Kuma."""

from __future__ import annotations

from datetime import timedelta
from typing import Final

# Uptime Kuma: one /metrics read covers every monitor (its API allows about 60 a minute).
UPTIME_KUMA_SCAN_INTERVAL: Final = timedelta(seconds=30)
# How long a monitor is no longer reported (paused or deleted) before a repair issue asks.
UPTIME_KUMA_UNREPORTED_REPAIR: Final = timedelta(hours=1)
