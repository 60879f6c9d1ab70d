"""Events pushed by Sonarr and Radarr through their Webhook connection.

The options flow can add a Webhook connection to the server (Settings → Connect) through
its API: it calls this entry's Home Assistant webhook with HTTP basic authentication whose
password is the entry's secret, on grab, import, upgrade, added, deleted, health and
manual interaction. Each event fires the entry's activity event entity and a
`medianest_event` on the bus, and refreshes the sensors it changes at once, so the
library no longer needs reading every hour to be current.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any, Final

from homeassistant.core import HomeAssistant, callback

from ...api.arr import ArrClient
from ...api.models import JsonDict, as_dict, as_list, opt_int, opt_str
from ...const import CONF_WEBHOOK_SECRET
from ...core.spec import MedianestConfigEntry
from ...core.webhook import async_register_entry_webhook, is_our_webhook
from .const import ARR_LIBRARY_AFTER_IMPORT

# A grab of a season pack lists every episode with its overview: room for a few hundred.
MAX_PAYLOAD: Final = 512 * 1024
#: the user name of the basic authentication the server sends (the password is the secret)
WEBHOOK_USER: Final = "medianest"
#: the name of MediaNest's connection in the server's Settings → Connect
CONNECTION_NAME: Final = "MediaNest (Home Assistant)"
# The server's event types (its payload's `eventType`) and MediaNest's.
EVENT_TYPES: Final = {
    "Grab": "grabbed",
    "Download": "downloaded",
    "SeriesAdd": "added",
    "MovieAdded": "added",
    "SeriesDelete": "deleted",
    "MovieDelete": "deleted",
    "EpisodeFileDelete": "file_deleted",
    "MovieFileDelete": "file_deleted",
    "Health": "health_issue",
    "HealthRestored": "health_restored",
    "ManualInteractionRequired": "manual_interaction_required",
}
ACTIVITY_EVENT_TYPES: Final = sorted({*EVENT_TYPES.values(), "upgraded"})
# What changes what the library holds (its count): every tier is read again.
LIBRARY_EVENTS: Final = frozenset({"added", "deleted"})
# What changes which items have a file (the calendar shows it) and the size on disk: the
# calendar at once, the library once after a burst.
FILE_EVENTS: Final = frozenset({"downloaded", "upgraded", "file_deleted"})
# Every trigger both servers have, besides their own (`ArrClient.notification_events`).
COMMON_TRIGGERS: Final = (
    "onGrab",
    "onDownload",
    "onUpgrade",
    "onHealthIssue",
    "onHealthRestored",
    "onManualInteractionRequired",
)


@dataclass(frozen=True, slots=True)
class ArrEvent:
    """One thing that happened in Sonarr or Radarr."""

    event_type: str
    title: str | None = None
    year: int | None = None
    #: the episodes (`S01E05`), for Sonarr
    episodes: str | None = None
    quality: str | None = None
    release: str | None = None
    download_client: str | None = None
    #: what a health check or a stuck download says
    message: str | None = None

    def attributes(self) -> dict[str, Any]:
        """The event's attributes, without the empty ones."""
        values = {
            "title": self.title,
            "year": self.year,
            "episodes": self.episodes,
            "quality": self.quality,
            "release": self.release,
            "download_client": self.download_client,
            "message": self.message,
        }
        return {key: value for key, value in values.items() if value is not None}


def authorization(secret: str) -> str:
    """The `Authorization` header the server sends with the entry's secret."""
    return "Basic " + base64.b64encode(f"{WEBHOOK_USER}:{secret}".encode()).decode()


def _episodes(payload: JsonDict) -> str | None:
    numbers = [
        f"S{season:02d}E{number:02d}"
        for episode in as_list(payload.get("episodes"))
        if (season := opt_int(as_dict(episode), "seasonNumber")) is not None
        and (number := opt_int(as_dict(episode), "episodeNumber")) is not None
    ]
    return ", ".join(numbers[:20]) or None


