"""The embedded default: bundled seed stories, stored with no network, found in a wheel too."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest

from newsdesk.config import load_config
from newsdesk.desk import Desk

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
LIBYA = "libya-guterres-haftar.txt"


def seed_items() -> list[ET.Element]:
    return ET.parse(SEEDS / "feed.xml").getroot().findall("./channel/item")


def test_feed_lists_every_story_file() -> None:
    links = [item.findtext("link") for item in seed_items()]
    files = sorted(p.name for p in SEEDS.glob("*.txt"))
    assert sorted(link.removeprefix("newsdesk-seed:") for link in links if link) == files
    assert len(files) >= 9
    for item in seed_items():
        for field in ("title", "guid", "pubDate", "description"):
            assert (item.findtext(field) or "").strip(), f"{item.findtext('link')}: no {field}"
    libya = next(i for i in seed_items() if i.findtext("link") == f"newsdesk-seed:{LIBYA}")
    assert (libya.findtext("pubDate") or "").startswith("Fri, 05 Apr 2019")


def test_written_stories_cover_the_brief() -> None:
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt") if p.name != LIBYA}
    assert len(texts) >= 8
    for name, text in texts.items():
        assert 150 <= len(text.split()) <= 400, name
    joined = "\n".join(texts.values())
    assert len(re.findall(r"spoke by phone|by telephone|phone call", joined)) == 1
    assert len(re.findall(r"is due to meet|will meet", joined)) == 1
    for wording in ("held talks with", " met ", "hosted", "received", "visited"):
        assert wording in joined, wording
    quiet = [n for n, t in texts.items() if not re.search(r"\bmet\b|talks with|hosted|phone", t)]
    assert len(quiet) >= 2  # some stories report no meeting at all


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the embedded default must not use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_ensure_seeded_stores_every_seed_without_network(no_network: None) -> None:
    with Desk(load_config()) as desk:
        assert desk.ensure_seeded() is True
        rows = desk.store.rows()
        assert len(rows) == len(seed_items()) >= 9
        assert not any(row.annotated for row in rows)  # the reader annotates in a worker
        libya = next(row for row in rows if row.link == f"newsdesk-seed:{LIBYA}")
        story = desk.store.story(libya.id)
        assert story is not None and story.text_source == "seed"
        assert story.text == (SEEDS / LIBYA).read_text(encoding="utf-8").rstrip()
        assert story.published is not None and story.published.startswith("2019-04-05")
        assert desk.ensure_seeded() is False  # once is enough
    with Desk(load_config()) as desk:
        assert desk.ensure_seeded() is False
        assert len(desk.store.rows()) == len(seed_items())


def test_seeds_are_not_used_when_feeds_are_configured(config_file: Path) -> None:
    config_file.write_text('[[feeds]]\nurl = "http://127.0.0.1:9/feed.xml"\n')
    with Desk(load_config()) as desk:
        assert desk.ensure_seeded() is False
        assert desk.store.rows() == []


def _have_build_backend() -> bool:
    try:
        import hatchling  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.slow
def test_wheel_contains_the_seeds_and_finds_them(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    for name in ("newsdesk", "seeds"):
        shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    command = [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-w", str(tmp_path)]
    if _have_build_backend():
        command.append("--no-build-isolation")  # no download needed
    done = subprocess.run(command, cwd=source, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("newsdesk-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for seed in SEEDS.iterdir():
            assert f"newsdesk/_seeds/{seed.name}" in names
        assert archive.read(f"newsdesk/_seeds/{LIBYA}") == (SEEDS / LIBYA).read_bytes()
        unpacked = tmp_path / "unpacked"
        archive.extractall(unpacked)
    found = subprocess.run(
        [
            sys.executable,
            "-c",
            "from newsdesk.ingest.seeds import seed_dir; print(seed_dir())",
        ],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(unpacked)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert found.returncode == 0, found.stderr
    assert Path(found.stdout.strip()) == unpacked / "newsdesk" / "_seeds"
