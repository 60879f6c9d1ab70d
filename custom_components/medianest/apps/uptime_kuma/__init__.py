"""Uptime Kuma: monitors, their status, response times, certificates and uptime."""

from ...core.spec import App
from .flow import UptimeKumaFlow, UptimeKumaOptionsFlow
from .spec import UPTIME_KUMA

APP = App(services=(UPTIME_KUMA,), flow=UptimeKumaFlow, options_flow=UptimeKumaOptionsFlow)
