"""The sentences and answers of the language MediaNest speaks (`<language>.yaml` here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.util.yaml import load_yaml_dict

from ..const import DOMAIN

VOICE_DIR = Path(__file__).parent
DATA_VOICE = f"{DOMAIN}_voice"


@dataclass
class Voice:
    """What is registered: the sentence trigger, and what each of its sentences means."""

    language: dict[str, Any]
    meanings: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)
    unregister: Any = None


def load_language(code: str) -> dict[str, Any] | None:
    """A language's sentences and answers (blocking: reads a file)."""
    path = VOICE_DIR / f"{code}.yaml"
    if not path.is_file():
        return None
    return dict(load_yaml_dict(path))


def responses(hass: HomeAssistant) -> dict[str, str]:
    """The answers of the language the sentences were registered in."""
    voice: Voice | None = hass.data.get(DATA_VOICE)
    return dict(voice.language["responses"]) if voice else {}


def phrase(hass: HomeAssistant, key: str, **values: Any) -> str:
    """One answer with its values filled in (the key itself when the language lacks it)."""
    text = responses(hass).get(key, key)
    return text.format(**{k: v for k, v in values.items() if v is not None})
