"""The README's quick start, the CI script, and start-up without heavy imports."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
CI = REPO / ".ci" / "run"


def quick_start_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def test_readme_quick_start_is_two_commands() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2
    install_and_run, install_and_test = commands
    assert install_and_run.startswith("pip install .") and install_and_run.endswith("newsdesk")
    assert "[test]" in install_and_test and "pytest" in install_and_test


def test_ci_runs_the_second_command_verbatim() -> None:
    script = CI.read_text(encoding="utf-8")
    assert script.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in script
    assert quick_start_commands()[1] in script
    assert os.access(CI, os.X_OK)


def newsdesk(
    tmp_path: Path, *argv: str, code: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["NEWSDESK_CONFIG"] = str(tmp_path / "config.toml")
    env["NEWSDESK_DATA_DIR"] = str(tmp_path / "data")
    command = (
        [sys.executable, "-m", "newsdesk", *argv]
        if code is None
        else [sys.executable, "-c", code, *argv]
    )
    return subprocess.run(
        command,
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
    )


HEAVY = ("spacy", "textual", "trafilatura")
LIST_AND_REPORT_IMPORTS = (
    "import sys\n"
    "from newsdesk.cli import main\n"
    "status = main(sys.argv[1:])\n"
    f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})\n"
    "print('HEAVY', heavy, file=sys.stderr)\n"
    "raise SystemExit(status)\n"
)


def test_listing_stories_imports_no_heavy_module(tmp_path: Path) -> None:
    done = newsdesk(tmp_path, "refresh", "--no-annotate", code=LIST_AND_REPORT_IMPORTS)
    assert done.returncode == 0, done.stderr
    assert "10 new stories" in done.stdout
    assert "HEAVY ['trafilatura'" not in done.stderr  # the seed feed needs no page extraction
    done = newsdesk(tmp_path, "stories", "--limit", "50", code=LIST_AND_REPORT_IMPORTS)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 10
    assert "HEAVY []" in done.stderr


@pytest.mark.slow
def test_embedded_default_from_nothing(tmp_path: Path) -> None:
    """`newsdesk stories` on a fresh machine: seeds, annotates, lists (no network, no config)."""
    done = newsdesk(tmp_path, "stories", "--json")
    assert done.returncode == 0, done.stderr
    stories = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(stories) >= 9
    assert all(story["annotated"] for story in stories)
    libya = next(s for s in stories if s["link"] == "newsdesk-seed:libya-guterres-haftar.txt")
    assert "Libya" in libya["countries"]
    assert "Northern Africa" in libya["subregions"]
    assert any(actor["name"] == "Khalifa Haftar" for actor in libya["actors"])
    assert libya["meetings"] and libya["summary"]
    done = newsdesk(tmp_path, "stories", "--actor", "haftar", "--json")
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == [libya["id"]]
    done = newsdesk(tmp_path)  # no subcommand and no terminal: the list, not the reader
    assert done.returncode == 0, done.stderr
    assert "UN chief Guterres flies to eastern Libya" in done.stdout


@pytest.mark.slow
def test_newsdesk_opens_the_reader_on_a_terminal(tmp_path: Path) -> None:
    """The first quick-start command: `newsdesk` on a terminal shows the seed stories; q quits."""
    import fcntl
    import pty
    import select
    import struct
    import termios
    import time

    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = dict(os.environ)
    env.update(
        NEWSDESK_CONFIG=str(tmp_path / "config.toml"),
        NEWSDESK_DATA_DIR=str(tmp_path / "data"),
        TERM="xterm-256color",
        COLUMNS="120",
        LINES="40",
    )
    child = subprocess.Popen(
        [sys.executable, "-m", "newsdesk"],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=env,
        cwd=tmp_path,
        start_new_session=True,
    )
    os.close(terminal)
    screen = b""
    try:
        deadline = time.monotonic() + 60
        while b"Guterres" not in screen and time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 0.5)
            if ready:
                try:
                    screen += os.read(controller, 65536)
                except OSError:
                    break
        assert b"Guterres" in screen, screen[-2000:]
        time.sleep(0.5)
        os.write(controller, b"q")
        deadline = time.monotonic() + 30
        while child.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 0.2)
            if ready:  # keep draining the terminal, or the app blocks writing to it
                try:
                    os.read(controller, 65536)
                except OSError:
                    break
        assert child.wait(timeout=5) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(controller)
    assert (tmp_path / "data").is_dir()
