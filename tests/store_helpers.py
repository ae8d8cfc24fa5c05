"""Story and annotation factories for the store tests, a full disk, and the writer the crash
test kills.

Run as a script (`python tests/store_helpers.py DATA_DIR SEED`) it opens a Store on DATA_DIR,
prints READY, then writes in a loop forever; after each `add_bookmark` returns it prints
`BOOKMARKED <id>`, and around each `remove_bookmark` `REMOVING <id>` / `REMOVED <id>`.
"""

from __future__ import annotations

import errno
import os
import random
import resource
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

if __name__ == "__main__":  # run as a script from a checkout: make `newsdesk` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsdesk.models import Actor, Annotation, Entity, Meeting, Place, Story

BASE = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def make_story(n: int, *, prefix: str = "s", days_old: int = 0, text: str | None = None) -> Story:
    moment = BASE - timedelta(days=days_old, minutes=n)
    return Story(
        id=f"{prefix}{n:06d}",
        feed_url="https://news.example.org/feed.xml",
        title=f"Story {n}: talks in Tripoli [bold]markup[/bold]",
        link=f"https://news.example.org/{prefix}/{n}",
        guid=f"guid-{prefix}-{n}",
        feed_title="Example News",
        published=moment.isoformat(),
        author="A. Reporter",
        summary=f"Summary of story {n}.",
        text=text if text is not None else f"Body of story {n}.\n\nSecond paragraph é ü 中文.",
        text_source="page",
        language="en",
        fetched=(BASE + timedelta(minutes=n)).isoformat(),
        tags=("world", "africa"),
    )


def make_annotation(version: str = "v1", *, actor: str = "Antonio Guterres") -> Annotation:
    return Annotation(
        entities=(Entity("Tripoli", "GPE", 10, 17), Entity(actor, "PERSON", 20, 20 + len(actor))),
        actors=(
            Actor(actor, "PERSON", ("Guterres", "UN chief"), 3, "UN Secretary-General"),
            Actor("Khalifa Haftar", "PERSON", ("Haftar",), 2, None),
        ),
        places=(Place("Tripoli", "Libya", "Africa", "Northern Africa", 10, 17),),
        countries=("Libya",),
        regions=("Africa",),
        subregions=("Northern Africa",),
        meetings=(
            Meeting(
                participants=(actor, "Khalifa Haftar"),
                place="Benghazi",
                country="Libya",
                when="on Friday",
                date="2019-04-05",
                evidence=f"{actor} met Khalifa Haftar in Benghazi on Friday.",
            ),
        ),
        summary=f"{actor} met Khalifa Haftar in Benghazi.",
        pipeline_version=version,
    )


REPO = Path(__file__).resolve().parents[1]


@contextmanager
def disk_fills_up(directory: Path, room: int = 0) -> Iterator[list[int]]:
    """Make `os.write` behave as on a disk with `room` bytes left, for files under `directory`
    (other files and pipes are untouched): the write that reaches the limit is cut short, as the
    kernel does, and later ones fail with ENOSPC. Yields [bytes written] so far."""
    real: Callable[[int, Any], int] = os.write
    written = [0]

    def write(fd: int, data: Any) -> int:
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            target = ""
        if not target.startswith(str(directory)):
            return real(fd, data)
        left = room - written[0]
        if left <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        count = real(fd, bytes(data[:left]))
        written[0] += count
        return count

    os.write = write  # type: ignore[assignment]
    try:
        yield written
    finally:
        os.write = real


def run_newsdesk(
    args: Sequence[str], *, file_size_limit: int | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`python -m newsdesk ARGS` in a subprocess; with `file_size_limit`, no file it writes can
    grow past that many bytes (RLIMIT_FSIZE: a write crossing it is cut short, the next fails
    with EFBIG), which is how a full disk looks to newsdesk."""

    def limit() -> None:
        if file_size_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.run(
        [sys.executable, "-m", "newsdesk", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        preexec_fn=limit,
    )


def crash_writer(data_dir: Path, seed: int) -> None:
    """Write forever (the crash test SIGKILLs this process at random moments)."""
    from newsdesk.store import Store

    rng = random.Random(seed)
    store = Store(data_dir)
    print("READY", flush=True)
    n = 0
    while True:
        n += 1
        batch = [
            make_story(i, prefix=f"c{seed}x", text="word " * rng.randint(50, 700))
            for i in range(n * 4, n * 4 + 4)
        ]
        store.add_stories(batch)
        store.set_annotations({s.id: make_annotation(f"v{n % 3}") for s in batch})
        chosen = rng.choice(batch).id
        if store.add_bookmark(chosen):
            print(f"BOOKMARKED {chosen}", flush=True)
        store.set_read([s.id for s in batch[:2]])
        if n % 3 == 0:
            victim = rng.choice(batch).id
            if store.is_bookmarked(victim):
                print(f"REMOVING {victim}", flush=True)
                store.remove_bookmark(victim)
                print(f"REMOVED {victim}", flush=True)


if __name__ == "__main__":
    crash_writer(Path(sys.argv[1]), int(sys.argv[2]))
