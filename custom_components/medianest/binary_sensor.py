"""Binary sensors: whether a service is reachable, and whether it reports problems."""

from __future__ import annotations

from homeassistant.const import Platform

from .core.health import add_connectivity
from .core.platform import platform_entry_setup

PARALLEL_UPDATES = 0

async_setup_entry = platform_entry_setup(Platform.BINARY_SENSOR, add_connectivity)
