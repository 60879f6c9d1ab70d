"""The Uptime Kuma coordinator: what it reads, in which tiers."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, override

from homeassistant.components.repairs import RepairsFlow
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr, entity_registry as er, issue_registry as ir
from homeassistant.util import dt as dt_util

from ...api import ApiAuthenticationError, MedianestApiError
from ...api.uptime_kuma import KumaVersionError, Monitor, MonitorStatus, UptimeKumaClient
from ...api.uptime_kuma_socket import KumaMonitorInfo
from ...const import DOMAIN, LOGGER
from ...core.coordinator import MedianestCoordinator, Tier, UnsupportedServerError
from .const import DEVICE_SUFFIX, UPTIME_KUMA_SCAN_INTERVAL, UPTIME_KUMA_UNREPORTED_REPAIR, monitor_type
from .repairs import RemoveMonitorFlow

if TYPE_CHECKING:
    from ...core.spec import MedianestConfigEntry


@dataclass(slots=True)
class UptimeKumaData:
    """What an Uptime Kuma entry shows: its monitors, those no longer reported included."""

    monitors: dict[str, Monitor] = field(default_factory=dict)
    version: str | None = None
    #: since when each monitor is no longer in `/metrics` (paused or deleted)
    unreported_since: dict[str, datetime] = field(default_factory=dict)

    def count(self, status: MonitorStatus) -> int:
        """How many monitors have a status."""
        return sum(1 for m in self.monitors.values() if m.reported and m.status == status)


# Polls with no series at all before the monitors are taken as no longer reported (5 minutes).
KUMA_EMPTY_POLLS_BEFORE_REMOVAL = 10
# How long after a failed attempt the socket.io connection is tried again.
KUMA_SOCKET_RETRY = timedelta(minutes=1)


def kuma_issue_id(entry_id: str, monitor_id: str) -> str:
    """The repair issue that asks about a monitor no longer reported."""
    return f"monitor_unreported_{entry_id}_{monitor_id}"


class UptimeKumaCoordinator(MedianestCoordinator[UptimeKumaClient, UptimeKumaData]):
    """Coordinator for Uptime Kuma: one `/metrics` read per poll covers every monitor.

    Kuma removes every series of a paused monitor from `/metrics`, so there a paused
    monitor looks exactly like a deleted one. A monitor that disappears keeps its device
    and entities and shows as paused; it goes away only when the user says it was deleted
    (deleting its device, or through the repair issue raised after a while).
    """

    scan_interval = UPTIME_KUMA_SCAN_INTERVAL

    def __init__(self, hass: HomeAssistant, entry: MedianestConfigEntry, client: UptimeKumaClient) -> None:
        """Set up the coordinator."""
        super().__init__(hass, entry, client)
        self._empty_polls = 0
        self._socket_retry_at: datetime | None = None

    @property
    def monitor_list(self) -> dict[str, KumaMonitorInfo] | None:
        """Kuma's own monitor list, when its login was given and the connection is up."""
        socket = self.client.socket
        return socket.monitors if socket is not None and socket.connected else None

    async def _async_connect_socket(self) -> None:
        """Keep the socket.io connection up (a failed attempt is retried after a minute).

        A rejected login is raised (reauth); anything else only means the monitor list is
        not known for a while, and `/metrics` alone is used.
        """
        socket = self.client.socket
        if socket is None or socket.connected:
            return
        now = dt_util.utcnow()
        if self._socket_retry_at is not None and now < self._socket_retry_at:
            return
        try:
            await socket.async_connect()
        except ApiAuthenticationError:
            raise
        except MedianestApiError as err:
            self._socket_retry_at = now + KUMA_SOCKET_RETRY
            LOGGER.debug("Uptime Kuma's monitor list is not available now: %s", err)
            return
        self._socket_retry_at = None
        socket.on_change = self._on_list_changed
        socket.on_heartbeat = self.apply_heartbeat

    @callback
    def apply_heartbeat(self, monitor_id: str, status: int, ping: float | None) -> None:
        """A monitor went down or came back (pushed by Kuma): show it now, without a poll."""
        monitor = self._data.monitors.get(monitor_id)
        if monitor is None or not monitor.reported or monitor.status == status:
            return  # unknown, paused, or already known (the poll and the push both tell it)
        changed = replace(
            monitor, status=status, response_time=ping if ping is not None else monitor.response_time
        )
        data = copy.copy(self._data)
        data.monitors = {**data.monitors, monitor_id: changed}
        self._data = data
        self.async_set_updated_data(data)

    @callback
    def _on_list_changed(self) -> None:
        """A monitor was paused, resumed, added or deleted in Kuma: show it soon."""
        self.hass.async_create_task(self.async_request_refresh(), eager_start=False)

    @override
    async def async_shutdown(self) -> None:
        await super().async_shutdown()
        if self.client.socket is not None:
            await self.client.socket.async_disconnect()

    @override
    def _create_data(self) -> UptimeKumaData:
        return UptimeKumaData()

    @override
    def _create_tiers(self) -> list[Tier[UptimeKumaData]]:
        return [Tier("fast", None, self._fetch)]

    @override
    async def _async_setup(self) -> None:
        # The monitors known before a restart are the entry's monitor devices: a monitor
        # paused meanwhile is not in `/metrics`, and must not lose its device.
        registry = dr.async_get(self.hass)
        prefix = f"{self.config_entry.entry_id}_monitor_"
        now = dt_util.utcnow()
        for device in dr.async_entries_for_config_entry(registry, self.config_entry.entry_id):
            for domain, identifier in device.identifiers:
                if domain == DOMAIN and identifier.startswith(prefix):
                    monitor_id = identifier.removeprefix(prefix)
                    certificate = self._has_certificate_entity(monitor_id)
                    self._data.monitors[monitor_id] = Monitor(
                        id=monitor_id,
                        name=(device.name or monitor_id).removesuffix(DEVICE_SUFFIX),
                        type=monitor_type(device.model),
                        has_certificate=certificate,
                        reported=False,
                    )
                    self._data.unreported_since[monitor_id] = now

    def _has_certificate_entity(self, monitor_id: str) -> bool:
        registry = er.async_get(self.hass)
        unique_id = f"{self.config_entry.entry_id}_cert_days_remaining_monitor_{monitor_id}"
        return registry.async_get_entity_id("sensor", DOMAIN, unique_id) is not None

    async def _fetch(self, data: UptimeKumaData) -> None:
        await self._async_connect_socket()
        try:
            metrics = await self.client.read_metrics()
        except KumaVersionError as err:
            raise UnsupportedServerError(str(err)) from err
        data.version = metrics.version or data.version
        if (listed := self.monitor_list) is not None:
            self._apply_list(data, metrics.monitors, listed)
            return
        reported = metrics.monitors
        if not reported and data.monitors and self._empty_polls < KUMA_EMPTY_POLLS_BEFORE_REMOVAL:
            # Right after it starts, Kuma has no series until the first beats: keep the
            # monitors as they were, without values, for a while.
            self._empty_polls += 1
            data.monitors = {
                i: replace(m.unreported(), reported=m.reported) for i, m in data.monitors.items()
            }
            return
        self._empty_polls = 0
        now = dt_util.utcnow()
        before = set(data.unreported_since)
        since = {i: t for i, t in data.unreported_since.items() if i not in reported}
        monitors = dict(reported)
        for monitor_id, monitor in data.monitors.items():
            if monitor_id not in reported:
                monitors[monitor_id] = monitor if not monitor.reported else monitor.unreported()
                since.setdefault(monitor_id, now)
        data.monitors = monitors
        data.unreported_since = since
        self._update_repairs(data, before)

    @override
    @callback
    def async_start(self) -> None:
        """Withdraw the repair questions when the entry unloads."""
        self.config_entry.async_on_unload(self.async_delete_repairs)

    @override
    def create_fix_flow(self, issue_id: str, data: dict[str, Any]) -> RepairsFlow | None:
        """The flow that removes a monitor the user says was deleted."""
        return RemoveMonitorFlow(self, str(data.get("monitor_id", "")))

    @callback
    def async_delete_repairs(self) -> None:
        """Withdraw every question about this entry's monitors (it is unloaded)."""
        for monitor_id in self._data.monitors:
            ir.async_delete_issue(self.hass, DOMAIN, kuma_issue_id(self.config_entry.entry_id, monitor_id))

    @override
    def forget_item(self, item_id: int | str) -> bool:
        """Forget a monitor the user says was deleted; False while Kuma still reports it."""
        item_id = str(item_id)
        monitor = self._data.monitors.get(item_id)
        if monitor is None:
            return True
        if monitor.reported:
            return False
        data = copy.copy(self._data)
        data.monitors = {i: m for i, m in data.monitors.items() if i != item_id}
        data.unreported_since = {i: t for i, t in data.unreported_since.items() if i != item_id}
        self._data = data
        ir.async_delete_issue(self.hass, DOMAIN, kuma_issue_id(self.config_entry.entry_id, item_id))
        # After the caller is done (Home Assistant removes a device the user deletes itself).
        self.hass.loop.call_soon(self.async_set_updated_data, data)
        return True

    def _apply_list(
        self, data: UptimeKumaData, reported: dict[str, Monitor], listed: dict[str, KumaMonitorInfo]
    ) -> None:
        """The monitors as Kuma lists them: paused ones as paused, deleted ones gone."""
        self._empty_polls = 0
        monitors: dict[str, Monitor] = {}
        for monitor_id, info in sorted(listed.items(), key=lambda item: (len(item[0]), item[0])):
            known = reported.get(monitor_id) or data.monitors.get(monitor_id)
            if monitor_id in reported and info.active:
                monitor = reported[monitor_id]
            elif known is not None:
                # Paused (Kuma may keep a stale series of it), or active without a beat yet.
                monitor = (
                    known.unreported() if not info.active else replace(known.unreported(), reported=True)
                )
            else:
                monitor = Monitor(id=monitor_id, name=info.name, type=info.type, reported=info.active)
            monitors[monitor_id] = replace(monitor, name=info.name, type=info.type or monitor.type)
        # Kuma's list tells paused from deleted: no question is left to ask.
        before = set(data.unreported_since)
        data.monitors = monitors
        data.unreported_since = {}
        self._update_repairs(data, before)

    def _update_repairs(self, data: UptimeKumaData, before: set[str]) -> None:
        """Ask about monitors no longer reported for a while; withdraw the question when back.

        `before` are the monitors that were not reported before this poll: only theirs can
        have a question to withdraw.
        """
        entry_id = self.config_entry.entry_id
        for monitor_id in before - data.unreported_since.keys():
            ir.async_delete_issue(self.hass, DOMAIN, kuma_issue_id(entry_id, monitor_id))
        now = dt_util.utcnow()
        for monitor_id, since in data.unreported_since.items():
            monitor = data.monitors[monitor_id]
            if now - since >= UPTIME_KUMA_UNREPORTED_REPAIR:
                ir.async_create_issue(
                    self.hass,
                    DOMAIN,
                    kuma_issue_id(entry_id, monitor_id),
                    is_fixable=True,
                    is_persistent=False,
                    severity=ir.IssueSeverity.WARNING,
                    translation_key="monitor_unreported",
                    translation_placeholders={
                        "monitor": monitor.name,
                        "title": self.config_entry.title,
                        "since": dt_util.as_local(since).strftime("%Y-%m-%d %H:%M"),
                    },
                    data={"entry_id": entry_id, "monitor_id": monitor_id},
                )
