"""The code gates run with the tests: ruff's lint rules and mypy --strict over the package."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _tool(name: str) -> list[str]:
    """Run the tool from this Python's environment (falls back to the PATH)."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return [str(beside)]
    found = shutil.which(name)
    assert found, f"{name} is not installed: pip install '.[test]'"
    return [found]


def test_ruff_lint_passes() -> None:
    targets = [p for p in ("newsdesk", "tests", "benchmarks") if (REPO / p).is_dir()]
    done = subprocess.run(
        [*_tool("ruff"), "check", "--no-cache", *targets],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_mypy_strict_passes() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "newsdesk"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_import_contracts_hold() -> None:
    """The architecture contracts in pyproject.toml ([tool.importlinter])."""
    done = subprocess.run(
        [*_tool("lint-imports"), "--no-cache"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    kept = [line for line in done.stdout.splitlines() if line.endswith(" KEPT")]
    assert len(kept) >= 4, done.stdout
