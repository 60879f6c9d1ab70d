"""Plex: sessions, libraries and the newest items, signed in through plex.tv."""

from homeassistant.core import HomeAssistant, callback

from ...core.spec import App
from .actions import async_register_actions
from .flow import PlexFlow
from .spec import PLEX


@callback
def _async_setup(hass: HomeAssistant) -> None:
    async_register_actions(hass)


APP = App(services=(PLEX,), flow=PlexFlow, setup=_async_setup)
