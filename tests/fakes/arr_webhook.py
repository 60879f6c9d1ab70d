"""Sonarr's and Radarr's notification connections (Settings → Connect), the Webhook kind.

As the servers do (their source, `Notifications/Webhook/`): a connection is saved only
after a Test event reached its URL (unless `forceSave`); events go to every connection
whose trigger is on, as JSON with `eventType` in PascalCase and camelCase fields, with
HTTP basic authentication when a user name or password is set, by POST or PUT.
"""

from __future__ import annotations

import asyncio
import base64
from typing import Any

import aiohttp
from aiohttp import web

# The trigger of each event type (a Download that replaces a file is an upgrade).
TRIGGERS = {
    "Grab": "onGrab",
    "Download": "onDownload",
    "SeriesAdd": "onSeriesAdd",
    "MovieAdded": "onMovieAdded",
    "SeriesDelete": "onSeriesDelete",
    "MovieDelete": "onMovieDelete",
    "EpisodeFileDelete": "onEpisodeFileDelete",
    "MovieFileDelete": "onMovieFileDelete",
    "Health": "onHealthIssue",
    "HealthRestored": "onHealthRestored",
    "ManualInteractionRequired": "onManualInteractionRequired",
}


def _field(notification: dict[str, Any], name: str) -> Any:
    return next((f.get("value") for f in notification.get("fields", []) if f.get("name") == name), None)


class WebhookConnections:
    """The notification routes and the deliveries of a fake Servarr server."""

    api: str
    app_name: str

    def _init_webhooks(self) -> None:
        self.notifications: dict[int, dict[str, Any]] = {}
        self.deliveries: list[dict[str, Any]] = []
        self._tasks: set[asyncio.Task[None]] = set()

    def add_webhook_routes(self, app: web.Application) -> None:
        """The `/notification` routes."""
        r = app.router
        r.add_get(f"{self.api}/notification", self._list_notifications)
        r.add_post(f"{self.api}/notification", self._save_notification)
        r.add_put(f"{self.api}/notification/{{id:\\d+}}", self._save_notification)
        r.add_delete(f"{self.api}/notification/{{id:\\d+}}", self._delete_notification)

    async def _list_notifications(self, request: web.Request) -> web.Response:
        return web.json_response(list(self.notifications.values()))

    async def _save_notification(self, request: web.Request) -> web.Response:
        body = await request.json()
        path_id = request.match_info.get("id")
        if path_id is not None and int(path_id) not in self.notifications:
            return web.json_response({"message": "NotFound"}, status=404)
        if body.get("implementation") != "Webhook" or not str(_field(body, "url") or "").startswith("http"):
            return web.json_response(
                [{"propertyName": "Url", "errorMessage": "'Url' is not a valid URL"}], status=400
            )
        if request.query.get("forceSave", "false") != "true":
            outcome = await self._deliver(body, {"eventType": "Test", "instanceName": self.app_name})
            if outcome.get("status", 0) // 100 != 2:
                reason = outcome.get("error") or f"status {outcome.get('status')}"
                return web.json_response(
                    [
                        {
                            "propertyName": "Url",
                            "errorMessage": "Unable to send test message: Unable to post to webhook: "
                            + reason,
                            "severity": "error",
                        }
                    ],
                    status=400,
                )
        notification_id = int(path_id) if path_id else max(self.notifications, default=0) + 1
        saved = body | {"id": notification_id}
        self.notifications[notification_id] = saved
        return web.json_response(saved, status=202 if path_id else 201)

    async def _delete_notification(self, request: web.Request) -> web.Response:
        if self.notifications.pop(int(request.match_info["id"]), None) is None:
            return web.json_response({"message": "NotFound"}, status=404)
        return web.Response(status=200)

    def push(self, event_type: str, **payload: Any) -> None:
        """Send an event to every connection whose trigger is on (in the background)."""
        trigger = "onUpgrade" if payload.get("isUpgrade") else TRIGGERS[event_type]
        body = {"eventType": event_type, "instanceName": self.app_name, "applicationUrl": ""} | payload
        for notification in list(self.notifications.values()):
            if notification.get(trigger):
                task = asyncio.get_event_loop().create_task(self._deliver_quietly(notification, body))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

    async def _deliver_quietly(self, notification: dict[str, Any], body: dict[str, Any]) -> None:
        await self._deliver(notification, body)

    async def _deliver(self, notification: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        user, password = _field(notification, "username") or "", _field(notification, "password") or ""
        if user or password:
            headers["Authorization"] = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        method = "PUT" if _field(notification, "method") == 2 else "POST"
        try:
            async with (
                aiohttp.ClientSession() as session,
                session.request(method, _field(notification, "url"), json=body, headers=headers) as response,
            ):
                outcome: dict[str, Any] = {"status": response.status, "body": body}
        except aiohttp.ClientError as err:
            outcome = {"error": str(err) or type(err).__name__, "body": body}
        self.deliveries.append(outcome)
        return outcome

    async def delivered(self) -> None:
        """Wait until every delivery started so far is done."""
        while self._tasks:
            await asyncio.gather(*self._tasks)
