"""Monitors going down and up, pushed by Uptime Kuma.

Two ways, both instant and either enough:
- with the entry's Kuma login, the socket.io connection MediaNest keeps carries Kuma's
  heartbeats: each one that changes a monitor's status is applied at once;
- Kuma's Webhook notification, calling the entry's Home Assistant webhook with its secret in
  an `Authorization` header. With the login, the options add it in Kuma (for every monitor,
  and as the default for new ones); without, they show what to enter in Kuma.

The poll stays as the fallback; a status already known is not reported again.
"""

from __future__ import annotations

import json
from typing import Any, Final

from homeassistant.core import HomeAssistant, callback

from ...api.models import as_dict, opt_int
from ...api.uptime_kuma_socket import KumaSocket
from ...const import CONF_WEBHOOK_SECRET
from ...core.spec import MedianestConfigEntry
from ...core.webhook import async_register_entry_webhook, is_our_webhook
from .coordinator import UptimeKumaCoordinator

MAX_PAYLOAD: Final = 64 * 1024
#: the name of MediaNest's notification in Kuma
NOTIFICATION_NAME: Final = "MediaNest (Home Assistant)"


def parse_heartbeat(payload: Any) -> tuple[str, int, float | None] | None:
    """The monitor, status and response time of a Kuma webhook; None for one without a beat.

    Raises `ValueError` for a payload that is not one of Kuma's webhooks (a certificate
    reminder has no heartbeat, and a test none either: both are taken and ignored).
    """
    if not isinstance(payload, dict) or "msg" not in payload:
        raise ValueError("not an Uptime Kuma notification")
    beat = as_dict(payload.get("heartbeat"))
    if not beat:
        return None
    monitor_id, status = opt_int(beat, "monitorID"), opt_int(beat, "status")
    if monitor_id is None or status is None:
        raise ValueError("Uptime Kuma notification without a monitor or status")
    ping = beat.get("ping")
    return str(monitor_id), status, float(ping) if isinstance(ping, int | float) else None


@callback
def async_register_push(hass: HomeAssistant, entry: MedianestConfigEntry) -> None:
    """Take Kuma's webhook notifications for this entry until it unloads."""

    async def handle(payload: Any) -> None:
        if (beat := parse_heartbeat(payload)) is None:
            return
        coordinator = entry.runtime_data.coordinator
        assert isinstance(coordinator, UptimeKumaCoordinator)
        coordinator.apply_heartbeat(*beat)

    async_register_entry_webhook(
        hass, entry, authorization=entry.data[CONF_WEBHOOK_SECRET], handle=handle, max_payload=MAX_PAYLOAD
    )


def notification_settings(url: str, secret: str) -> dict[str, Any]:
    """Kuma's Webhook notification that calls this entry (for every monitor, and new ones)."""
    return {
        "name": NOTIFICATION_NAME,
        "type": "webhook",
        "isDefault": True,
        "applyExisting": True,
        "active": True,
        "webhookURL": url,
        "webhookContentType": "json",
        "webhookAdditionalHeaders": json.dumps({"Authorization": secret}),
    }


async def async_configure_push(socket: KumaSocket, url: str, secret: str, *, enabled: bool) -> None:
    """Add (or update) Kuma's notification to `url`, or remove it; no other is touched."""
    ours = [
        i for i, config in socket.notifications.items() if is_our_webhook(str(config.get("webhookURL")), url)
    ]
    if not enabled:
        for notification_id in ours:
            await socket.delete_notification(notification_id)
        return
    await socket.save_notification(notification_settings(url, secret), ours[0] if ours else None)
