"""SIGKILL a writing process at random moments: the database always loads, no bookmark is lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from newsdesk.store import Store

HELPER = Path(__file__).with_name("store_helpers.py")
KILLS = 40


def _run_and_kill(data_dir: Path, seed: int, delay: float, after: str) -> list[str]:
    """Start the writer, wait for its first line starting with `after`, then `delay` seconds,
    and SIGKILL it. Waiting for a line, not a time, keeps the test the same on a busy machine."""
    child = subprocess.Popen(
        [sys.executable, str(HELPER), str(data_dir), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            lines.append(line.strip())
            if line.startswith(after):
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert ready.wait(60), "writer never started"
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=60)
        reader.join(timeout=60)
    assert child.returncode == -signal.SIGKILL, (child.returncode, child.stderr.read())
    return lines


@pytest.mark.slow
def test_sigkill_while_writing_never_corrupts_or_loses_a_bookmark(tmp_path: Path) -> None:
    rng = random.Random(20261127)
    confirmed: set[str] = set()
    maybe_removed: set[str] = set()
    bookmarks_seen = 0
    for kill in range(KILLS):
        # half the kills land anywhere from the start, half once a bookmark is confirmed
        after = "READY" if kill % 2 else "BOOKMARKED"
        lines = _run_and_kill(tmp_path, seed=kill, delay=rng.uniform(0.005, 0.2), after=after)
        assert lines[0] == "READY"
        for line in lines[1:]:
            word, _, story_id = line.partition(" ")
            if word == "BOOKMARKED":
                confirmed.add(story_id)
            elif word == "REMOVING":
                maybe_removed.add(story_id)
        with Store(tmp_path) as store:
            assert store.messages == [], f"after kill {kill}: {store.messages}"
            assert not [p for p in tmp_path.rglob("*") if ".corrupt-" in p.name]
            kept = {story.id: story for story, _, _ in store.bookmarks()}
            missing = confirmed - maybe_removed - set(kept)
            assert not missing, f"after kill {kill}: bookmarks lost: {sorted(missing)}"
            for story_id in confirmed - maybe_removed:
                assert kept[story_id].text.startswith("word ")  # the full copy, text included
            rows = store.rows()
            assert all(store.story(r.id) is not None for r in rows[:20])
            bookmarks_seen = len(kept)
    assert bookmarks_seen > 0 and len(confirmed) >= KILLS // 2
