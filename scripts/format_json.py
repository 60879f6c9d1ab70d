"""Format strings.json and icons.json the way the project keeps them: compact small objects.

Usage: `python scripts/format_json.py custom_components/medianest/strings.json ...`
"""

from __future__ import annotations

import json
import sys
from typing import Any

WIDTH = 110


def dump(value: Any, indent: int = 0) -> str:
    """JSON text with objects of at most two plain values on one line."""
    pad = "  " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        if len(value) <= 2 and all(not isinstance(v, (dict, list)) for v in value.values()):
            one = (
                "{ "
                + ", ".join(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in value.items())
                + " }"
            )
            if len(one) + len(pad) < WIDTH:
                return one
        inner = ",\n".join(f"{pad}  {json.dumps(k)}: {dump(v, indent + 1)}" for k, v in value.items())
        return "{\n" + inner + "\n" + pad + "}"
    return json.dumps(value, ensure_ascii=False)


if __name__ == "__main__":
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
        with open(path, "w", encoding="utf-8") as file:
            file.write(dump(data) + "\n")
