"""Adding a Plex server: sign in with Plex (the PIN flow end to end), or a URL and a token."""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qsl

import pytest

from custom_components.medianest.apps.plex import flow as plex_flow
from custom_components.medianest.const import DOMAIN
from homeassistant.config_entries import SOURCE_USER
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResult, FlowResultType

from ..conftest import PLEX_ACCOUNT_TOKEN, PLEX_CLIENT_ID, make_plex_entry, setup_entry
from ..fakes.base import Fault
from ..fakes.plex import FakePlexServer, FakePlexTv, connection


@pytest.fixture(autouse=True)
def fast_pin_polling(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read the PIN every 10 ms instead of every second."""
    monkeypatch.setattr(plex_flow, "PLEX_PIN_POLL_INTERVAL", 0.01)


@pytest.fixture
async def second_plex(socket_enabled: None) -> FakePlexServer:
    """Another Plex server."""
    server = FakePlexServer("second-server-token", name="Cabin", movies=3, shows=0, seed=9)
    await server.start()
    yield server
    await server.stop()


async def start_sign_in(hass: HomeAssistant) -> FlowResult:
    """Open the flow and choose Plex, then "Sign in with Plex"."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"next_step_id": "plex"})
    assert result["type"] is FlowResultType.MENU
    assert result["menu_options"] == ["plex_signin", "plex_manual"]
    return await hass.config_entries.flow.async_configure(result["flow_id"], {"next_step_id": "plex_signin"})


async def signed_in(hass: HomeAssistant, flow_id: str) -> FlowResult:
    """Wait until the background task moved the flow on, then fetch it as the frontend does."""
    for _ in range(500):
        if hass.config_entries.flow.async_get(flow_id)["step_id"] != "plex_signin":
            break
        await asyncio.sleep(0.01)
    return await hass.config_entries.flow.async_configure(flow_id)


def auth_params(url: str) -> dict[str, str]:
    """The parameters in the auth page's fragment."""
    return dict(parse_qsl(url.split("#?", 1)[1]))


async def test_sign_in_with_plex(
    hass: HomeAssistant, plex: FakePlexServer, plex_tv: FakePlexTv, unload_entries: None
) -> None:
    """PIN, auth page, token by polling, the only server, its best working address."""
    refused = connection("http://127.0.0.1:9", local=True)
    plex_tv.add_server(plex, [connection(plex.url, relay=True), refused, connection(plex.url)])
    plex_tv.add_player("Living Room TV")
    result = await start_sign_in(hass)
    assert result["type"] is FlowResultType.EXTERNAL_STEP
    assert result["url"].startswith(f"{plex_tv.url}/auth#?")
    params = auth_params(result["url"])
    (pin,) = plex_tv.pins.values()
    assert params == {
        "clientID": pin.client_identifier,
        "code": pin.code,
        "context[device][product]": "MediaNest",
    }
    assert len(pin.code) == 25
    created = plex_tv.headers_seen[0]
    assert created["X-Plex-Product"] == "MediaNest"
    assert created["X-Plex-Client-Identifier"] == pin.client_identifier
    # The frontend fetching the flow again gets the same page, no second PIN.
    again = await hass.config_entries.flow.async_configure(result["flow_id"])
    assert again["type"] is FlowResultType.EXTERNAL_STEP
    assert again["url"] == result["url"]
    assert len(plex_tv.pins) == 1

    await asyncio.sleep(0.05)  # a few reads without a token
    plex_tv.claim()
    result = await signed_in(hass, result["flow_id"])
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Media Server"
    assert result["result"].unique_id == plex.machine_identifier
    assert result["data"] == {
        "kind": "plex",
        "url": plex.url,  # the working remote address, not the refused local one nor the relay
        "token": plex.token,  # the server's own token, not the account's
        "verify_ssl": True,
        "client_identifier": pin.client_identifier,
    }
    # Every plex.tv read came from the same installation.
    assert {h["X-Plex-Client-Identifier"] for h in plex_tv.headers_seen} == {pin.client_identifier}
    assert plex_tv.headers_seen[-1]["X-Plex-Token"] == PLEX_ACCOUNT_TOKEN
    await hass.async_block_till_done()
    assert hass.states.get("sensor.media_server_movies_items").state == "40"


async def test_choose_among_servers(
    hass: HomeAssistant,
    plex: FakePlexServer,
    second_plex: FakePlexServer,
    plex_tv: FakePlexTv,
    unload_entries: None,
) -> None:
    """Several servers: a choice; one that answers nowhere is an error; added ones are hidden."""
    plex_tv.add_server(plex)
    plex_tv.add_server(second_plex, owned=False)
    result = await start_sign_in(hass)
    plex_tv.claim()
    result = await signed_in(hass, result["flow_id"])
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "plex_server"
    options = result["data_schema"].schema["server"].config["options"]
    assert [o["label"] for o in options] == ["Media Server", "Cabin (shared)"]
    await second_plex.set_fault(Fault.REFUSED)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"server": second_plex.machine_identifier}
    )
    assert result["errors"] == {"base": "server_unreachable"}
    await second_plex.set_fault(Fault.NONE)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"server": second_plex.machine_identifier}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Cabin"
    assert result["data"]["token"] == second_plex.token
    await hass.async_block_till_done()

    # The next sign-in skips the choice: only the first server is left.
    result = await start_sign_in(hass)
    plex_tv.claim()
    result = await signed_in(hass, result["flow_id"])
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Media Server"
    await hass.async_block_till_done()
    result = await start_sign_in(hass)
    plex_tv.claim()
    result = await signed_in(hass, result["flow_id"])
    assert result == result | {"type": FlowResultType.ABORT, "reason": "all_servers_configured"}


