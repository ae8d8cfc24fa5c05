"""The worker pool under a UI: it starts whatever sys.stderr is, its workers keep off the screen,
and when it cannot work the stories are annotated in this process and the reason is told once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdesk import processes
from newsdesk.models import Annotation
from newsdesk.nlp import helpers as helpers_module
from newsdesk.nlp import pipeline
from newsdesk.nlp.helpers import HELPER_CHUNK
from newsdesk.nlp.pipeline import Annotator

CITIES = [("Nairobi", "Kenya"), ("Lima", "Peru"), ("Hanoi", "Vietnam"), ("Oslo", "Norway")]


def city_story(i: int) -> tuple[str, str | None, str | None]:
    city, _ = CITIES[i % len(CITIES)]
    text = f"Story {i}. Minister Maria Lopez met John Carter in {city} on Monday to discuss trade."
    return text, None, "2026-11-20T10:00:00+00:00"


# Run in a fresh interpreter: multiprocessing starts its helper processes once per process, so
# only a process that has not started them yet shows how they start.
UI_LIKE = textwrap.dedent(
    """
    import json, os, sys, threading
    from newsdesk.nlp.pipeline import Annotator

    class Captured:  # what a UI puts in sys.stderr: output is captured, there is no file
        def write(self, text): return len(text)
        def flush(self): pass
        def fileno(self): return -1

    CITIES = [("Nairobi", "Kenya"), ("Lima", "Peru"), ("Hanoi", "Vietnam"), ("Oslo", "Norway")]
    items = [
        (f"Story {i}. Minister Maria Lopez met John Carter in {CITIES[i % 4][0]} on Monday.",
         None, None)
        for i in range(48)
    ]
    report = {}

    def run():  # from a thread, as the reader does (so the pool forks from a forkserver)
        captured = Captured()
        sys.stderr = captured
        try:
            with Annotator(processes=2, batch_size=8) as annotator:
                out = list(annotator.annotate_many(items))
                pool = annotator._pool
                pids = list(pool._processes) if pool is not None else []
                report["worker_stderr"] = [os.readlink(f"/proc/{p}/fd/2") for p in pids]
            report["countries"] = [a.countries[:1] for a in out]
            report["pool_failure"] = annotator.pool_failure
            report["stderr_restored"] = sys.stderr is captured
        except Exception as exc:
            report["error"] = repr(exc)
        finally:
            sys.stderr = sys.__stderr__

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    print(json.dumps(report))
    """
)


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_pool_starts_when_stderr_has_no_file_and_its_workers_write_nowhere(
    tmp_path: Path,
) -> None:
    script = tmp_path / "ui_like.py"
    script.write_text(UI_LIKE, encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(Path(pipeline.__file__).parents[2]), *sys.path])
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=600
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert "error" not in report, report.get("error")
    assert report["pool_failure"] is None  # the work was done by the pool, not in-process
    assert report["countries"] == [[CITIES[i % 4][1]] for i in range(48)]
    assert report["worker_stderr"] and set(report["worker_stderr"]) == {os.devnull}
    assert report["stderr_restored"]


class _RefusedPool:
    """Stands in for the operating system refusing to start processes."""

    starts = 0

    def __init__(self, *args: object, **kwargs: object) -> None:
        type(self).starts += 1
        raise OSError(24, "Too many open files")


def test_a_pool_that_cannot_start_leaves_the_work_here_and_says_so_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _RefusedPool.starts = 0
    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", _RefusedPool)
    monkeypatch.setattr(pipeline, "start_method", lambda: "spawn")  # nothing to preload
    told: list[str] = []
    items = [city_story(i) for i in range(20)]
    with Annotator(processes=2, batch_size=4) as annotator:
        first = list(annotator.annotate_many(items, on_fallback=told.append))
        again = list(annotator.annotate_many(items[:12], on_fallback=told.append))
    assert [a.countries[:1] for a in first] == [(CITIES[i % 4][1],) for i in range(20)]
    assert [a.countries[:1] for a in again] == [(CITIES[i % 4][1],) for i in range(12)]
    assert len(told) == 1 and "Too many open files" in told[0]
    assert "in this process" in told[0]
    assert annotator.pool_failure == told[0]
    assert _RefusedPool.starts == 1  # not tried again for every batch


def test_stderr_without_a_file_is_given_one_only_while_workers_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Captured:
        def write(self, text: str) -> int:
            return len(text)

        def fileno(self) -> int:
            return -1

    captured = Captured()
    monkeypatch.setattr(sys, "stderr", captured)
    with processes.stderr_with_a_file():
        assert sys.stderr is not captured and sys.stderr.fileno() >= 0
    assert sys.stderr is captured
    real = sys.__stderr__
    monkeypatch.setattr(sys, "stderr", real)
    with processes.stderr_with_a_file():
        assert sys.stderr is real  # a real file is left alone


def _city_countries(annotations: list[Annotation]) -> list[tuple[str, ...]]:
    return [tuple(a.countries[:1]) for a in annotations]


@pytest.mark.slow
def test_helpers_join_a_stream_once_allowed_and_the_order_is_kept() -> None:
    asked: list[int] = []

    def helpers() -> int:  # none for the first chunks, as while pages are still extracted
        asked.append(1)
        return 1 if len(asked) > 2 else 0

    annotator = Annotator(processes=1, batch_size=8)
    deadline = time.monotonic() + 60  # only so that a broken helper fails instead of hanging

    def arriving() -> Iterator[tuple[str, str | None, str | None]]:
        """Stories as a refresh stores them: later ones trickle in until a helper is up (it
        loads the model first), so that it has some left to take."""
        for i in range(96):
            if i >= 24 and not annotator._helped.chunks_helped and time.monotonic() < deadline:
                time.sleep(0.1)
            yield city_story(i)

    told: list[str] = []
    with annotator:
        out = list(annotator.annotate_many(arriving(), told.append, helpers))
        helped = annotator._helped.chunks_helped
    assert _city_countries(out) == [(CITIES[i % 4][1],) for i in range(96)]
    assert helped >= 1  # a helper process took chunks ...
    assert helped < 96 // HELPER_CHUNK  # ... and this process did its share
    assert told == [] and annotator.pool_failure is None


def test_helpers_that_cannot_start_leave_the_work_here_and_say_so_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _RefusedPool.starts = 0
    monkeypatch.setattr(helpers_module, "ProcessPoolExecutor", _RefusedPool)
    told: list[str] = []
    items = [city_story(i) for i in range(20)]
    with Annotator(processes=1, batch_size=4) as annotator:
        first = list(annotator.annotate_many(items, told.append, lambda: 1))
        again = list(annotator.annotate_many(items[:12], told.append, lambda: 1))
    assert _city_countries(first) == [(CITIES[i % 4][1],) for i in range(20)]
    assert _city_countries(again) == [(CITIES[i % 4][1],) for i in range(12)]
    assert len(told) == 1 and "Too many open files" in told[0]
    assert "in this process" in told[0]
    assert _RefusedPool.starts == 1  # not tried again for every chunk


def test_without_helpers_allowed_no_helper_process_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _RefusedPool.starts = 0
    monkeypatch.setattr(helpers_module, "ProcessPoolExecutor", _RefusedPool)
    items = [city_story(i) for i in range(20)]
    with Annotator(processes=1, batch_size=4) as annotator:
        out = list(annotator.annotate_many(items, None, lambda: 0))
    assert _city_countries(out) == [(CITIES[i % 4][1],) for i in range(20)]
    assert _RefusedPool.starts == 0 and annotator.pool_failure is None
