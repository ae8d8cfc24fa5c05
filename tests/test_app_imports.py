"""Import hygiene: each headless entry point, started in a fresh interpreter, loads Textual,
spaCy and trafilatura only when its work needs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("spacy", "textual", "trafilatura")

_REPORT = (
    "import json, sys\n"
    "from newsdesk.cli import main\n"
    "status = main(sys.argv[1:])\n"
    f"heavy = sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))\n"
    "print('HEAVY=' + json.dumps(heavy), file=sys.stderr)\n"
    "raise SystemExit(status)\n"
)


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["NEWSDESK_CONFIG"] = str(home / "config.toml")
    env["NEWSDESK_DATA_DIR"] = str(home / "data")
    return env


def _heavy_after(home: Path, *argv: str, stdin: str = "") -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _REPORT, *argv],
        cwd=home,
        env=_env(home),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stderr.splitlines() if x.startswith("HEAVY="))
    return list(json.loads(line.removeprefix("HEAVY=")))


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir holding the seed stories, stored but not annotated (no model needed)."""
    home = tmp_path_factory.mktemp("imports")
    assert _heavy_after(home, "refresh", "--no-annotate") == []
    return home


@pytest.mark.parametrize(
    "argv",
    [
        ("stories", "--limit", "5"),
        ("stories", "--json", "--actor", "Haftar", "--region", "Africa"),
        ("feeds", "--json"),
        ("export-opml",),
        ("bookmarks", "list"),
        ("bookmarks", "export", "--format", "markdown"),
        ("refresh", "--no-annotate", "--json"),
    ],
    ids=" ".join,
)
def test_listing_and_refreshing_load_no_heavy_module(home: Path, argv: tuple[str, ...]) -> None:
    assert _heavy_after(home, *argv) == []


def test_annotate_loads_spacy_but_not_the_reader_or_the_extractor(home: Path) -> None:
    line = json.dumps({"id": "1", "text": "Ann Smith met Bob Jones in Paris on Monday."})
    assert _heavy_after(home, "annotate", stdin=line + "\n") == ["spacy"]


@pytest.mark.parametrize(
    ("module", "allowed"),
    [
        ("newsdesk.config", ()),
        ("newsdesk.models", ()),
        ("newsdesk.query", ()),
        ("newsdesk.store", ()),
        ("newsdesk.desk", ()),
        ("newsdesk.output", ()),
        ("newsdesk.ingest.fetch", ()),
        ("newsdesk.ingest.parse", ()),
        ("newsdesk.ingest.refresh", ()),
        ("newsdesk.ingest.extract", ()),  # trafilatura only once a page is extracted
        ("newsdesk.nlp.pipeline", ("spacy",)),
        ("newsdesk.ui.app", ("textual",)),
    ],
)
def test_importing_a_module_loads_only_what_it_needs(module: str, allowed: tuple[str, ...]) -> None:
    code = (
        "import json, sys, importlib\n"
        f"importlib.import_module({module!r})\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    loaded = json.loads(done.stdout)
    assert set(loaded) <= set(allowed), f"{module} loads {loaded}"
    if allowed:
        assert set(allowed) <= set(loaded)  # the check above could not pass by loading nothing


def test_the_version_is_the_one_pyproject_declares() -> None:
    import tomllib

    import newsdesk

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    declared = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    assert newsdesk.__version__ == declared
