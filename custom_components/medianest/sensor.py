"""Sensors: the health of every networked service, and what each service reports."""

from __future__ import annotations

from homeassistant.const import Platform

from .core.health import add_health_sensors
from .core.platform import platform_entry_setup

PARALLEL_UPDATES = 0

async_setup_entry = platform_entry_setup(Platform.SENSOR, add_health_sensors)
