"""The "Media" dashboard in the sidebar, and the frontend module with its cards.

The module (`frontend/medianest.js`, built from `frontend/src` by `scripts/build-frontend`)
is served by Home Assistant and loaded on every page as an extra module, so the cards and
the dashboard strategy need no Lovelace resource. The dashboard at `/medianest` is a
storage dashboard whose config, until the user takes control of it, is the strategy: it
is generated from the entries each time it opens. Taking control saves a config like any
dashboard's; deleting that config brings the generated one back.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Final, override

from homeassistant.components.frontend import add_extra_js_url, async_register_built_in_panel
from homeassistant.components.http.server import StaticPathConfig
from homeassistant.components.lovelace.const import LOVELACE_DATA, ConfigNotFound
from homeassistant.components.lovelace.dashboard import LovelaceStorage
from homeassistant.core import HomeAssistant
from homeassistant.helpers.json import json_bytes, json_fragment

from ..const import DOMAIN

MODULE_FILE: Final = Path(__file__).parent.parent / "frontend" / "medianest.js"
MODULE_URL: Final = f"/{DOMAIN}_static/medianest.js"
DASHBOARD_URL: Final = DOMAIN
#: the config of the dashboard while nobody has taken control of it
STRATEGY: Final = {"strategy": {"type": f"custom:{DOMAIN}"}}


class MediaDashboard(LovelaceStorage):
    """A storage dashboard whose config is the strategy until one is saved."""

    @override
    async def async_get_info(self) -> dict[str, Any]:
        info = await super().async_get_info()
        return info if info.get("mode") != "auto-gen" else {"mode": "storage", "views": 1}

    @override
    async def async_load(self, force: bool) -> dict[str, Any]:
        try:
            return await super().async_load(force)
        except ConfigNotFound:
            return dict(STRATEGY)

    @override
    async def async_json(self, force: bool) -> json_fragment:
        try:
            return await super().async_json(force)
        except ConfigNotFound:
            return json_fragment(json_bytes(STRATEGY))


def _module_version() -> str:
    return hashlib.sha256(MODULE_FILE.read_bytes()).hexdigest()[:12]


async def async_setup_panel(hass: HomeAssistant, title: str) -> None:
    """Serve the module and add the dashboard (Home Assistant's frontend is loaded)."""
    await hass.http.async_register_static_paths(
        [StaticPathConfig(MODULE_URL, str(MODULE_FILE), cache_headers=True)]
    )
    version = await hass.async_add_executor_job(_module_version)
    add_extra_js_url(hass, f"{MODULE_URL}?v={version}")
    dashboards = hass.data[LOVELACE_DATA].dashboards
    if DASHBOARD_URL in dashboards:
        return  # the user has a dashboard of that address already: it stays theirs
    config = {
        "id": DASHBOARD_URL,
        "url_path": DASHBOARD_URL,
        "title": title,
        "icon": "mdi:multimedia",
        "show_in_sidebar": True,
        "require_admin": False,
        "mode": "storage",
    }
    dashboards[DASHBOARD_URL] = MediaDashboard(hass, config)
    async_register_built_in_panel(
        hass,
        "lovelace",
        frontend_url_path=DASHBOARD_URL,
        sidebar_title=title,
        sidebar_icon="mdi:multimedia",
        config={"mode": "storage"},
        require_admin=False,
    )
