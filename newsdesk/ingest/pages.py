"""The extraction stage of a refresh: downloaded pages become text away from the event loop.

trafilatura is pure-Python CPU work. Run in a thread of the refreshing process it competes with
the event loop for the interpreter lock, so downloads stall while pages are cleaned. Once a
refresh has more than a handful of pages, `PageExtractor` hands them to worker processes (on
the other cores) instead; a few pages (a small feed, the tests) stay in a thread, where no
worker start-up is paid. Workers are started with "spawn": a fresh interpreter, safe from the
threads of the reader, and independent of the forkserver the annotation pool preloads.

A pool that cannot start or breaks sends its pages (and every later one) back to a thread, so
a page never fails because of the pool. Worker processes of a reader, whose standard error is
the screen, write to the null device.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import pickle
import sys
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor

from newsdesk.ingest.fetch import FetchResult
from newsdesk.models import Story
from newsdesk.processes import (
    cpu_count,
    has_file,
    silence_stdio,
    stderr_with_a_file,
    stop_pool,
)

PROCESS_PAGES = 12  # pages: from this many on, extraction moves to a worker process
# Niceness added to the extraction process while stories are annotated as they arrive. There
# annotation is the longest stage by far (~40 ms a story against ~3 ms a page), so the pages
# have time to spare: on a busy machine the cores go to annotation first.
BESIDE_ANNOTATION_NICE = 10
WORKERS = 1  # extraction processes: one keeps pace with 8 downloads at once (3-6 ms a page);
# a second one cost more in hand-offs on the refreshing process than it saved (measured on
# 600 pages: 6.0 s with one worker, 7.1 s with two, 7.4 s in threads)

log = logging.getLogger(__name__)


def extract_story(story: Story, result: FetchResult) -> Story:
    """`story` with the text of its downloaded page when that is better (blocking)."""
    from newsdesk.ingest.extract import choose_text, extract_page

    page = extract_page(result.content, result.final_url, result.content_type)
    return choose_text(story, page)


class PageExtractor:
    """Extracts pages for one refresh; `close()` stops its worker processes."""

    def __init__(
        self, workers: int | None = None, threshold: int = PROCESS_PAGES, *, nice: int = 0
    ) -> None:
        wanted = WORKERS if workers is None else workers
        self.nice = nice  # added to the worker processes' niceness (a lower CPU priority)
        self.workers = max(0, min(wanted, cpu_count() - 1 or 1))
        self.threshold = threshold
        self.pool_failure: str | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._seen = 0  # pages given to `extract`
        self._expected = 0  # pages announced by `expect`

    def expect(self, pages: int) -> None:
        """`pages` more pages are on their way: enough of them start the worker process at
        once, so that the refreshing process never imports trafilatura."""
        self._expected += pages

    async def extract(self, story: Story, result: FetchResult) -> Story:
        self._seen += 1
        loop = asyncio.get_running_loop()
        pool = self._pool_for_next()
        if pool is not None:
            try:
                with stderr_with_a_file():  # a worker process may start here
                    future = loop.run_in_executor(pool, extract_story, story, result)
                return await future
            except (BrokenExecutor, OSError, RuntimeError, pickle.PicklingError) as exc:
                self._fail(exc)  # a broken pool costs nothing but speed
        return await asyncio.to_thread(extract_story, story, result)

    def _pool_for_next(self) -> Executor | None:
        if self._pool is not None:
            return self._pool
        if (
            self.workers < 1
            or self.pool_failure is not None
            or max(self._seen, self._expected) < self.threshold
        ):
            return None
        try:
            with stderr_with_a_file():
                self._pool = ProcessPoolExecutor(
                    max_workers=self.workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_worker_init,
                    initargs=(not has_file(sys.stderr), self.nice),
                )
        except Exception as exc:  # noqa: BLE001 - no processes here: threads will do
            self._fail(exc)
        return self._pool

    def _fail(self, exc: BaseException) -> None:
        if self.pool_failure is None:
            self.pool_failure = f"page extraction processes failed ({type(exc).__name__})"
            log.warning("%s: %s; extracting in threads instead", self.pool_failure, exc)
        self.close(wait=False)

    def close(self, wait: bool = True) -> None:
        """End the worker process at once: its pages are done, or no longer wanted (left to
        exit by itself, at its low priority beside annotation it took seconds, its memory
        held beside the annotation helper that starts then)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            stop_pool(pool, wait)


def _worker_init(quiet: bool, nice: int = 0) -> None:
    if quiet:
        silence_stdio()
    import trafilatura  # noqa: F401

    from newsdesk.ingest import extract  # noqa: F401 - import trafilatura once, at start

    # Only now: the first texts, which annotation waits for, come out as soon as they can.
    if nice:
        with contextlib.suppress(OSError):
            os.nice(nice)


__all__ = ["BESIDE_ANNOTATION_NICE", "PROCESS_PAGES", "PageExtractor", "extract_story"]
