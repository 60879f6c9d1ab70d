"""Buttons that start work on a service."""

from __future__ import annotations

from homeassistant.const import Platform

from .core.platform import platform_entry_setup

PARALLEL_UPDATES = 1

async_setup_entry = platform_entry_setup(Platform.BUTTON)
