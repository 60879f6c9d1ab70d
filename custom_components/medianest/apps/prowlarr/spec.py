"""Prowlarr as a MediaNest service: indexers, each a device."""

from __future__ import annotations

from homeassistant.const import CONF_API_KEY, CONF_URL, Platform

from ...api.prowlarr import ProwlarrClient
from ...const import ServiceKind
from ...core.spec import ItemKind, ServiceSpec
from ..arr.spec import servarr_validator
from .binary_sensor import setup_binary_sensors
from .button import setup_buttons
from .coordinator import ProwlarrCoordinator
from .sensor import setup_sensors

PROWLARR = ServiceSpec(
    kind=ServiceKind.PROWLARR,
    manufacturer="Prowlarr",
    default_url="http://localhost:9696",
    create_client=lambda session, data: ProwlarrClient(session, data[CONF_URL], data[CONF_API_KEY]),
    create_coordinator=ProwlarrCoordinator,
    platforms={
        Platform.BINARY_SENSOR: setup_binary_sensors,
        Platform.BUTTON: setup_buttons,
        Platform.SENSOR: setup_sensors,
    },
    items=ItemKind(
        key="indexer",
        ids_fn=lambda data: data.indexers.keys(),
        name_fn=lambda data, item_id: data.indexers[item_id].name,
        model_fn=lambda data, item_id: data.indexers[item_id].definition,
        # Prowlarr edits an indexer in a dialog of its list: the list is the indexer's page.
        url_fn=lambda base_url, item_id: f"{base_url}/indexers",
    ),
    validate=servarr_validator(ServiceKind.PROWLARR, "Prowlarr"),
)
