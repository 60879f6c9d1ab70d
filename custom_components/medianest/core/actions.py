"""What every action shares: its entry fields, how the entry is found, how errors are told."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Coroutine, Iterable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, Final

import probatio as vol

from homeassistant.const import ATTR_CONFIG_ENTRY_ID, ATTR_DEVICE_ID
from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import config_validation as cv, device_registry as dr
from homeassistant.helpers.service import async_get_config_entry, async_register_admin_service

from ..api import (
    ApiAuthenticationError,
    ApiConnectionError,
    ApiRateLimitedError,
    ApiTimeoutError,
    ApiValidationError,
    MedianestApiError,
)
from ..const import DOMAIN
from .coordinator import MedianestCoordinator, validation_error

if TYPE_CHECKING:
    from .spec import MedianestConfigEntry, ServiceSpec

# Fields more than one service's actions take.
ATTR_MAX_ITEMS: Final = "max_items"
ATTR_SEARCH: Final = "search"
ATTR_STATUS: Final = "status"
ATTR_URL: Final = "url"
MAX_SEARCH_RESULTS: Final = 20


# The server an action acts on: its device (what the action forms offer, filtered to the
# fitting service) or its entry (as automations written before name it). Either may be left
# out when only one entry of the service is loaded.
ENTRY_FIELD: dict[Any, Any] = {
    vol.Exclusive(
        ATTR_CONFIG_ENTRY_ID, "entry", msg="give config_entry_id or device_id, not both"
    ): cv.string,
    vol.Exclusive(ATTR_DEVICE_ID, "entry", msg="give config_entry_id or device_id, not both"): cv.string,
}

type ActionHandler = Callable[[ServiceCall], Coroutine[Any, Any, ServiceResponse]]


def register_action(
    hass: HomeAssistant,
    name: str,
    handler: ActionHandler,
    schema: vol.Schema,
    response: SupportsResponse = SupportsResponse.NONE,
    *,
    admin: bool = False,
) -> None:
    """Register one of MediaNest's actions; `admin` ones only administrators may call."""
    if admin:
        async_register_admin_service(hass, DOMAIN, name, handler, schema, supports_response=response)
    else:
        hass.services.async_register(DOMAIN, name, handler, schema, supports_response=response)


@asynccontextmanager
async def translate_api_errors(title: str) -> AsyncIterator[None]:
    """Turn a client error into a translated Home Assistant error."""
    try:
        yield
    except ApiAuthenticationError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="action_auth_failed",
            translation_placeholders={"title": title},
        ) from err
    except (ApiConnectionError, ApiTimeoutError) as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="action_unreachable",
            translation_placeholders={"title": title},
        ) from err
    except ApiRateLimitedError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="action_rate_limited",
            translation_placeholders={"title": title, "seconds": f"{err.retry_after or 0:.0f}"},
        ) from err
    except ApiValidationError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="action_rejected",
            translation_placeholders={"title": title, "error": str(err)},
        ) from err
    except MedianestApiError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="action_failed",
            translation_placeholders={"title": title, "error": str(err)},
        ) from err


def _entry_of_device(hass: HomeAssistant, device_id: str) -> str:
    """The MediaNest entry a device belongs to (a service's device, or one of its items')."""
    device = dr.async_get(hass).async_get(device_id)
    entry = hass.config_entries.async_get_entry(device.config_entry_id) if device else None
    if entry is None or entry.domain != DOMAIN:
        raise validation_error("device_not_found", device_id=device_id)
    return entry.entry_id


def resolve_entry(
    hass: HomeAssistant, call: ServiceCall, specs: Iterable[ServiceSpec]
) -> MedianestConfigEntry:
    """The entry an action acts on: the one named (by device or entry), or the only loaded one."""
    specs = tuple(specs)
    kinds = {spec.kind for spec in specs}
    # Named as people know them ("Sonarr or Radarr"), not by MediaNest's internal kinds.
    wanted = " or ".join(spec.manufacturer for spec in specs)
    entry_id = call.data.get(ATTR_CONFIG_ENTRY_ID)
    if device_id := call.data.get(ATTR_DEVICE_ID):
        entry_id = _entry_of_device(hass, device_id)
    if entry_id:
        # Home Assistant's own checks and messages: found, MediaNest's, loaded.
        entry: MedianestConfigEntry = async_get_config_entry(hass, DOMAIN, entry_id)
        if entry.runtime_data.kind not in kinds:
            raise validation_error("wrong_entry_kind", title=entry.title, kinds=wanted)
        return entry
    loaded = [e for e in hass.config_entries.async_loaded_entries(DOMAIN) if e.runtime_data.kind in kinds]
    if not loaded:
        raise validation_error("no_entry", kinds=wanted)
    if len(loaded) > 1:
        raise validation_error("multiple_entries", kinds=wanted, titles=", ".join(e.title for e in loaded))
    return loaded[0]


def resolve_coordinator[C: MedianestCoordinator[Any, Any]](
    hass: HomeAssistant, call: ServiceCall, specs: Iterable[ServiceSpec], coordinator_class: type[C]
) -> C:
    """The coordinator of the entry an action acts on (see `resolve_entry`)."""
    coordinator = resolve_entry(hass, call, specs).runtime_data.coordinator
    assert isinstance(coordinator, coordinator_class)
    return coordinator
