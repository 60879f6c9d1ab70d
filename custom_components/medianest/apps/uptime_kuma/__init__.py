"""Uptime Kuma: monitors, their status, response times, certificates and uptime."""

from ...core.spec import App
from .flow import UptimeKumaFlow
from .spec import UPTIME_KUMA

APP = App(services=(UPTIME_KUMA,), flow=UptimeKumaFlow)
