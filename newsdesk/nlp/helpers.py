"""Helper processes that join an annotator working in this process, part way through a stream.

On the command line a refresh annotates in its own process and leaves the other core to page
extraction. Once the last page is in, that core is free, and the stories still waiting (most of
them: annotation is the longest stage) are shared with a helper process. A helper is a fresh
interpreter ("spawn") that loads the pipeline itself: it shares nothing with the threads of
this process, and no forkserver holding one more copy of the model stays resident beside it.

Chunks go to the helpers while each has fewer than HELPER_WINDOW in hand; the others are
annotated here, so neither side waits for the other. Results come back in the order given. A
helper that cannot start or fails leaves its chunks to this process, which says so once.
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from newsdesk.nlp.analysis import Failure, Item, annotate_batch
from newsdesk.nlp.workers import _worker_init
from newsdesk.processes import has_file, release_free_memory, stop_pool

if TYPE_CHECKING:
    from newsdesk.models import Annotation
    from newsdesk.nlp.pipeline import Annotator

    Results = list[Annotation | Failure]

log = logging.getLogger(__name__)

# Stories per chunk, here and in a helper: a short tail, and a small peak. Parsed 32 at a time,
# stories held this process ~100 MB above its steady size (388 MB against 283 MB over 300 wire
# stories), at the same CPU time; that is room for the helper's model.
HELPER_CHUNK = 8
HELPER_WINDOW = 2  # chunks a helper holds, one at work and one waiting: it never idles


@dataclass
class _Part:
    items: list[Item]
    future: Future[Results] | None  # handed to a helper; None: annotated here
    results: Results | None = None


class HelpedStream:
    """Annotates a stream in this process, with helper processes once `helpers()` allows."""

    def __init__(self, owner: Annotator) -> None:
        self._owner = owner
        self._pool: ProcessPoolExecutor | None = None
        self._size = 0  # helper processes in the pool
        self._working = False  # a helper of this pool has finished a chunk: it is up
        self.chunks_helped = 0  # chunks the helpers annotated, all streams
        self.pools_started = 0

    def stream(
        self,
        source: Iterator[Item],
        helpers: Callable[[], int],
        on_fallback: Callable[[str], None] | None,
    ) -> Iterator[Annotation | Failure]:
        owner = self._owner
        pending: deque[_Part] = deque()
        try:
            while True:
                yield from self._ready(pending, on_fallback, wait=False)
                pool = self._pool_for(helpers, on_fallback)
                part = list(islice(source, HELPER_CHUNK))
                if not part:
                    break
                if pool is not None and self._in_hand(pending) < HELPER_WINDOW * self._size:
                    pending.append(_Part(part, self._owner.submit(pool, part)))
                    continue
                results = annotate_batch(owner.nlp, part, owner.batch_size)
                pending.append(_Part(part, None, results))
            yield from self._drain(pending, on_fallback)
        finally:
            for left in pending:
                if left.future is not None:
                    left.future.cancel()

    def _ready(
        self, pending: deque[_Part], on_fallback: Callable[[str], None] | None, *, wait: bool
    ) -> Iterator[Annotation | Failure]:
        """The results at the head of `pending` that are done (with `wait`, all of them)."""
        while pending:
            part = pending[0]
            if part.results is None:
                assert part.future is not None
                if not (wait or part.future.done()):
                    return
                try:
                    part.results = part.future.result()
                    self.chunks_helped += 1
                    self._working = True
                except Exception as exc:  # the helper died, or could not start
                    self._fail(exc, on_fallback)
                    part.results = annotate_batch(
                        self._owner.nlp, part.items, self._owner.batch_size
                    )
            pending.popleft()
            yield from part.results

    def _drain(
        self, pending: deque[_Part], on_fallback: Callable[[str], None] | None
    ) -> Iterator[Annotation | Failure]:
        """The rest, once the source is dry. This process never idles while a helper holds
        chunks: it takes over the last one a helper holds (the helper had not got to it), and
        the ones helpers are at only if no helper has finished a chunk yet (still starting:
        loading the model takes seconds). The helper's copy of a chunk taken over is dropped."""
        while True:
            yield from self._ready(pending, on_fallback, wait=False)
            undone = [p for p in pending if p.results is None]
            if not undone:
                return
            if len(undone) <= self._size and self._working:  # helpers are at them: wait
                yield from self._ready(pending, on_fallback, wait=True)
                return
            last = undone[-1]
            last.results = annotate_batch(self._owner.nlp, last.items, self._owner.batch_size)

    @staticmethod
    def _in_hand(pending: deque[_Part]) -> int:
        return sum(1 for p in pending if p.future is not None and not p.future.done())

    def _pool_for(
        self, helpers: Callable[[], int], on_fallback: Callable[[str], None] | None
    ) -> ProcessPoolExecutor | None:
        """The helpers' pool if helpers may work now (started on first use)."""
        if self._owner.pool_failure is not None:
            return None
        wanted = helpers()
        if wanted <= 0:
            return None
        if self._pool is None:
            release_free_memory()  # what this process no longer needs, before a helper loads
            quiet = not has_file(sys.stderr)  # helpers must not write on a UI's screen
            try:
                self._pool = ProcessPoolExecutor(
                    max_workers=wanted,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_worker_init,
                    initargs=(self._owner.model, quiet),
                )
            except Exception as exc:  # no processes here: this one does the work
                self._fail(exc, on_fallback)
                return None
            self._size, self._working = wanted, False
            self.pools_started += 1
        return self._pool

    def _fail(self, exc: BaseException, on_fallback: Callable[[str], None] | None) -> None:
        """Stop using helpers: their chunks and all later ones are annotated here. Said once."""
        self.close(wait=False)
        self._owner.report_fallback("helper processes failed", exc, on_fallback)

    def close(self, wait: bool = True) -> None:
        """Stop the helper processes (a later stream starts new ones if allowed).

        Whatever they still hold is a copy of a chunk taken over here, or was cancelled: they
        are stopped at once rather than left to finish it."""
        pool, self._pool, self._size = self._pool, None, 0
        if pool is not None:
            stop_pool(pool, wait)


__all__ = ["HELPER_CHUNK", "HELPER_WINDOW", "HelpedStream"]
