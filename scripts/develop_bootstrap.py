"""Prepare the development Home Assistant: first user, onboarding, and the demo entries.

Run by `scripts/develop` once Home Assistant answers. Idempotent: with onboarding done it
signs in with the development user and adds only the demo entries that are missing. The
entries are added through MediaNest's real config flow, over Home Assistant's REST API.
"""

from __future__ import annotations

import asyncio
import os
import sys
from typing import Any
from urllib.parse import parse_qsl

import aiohttp

from tests.fakes.demo import (
    DEMO_KUMA_KEY,
    DEMO_PROWLARR_KEY,
    DEMO_QBT_PASSWORD,
    DEMO_QBT_USER,
    DEMO_RADARR_KEY,
    DEMO_SEERR_KEY,
    DEMO_SONARR_KEY,
    PLEX_TV_PORT,
)

HA = os.environ.get("MEDIANEST_HA_URL", "http://127.0.0.1:8123")
CLIENT_ID = f"{HA}/"
USER, PASSWORD = "dev", "dev"
# (flow step, entry title once added, form)
DEMO_ENTRIES = [
    ("seerr", "Seerr", {"url": "http://127.0.0.1:15055", "api_key": DEMO_SEERR_KEY, "verify_ssl": True}),
    (
        "uptime_kuma",
        "Uptime Kuma",
        {"url": "http://127.0.0.1:13001", "api_key": DEMO_KUMA_KEY, "verify_ssl": True},
    ),
    ("sonarr", "Sonarr", {"url": "http://127.0.0.1:18989", "api_key": DEMO_SONARR_KEY, "verify_ssl": True}),
    ("radarr", "Radarr", {"url": "http://127.0.0.1:17878", "api_key": DEMO_RADARR_KEY, "verify_ssl": True}),
    (
        "prowlarr",
        "Prowlarr",
        {"url": "http://127.0.0.1:19696", "api_key": DEMO_PROWLARR_KEY, "verify_ssl": True},
    ),
    (
        "qbittorrent",
        "qBittorrent",
        {
            "url": "http://127.0.0.1:18080",
            "username": DEMO_QBT_USER,
            "password": DEMO_QBT_PASSWORD,
            "verify_ssl": True,
        },
    ),
    (
        "downloader",
        "Downloads",
        {
            "download_folder": "/tmp/medianest-media/downloads",
            "quality": "best",
            "format": "mp4",
            "max_concurrent": 1,
        },
    ),
]


async def _token(session: aiohttp.ClientSession) -> str:
    async with session.get(f"{HA}/api/onboarding") as response:
        # Once onboarding is over, Home Assistant removes the onboarding API (404).
        done = response.status == 404
        steps = {} if done else {s["step"]: s["done"] for s in await response.json()}
    if done:
        steps = dict.fromkeys(("user", "core_config", "analytics", "integration"), True)
    if not steps.get("user"):
        async with session.post(
            f"{HA}/api/onboarding/users",
            json={
                "client_id": CLIENT_ID,
                "name": "Developer",
                "username": USER,
                "password": PASSWORD,
                "language": "en",
            },
        ) as response:
            code = (await response.json())["auth_code"]
    else:
        code = await _login(session)
    async with session.post(
        f"{HA}/auth/token", data={"grant_type": "authorization_code", "code": code, "client_id": CLIENT_ID}
    ) as response:
        token: str = (await response.json())["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    for step, body in (
        ("core_config", {}),
        ("analytics", {}),
        ("integration", {"client_id": CLIENT_ID, "redirect_uri": f"{HA}/?auth_callback=1"}),
    ):
        if not steps.get(step):
            async with session.post(f"{HA}/api/onboarding/{step}", json=body, headers=headers):
                pass
    return token


async def login_code(session: aiohttp.ClientSession, url: str, username: str, password: str) -> str | None:
    """Sign in as the frontend does (Home Assistant's login flow): the code for tokens, or None."""
    client_id = f"{url}/"
    async with session.post(
        f"{url}/auth/login_flow",
        json={"client_id": client_id, "handler": ["homeassistant", None], "redirect_uri": client_id},
    ) as response:
        flow = await response.json()
    async with session.post(
        f"{url}/auth/login_flow/{flow['flow_id']}",
        json={"client_id": client_id, "username": username, "password": password},
    ) as response:
        result = await response.json()
    return str(result["result"]) if result.get("type") == "create_entry" else None


async def _login(session: aiohttp.ClientSession) -> str:
    if (code := await login_code(session, HA, USER, PASSWORD)) is None:
        sys.exit("The development user 'dev' exists with another password; leaving the entries alone.")
    return code


