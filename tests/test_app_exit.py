"""The program's quick exit: a headless command run as the program ends without the
interpreter's teardown, after its output is flushed and its store closed; called from Python
code, `main` returns as any function does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from newsdesk.store import Store

# The program as its console script runs it, with a teardown step that prints a marker: the
# marker shows whether the interpreter was torn down.
_PROGRAM = (
    "import atexit, sys\n"
    "atexit.register(lambda: print('TORN-DOWN', file=sys.stderr))\n"
    "from newsdesk.cli import main\n"
    "sys.argv = ['newsdesk', *sys.argv[1:]]\n"
    "sys.exit(main())\n"
)


def _run(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["NEWSDESK_CONFIG"] = str(home / "config.toml")
    env["NEWSDESK_DATA_DIR"] = str(home / "data")
    return subprocess.run(
        [sys.executable, "-c", _PROGRAM, *argv],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_headless_command_ends_at_once_with_its_output_whole_and_its_store_closed(
    tmp_path: Path,
) -> None:
    done = _run(tmp_path, "refresh", "--no-annotate")  # the bundled stories: no network
    assert done.returncode == 0, done.stderr
    assert "TORN-DOWN" not in done.stderr
    assert "new stories" in done.stdout  # the summary was flushed before the end
    with Store(tmp_path / "data") as store:  # its lock was released: a writer may open it
        stored = {row.id for row in store.rows()}
    assert stored
    listed = _run(tmp_path, "stories", "--json", "--limit", "1000")
    assert listed.returncode == 0, listed.stderr
    assert "TORN-DOWN" not in listed.stderr
    assert {json.loads(line)["id"] for line in listed.stdout.splitlines()} == stored


def test_an_error_keeps_its_status_and_message(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("[fetch]\ntimeout = 'soon'\n", encoding="utf-8")
    done = _run(tmp_path, "refresh")
    assert done.returncode == 2
    assert "timeout" in done.stderr and "TORN-DOWN" not in done.stderr
    usage = _run(tmp_path, "stories", "--limit", "zero")  # refused by the argument parser
    assert usage.returncode == 2 and "TORN-DOWN" in usage.stderr  # no command ran


def test_called_from_python_main_returns_and_the_interpreter_ends_as_usual(
    tmp_path: Path,
) -> None:
    env = dict(os.environ)
    env["NEWSDESK_DATA_DIR"] = str(tmp_path / "data")
    env["NEWSDESK_CONFIG"] = str(tmp_path / "config.toml")
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('TORN-DOWN', file=sys.stderr))\n"
        "from newsdesk.cli import main\n"
        "status = main(['refresh', '--no-annotate'])\n"
        "print('RETURNED', status)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300
    )
    assert "RETURNED 0" in done.stdout
    assert "TORN-DOWN" in done.stderr
