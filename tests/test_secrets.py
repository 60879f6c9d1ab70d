"""Credentials never reach a log line, an exception, an entity id, a title or a link."""

from __future__ import annotations

import base64
import logging

import aiohttp
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.medianest.api import ApiServerError, MedianestApiError
from custom_components.medianest.api.arr import SonarrClient
from custom_components.medianest.api.redact import REDACTED, scrub, split_credentials
from custom_components.medianest.const import (
    CONF_KIND,
    CONF_PROXY,
    CONF_PROXY_PASSWORD,
    CONF_PROXY_USERNAME,
    DOMAIN,
)
from homeassistant.config_entries import SOURCE_RECONFIGURE, SOURCE_USER, ConfigEntryState
from homeassistant.const import CONF_API_KEY, CONF_TOKEN, CONF_URL, CONF_VERIFY_SSL
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.util import slugify

from .conftest import (
    PLEX_CLIENT_ID,
    QBT_PASSWORD,
    SONARR_KEY,
    make_entry,
    make_plex_entry,
    refresh,
    setup_entry,
)
from .fakes.arr import FakeArr
from .fakes.base import Fault
from .fakes.plex import FakePlexServer
from .fakes.qbittorrent import FakeQbittorrent

pytestmark = pytest.mark.usefixtures("unload_entries")

PROXY_USER = "proxyuser"
PROXY_PASSWORD = "pr0xy-pa55word!"


def test_scrub_removes_credentials() -> None:
    key = "0123456789abcdef0123456789abcdef"
    page = (
        f"<pre>GET /api/v3/queue?apikey={key}\r\nX-Api-Key: {key}\r\n"
        "Cookie: SID=Zm9vYmFyYmF6cXV4\r\nAuthorization: Basic dXNlcjpzM2NyZXQ=\r\n\r\n"
        "username=admin&password=hunter22&remember=1 https://bob:pw1234@nas.local/x</pre>"
    )
    text = scrub(page, [key, "hunter22"])
    for secret in (key, "Zm9vYmFyYmF6cXV4", "dXNlcjpzM2NyZXQ=", "hunter22", "pw1234", "bob:"):
        assert secret not in text
    assert REDACTED in text
    assert "\r" not in text
    assert "\n" not in text
    assert len(scrub("x" * 10_000)) == 300
    # URL-encoded forms of a secret go too.
    assert "p%40ss%2Fword" not in scrub("pwd is p%40ss%2Fword", ["p@ss/word"])


def test_split_credentials() -> None:
    assert split_credentials("https://user:p%40ss@sonarr.example/sonarr") == (
        "https://sonarr.example/sonarr",
        "user",
        "p@ss",
    )
    assert split_credentials("http://host:8989") == ("http://host:8989", None, None)


async def test_server_echo_never_reaches_errors_or_logs(
    hass: HomeAssistant, sonarr: FakeArr, caplog: pytest.LogCaptureFixture
) -> None:
    entry = await setup_entry(hass, make_entry(sonarr))
    await sonarr.set_fault(Fault.ECHO)
    caplog.set_level(logging.DEBUG)
    await refresh(hass, entry, all_tiers=True)
    coordinator = entry.runtime_data.coordinator
    assert not coordinator.last_update_success
    shown = [str(coordinator.last_exception), *(r.getMessage() for r in caplog.records)]
    assert any("Upstream failed" in text for text in shown)  # the page was read...
    assert not [text for text in shown if SONARR_KEY in text]  # ...without the key
    async with aiohttp.ClientSession() as session:
        client = SonarrClient(session, sonarr.url, SONARR_KEY)
        with pytest.raises(ApiServerError) as err:
            await client.system_status()
    assert SONARR_KEY not in str(err.value)
    assert len(str(err.value)) <= 300


async def test_qbittorrent_login_echo(
    hass: HomeAssistant, qbittorrent: FakeQbittorrent, caplog: pytest.LogCaptureFixture
) -> None:
    # The login form (username=…&password=…) echoed back by a failing proxy.
    await qbittorrent.set_fault(Fault.ECHO)
    caplog.set_level(logging.DEBUG)
    entry = await setup_entry(hass, make_entry(qbittorrent))
    assert entry.state is ConfigEntryState.SETUP_RETRY
    shown = [entry.reason or "", *(r.getMessage() for r in caplog.records)]
    for text in shown:
        assert QBT_PASSWORD not in text
    assert any("password=" in text for text in shown)  # the form was echoed, its value not
    await qbittorrent.set_fault(Fault.NONE)
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    cookie = entry.runtime_data.client._cookie
    assert cookie
    await qbittorrent.set_fault(Fault.ECHO)
    await refresh(hass, entry)
    texts = [str(entry.runtime_data.coordinator.last_exception), *(r.getMessage() for r in caplog.records)]
    assert not [t for t in texts if cookie.partition("=")[2] in t]


