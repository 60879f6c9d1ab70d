"""What the Media dashboard shows of Uptime Kuma: every monitor's status and response time."""

from __future__ import annotations

from typing import Any

from homeassistant.helpers import device_registry as dr

from ...const import DOMAIN
from ...core.spec import MedianestConfigEntry
from .coordinator import UptimeKumaCoordinator

#: how many monitors a dashboard shows (the down ones first)
DASHBOARD_MONITORS = 100


async def dashboard_section(entry: MedianestConfigEntry) -> dict[str, Any]:
    """The monitors as the last poll or push left them; each with its device, to open it."""
    coordinator = entry.runtime_data.coordinator
    assert isinstance(coordinator, UptimeKumaCoordinator)
    registry = dr.async_get(coordinator.hass)
    items = entry.runtime_data.spec.items
    assert items is not None
    monitors = sorted(
        coordinator.data.monitors.values(), key=lambda m: (m.status_name != "down", m.name.casefold())
    )[:DASHBOARD_MONITORS]
    result = []
    for monitor in monitors:
        device = registry.async_get_device_by_identifier(
            (DOMAIN, items.identifier(entry.entry_id, monitor.id)), entry.entry_id
        )
        result.append(
            {
                "id": monitor.id,
                "name": monitor.name,
                "status": monitor.status_name,
                "response_time": monitor.response_time,
                "device_id": device.id if device else None,
            }
        )
    return {"monitors": result, "monitor_total": len(coordinator.data.monitors)}
