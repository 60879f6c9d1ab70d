"""Seerr, Overseerr and Jellyseerr: media requests, their events, approving and declining."""

from ...core.spec import App
from .actions import async_register_actions
from .flow import SeerrFlow, SeerrOptionsFlow
from .spec import SEERR

APP = App(
    services=(SEERR,),
    flow=SeerrFlow,
    options_flow=SeerrOptionsFlow,
    setup=async_register_actions,
)