async def test_url_credentials_become_proxy_auth(hass: HomeAssistant, sonarr: FakeArr) -> None:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"next_step_id": "sonarr"})
    url = sonarr.url.replace("http://", f"http://{PROXY_USER}:{PROXY_PASSWORD.replace('!', '%21')}@")
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: url, CONF_API_KEY: SONARR_KEY, CONF_VERIFY_SSL: True}
    )
    assert result["step_id"] == "defaults"
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    entry = result["result"]
    assert entry.data[CONF_URL] == sonarr.url
    assert entry.data[CONF_PROXY_USERNAME] == PROXY_USER
    assert entry.data[CONF_PROXY_PASSWORD] == PROXY_PASSWORD
    assert PROXY_PASSWORD not in entry.title
    assert PROXY_USER not in entry.unique_id
    # The proxy's credentials are sent as a header, beside the API key.
    expected = "Basic " + base64.b64encode(f"{PROXY_USER}:{PROXY_PASSWORD}".encode()).decode()
    assert sonarr.last_headers["Authorization"] == expected
    assert sonarr.last_headers["X-Api-Key"] == SONARR_KEY
    device = dr.async_get(hass).async_get_device_by_identifier((DOMAIN, entry.entry_id), entry.entry_id)
    assert device.configuration_url == sonarr.url
    # The reconfigure form is filled in without any secret; the section sets them anew.
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_RECONFIGURE, "entry_id": entry.entry_id}
    )
    suggested = {str(k): k.description for k in result["data_schema"].schema}
    assert PROXY_PASSWORD not in str(suggested)
    assert SONARR_KEY not in str(suggested)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            CONF_URL: sonarr.url,
            CONF_API_KEY: SONARR_KEY,
            CONF_VERIFY_SSL: True,
            CONF_PROXY: {CONF_PROXY_USERNAME: PROXY_USER},
        },
    )
    await hass.async_block_till_done()
    assert result["reason"] == "reconfigure_successful"
    assert entry.data[CONF_PROXY_PASSWORD] == PROXY_PASSWORD  # same user, password kept
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_RECONFIGURE, "entry_id": entry.entry_id}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {CONF_URL: sonarr.url, CONF_API_KEY: SONARR_KEY, CONF_VERIFY_SSL: True, CONF_PROXY: {}},
    )
    await hass.async_block_till_done()
    assert CONF_PROXY_USERNAME not in entry.data  # emptied: no proxy any more


async def test_plex_manual_url_with_credentials(hass: HomeAssistant, plex: FakePlexServer) -> None:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"next_step_id": "plex"})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "plex_manual"}
    )
    url = plex.url.replace("http://", f"http://{PROXY_USER}:{PROXY_PASSWORD.replace('!', '%21')}@")
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: url, CONF_TOKEN: plex.token, CONF_VERIFY_SSL: True}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    entry = result["result"]
    assert PROXY_USER not in entry.title
    assert PROXY_PASSWORD not in entry.title
    assert entry.data[CONF_URL] == plex.url
    for entity in er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id):
        assert "proxyuser" not in entity.entity_id
        assert "pr0xy" not in entity.entity_id


async def test_migration_moves_url_credentials(hass: HomeAssistant, plex: FakePlexServer) -> None:
    """Entries of an earlier MediaNest kept them in the URL, the title and the entity ids."""
    host = plex.url.split("://", 1)[1]
    old = make_plex_entry(plex)
    entry = MockConfigEntry(
        domain=DOMAIN,
        title=f"Plex ({PROXY_USER}:pw1234@{host})",
        unique_id=old.unique_id,
        data={**old.data, CONF_URL: plex.url.replace("http://", f"http://{PROXY_USER}:pw1234@")},
        entry_id="plex_entry",
        version=1,
        minor_version=1,
    )
    entry.add_to_hass(hass)
    registry = er.async_get(hass)
    old_id = registry.async_get_or_create(
        "sensor",
        DOMAIN,
        "plex_entry_sessions",
        config_entry=entry,
        suggested_object_id=f"plex_{PROXY_USER}_pw1234_{slugify(host)}_active_sessions",
    ).entity_id
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.minor_version == 2
    assert entry.title == f"Plex ({host})"
    assert entry.data[CONF_URL] == plex.url
    assert entry.data[CONF_KIND] == "plex"
    assert entry.data["client_identifier"] == PLEX_CLIENT_ID
    moved = registry.async_get_entity_id("sensor", DOMAIN, "plex_entry_sessions")
    assert moved != old_id
    assert "pw1234" not in moved
    assert PROXY_USER not in moved


def test_every_error_text_is_scrubbed() -> None:
    """A client error created from a server's text carries no credential of the client."""

    class Client(SonarrClient):
        pass

    client = Client(None, "http://127.0.0.1:1", "s3cr3t-api-key")  # type: ignore[arg-type]
    err = MedianestApiError("echo: apikey=s3cr3t-api-key and s3cr3t-api-key")
    client._clean(err)
    assert "s3cr3t" not in str(err)
