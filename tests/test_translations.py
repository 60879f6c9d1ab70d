"""Every language MediaNest speaks is complete, and Home Assistant serves it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from custom_components.medianest.const import DOMAIN
from homeassistant.core import HomeAssistant
from homeassistant.helpers.translation import async_get_translations
from scripts import translations

LANGUAGES = ("de", "en", "es", "fr", "it", "nl")


def test_every_language_has_every_text() -> None:
    files = sorted(p.stem for p in (translations.COMPONENT / "translations").glob("*.json"))
    assert tuple(files) == LANGUAGES
    english = json.loads((translations.COMPONENT / "translations" / "en.json").read_text())
    assert translations.check_languages(english) == []


def test_the_check_finds_what_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    english = {"exceptions": {"a": {"message": "Cannot reach {title}: {error}"}, "b": {"message": "Hi"}}}
    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "en.json").write_text(json.dumps(english))
    broken = {"exceptions": {"a": {"message": "{title} ist nicht erreichbar"}, "c": {"message": " "}}}
    (tmp_path / "translations" / "de.json").write_text(json.dumps(broken))
    monkeypatch.setattr(translations, "COMPONENT", tmp_path)
    assert translations.check_languages(english) == [
        "de: missing exceptions.b.message",
        "de: not in English exceptions.c.message",
        "de: other placeholders in exceptions.a.message",
    ]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Einen Mediendienst hinzufügen"),
        ("fr", "Ajouter un service multimédia"),
        ("es", "Añadir un servicio multimedia"),
        ("nl", "Een mediadienst toevoegen"),
        ("it", "Aggiungi un servizio multimediale"),
    ],
)
async def test_home_assistant_serves_each_language(hass: HomeAssistant, language: str, text: str) -> None:
    strings = await async_get_translations(hass, language, "config", {DOMAIN})
    assert strings[f"component.{DOMAIN}.config.step.user.title"] == text
