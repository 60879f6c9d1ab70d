"""The Sonarr and Radarr actions: happy paths and every validation error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import probatio as vol
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
import yaml

from custom_components.medianest.const import DOMAIN
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import device_registry as dr

from ..conftest import make_entry, setup_entry
from ..fakes.arr import FakeArr
from ..fakes.base import Fault

COMPONENT = Path("custom_components/medianest")


async def _call(hass: HomeAssistant, action: str, data: dict[str, Any], response: bool = True) -> Any:
    return await hass.services.async_call(DOMAIN, action, data, blocking=True, return_response=response)


async def test_search_series(hass: HomeAssistant, sonarr_entry: MockConfigEntry) -> None:
    result = await _call(hass, "search_series", {"term": "expanse"})
    assert result["series"][0] == {
        "title": "The Expanse",
        "year": 2015,
        "tvdb_id": 280619,
        "overview": "The Expanse (2015).",
        "already_added": False,
    }


async def test_search_movies_marks_library_items(
    hass: HomeAssistant, radarr: FakeArr, radarr_entry: MockConfigEntry
) -> None:
    owned = radarr.items[1]["title"]
    result = await _call(hass, "search_movies", {"term": owned, "config_entry_id": radarr_entry.entry_id})
    assert result["movies"][0]["title"] == owned
    assert result["movies"][0]["already_added"] is True


async def test_add_series_by_term(
    hass: HomeAssistant, sonarr: FakeArr, sonarr_entry: MockConfigEntry
) -> None:
    result = await _call(
        hass, "add_series", {"term": "The Expanse", "quality_profile": "hd-1080p", "root_folder": "/tv"}
    )
    assert result == {
        "id": 26,
        "title": "The Expanse",
        "year": 2015,
        "tvdb_id": 280619,
        "path": "/tv/The Expanse",
        "quality_profile": "HD-1080p",
        "root_folder": "/tv",
        "monitored": True,
        "search_started": True,
        "matched_term": "The Expanse",
        "candidates": 1,
    }
    added = sonarr.items[26]
    assert added["qualityProfileId"] == 4
    assert added["monitored"] is True
    await hass.async_block_till_done()
    assert hass.states.get("sensor.sonarr_series").state == "26"
    assert hass.states.get("sensor.sonarr_queue").state == "4"


async def test_add_movie_by_id_with_defaults(
    hass: HomeAssistant, radarr: FakeArr, unload_entries: None
) -> None:
    entry = await setup_entry(hass, make_entry(radarr, quality_profile="5"))
    result = await _call(
        hass,
        "add_movie",
        {"tmdb_id": 329865, "search": False, "monitored": False, "minimum_availability": "in_cinemas"},
    )
    assert result["title"] == "Arrival"
    assert result["quality_profile"] == "Ultra-HD"
    assert result["root_folder"] == "/movies"
    assert result["matched_term"] is None
    movie = radarr.items[result["id"]]
    assert movie["minimumAvailability"] == "inCinemas"
    assert movie["monitored"] is False
    assert entry.runtime_data.coordinator.data.queue_count == 3


async def test_add_picks_the_exact_title(hass: HomeAssistant, radarr_entry: MockConfigEntry) -> None:
    result = await _call(hass, "add_movie", {"term": "dune: part two", "quality_profile": 1})
    assert result["title"] == "Dune: Part Two"
    assert result["candidates"] == 1
    result = await _call(hass, "add_movie", {"term": "Dune", "quality_profile": 1})
    assert result["title"] == "Dune"
    assert result["candidates"] == 2


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"term": "Dune", "quality_profile": "Potato"}, "unknown_quality_profile"),
        ({"term": "Dune"}, "quality_profile_required"),
        ({"term": "Dune", "quality_profile": 1, "root_folder": "/nope"}, "unknown_root_folder"),
        ({"quality_profile": 1}, "id_or_term"),
        ({"term": "Dune", "tmdb_id": 438631, "quality_profile": 1}, "id_or_term"),
        ({"tmdb_id": 1, "quality_profile": 1}, "unknown_id"),
        ({"term": "zzzz nothing", "quality_profile": 1}, "no_match"),
    ],
)
async def test_add_movie_validation(
    hass: HomeAssistant, radarr_entry: MockConfigEntry, data: dict[str, Any], key: str
) -> None:
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "add_movie", data)
    assert err.value.translation_key == key


async def test_unknown_profile_lists_valid_ones(hass: HomeAssistant, radarr_entry: MockConfigEntry) -> None:
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "add_movie", {"term": "Dune", "quality_profile": "Potato"})
    assert err.value.translation_placeholders == {"value": "Potato", "valid": "Any, HD-1080p, Ultra-HD"}


async def test_root_folder_required_with_several(
    hass: HomeAssistant, sonarr: FakeArr, unload_entries: None
) -> None:
    sonarr.root_folders[2] = {"id": 2, "path": "/anime", "accessible": True, "freeSpace": 1}
    await setup_entry(hass, make_entry(sonarr))
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "add_series", {"term": "Andor", "quality_profile": "Any"})
    assert err.value.translation_key == "root_folder_required"
    result = await _call(hass, "add_series", {"term": "Andor", "quality_profile": "Any", "root_folder": 2})
    assert result["path"] == "/anime/Andor"


async def test_add_already_present(
    hass: HomeAssistant, radarr: FakeArr, radarr_entry: MockConfigEntry
) -> None:
    owned = radarr.items[3]
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "add_movie", {"tmdb_id": owned["tmdbId"], "quality_profile": 1})
    assert err.value.translation_key == "already_added"


async def test_add_race_with_server_duplicate(
    hass: HomeAssistant, radarr: FakeArr, radarr_entry: MockConfigEntry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lookup said new, but the server already has it (added meanwhile)."""
    await _call(hass, "add_movie", {"tmdb_id": 335984, "quality_profile": 1})
    monkeypatch.setattr(radarr, "_lookup_pool", lambda: radarr.catalogue)
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "add_movie", {"tmdb_id": 335984, "quality_profile": 1})
    assert err.value.translation_key == "already_added"


