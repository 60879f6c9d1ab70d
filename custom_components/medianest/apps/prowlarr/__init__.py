"""Prowlarr: indexers, their failures and statistics."""

from ...core.spec import App
from .actions import async_register_actions
from .flow import ProwlarrFlow
from .spec import PROWLARR

APP = App(services=(PROWLARR,), flow=ProwlarrFlow, setup=async_register_actions)
