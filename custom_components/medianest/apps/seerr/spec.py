"""Seerr (and Overseerr, Jellyseerr) as a MediaNest service: requests, and their events."""

from __future__ import annotations

from homeassistant.const import CONF_API_KEY, CONF_URL, Platform
from homeassistant.core import HomeAssistant

from ...api import ApiAuthenticationError, ApiNotFoundError, HttpClient
from ...api.seerr import SeerrClient
from ...const import ServiceKind
from ...core.flow import WrongServiceError
from ...core.spec import MedianestConfigEntry, ServiceSpec
from ...core.webhook import ensure_webhook_data, new_webhook_data
from .coordinator import SeerrCoordinator, seerr_store
from .dashboard import dashboard_section, fetch_poster
from .event import setup_events
from .sensor import setup_sensors
from .webhook import async_register_webhook


def seerr_product(version: str | None) -> str:
    """The product a Seerr-family version belongs to (they share the API)."""
    major = (version or "").split(".", 1)[0]
    return {"1": "Overseerr", "2": "Jellyseerr"}.get(major, "Seerr")


async def _validate(client: HttpClient) -> str:
    """Read Seerr's public status, then the request counts with the key; return the entry's title."""
    assert isinstance(client, SeerrClient)
    try:
        version = await client.status()
    except ApiNotFoundError, ApiAuthenticationError:
        # Seerr's status is public: a server that hides it (or has none) is something else.
        raise WrongServiceError("") from None
    await client.request_counts()  # 403 when the key is wrong
    return seerr_product(version)


async def _async_remove_entry(hass: HomeAssistant, entry: MedianestConfigEntry) -> None:
    """Forget where the request events stood."""
    await seerr_store(hass, entry.entry_id).async_remove()


SEERR = ServiceSpec(
    dashboard=dashboard_section,
    poster=fetch_poster,
    kind=ServiceKind.SEERR,
    manufacturer="Seerr",
    default_url="http://localhost:5055",
    create_client=lambda session, data: SeerrClient(session, data[CONF_URL], data[CONF_API_KEY]),
    create_coordinator=SeerrCoordinator,
    platforms={Platform.EVENT: setup_events, Platform.SENSOR: setup_sensors},
    validate=_validate,
    new_entry_data=new_webhook_data,
    prepare_entry=ensure_webhook_data,
    on_setup=async_register_webhook,
    async_remove_entry=_async_remove_entry,
)
