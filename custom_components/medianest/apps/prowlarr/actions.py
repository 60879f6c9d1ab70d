"""The Prowlarr actions: their fields and what they do."""

from __future__ import annotations

from functools import partial
from typing import Any, Final

import probatio as vol

from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse, callback
from homeassistant.helpers import config_validation as cv

from ...core.actions import ENTRY_FIELD, register_action, resolve_coordinator, translate_api_errors
from ...core.coordinator import validation_error
from .coordinator import ProwlarrCoordinator
from .spec import PROWLARR

ATTR_INDEXER_ID: Final = "indexer_id"


TEST_INDEXERS_SCHEMA = vol.Schema({**ENTRY_FIELD, vol.Optional(ATTR_INDEXER_ID): cv.positive_int})


async def test_indexers(hass: HomeAssistant, call: ServiceCall) -> ServiceResponse:
    """Test one indexer, or all of them, and say how each did."""
    coordinator = resolve_coordinator(hass, call, (PROWLARR,), ProwlarrCoordinator)
    indexers = coordinator.data.indexers
    indexer_id: int | None = call.data.get(ATTR_INDEXER_ID)
    if indexer_id is not None and indexer_id not in indexers:
        valid = ", ".join(f"{i.id} ({i.name})" for i in indexers.values()) or "-"
        raise validation_error("unknown_indexer", value=str(indexer_id), valid=valid)
    async with translate_api_errors(coordinator.config_entry.title):
        if indexer_id is not None:
            results = [await coordinator.client.test_indexer(indexer_id)]
        else:
            results = await coordinator.client.test_all_indexers()
    await coordinator.async_request_refresh()
    return {
        "results": [
            {
                "indexer_id": r.indexer_id,
                "name": indexers[r.indexer_id].name if r.indexer_id in indexers else None,
                "valid": r.valid,
                "errors": list[Any](r.errors),
            }
            for r in results
        ]
    }


@callback
def async_register_actions(hass: HomeAssistant) -> None:
    """Register the Prowlarr actions."""
    register_action(
        hass, "test_indexers", partial(test_indexers, hass), TEST_INDEXERS_SCHEMA, SupportsResponse.OPTIONAL
    )