async def _add_entry(
    session: aiohttp.ClientSession, headers: dict[str, str], kind: str, data: dict[str, Any]
) -> str:
    flows = f"{HA}/api/config/config_entries/flow"
    async with session.post(flows, json={"handler": "medianest"}, headers=headers) as response:
        flow = await response.json()
    async with session.post(
        f"{flows}/{flow['flow_id']}", json={"next_step_id": kind}, headers=headers
    ) as response:
        flow = await response.json()
    async with session.post(f"{flows}/{flow['flow_id']}", json=data, headers=headers) as response:
        result = await response.json()
    if result.get("step_id") == "defaults":  # Sonarr, Radarr: take the suggested defaults
        chosen = _as_filled_in(result)
        async with session.post(f"{flows}/{flow['flow_id']}", json=chosen, headers=headers) as response:
            result = await response.json()
    return str(result.get("title") or result.get("reason") or result.get("errors"))


async def _add_plex(session: aiohttp.ClientSession, headers: dict[str, str]) -> str:
    """Sign in with Plex as a person would: the flow's page, its button, the flow goes on."""
    flows = f"{HA}/api/config/config_entries/flow"
    async with session.post(flows, json={"handler": "medianest"}, headers=headers) as response:
        flow = await response.json()
    for step in ("plex", "plex_signin"):
        async with session.post(
            f"{flows}/{flow['flow_id']}", json={"next_step_id": step}, headers=headers
        ) as response:
            flow = await response.json()
    if flow.get("type") != "external":
        return str(flow.get("reason") or flow)
    params = dict(parse_qsl(flow["url"].split("#?", 1)[1]))
    # What the demo sign-in page's button does.
    async with session.post(
        f"http://127.0.0.1:{PLEX_TV_PORT}/__fake__/claim",
        json={"code": params["code"], "clientID": params["clientID"]},
    ) as response:
        response.raise_for_status()
    for _ in range(30):
        await asyncio.sleep(1)
        # What the frontend does once told the flow moved on: fetch it.
        async with session.get(f"{flows}/{flow['flow_id']}", headers=headers) as response:
            result = await response.json()
        if result.get("step_id") != "plex_signin":
            break
    else:
        return "sign-in did not finish"
    if result.get("type") == "external_done":
        async with session.post(f"{flows}/{flow['flow_id']}", json={}, headers=headers) as response:
            result = await response.json()
    return str(result.get("title") or result.get("reason") or result.get("errors"))


def _as_filled_in(form: dict[str, Any]) -> dict[str, Any]:
    """A form's fields as the UI shows them filled in: their suggested values."""
    return {
        field["name"]: field["description"]["suggested_value"]
        for field in form.get("data_schema", [])
        if "suggested_value" in (field.get("description") or {})
    }


#: the demo entries whose server pushes its events to Home Assistant
PUSHING = ("sonarr", "radarr")


async def main() -> None:
    """Onboard and add the demo entries."""
    async with aiohttp.ClientSession() as session:
        token = await _token(session)
        headers = {"Authorization": f"Bearer {token}"}
        async with session.get(f"{HA}/api/config/config_entries/entry", headers=headers) as response:
            existing = {e["title"] for e in await response.json() if e["domain"] == "medianest"}
        if "Demo Plex" not in existing:
            print(f"    added plex (signed in with Plex): {await _add_plex(session, headers)}")
        for kind, title, data in DEMO_ENTRIES:
            if title in existing:
                continue
            print(f"    added {kind}: {await _add_entry(session, headers, kind, data)}")
            if kind in PUSHING:
                print(f"    {kind} pushes its events: {await _push_events(session, headers, title)}")


async def _push_events(session: aiohttp.ClientSession, headers: dict[str, str], title: str) -> str:
    """Turn on the entry's push option, as a person would in its options."""
    async with session.get(f"{HA}/api/config/config_entries/entry", headers=headers) as response:
        entry_id = next(e["entry_id"] for e in await response.json() if e["title"] == title)
    flows = f"{HA}/api/config/config_entries/options/flow"
    async with session.post(flows, json={"handler": entry_id}, headers=headers) as response:
        flow = await response.json()
    # What the form shows filled in (the defaults chosen when the entry was added), and push.
    form = _as_filled_in(flow) | {"upcoming_days": 7, "push_events": True}
    async with session.post(f"{flows}/{flow['flow_id']}", json=form, headers=headers) as response:
        result = await response.json()
    return str(result.get("type") if not result.get("errors") else result["errors"])


if __name__ == "__main__":
    asyncio.run(main())
