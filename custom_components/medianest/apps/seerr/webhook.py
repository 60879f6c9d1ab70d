"""Request events pushed by Seerr's webhook notification agent.

Each Seerr entry registers a Home Assistant webhook. The options flow can configure
Seerr's webhook agent through its API to call it, with a secret `Authorization` header
and a compact JSON template. Only well-formed payloads with the right secret are taken;
the events they carry go through the coordinator, which never reports one twice.
"""

from __future__ import annotations

import base64
import re
from typing import TYPE_CHECKING, Any, Final

from homeassistant.core import HomeAssistant, callback

from ...api import ApiInvalidResponseError
from ...api.models import JsonDict, as_dict, opt_str
from ...const import CONF_WEBHOOK_SECRET
from ...core.webhook import async_register_entry_webhook
from .coordinator import RequestEvent, SeerrCoordinator

if TYPE_CHECKING:
    from ...core.spec import MedianestConfigEntry

MAX_PAYLOAD: Final = 64 * 1024
# Seerr's notification types (the names its payload carries) and MediaNest's event types.
EVENT_TYPES: Final = {
    "MEDIA_PENDING": "new",
    "MEDIA_APPROVED": "approved",
    "MEDIA_AUTO_APPROVED": "approved",
    "MEDIA_DECLINED": "declined",
    "MEDIA_AVAILABLE": "available",
    "MEDIA_FAILED": "failed",
}
# The `types` bitmask of the events above, as Seerr's settings want it.
EVENT_BITS: Final = 2 | 4 | 8 | 16 | 64 | 128
# A flat template: every value is one of Seerr's documented placeholders.
TEMPLATE: Final = (
    '{"notification_type":"{{notification_type}}","event":"{{event}}","subject":"{{subject}}",'
    '"image":"{{image}}","media_type":"{{media_type}}","tmdb_id":"{{media_tmdbid}}",'
    '"media_status":"{{media_status}}","request_id":"{{request_id}}",'
    '"requested_by":"{{requestedBy_username}}"}'
)
_YEAR = re.compile(r"\s*\(\d{4}\)$")


def parse_payload(payload: Any) -> RequestEvent | None:
    """The request event in a webhook payload; None for a test or another notification.

    Takes MediaNest's flat template and Seerr's default nested one. Raises
    `ApiInvalidResponseError` for a payload that is not a notification.
    """
    if not isinstance(payload, dict) or not isinstance(payload.get("notification_type"), str):
        raise ApiInvalidResponseError("not a Seerr notification")
    event_type = EVENT_TYPES.get(payload["notification_type"])
    if event_type is None:
        return None  # a test notification, or an issue notification
    request: JsonDict = as_dict(payload.get("request"))
    media: JsonDict = as_dict(payload.get("media"))
    raw_id = opt_str(payload, "request_id") or opt_str(request, "request_id")
    if raw_id is None or not (raw_id.isascii() and raw_id.isdigit()):
        raise ApiInvalidResponseError("notification without a request id")
    subject = opt_str(payload, "subject")
    image = opt_str(payload, "image")
    return RequestEvent(
        event_type=event_type,
        request_id=int(raw_id),
        title=_YEAR.sub("", subject) if subject else None,
        media_type=(opt_str(payload, "media_type") or opt_str(media, "media_type") or None),
        requested_by=(opt_str(payload, "requested_by") or opt_str(request, "requestedBy_username") or None),
        poster=image if image and image.startswith("https://") else None,
    )


@callback
def async_register_webhook(hass: HomeAssistant, entry: MedianestConfigEntry) -> None:
    """Take Seerr's notifications for this entry until it unloads (the secret as `Authorization`)."""

    async def handle(payload: Any) -> None:
        event = parse_payload(payload)
        coordinator = entry.runtime_data.coordinator
        if event is not None and isinstance(coordinator, SeerrCoordinator):
            coordinator.emit(event)
            await coordinator.async_refresh_after_push()  # the counts, at once

    async_register_entry_webhook(
        hass, entry, authorization=entry.data[CONF_WEBHOOK_SECRET], handle=handle, max_payload=MAX_PAYLOAD
    )


def webhook_settings(url: str, secret: str, enabled: bool) -> JsonDict:
    """Seerr's webhook agent settings that call this entry's webhook."""
    return {
        "enabled": enabled,
        "types": EVENT_BITS,
        "options": {
            "webhookUrl": url,
            "authHeader": secret,
            "jsonPayload": base64.b64encode(TEMPLATE.encode()).decode(),
            "supportVariables": False,
        },
    }
