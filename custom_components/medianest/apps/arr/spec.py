"""Sonarr and Radarr as MediaNest services: one package, two specs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from homeassistant.const import CONF_API_KEY, CONF_URL, Platform

from ...api import ApiNotFoundError, HttpClient, MedianestApiError
from ...api.arr import RadarrClient, SonarrClient
from ...api.servarr import ServarrClient
from ...const import ServiceKind
from ...core.flow import WrongServiceError
from ...core.spec import ServiceSpec
from ...core.webhook import ensure_webhook_data, new_webhook_data
from .binary_sensor import setup_health
from .button import setup_buttons
from .calendar import setup_calendar
from .coordinator import ArrCoordinator
from .dashboard import dashboard_section, fetch_poster
from .event import setup_events
from .push import async_register_push
from .sensor import setup_sensors


def servarr_validator(kind: ServiceKind, product: str) -> Callable[[HttpClient], Awaitable[str]]:
    """The connection check of a Sonarr, Radarr or Prowlarr server; it returns the entry's title."""

    async def validate(client: HttpClient) -> str:
        assert isinstance(client, ServarrClient)
        try:
            status = await client.system_status()
        except ApiNotFoundError:
            # Sonarr and Radarr speak API v3, Prowlarr v1: the other root tells what is there.
            other = "/api/v1" if client.api == "/api/v3" else "/api/v3"
            try:
                found = await client.system_status(api=other)
            except MedianestApiError:
                raise WrongServiceError("") from None
            raise WrongServiceError(found.app_name or "") from None
        app = (status.app_name or "").lower()
        if app and app != kind.value:
            raise WrongServiceError(status.app_name or "")
        return status.instance_name or product

    return validate


def _arr_spec(
    kind: ServiceKind, product: str, port: int, client: type[SonarrClient | RadarrClient], item_key: str
) -> ServiceSpec:
    return ServiceSpec(
        kind=kind,
        manufacturer=product,
        default_url=f"http://localhost:{port}",
        create_client=lambda session, data: client(session, data[CONF_URL], data[CONF_API_KEY]),
        create_coordinator=ArrCoordinator,
        dashboard=dashboard_section,
        dashboard_live=True,
        poster=fetch_poster,
        platforms={
            Platform.BINARY_SENSOR: setup_health,
            Platform.BUTTON: setup_buttons,
            Platform.CALENDAR: setup_calendar,
            Platform.EVENT: setup_events,
            Platform.SENSOR: setup_sensors(item_key),
        },
        validate=servarr_validator(kind, product),
        new_entry_data=new_webhook_data,
        prepare_entry=ensure_webhook_data,
        on_setup=async_register_push,
    )


SONARR = _arr_spec(ServiceKind.SONARR, "Sonarr", 8989, SonarrClient, "series")
RADARR = _arr_spec(ServiceKind.RADARR, "Radarr", 7878, RadarrClient, "movies")
