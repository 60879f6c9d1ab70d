"""The Media dashboard's data: one websocket subscription, pushed as the services change.

`medianest/dashboard/subscribe` answers with every loaded entry's section (its name, kind,
device and health, and what its service adds: the queue, the pending requests, the
monitors, who plays what) and sends an entry's section again whenever its coordinator
updates, at most once a second; a section whose progress moves without the polls' data
changing (Sonarr's and Radarr's queues, Plex's sessions) is read again every 10 seconds and
sent if it changed. What a dashboard needs beyond the polls' data (a queue
page, the pending requests) is read only while a dashboard is open; the polls stay as
cheap as without it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import probatio as vol

from homeassistant.components import websocket_api
from homeassistant.components.websocket_api.connection import ActiveConnection
from homeassistant.components.websocket_api.decorators import async_response, websocket_command
from homeassistant.components.websocket_api.messages import event_message
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.debounce import Debouncer
from homeassistant.helpers.dispatcher import async_dispatcher_connect, async_dispatcher_send
from homeassistant.helpers.event import async_track_time_interval

from ..api import MedianestApiError
from ..const import DOMAIN, LOGGER

if TYPE_CHECKING:
    from ..core.spec import MedianestConfigEntry

#: sent when an entry is set up or unloaded: the dashboards' list of services changes
SIGNAL_ENTRIES_CHANGED = f"{DOMAIN}_dashboard_entries"
#: the dashboard's name in the sidebar, in Home Assistant's language (as the cards say it)
PANEL_TITLES = {
    "en": "Media stack",
    "de": "Medien-Stack",
    "fr": "Pile multimédia",
    "es": "Pila multimedia",
    "nl": "Mediastack",
    "it": "Stack multimediale",
}
#: the shortest time between two sections of one entry
UPDATE_COOLDOWN = 1.0
#: while a dashboard is open, its live sections are read again this often (a queue's
#: progress moves without the polls' data changing); only a changed section is sent
LIVE_INTERVAL = timedelta(seconds=10)


@callback
def async_entries_changed(hass: HomeAssistant) -> None:
    """Tell open dashboards that an entry was set up or unloaded."""
    async_dispatcher_send(hass, SIGNAL_ENTRIES_CHANGED)


async def async_section(entry: MedianestConfigEntry) -> dict[str, Any] | None:
    """One entry as the dashboard shows it; None once it is unloaded."""
    if entry.state is not ConfigEntryState.LOADED:
        return None
    runtime = entry.runtime_data
    coordinator = runtime.coordinator
    section: dict[str, Any] = {
        "entry_id": entry.entry_id,
        "title": entry.title,
        "kind": runtime.kind.value,
        "device_id": runtime.device_id,
        "available": coordinator.last_update_success,
    }
    if runtime.spec.dashboard is not None and coordinator.last_update_success:
        try:
            section |= await runtime.spec.dashboard(entry)
        except MedianestApiError as err:
            LOGGER.debug("The dashboard could not read %s: %s", entry.title, err)
            section["available"] = False
    return section


class _Feed:
    """One open dashboard: its entries' sections, sent again as they change."""

    def __init__(self, hass: HomeAssistant, send: Callable[[dict[str, Any]], None]) -> None:
        self.hass = hass
        self.send = send
        self.listeners: dict[str, CALLBACK_TYPE] = {}
        self.debouncers: dict[str, Debouncer[Any]] = {}
        self.sent: dict[str, dict[str, Any]] = {}
        self.stop_live: CALLBACK_TYPE | None = None

    def entries(self) -> list[MedianestConfigEntry]:
        return list(self.hass.config_entries.async_loaded_entries(DOMAIN))

    async def async_start(self) -> None:
        entries = self.entries()
        sections = [s for s in await asyncio.gather(*(async_section(e) for e in entries)) if s is not None]
        self.sent = {s["entry_id"]: s for s in sections}
        self.send({"services": sections})
        self.follow(entries)
        if self.stop_live is None:
            self.stop_live = async_track_time_interval(
                self.hass,
                self._async_live,
                LIVE_INTERVAL,
                name="MediaNest dashboard",
                cancel_on_shutdown=True,
            )

    async def _async_live(self, _now: datetime) -> None:
        """Read the live sections again; send those that changed (the others come with their polls)."""
        entries = [
            e for e in self.entries() if e.entry_id in self.listeners and e.runtime_data.spec.dashboard_live
        ]
        await asyncio.gather(*(self.async_send_section(e) for e in entries))

    def follow(self, entries: list[MedianestConfigEntry]) -> None:
        for entry in entries:
            if entry.entry_id not in self.listeners and entry.state is ConfigEntryState.LOADED:
                self._follow(entry)

    def _follow(self, entry: MedianestConfigEntry) -> None:
        async def send() -> None:
            await self.async_send_section(entry)

        debouncer: Debouncer[Any] = Debouncer(
            self.hass, LOGGER, cooldown=UPDATE_COOLDOWN, immediate=True, function=send
        )

        @callback
        def changed() -> None:
            self.hass.async_create_task(debouncer.async_call(), eager_start=True)

        self.debouncers[entry.entry_id] = debouncer
        self.listeners[entry.entry_id] = entry.runtime_data.coordinator.async_add_listener(changed)

    async def async_send_section(self, entry: MedianestConfigEntry) -> None:
        if entry.entry_id not in self.listeners or (section := await async_section(entry)) is None:
            return
        if self.sent.get(entry.entry_id) != section and entry.entry_id in self.listeners:
            self.sent[entry.entry_id] = section
            self.send({"service": section})

    async def async_entries_changed(self) -> None:
        """Entries came or went: the whole list again."""
        current = {e.entry_id for e in self.entries()}
        for entry_id in [e for e in self.listeners if e not in current]:
            self.listeners.pop(entry_id)()
            self.debouncers.pop(entry_id).async_cancel()
            self.sent.pop(entry_id, None)
        await self.async_start()

    @callback
    def stop(self) -> None:
        if self.stop_live is not None:
            self.stop_live()
            self.stop_live = None
        for remove in self.listeners.values():
            remove()
        for debouncer in self.debouncers.values():
            debouncer.async_cancel()
        self.listeners.clear()
        self.debouncers.clear()


@websocket_command({vol.Required("type"): f"{DOMAIN}/dashboard/subscribe"})
@async_response
async def ws_subscribe(hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]) -> None:
    """Send every entry's section, then each one again as it changes."""
    msg_id = msg["id"]
    feed = _Feed(hass, lambda data: connection.send_message(event_message(msg_id, data)))

    @callback
    def entries_changed() -> None:
        hass.async_create_task(feed.async_entries_changed(), eager_start=True)

    stop_entries = async_dispatcher_connect(hass, SIGNAL_ENTRIES_CHANGED, entries_changed)

    @callback
    def unsubscribe() -> None:
        stop_entries()
        feed.stop()

    connection.subscriptions[msg_id] = unsubscribe
    connection.send_result(msg_id)
    await feed.async_start()


async def async_setup_dashboard(hass: HomeAssistant) -> None:
    """Register the dashboard's subscription, and with the frontend its module and dashboard."""
    websocket_api.async_register_command(hass, ws_subscribe)
    if "frontend" in hass.config.components and "lovelace" in hass.config.components:
        from .panel import async_setup_panel  # noqa: PLC0415 - only with the frontend

        language = hass.config.language.split("-")[0]
        await async_setup_panel(hass, PANEL_TITLES.get(language, PANEL_TITLES["en"]))
