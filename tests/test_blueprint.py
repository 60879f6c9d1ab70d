"""The "media service down" blueprint: valid, and firing for services and Kuma monitors."""

from __future__ import annotations

from pathlib import Path
import shutil

from pytest_homeassistant_custom_component.common import MockConfigEntry, async_mock_service

from homeassistant.components.automation.helpers import async_get_blueprints
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component

from .conftest import refresh
from .fakes.arr import FakeArr
from .fakes.base import Fault
from .fakes.uptime_kuma import FakeUptimeKuma

BLUEPRINT = Path(__file__).parent.parent / "blueprints" / "automation" / "medianest" / "service_down.yaml"
PATH = "medianest/service_down.yaml"


async def _install(hass: HomeAssistant, config_dir: Path) -> None:
    hass.config.config_dir = str(config_dir)
    target = config_dir / "blueprints" / "automation" / "medianest"
    target.mkdir(parents=True)
    shutil.copy(BLUEPRINT, target / "service_down.yaml")


async def test_blueprint_is_valid(hass: HomeAssistant, tmp_path: Path) -> None:
    await _install(hass, tmp_path)
    blueprint = await async_get_blueprints(hass).async_get_blueprint(PATH)
    assert blueprint.name == "Notify when a media service goes down"
    assert set(blueprint.inputs) == {"services", "down_for", "down_actions", "notify_recovery", "up_actions"}
    selector = blueprint.inputs["services"]["selector"]["entity"]
    assert selector["filter"] == [
        {"integration": "medianest", "domain": ["binary_sensor"], "device_class": ["connectivity"]}
    ]


async def test_blueprint_fires_when_a_service_or_monitor_goes_down(
    hass: HomeAssistant,
    tmp_path: Path,
    sonarr: FakeArr,
    sonarr_entry: MockConfigEntry,
    kuma: FakeUptimeKuma,
    kuma_entry: MockConfigEntry,
) -> None:
    await _install(hass, tmp_path)
    calls = async_mock_service(hass, "test", "notify")
    action = {"action": "test.notify", "data": {"name": "{{ service_name }}", "down": "{{ went_down }}"}}
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": {
                "alias": "Media down",
                "use_blueprint": {
                    "path": PATH,
                    "input": {
                        "services": [
                            "binary_sensor.sonarr_connectivity",
                            "binary_sensor.nas_uptime_kuma_connectivity",
                        ],
                        "down_for": {"seconds": 0},
                        "down_actions": [action],
                        "up_actions": [action],
                    },
                },
            }
        },
    )
    await hass.async_block_till_done()

    await sonarr.set_fault(Fault.REFUSED)
    await refresh(hass, sonarr_entry)
    assert [c.data for c in calls] == [{"name": "Sonarr Connectivity", "down": True}]

    kuma.set_status(4, 0)
    await refresh(hass, kuma_entry)
    assert calls[-1].data == {"name": "NAS (Uptime Kuma) Connectivity", "down": True}

    await sonarr.set_fault(Fault.NONE)
    await refresh(hass, sonarr_entry)
    assert calls[-1].data == {"name": "Sonarr Connectivity", "down": False}
    assert len(calls) == 3
