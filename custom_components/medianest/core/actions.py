"""What every action shares: its entry field, how the entry is found, how errors are told."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, Final

import probatio as vol

from homeassistant.const import ATTR_CONFIG_ENTRY_ID
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.service import async_get_config_entry

from ..api import (
    ApiAuthenticationError,
    ApiConnectionError,
    ApiRateLimitedError,
    ApiTimeoutError,
    ApiValidationError,
    MedianestApiError,
)
from ..const import (
    DOMAIN,
    ServiceKind,
)
from ..coordinator import MedianestCoordinator, validation_error
from ..kinds import KINDS

if TYPE_CHECKING:
    from .. import MedianestConfigEntry

# Fields more than one service's actions take.
ATTR_MAX_ITEMS: Final = "max_items"
ATTR_SEARCH: Final = "search"
ATTR_STATUS: Final = "status"
ATTR_URL: Final = "url"
MAX_SEARCH_RESULTS: Final = 20


ENTRY_FIELD: dict[Any, Any] = {vol.Optional(ATTR_CONFIG_ENTRY_ID): cv.string}


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


def resolve_entry(
    hass: HomeAssistant, call: ServiceCall, kinds: Iterable[ServiceKind]
) -> MedianestConfigEntry:
    """The entry an action acts on: the one named, or the only loaded one of its kinds."""
    kinds = tuple(kinds)
    # Named as people know them ("Sonarr or Radarr"), not by MediaNest's internal kinds.
    wanted = " or ".join(KINDS[kind].manufacturer for kind in kinds)
    if entry_id := call.data.get(ATTR_CONFIG_ENTRY_ID):
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
    hass: HomeAssistant, call: ServiceCall, kinds: Iterable[ServiceKind], coordinator_class: type[C]
) -> C:
    """The coordinator of the entry an action acts on (see `resolve_entry`)."""
    coordinator = resolve_entry(hass, call, kinds).runtime_data.coordinator
    assert isinstance(coordinator, coordinator_class)
    return coordinator
