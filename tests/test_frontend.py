"""The frontend module: its unit tests (Node's test runner) and a committed build that is current."""

from __future__ import annotations

import json
from pathlib import Path
import shutil
import subprocess

import pytest

ROOT = Path(__file__).resolve().parent.parent
FRONTEND = ROOT / "frontend"
BUILT = ROOT / "custom_components" / "medianest" / "frontend" / "medianest.js"

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or not (FRONTEND / "node_modules" / "lit").is_dir(),
    reason="Node.js or the frontend's npm packages are missing (scripts/setup installs them)",
)


def test_frontend_unit_tests() -> None:
    """Node's own test runner over frontend/test."""
    result = subprocess.run(
        ["node", "--test", "test/"], cwd=FRONTEND, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout


def test_the_committed_module_is_built_from_the_sources(tmp_path: Path) -> None:
    """scripts/build-frontend's esbuild command makes the committed file, byte for byte."""
    command = json.loads((FRONTEND / "package.json").read_text())["scripts"]["build"].split()
    assert command[0] == "esbuild"
    out = tmp_path / "medianest.js"
    command = [
        str(FRONTEND / "node_modules" / ".bin" / "esbuild"),
        *(f"--outfile={out}" if arg.startswith("--outfile=") else arg for arg in command[1:]),
    ]
    subprocess.run(command, cwd=FRONTEND, capture_output=True, timeout=120, check=True)
    assert out.read_bytes() == BUILT.read_bytes(), "run scripts/build-frontend and commit the module"
