"""Sonarr and Radarr: series and movies, their queues, calendars and health."""

from ...core.spec import App
from .actions import async_register_actions
from .flow import ArrFlow, ArrOptionsFlow
from .spec import RADARR, SONARR

APP = App(
    services=(SONARR, RADARR),
    flow=ArrFlow,
    options_flow=ArrOptionsFlow,
    setup=async_register_actions,
)
