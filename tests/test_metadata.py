"""The integration's metadata files agree with each other and with what HACS expects."""

from __future__ import annotations

import json
from pathlib import Path
import subprocess
import sys

from PIL import Image
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPONENT = ROOT / "custom_components" / "medianest"


def _json(path: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(path.read_text())


def test_manifest_key_order() -> None:
    keys = list(_json(COMPONENT / "manifest.json"))
    assert keys[:2] == ["domain", "name"]
    assert keys[2:] == sorted(keys[2:])
    for key in ("version", "codeowners", "config_flow", "documentation", "issue_tracker", "iot_class",
                "integration_type", "requirements", "loggers"):  # fmt: skip
        assert key in keys


def test_version_matches_manifest() -> None:
    """The version MediaNest gives Plex is the manifest's."""
    from custom_components.medianest.const import VERSION

    assert _json(COMPONENT / "manifest.json")["version"] == VERSION


def test_hacs_json() -> None:
    hacs = _json(ROOT / "hacs.json")
    valid = {"name", "content_in_root", "zip_release", "filename", "hide_default_branch", "country",
             "homeassistant", "hacs", "persistent_directory", "render_readme"}  # fmt: skip
    assert set(hacs) <= valid
    assert hacs["homeassistant"].startswith("2026.")


def test_translations_are_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "translations.py"), "--check"],
        check=False,
        capture_output=True,
    )
    assert result.returncode == 0, result.stdout


def test_actions_are_described_everywhere() -> None:
    services = yaml.safe_load((COMPONENT / "services.yaml").read_text())
    strings = _json(COMPONENT / "strings.json")["services"]
    icons = _json(COMPONENT / "icons.json")["services"]
    assert set(services) == set(strings) == set(icons)
    for name, spec in services.items():
        assert set((spec or {}).get("fields") or {}) == set(strings[name].get("fields", {})), name


def test_selector_translations_exist() -> None:
    services = yaml.safe_load((COMPONENT / "services.yaml").read_text())
    selectors = _json(COMPONENT / "strings.json")["selector"]
    for spec in services.values():
        for field in ((spec or {}).get("fields") or {}).values():
            select = field.get("selector", {}).get("select")
            if select and "translation_key" in select:
                assert set(select["options"]) == set(selectors[select["translation_key"]]["options"])


def test_entity_icons_have_names() -> None:
    icons = _json(COMPONENT / "icons.json")["entity"]
    names = _json(COMPONENT / "strings.json")["entity"]
    for platform, keys in icons.items():
        assert set(keys) <= set(names[platform]), platform


def test_brand_images() -> None:
    assert Image.open(COMPONENT / "brand" / "icon.png").size == (256, 256)
    assert Image.open(COMPONENT / "brand" / "icon@2x.png").size == (512, 512)
    assert (COMPONENT / "brand" / "logo.png").exists()


def test_ytdlp_requirement_coexists_with_core() -> None:
    """The yt-dlp range admits the version core's media_extractor pins (no install fights)."""
    from packaging.requirements import Requirement

    from homeassistant.components import media_extractor

    ours = next(
        Requirement(r) for r in _json(COMPONENT / "manifest.json")["requirements"] if r.startswith("yt-dlp")
    )
    core = next(
        Requirement(r)
        for r in _json(Path(media_extractor.__file__).parent / "manifest.json")["requirements"]
        if r.startswith("yt-dlp")
    )
    [pin] = core.specifier
    assert pin.operator == "=="
    assert ours.specifier.contains(pin.version)
    assert not any(spec.operator in ("==", "<", "<=", "~=") for spec in ours.specifier)


def _subclasses(cls: type) -> list[type]:
    return [cls, *(sub for child in cls.__subclasses__() for sub in _subclasses(child))]


def test_every_error_has_its_translation() -> None:
    """Each client error, each reason a page cannot be queued: a key that strings.json has."""
    from custom_components.medianest.api import MedianestApiError
    from custom_components.medianest.apps.arr.actions import PICK_ERROR_KEYS
    from custom_components.medianest.apps.downloader.coordinator import PROBE_ERROR_KEYS
    from custom_components.medianest.core.coordinator import update_failed_key

    exceptions = json.loads((COMPONENT / "strings.json").read_text())["exceptions"]
    for cls in _subclasses(MedianestApiError):
        assert update_failed_key(cls.__new__(cls)) in exceptions, cls
    for key in [*PROBE_ERROR_KEYS.values(), *(k for pair in PICK_ERROR_KEYS.values() for k in pair)]:
        assert key in exceptions, key