def _message(payload: JsonDict) -> str | None:
    if message := opt_str(payload, "message"):
        return message
    # A stuck download: the server's own warnings ("No files found are eligible for import").
    texts = [
        str(text)
        for status in as_list(payload.get("downloadStatusMessages"))
        for text in as_list(as_dict(status).get("messages"))
    ]
    return "; ".join(texts)[:255] or opt_str(payload, "downloadStatus")


def parse_event(payload: Any) -> ArrEvent | None:
    """The event in a webhook payload; None for a test and the events MediaNest does not report.

    Raises `ValueError` for a payload that is not one of the server's notifications.
    """
    if not isinstance(payload, dict) or not isinstance(payload.get("eventType"), str):
        raise ValueError("not a Sonarr or Radarr notification")
    event_type = EVENT_TYPES.get(payload["eventType"])
    if event_type is None:
        return None  # Test, Rename, ApplicationUpdate
    if event_type == "downloaded" and payload.get("isUpgrade") is True:
        event_type = "upgraded"
    item = as_dict(payload.get("series") or payload.get("movie") or payload.get("remoteMovie"))
    release = as_dict(payload.get("release"))
    file = as_dict(payload.get("episodeFile") or payload.get("movieFile"))
    return ArrEvent(
        event_type=event_type,
        title=opt_str(item, "title"),
        year=opt_int(item, "year") or None,
        episodes=_episodes(payload),
        quality=opt_str(release, "quality") or opt_str(file, "quality"),
        release=opt_str(release, "releaseTitle") or opt_str(file, "sceneName"),
        download_client=opt_str(payload, "downloadClient"),
        message=_message(payload),
    )


@callback
def async_register_push(hass: HomeAssistant, entry: MedianestConfigEntry) -> None:
    """Take the server's pushed events for this entry until it unloads."""

    async def handle(payload: Any) -> None:
        if (event := parse_event(payload)) is None:
            return
        coordinator = entry.runtime_data.coordinator
        coordinator.emit_pushed(event.event_type, event.attributes())
        if event.event_type in FILE_EVENTS:
            coordinator.read_tier_within("library", ARR_LIBRARY_AFTER_IMPORT)
        await coordinator.async_refresh_after_push(
            tiers=("calendar",) if event.event_type in FILE_EVENTS else (),
            all_tiers=event.event_type in LIBRARY_EVENTS,
        )

    async_register_entry_webhook(
        hass,
        entry,
        authorization=authorization(entry.data[CONF_WEBHOOK_SECRET]),
        handle=handle,
        max_payload=MAX_PAYLOAD,
    )


def _field(notification: JsonDict, name: str) -> Any:
    return next(
        (
            as_dict(f).get("value")
            for f in as_list(notification.get("fields"))
            if as_dict(f).get("name") == name
        ),
        None,
    )


async def async_configure_push(client: ArrClient, url: str | None, secret: str, *, enabled: bool) -> None:
    """Add (or update) the server's Webhook connection to `url`, or remove it.

    Only MediaNest's own connection is touched: the Webhook connection that calls this
    entry's webhook (at any address: one made before Home Assistant's address changed is
    updated, not left behind).
    """
    ours = [
        n
        for n in await client.notifications()
        if n.get("implementation") == "Webhook" and is_our_webhook(str(_field(n, "url") or ""), url)
    ]
    if not enabled:
        for notification in ours:
            if (notification_id := opt_int(notification, "id")) is not None:
                await client.delete_notification(notification_id)
        return
    assert url is not None
    body: JsonDict = {
        "name": CONNECTION_NAME,
        "implementation": "Webhook",
        "configContract": "WebhookSettings",
        "includeHealthWarnings": False,
        "tags": [],
        "fields": [
            {"name": "url", "value": url},
            {"name": "method", "value": 1},
            {"name": "username", "value": WEBHOOK_USER},
            {"name": "password", "value": secret},
        ],
        **dict.fromkeys((*COMMON_TRIGGERS, *client.notification_events), True),
    }
    if ours:
        body["id"] = ours[0]["id"]
    await client.save_notification(body)
