"""The logbook: what each MediaNest event was about ("New request: Dune (2021) · Emma").

Every service's events come on the bus (`medianest_event`, and the downloader's completed
and failed downloads); each is told on the entry's event entity, with the event's name as
that entity's translations give it, and its title, year, episodes, who and why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from homeassistant.components.logbook.const import (
    LOGBOOK_ENTRY_ENTITY_ID,
    LOGBOOK_ENTRY_MESSAGE,
    LOGBOOK_ENTRY_NAME,
)
from homeassistant.const import ATTR_FRIENDLY_NAME
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.translation import async_get_cached_translations

from .apps.downloader.const import EVENT_DOWNLOAD_COMPLETED, EVENT_DOWNLOAD_FAILED
from .const import DOMAIN, EVENT_MEDIANEST

#: the longest part of a message taken from an event (a server's message, an error)
MAX_PART = 200


def _event_entity(hass: HomeAssistant, entry_id: str | None) -> er.RegistryEntry | None:
    """The entry's event entity (each entry has at most one)."""
    if not entry_id:
        return None
    entries = er.async_entries_for_config_entry(er.async_get(hass), entry_id)
    return next((e for e in entries if e.domain == "event"), None)


def _label(hass: HomeAssistant, entity: er.RegistryEntry | None, event_type: str) -> str:
    """The event type's name as the event entity's translations give it."""
    if entity is not None and entity.translation_key:
        translations = async_get_cached_translations(hass, hass.config.language, "entity", DOMAIN)
        key = (
            f"component.{DOMAIN}.entity.event.{entity.translation_key}"
            f".state_attributes.event_type.state.{event_type}"
        )
        if label := translations.get(key):
            return label
    return event_type.replace("_", " ").capitalize()


def _short(value: Any) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_PART else text[: MAX_PART - 1] + "…"


def _details(data: dict[str, Any]) -> str:
    """Title (year) episodes · who · on what — message, in words no language needs."""
    text = _short(data["title"]) if data.get("title") else ""
    if data.get("year"):
        text += f" ({data['year']})"
    if data.get("episodes"):
        text += f" {_short(data['episodes'])}"
    for key in ("requested_by", "user", "player"):
        if data.get(key):
            text += f" · {_short(data[key])}"
    for key in ("message", "error"):
        if data.get(key):
            text += f" — {_short(data[key])}"
    return text.strip()


def _describer(
    hass: HomeAssistant, event_type: Callable[[dict[str, Any]], str]
) -> Callable[[Event], dict[str, Any]]:
    @callback
    def describe(event: Event) -> dict[str, Any]:
        data = dict(event.data)
        entry_id = data.get("config_entry_id")
        entity = _event_entity(hass, entry_id)
        entry = hass.config_entries.async_get_entry(entry_id) if entry_id else None
        state = hass.states.get(entity.entity_id) if entity else None
        name = (state.attributes.get(ATTR_FRIENDLY_NAME) if state else None) or (
            entry.title if entry else DOMAIN
        )
        label = _label(hass, entity, event_type(data))
        details = _details(data)
        described = {
            LOGBOOK_ENTRY_NAME: name,
            LOGBOOK_ENTRY_MESSAGE: f"{label}: {details}" if details else label,
        }
        if entity is not None:
            described[LOGBOOK_ENTRY_ENTITY_ID] = entity.entity_id
        return described

    return describe


@callback
def async_describe_events(
    hass: HomeAssistant, async_describe_event: Callable[[str, str, Callable[[Event], dict[str, Any]]], None]
) -> None:
    """Describe MediaNest's events for the logbook."""
    async_describe_event(
        DOMAIN, EVENT_MEDIANEST, _describer(hass, lambda data: str(data.get("event_type", "")))
    )
    async_describe_event(DOMAIN, EVENT_DOWNLOAD_COMPLETED, _describer(hass, lambda data: "completed"))
    async_describe_event(DOMAIN, EVENT_DOWNLOAD_FAILED, _describer(hass, lambda data: "failed"))