async def test_sign_in_not_finished_in_time(
    hass: HomeAssistant, plex: FakePlexServer, plex_tv: FakePlexTv
) -> None:
    """Nobody signs in within the PIN's lifetime: a clear abort."""
    plex_tv.pin_lifetime = 1
    plex_tv.enforce_expiry = False
    result = await start_sign_in(hass)
    result = await signed_in(hass, result["flow_id"])
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "pin_timeout"
    assert result["description_placeholders"] == {"minutes": "1"}


async def test_pin_expired(hass: HomeAssistant, plex: FakePlexServer, plex_tv: FakePlexTv) -> None:
    """plex.tv no longer knows the PIN: a clear abort."""
    result = await start_sign_in(hass)
    plex_tv.pins.clear()
    result = await signed_in(hass, result["flow_id"])
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "pin_expired"


async def test_plex_tv_unreachable(
    hass: HomeAssistant, plex_tv: FakePlexTv, monkeypatch: pytest.MonkeyPatch
) -> None:
    """plex.tv down when the PIN is made, or for good while waiting."""
    await plex_tv.set_fault(Fault.REFUSED)
    result = await start_sign_in(hass)
    assert result == result | {"type": FlowResultType.ABORT, "reason": "plex_tv_unreachable"}
    await plex_tv.set_fault(Fault.SERVER_ERROR)
    result = await start_sign_in(hass)
    assert result == result | {"type": FlowResultType.ABORT, "reason": "plex_tv_error"}
    await plex_tv.set_fault(Fault.NONE)
    monkeypatch.setattr(plex_flow, "PIN_READ_FAILURES", 3)
    result = await start_sign_in(hass)
    await plex_tv.set_fault(Fault.REFUSED)
    result = await signed_in(hass, result["flow_id"])
    assert result == result | {"type": FlowResultType.ABORT, "reason": "plex_tv_unreachable"}


async def test_closing_the_dialog_stops_polling(hass: HomeAssistant, plex_tv: FakePlexTv) -> None:
    """The background task ends with the flow."""
    result = await start_sign_in(hass)
    await asyncio.sleep(0.05)
    hass.config_entries.flow.async_abort(result["flow_id"])
    await asyncio.sleep(0.02)
    reads = len(plex_tv.requests)
    await asyncio.sleep(0.1)
    assert len(plex_tv.requests) == reads


async def test_pin_rate_limit(hass: HomeAssistant, plex_tv: FakePlexTv) -> None:
    """At most ten PINs in fifteen minutes."""
    flows = [await start_sign_in(hass) for _ in range(10)]
    assert all(f["type"] is FlowResultType.EXTERNAL_STEP for f in flows)
    result = await start_sign_in(hass)
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "pin_rate_limited"
    assert result["description_placeholders"] == {"minutes": "15"}
    assert len(plex_tv.pins) == 10
    for flow in flows:
        hass.config_entries.flow.async_abort(flow["flow_id"])


async def test_account_without_servers(hass: HomeAssistant, plex_tv: FakePlexTv) -> None:
    """An account with only players has nothing to add."""
    plex_tv.add_player("Phone")
    result = await start_sign_in(hass)
    plex_tv.claim()
    result = await signed_in(hass, result["flow_id"])
    assert result == result | {"type": FlowResultType.ABORT, "reason": "no_servers"}


async def test_only_server_unreachable(
    hass: HomeAssistant, plex: FakePlexServer, plex_tv: FakePlexTv
) -> None:
    """The account's only server answers nowhere; another server's identity does not count."""
    other = FakePlexServer("x", movies=0, shows=0, seed=11)
    await other.start()
    try:
        plex_tv.add_server(plex, [connection(other.url, local=True)])
        result = await start_sign_in(hass)
        plex_tv.claim()
        result = await signed_in(hass, result["flow_id"])
    finally:
        await other.stop()
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "server_unreachable"
    assert result["description_placeholders"] == {"server": "Media Server"}


