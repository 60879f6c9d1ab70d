"""Switches: settings of a service that can be turned on and off."""

from __future__ import annotations

from homeassistant.const import Platform

from .core.platform import platform_entry_setup

PARALLEL_UPDATES = 1

async_setup_entry = platform_entry_setup(Platform.SWITCH)
