"""Every path of the config flow, reauth, reconfigure and the options flow."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.medianest.apps import APPS
from custom_components.medianest.apps.arr.const import (
    CONF_QUALITY_PROFILE,
    CONF_ROOT_FOLDER,
    CONF_UPCOMING_DAYS,
)
from custom_components.medianest.const import (
    CONF_KIND,
    CONF_PUSH_EVENTS,
    CONF_WEBHOOK_ID,
    CONF_WEBHOOK_SECRET,
    DOMAIN,
)
from homeassistant.config_entries import SOURCE_USER
from homeassistant.const import CONF_API_KEY, CONF_URL, CONF_VERIFY_SSL
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType

from .conftest import RADARR_KEY, SONARR_KEY, make_entry, setup_entry
from .fakes.arr import FakeArr
from .fakes.base import Fault

COMPONENT = Path("custom_components/medianest")

pytestmark = pytest.mark.usefixtures("unload_entries")


async def test_menu_offers_every_service(hass: HomeAssistant) -> None:
    """Every registered service is in the menu, labelled, with a step of its own."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.MENU
    kinds = [spec.kind.value for app in APPS for spec in app.services]
    assert result["menu_options"] == kinds
    assert kinds[:3] == ["plex", "seerr", "uptime_kuma"]  # media first, then the *arr stack
    labels = json.loads((Path(__file__).parents[1] / COMPONENT / "strings.json").read_text())["config"][
        "step"
    ]
    flow = hass.config_entries.flow._progress[result["flow_id"]]
    for kind in kinds:
        assert labels["user"]["menu_options"][kind]
        assert callable(getattr(flow, f"async_step_{kind}"))
    hass.config_entries.flow.async_abort(result["flow_id"])


async def _start(hass: HomeAssistant, kind: str) -> dict[str, Any]:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.MENU
    assert kind in result["menu_options"]
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"next_step_id": kind})
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == kind
    return result


@pytest.mark.parametrize(("kind", "key"), [("sonarr", SONARR_KEY), ("radarr", RADARR_KEY)])
async def test_user_flow_creates_entry(
    hass: HomeAssistant, sonarr: FakeArr, radarr: FakeArr, kind: str, key: str
) -> None:
    server = sonarr if kind == "sonarr" else radarr
    result = await _start(hass, kind)
    server.root_folders[2] = {"id": 2, "path": "/big", "accessible": True, "freeSpace": 9000 * 1024**3}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: server.url + "/", CONF_API_KEY: key, CONF_VERIFY_SSL: True}
    )
    # Last, the defaults for adding (voice, actions): read from the server, the first
    # profile and the roomiest folder suggested.
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "defaults"
    fields = {str(k): k for k in result["data_schema"].schema}
    profile, folder = fields[CONF_QUALITY_PROFILE], fields[CONF_ROOT_FOLDER]
    assert profile.description == {"suggested_value": "1"}
    assert folder.description == {"suggested_value": "2"}
    options = result["data_schema"].schema[folder].config["options"]
    assert options == [{"value": "1", "label": server.root_path}, {"value": "2", "label": "/big"}]
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_QUALITY_PROFILE: "4", CONF_ROOT_FOLDER: "2"}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["options"] == {CONF_QUALITY_PROFILE: "4", CONF_ROOT_FOLDER: "2"}
    assert result["title"] == server.app_name
    data = dict(result["data"])
    # Its webhook, for the events the server can push (see the options).
    assert len(data.pop(CONF_WEBHOOK_ID)) >= 32
    assert len(data.pop(CONF_WEBHOOK_SECRET)) >= 32
    assert data == {CONF_URL: server.url, CONF_API_KEY: key, CONF_VERIFY_SSL: True, CONF_KIND: kind}
    assert result["result"].unique_id == f"{kind}_127.0.0.1:{server.port}"
    assert key not in result["result"].unique_id


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault.UNAUTHORIZED, "invalid_auth"),
        (Fault.FORBIDDEN, "invalid_auth"),
        (Fault.REFUSED, "cannot_connect"),
        (Fault.SLOW, "timeout"),
        (Fault.MALFORMED, "invalid_response"),
        (Fault.SERVER_ERROR, "invalid_response"),
    ],
)
async def test_user_flow_errors_then_recovers(
    hass: HomeAssistant, sonarr: FakeArr, fault: Fault, error: str
) -> None:
    sonarr.retry_after = 0
    result = await _start(hass, "sonarr")
    await sonarr.set_fault(fault)
    user_input = {CONF_URL: sonarr.url, CONF_API_KEY: SONARR_KEY, CONF_VERIFY_SSL: True}
    result = await hass.config_entries.flow.async_configure(result["flow_id"], user_input)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": error}
    await sonarr.set_fault(Fault.NONE)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], user_input)
    assert result["step_id"] == "defaults"
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["options"] == {}