async def manual(hass: HomeAssistant) -> FlowResult:
    """Open the flow at the URL and token form."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"next_step_id": "plex"})
    return await hass.config_entries.flow.async_configure(result["flow_id"], {"next_step_id": "plex_manual"})


async def test_manual(hass: HomeAssistant, plex: FakePlexServer, unload_entries: None) -> None:
    """A URL and a token: each error, then the entry."""
    result = await manual(hass)
    assert result["step_id"] == "plex_manual"
    flow_id = result["flow_id"]
    cases = [
        ({"url": "ftp://x", "token": "t"}, {"url": "invalid_url"}),
        ({"url": "http://127.0.0.1:9", "token": "t"}, {"base": "cannot_connect"}),
        ({"url": plex.url, "token": "wrong"}, {"base": "invalid_auth"}),
    ]
    for data, errors in cases:
        result = await hass.config_entries.flow.async_configure(flow_id, {**data, "verify_ssl": True})
        assert result["errors"] == errors
        # The form comes back with the address, never with the token filled in.
        suggested = {
            str(k): (k.description or {}).get("suggested_value") for k in result["data_schema"].schema
        }
        assert suggested["token"] is None
    await plex.set_fault(Fault.MALFORMED)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {"url": plex.url, "token": plex.token, "verify_ssl": True}
    )
    assert result["errors"] == {"base": "invalid_response"}
    await plex.set_fault(Fault.NONE)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {"url": f"{plex.url}/", "token": plex.token, "verify_ssl": True}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == f"Plex (127.0.0.1:{plex.port})"
    assert result["data"]["url"] == plex.url
    assert len(result["data"]["client_identifier"]) == 32
    await hass.async_block_till_done()
    result = await manual(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"url": plex.url, "token": plex.token, "verify_ssl": True}
    )
    assert result == result | {"type": FlowResultType.ABORT, "reason": "already_configured"}


async def test_reauth_with_token(hass: HomeAssistant, plex: FakePlexServer, unload_entries: None) -> None:
    """A revoked token: paste a new one."""
    entry = await setup_entry(hass, make_plex_entry(plex))
    plex.token = "new-server-token"
    result = await entry.start_reauth_flow(hass)
    assert result["type"] is FlowResultType.MENU
    assert result["menu_options"] == ["plex_signin", "plex_reauth_token"]
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "plex_reauth_token"}
    )
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"token": "still-wrong"})
    assert result["errors"] == {"base": "invalid_auth"}
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"token": "new-server-token"})
    assert result == result | {"type": FlowResultType.ABORT, "reason": "reauth_successful"}
    assert entry.data["token"] == "new-server-token"
    assert entry.data["client_identifier"] == PLEX_CLIENT_ID


async def test_reauth_by_signing_in(
    hass: HomeAssistant,
    plex: FakePlexServer,
    second_plex: FakePlexServer,
    plex_tv: FakePlexTv,
    unload_entries: None,
) -> None:
    """Sign in again: the entry's own server gets its new token, with the same identifier."""
    entry = await setup_entry(hass, make_plex_entry(plex))
    plex_tv.add_server(second_plex)
    result = await entry.start_reauth_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "plex_signin"}
    )
    assert auth_params(result["url"])["clientID"] == PLEX_CLIENT_ID
    plex_tv.claim()
    result = await signed_in(hass, result["flow_id"])
    assert result == result | {"type": FlowResultType.ABORT, "reason": "server_not_in_account"}

    plex.token = "rotated-token"
    plex_tv.add_server(plex, [connection("http://127.0.0.1:9", local=True)])
    plex_tv.resources[-1].access_token = "rotated-token"
    result = await entry.start_reauth_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "plex_signin"}
    )
    plex_tv.claim()
    result = await signed_in(hass, result["flow_id"])
    assert result == result | {"type": FlowResultType.ABORT, "reason": "reauth_successful"}
    assert entry.data["token"] == "rotated-token"
    assert entry.data["url"] == plex.url  # the entry's address still works: it is kept


async def test_reconfigure(
    hass: HomeAssistant, plex: FakePlexServer, second_plex: FakePlexServer, unload_entries: None
) -> None:
    """Another address: the token is sent only when the same server answers there."""
    entry = await setup_entry(hass, make_plex_entry(plex))
    result = await entry.start_reconfigure_flow(hass)
    assert result["step_id"] == "plex_reconfigure"
    second_plex.requests.clear()
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"url": second_plex.url, "verify_ssl": True}
    )
    assert result["errors"] == {"base": "wrong_plex_server"}
    assert second_plex.requests == [("GET", "/identity")]
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"url": "http://127.0.0.1:9", "verify_ssl": True}
    )
    assert result["errors"] == {"base": "cannot_connect"}
    # The same server (same identity and token) at another address.
    moved = FakePlexServer(plex.token, movies=1, shows=0)
    await moved.start()
    url = moved.url
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"url": url, "verify_ssl": False}
    )
    assert result == result | {"type": FlowResultType.ABORT, "reason": "reconfigure_successful"}
    assert entry.data["url"] == url
    assert entry.data["verify_ssl"] is False
    await hass.async_block_till_done()
    await moved.stop()
