"""Events pushed by a service: the Home Assistant webhook each such entry has.

The entry keeps a webhook id and a secret. A service's package says how the secret
arrives (a header) and what a payload means; this module takes only requests with the
right secret and a bounded, well-formed JSON body, and hands the payload on.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
import hmac
import secrets
from typing import Any

from aiohttp import web
import orjson

from homeassistant.components import webhook
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.network import NoURLAvailableError

from ..api import ApiInvalidResponseError
from ..const import CONF_WEBHOOK_ID, CONF_WEBHOOK_SECRET, DOMAIN, LOGGER
from .spec import MedianestConfigEntry


def new_webhook_data() -> dict[str, str]:
    """A webhook id and secret for a new entry."""
    return {CONF_WEBHOOK_ID: webhook.async_generate_id(), CONF_WEBHOOK_SECRET: secrets.token_urlsafe(32)}


def ensure_webhook_data(hass: HomeAssistant, entry: MedianestConfigEntry) -> None:
    """Give an entry of an earlier MediaNest its webhook."""
    if CONF_WEBHOOK_ID not in entry.data:
        hass.config_entries.async_update_entry(entry, data={**entry.data, **new_webhook_data()})


def webhook_url(hass: HomeAssistant, entry: MedianestConfigEntry) -> str | None:
    """The address the service should call, or None when Home Assistant knows no URL of itself."""
    try:
        return webhook.async_generate_url(hass, entry.data[CONF_WEBHOOK_ID])
    except NoURLAvailableError:
        return None


def is_our_webhook(candidate: str, url: str | None) -> bool:
    """Whether an address calls the same Home Assistant webhook as `url` (at any host)."""
    if url is None or "/api/webhook/" not in url:
        return False
    return candidate.rstrip("/").endswith(url[url.index("/api/webhook/") :].rstrip("/"))


@callback
def async_register_entry_webhook(
    hass: HomeAssistant,
    entry: MedianestConfigEntry,
    *,
    authorization: str,
    handle: Callable[[Any], Awaitable[None]],
    max_payload: int,
) -> None:
    """Take the service's pushed events for this entry until it unloads.

    `authorization` is the `Authorization` header the service sends; `handle` gets each
    decoded payload and raises `ApiInvalidResponseError` (or `ValueError`) for one it cannot read.
    """
    webhook_id: str = entry.data[CONF_WEBHOOK_ID]

    async def receive(hass: HomeAssistant, webhook_id: str, request: web.Request) -> web.Response:
        if not hmac.compare_digest(request.headers.get("Authorization", ""), authorization):
            LOGGER.debug("Ignored a notification for %s without the right secret", entry.title)
            return web.Response(status=401)
        if (request.content_length or 0) > max_payload:
            return web.Response(status=413)
        body = await request.content.read(max_payload + 1)
        if len(body) > max_payload:
            return web.Response(status=413)
        try:
            await handle(orjson.loads(body))
        except (ValueError, ApiInvalidResponseError) as err:
            LOGGER.debug("Ignored a malformed notification for %s: %s", entry.title, err)
            return web.Response(status=400)
        return web.Response(status=200)

    webhook.async_register(
        hass, DOMAIN, f"MediaNest {entry.title}", webhook_id, receive, allowed_methods=["POST", "PUT"]
    )
    entry.async_on_unload(lambda: webhook.async_unregister(hass, webhook_id))
