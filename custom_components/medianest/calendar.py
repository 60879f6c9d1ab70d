"""Calendars: what airs or is released next."""

from __future__ import annotations

from homeassistant.const import Platform

from .core.platform import platform_entry_setup

PARALLEL_UPDATES = 0

async_setup_entry = platform_entry_setup(Platform.CALENDAR)