async def test_add_rejected_by_server(
    hass: HomeAssistant, radarr: FakeArr, radarr_entry: MockConfigEntry
) -> None:
    radarr.quality_profiles.append({"id": 99, "name": "Ghost"})
    coordinator = radarr_entry.runtime_data.coordinator
    coordinator.force_all_tiers()
    await coordinator.async_refresh()
    radarr.quality_profiles.pop()
    with pytest.raises(HomeAssistantError) as err:
        await _call(hass, "add_movie", {"term": "Arrival", "quality_profile": "Ghost"})
    assert err.value.translation_key == "action_rejected"
    assert "QualityProfile does not exist" in str(err.value.translation_placeholders)


async def test_get_queue(hass: HomeAssistant, sonarr: FakeArr, sonarr_entry: MockConfigEntry) -> None:
    result = await _call(hass, "get_queue", {"max_items": 2})
    assert result["total"] == 3
    assert len(result["items"]) == 2
    item = result["items"][0]
    assert set(item) == {
        "id", "title", "status", "state", "progress", "size", "size_left", "time_left",
        "estimated_completion", "download_client", "protocol",
    }  # fmt: skip
    assert 0 < item["progress"] < 100
    assert item["download_client"] == "qBittorrent"


async def test_get_queue_unreachable(
    hass: HomeAssistant, sonarr: FakeArr, sonarr_entry: MockConfigEntry
) -> None:
    await sonarr.set_fault(Fault.REFUSED)
    with pytest.raises(HomeAssistantError) as err:
        await _call(hass, "get_queue", {})
    assert err.value.translation_key == "action_unreachable"


async def test_action_auth_failure(
    hass: HomeAssistant, sonarr: FakeArr, sonarr_entry: MockConfigEntry
) -> None:
    await sonarr.set_fault(Fault.UNAUTHORIZED)
    with pytest.raises(HomeAssistantError) as err:
        await _call(hass, "search_series", {"term": "x"})
    assert err.value.translation_key == "action_auth_failed"


async def test_entry_selection(
    hass: HomeAssistant,
    sonarr: FakeArr,
    radarr: FakeArr,
    sonarr_entry: MockConfigEntry,
    radarr_entry: MockConfigEntry,
) -> None:
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "search_series", {"term": "x", "config_entry_id": "nope"})
    assert err.value.translation_key == "service_config_entry_not_found"
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "search_series", {"term": "x", "config_entry_id": radarr_entry.entry_id})
    assert err.value.translation_key == "wrong_entry_kind"
    assert err.value.translation_placeholders["kinds"] == "Sonarr"
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "get_queue", {})
    assert err.value.translation_key == "multiple_entries"
    assert err.value.translation_placeholders["kinds"] == "Sonarr or Radarr"
    result = await _call(hass, "get_queue", {"config_entry_id": radarr_entry.entry_id})
    assert result["total"] == 3
    await hass.config_entries.async_unload(sonarr_entry.entry_id)
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "search_series", {"term": "x", "config_entry_id": sonarr_entry.entry_id})
    assert err.value.translation_key == "service_config_entry_not_loaded"
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "search_series", {"term": "x"})
    assert err.value.translation_key == "no_entry"


async def test_server_picked_by_device(
    hass: HomeAssistant,
    sonarr: FakeArr,
    radarr: FakeArr,
    sonarr_entry: MockConfigEntry,
    radarr_entry: MockConfigEntry,
) -> None:
    """The action forms pick a server by its device, offering only the fitting service's."""
    registry = dr.async_get(hass)
    radarr_device = registry.async_get(radarr_entry.runtime_data.device_id)
    assert radarr_device is not None
    result = await _call(hass, "get_queue", {"device_id": radarr_device.id})
    assert result["total"] == 3
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "search_series", {"term": "x", "device_id": radarr_device.id})
    assert err.value.translation_key == "wrong_entry_kind"
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "search_series", {"term": "x", "device_id": "no-such-device"})
    assert err.value.translation_key == "device_not_found"
    with pytest.raises(vol.Invalid, match="config_entry_id or device_id"):
        await _call(
            hass,
            "get_queue",
            {"device_id": radarr_device.id, "config_entry_id": radarr_entry.entry_id},
        )
    # The forms' device filters match the service's own device and nothing else of MediaNest.
    services = yaml.safe_load((Path(__file__).parents[2] / COMPONENT / "services.yaml").read_text())
    filters = services["add_movie"]["fields"]["device_id"]["selector"]["device"]["filter"]
    devices = [d for d in registry.devices if any(i[0] == DOMAIN for i in d.identifiers)]
    matching = [
        d
        for d in devices
        if any(d.manufacturer == f["manufacturer"] and d.model == f["model"] for f in filters)
    ]
    assert matching == [radarr_device]
