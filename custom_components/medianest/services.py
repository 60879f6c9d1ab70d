"""Actions (services) of MediaNest: each service's package registers its own, once for all entries.

The actions themselves are in `apps/<service>/actions.py`; what they share (the entry
fields, finding the entry, telling errors) in `core/actions.py`.
"""

from __future__ import annotations

import probatio as vol

from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse, callback
from homeassistant.util.json import JsonValueType

from .apps import APPS
from .core.actions import register_action
from .voice.downloads import async_active_downloads


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register every service's actions (and what else it offers once: a view)."""
    for app in APPS:
        if app.setup is not None:
            app.setup(hass)

    async def get_active_downloads(call: ServiceCall) -> ServiceResponse:
        """What downloads now across every service: the same answer as "what's downloading"."""
        downloads, unavailable = await async_active_downloads(hass)
        return {
            "downloads": [
                {
                    "title": d.title,
                    "service": d.service,
                    "progress": d.progress,
                    "seconds_left": d.seconds_left,
                }
                for d in downloads
            ],
            "unavailable": list[JsonValueType](unavailable),
        }

    register_action(hass, "get_active_downloads", get_active_downloads, vol.Schema({}), SupportsResponse.ONLY)
