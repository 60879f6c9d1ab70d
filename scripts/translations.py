"""Write translations/en.json from strings.json, resolving Home Assistant's common keys.

Run with the project's virtual environment: `.venv/bin/python scripts/translations.py`.
`--check` exits non-zero when en.json is out of date, or when another language's file
(de.json, fr.json, …) lacks a key of en.json, has one en.json does not, leaves a text empty
or names other placeholders than English ({title}, {error}, …); scripts/test runs it.
"""

from __future__ import annotations

import json
from pathlib import Path
import re
import sys
from typing import Any

import homeassistant

ROOT = Path(__file__).resolve().parent.parent
COMPONENT = ROOT / "custom_components" / "medianest"
KEY = re.compile(r"\[%key:([a-z0-9_:]+)%\]")


def _lookup(tree: dict[str, Any], path: str) -> str:
    node: Any = tree
    for part in path.split("::"):
        node = node[part]
    if not isinstance(node, str):
        raise KeyError(path)
    return node


def resolve(value: Any, common: dict[str, Any], own: dict[str, Any]) -> Any:
    """Replace every [%key:…%] reference with its text."""
    if isinstance(value, dict):
        return {k: resolve(v, common, own) for k, v in value.items()}
    if isinstance(value, str):

        def repl(match: re.Match[str]) -> str:
            path = match.group(1)
            if path.startswith("common::"):
                return resolve(_lookup(common, path), common, own)  # type: ignore[no-any-return]
            if path.startswith("component::medianest::"):
                return resolve(_lookup(own, path.removeprefix("component::medianest::")), common, own)  # type: ignore[no-any-return]
            raise KeyError(path)

        return KEY.sub(repl, value)
    return value


def build() -> str:
    """Return the text en.json should have."""
    common = json.loads((Path(homeassistant.__file__).parent / "strings.json").read_text())
    own = json.loads((COMPONENT / "strings.json").read_text())
    return json.dumps(resolve(own, common, own), indent=2, ensure_ascii=False) + "\n"


PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat |= _flatten(value, f"{prefix}{key}.")
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def check_languages(english: dict[str, Any]) -> list[str]:
    """What is wrong with the other languages' files, against English."""
    problems: list[str] = []
    reference = _flatten(english)
    for path in sorted((COMPONENT / "translations").glob("*.json")):
        if path.name == "en.json":
            continue
        texts = _flatten(json.loads(path.read_text()))
        language = path.stem
        problems += [f"{language}: missing {key}" for key in reference.keys() - texts.keys()]
        problems += [f"{language}: not in English {key}" for key in texts.keys() - reference.keys()]
        for key in reference.keys() & texts.keys():
            text = texts[key]
            if not isinstance(text, str) or not text.strip():
                problems.append(f"{language}: empty {key}")
            elif set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(reference[key])):
                problems.append(f"{language}: other placeholders in {key}")
    return sorted(problems)


def main() -> int:
    """Write or check translations/en.json; check the other languages."""
    target = COMPONENT / "translations" / "en.json"
    text = build()
    if "--check" in sys.argv:
        if not target.exists() or target.read_text() != text:
            print("translations/en.json is out of date: run scripts/translations.py")
            return 1
        if problems := check_languages(json.loads(text)):
            print("\n".join(problems))
            return 1
        return 0
    target.parent.mkdir(exist_ok=True)
    target.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
