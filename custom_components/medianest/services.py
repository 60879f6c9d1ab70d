"""Actions (services) of MediaNest: each service's package registers its own, once for all entries.

The actions themselves are in `apps/<service>/actions.py`; what they share (the entry
fields, finding the entry, telling errors) in `core/actions.py`.
"""

from __future__ import annotations

import probatio as vol

from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse, callback
from homeassistant.helpers import config_validation as cv
from homeassistant.util.json import JsonValueType

from .apps import APPS
from .core.actions import register_action
from .voice.downloads import async_active_downloads
from .voice.whereis import async_where_is


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

    async def get_media_status(call: ServiceCall) -> ServiceResponse:
        """Where a title is across the stack: the same answer as "where is Dune"."""
        answer = await async_where_is(hass, call.data["title"])
        return answer.as_dict()

    register_action(
        hass,
        "get_media_status",
        get_media_status,
        vol.Schema({vol.Required("title"): vol.All(cv.string, vol.Length(min=1, max=200))}),
        SupportsResponse.ONLY,
    )
