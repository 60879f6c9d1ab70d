"""Diagnostics: the entry, the service's health and a summary of its data, secrets redacted."""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import CONF_API_KEY, CONF_URL
from homeassistant.core import HomeAssistant

from .api import HttpClient
from .const import CONF_WEBHOOK_ID, CONF_WEBHOOK_SECRET
from .core.spec import MedianestConfigEntry

TO_REDACT = {
    CONF_API_KEY,
    "proxy_username",
    "proxy_password",
    "password",
    "token",
    "username",
    "apikey",
    "client_identifier",
    "api_key",
    CONF_URL,
    CONF_WEBHOOK_ID,
    CONF_WEBHOOK_SECRET,
}


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: MedianestConfigEntry
) -> dict[str, Any]:
    """Return what helps to understand a problem, without credentials."""
    runtime = entry.runtime_data
    if runtime.spec.diagnostics is not None:
        return runtime.spec.diagnostics(entry)
    coordinator = runtime.coordinator
    assert isinstance(runtime.client, HttpClient)
    data = coordinator.data
    return {
        "entry": {
            "title": entry.title,
            "kind": runtime.kind.value,
            "data": async_redact_data(dict(entry.data), TO_REDACT),
            "options": dict(entry.options),
        },
        "health": {
            "reachable": coordinator.reachable,
            "last_exception": type(coordinator.last_exception).__name__
            if coordinator.last_exception
            else None,
            **runtime.client.metrics.as_dict(),
        },
        "data": async_redact_data(asdict(data), TO_REDACT)
        if is_dataclass(data) and not isinstance(data, type)
        else None,
    }