async def test_defaults_step_when_the_lists_cannot_be_read(hass: HomeAssistant, sonarr: FakeArr) -> None:
    """The server answered the check but not its lists: the entry is added without defaults."""
    result = await _start(hass, "sonarr")
    sonarr.path_faults["/api/v3/rootfolder"] = Fault.SERVER_ERROR
    sonarr.retry_after = 0
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: sonarr.url, CONF_API_KEY: SONARR_KEY, CONF_VERIFY_SSL: True}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["options"] == {}


async def test_user_flow_wrong_key(hass: HomeAssistant, sonarr: FakeArr) -> None:
    result = await _start(hass, "sonarr")
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: sonarr.url, CONF_API_KEY: "wrong", CONF_VERIFY_SSL: True}
    )
    assert result["errors"] == {"base": "invalid_auth"}


async def test_user_flow_invalid_url(hass: HomeAssistant, sonarr: FakeArr) -> None:
    result = await _start(hass, "sonarr")
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: "nas:8989", CONF_API_KEY: SONARR_KEY, CONF_VERIFY_SSL: True}
    )
    assert result["errors"] == {CONF_URL: "invalid_url"}


async def test_user_flow_wrong_service(hass: HomeAssistant, sonarr: FakeArr) -> None:
    result = await _start(hass, "radarr")
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: sonarr.url, CONF_API_KEY: SONARR_KEY, CONF_VERIFY_SSL: True}
    )
    assert result["errors"] == {"base": "wrong_service"}
    assert result["description_placeholders"]["found"] == "Sonarr"


async def test_user_flow_duplicate(
    hass: HomeAssistant, sonarr_entry: MockConfigEntry, sonarr: FakeArr
) -> None:
    result = await _start(hass, "sonarr")
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: sonarr.url, CONF_API_KEY: SONARR_KEY, CONF_VERIFY_SSL: True}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    # The message names the entry that has it.
    assert result["description_placeholders"] == {"title": sonarr_entry.title}


async def test_reauth(hass: HomeAssistant, sonarr_entry: MockConfigEntry, sonarr: FakeArr) -> None:
    result = await sonarr_entry.start_reauth_flow(hass)
    assert result["step_id"] == "reauth_confirm"
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_API_KEY: "wrong"})
    assert result["errors"] == {"base": "invalid_auth"}
    sonarr.api_key = "n3wk3y"
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_API_KEY: "n3wk3y"})
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert sonarr_entry.data[CONF_API_KEY] == "n3wk3y"


async def test_reconfigure(hass: HomeAssistant, sonarr_entry: MockConfigEntry, sonarr: FakeArr) -> None:
    moved = FakeArr("sonarr", "other-key")
    await moved.start()
    try:
        result = await sonarr_entry.start_reconfigure_flow(hass)
        assert result["step_id"] == "reconfigure"
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], {CONF_URL: moved.url, CONF_API_KEY: "bad", CONF_VERIFY_SSL: False}
        )
        assert result["errors"] == {"base": "invalid_auth"}
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], {CONF_URL: moved.url, CONF_API_KEY: "other-key", CONF_VERIFY_SSL: False}
        )
        await hass.async_block_till_done()
        assert result["type"] is FlowResultType.ABORT
        assert result["reason"] == "reconfigure_successful"
        assert sonarr_entry.data[CONF_URL] == moved.url
        assert sonarr_entry.unique_id == f"sonarr_127.0.0.1:{moved.port}"
    finally:
        await moved.stop()


async def test_reconfigure_to_another_entrys_server(
    hass: HomeAssistant, sonarr_entry: MockConfigEntry, sonarr: FakeArr
) -> None:
    other = FakeArr("sonarr", SONARR_KEY)
    await other.start()
    try:
        second = make_entry(other, entry_id="second")
        second.add_to_hass(hass)
        result = await second.start_reconfigure_flow(hass)
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], {CONF_URL: sonarr.url, CONF_API_KEY: SONARR_KEY, CONF_VERIFY_SSL: True}
        )
        assert result["type"] is FlowResultType.ABORT
        assert result["reason"] == "already_configured"
    finally:
        await other.stop()


async def test_options_flow(hass: HomeAssistant, radarr_entry: MockConfigEntry) -> None:
    result = await hass.config_entries.options.async_init(radarr_entry.entry_id)
    assert result["type"] is FlowResultType.FORM
    schema = result["data_schema"].schema
    profile_selector = next(v for k, v in schema.items() if k == CONF_QUALITY_PROFILE)
    assert [o["label"] for o in profile_selector.config["options"]] == ["Any", "HD-1080p", "Ultra-HD"]
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_QUALITY_PROFILE: "4", CONF_ROOT_FOLDER: "1", CONF_UPCOMING_DAYS: 30}
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert radarr_entry.options == {
        CONF_QUALITY_PROFILE: "4",
        CONF_ROOT_FOLDER: "1",
        CONF_UPCOMING_DAYS: 30,
        CONF_PUSH_EVENTS: False,
    }
    assert radarr_entry.runtime_data.coordinator.upcoming_days == 30


async def test_options_flow_needs_a_loaded_entry(hass: HomeAssistant, radarr: FakeArr) -> None:
    await radarr.set_fault(Fault.REFUSED)
    entry = await setup_entry(hass, make_entry(radarr))
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "not_loaded"
