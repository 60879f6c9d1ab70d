"""What the Servarr servers (Sonarr, Radarr, Prowlarr) have in common.

They share authentication (the `X-Api-Key` header), the shape of their validation errors,
and the system status and health routes; only the API version in the path differs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, override

import orjson

from .http import HttpClient
from .models import HealthIssue, JsonDict, SystemStatus, as_dict, as_list, opt_str, parse_list


class ServarrClient(HttpClient):
    """Base of the Sonarr, Radarr and Prowlarr clients."""

    #: API root, e.g. `/api/v3`
    api: ClassVar[str]

    def __init__(self, session: Any, base_url: str, api_key: str, **kwargs: Any) -> None:
        """Create a client for one server."""
        super().__init__(session, base_url, **kwargs)
        self._api_key = api_key

    @override
    def _auth_headers(self) -> Mapping[str, str]:
        return {"X-Api-Key": self._api_key, "Accept": "application/json"}

    @override
    def _validation_messages(self, body: bytes) -> list[str]:
        try:
            data = orjson.loads(body)
        except orjson.JSONDecodeError:
            return []
        if isinstance(data, list):
            return validation_failures(data)
        message = opt_str(as_dict(data), "message")
        return [message] if message else []

    async def system_status(self, api: str | None = None) -> SystemStatus:
        """Read the server's name and version (`api` reads another API root, to probe)."""
        return await self.request("GET", f"{api or self.api}/system/status", transform=SystemStatus.from_json)

    async def health(self) -> list[HealthIssue]:
        """Read the server's health checks."""
        return await self.request(
            "GET", f"{self.api}/health", transform=lambda d: parse_list(d, HealthIssue.from_json)
        )

    async def notifications(self) -> list[JsonDict]:
        """The server's notification connections (Settings → Connect)."""
        return await self.request(
            "GET", f"{self.api}/notification", transform=lambda d: [as_dict(i) for i in as_list(d)]
        )

    async def save_notification(self, body: JsonDict) -> JsonDict:
        """Create a notification connection, or update the one with the body's `id`.

        The server tests it first (a Webhook connection calls its URL) and refuses one that fails.
        """
        if (notification_id := body.get("id")) is not None:
            return await self.request(
                "PUT", f"{self.api}/notification/{notification_id}", json=body, transform=as_dict
            )
        return await self.request("POST", f"{self.api}/notification", json=body, transform=as_dict)

    async def delete_notification(self, notification_id: int) -> None:
        """Remove a notification connection."""
        await self.request("DELETE", f"{self.api}/notification/{notification_id}", expect_json=False)


def validation_failures(data: Any) -> list[str]:
    """The messages of a list of validation failures (`[{propertyName, errorMessage}]`)."""
    return [m for item in as_list(data) if (m := opt_str(as_dict(item), "errorMessage"))]
