"""Actions (services) of MediaNest: each service's package registers its own, once for all entries.

The actions themselves are in `apps/<service>/actions.py`; what they share (the entry
fields, finding the entry, telling errors) in `core/actions.py`.
"""

from __future__ import annotations

from homeassistant.core import HomeAssistant, callback

from .apps import APPS


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register every service's actions (and what else it offers once: a view)."""
    for app in APPS:
        if app.setup is not None:
            app.setup(hass)
