"""The spaCy pipeline and the Annotator that turns a story into an `Annotation`.

The model is loaded once per process. Bulk work is batched with `nlp.pipe` and, with more than one
process, spread over a pool of worker processes that each load the pipeline once and run the whole
annotation (parse, entities, actors, places, meetings, summary) on chunks of stories. A pool that
cannot start or breaks leaves the work to this process, and says so once. An annotator working in
this process may be joined by helper processes part way through a stream (see helpers.py), when
the cores it left to other work become free.

Titles and texts are capped before annotation (see `MAX_TITLE_CHARS`, `MAX_TEXT_CHARS`), so one
huge story costs seconds, not minutes and gigabytes; a story that still fails fails alone.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from itertools import islice

from spacy.language import Language

from newsdesk.models import Annotation, Place
from newsdesk.nlp.analysis import (
    CUT_WINDOW,
    DEFAULT_MODELS,
    INSTALL_HINT,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    PIPELINE_VERSION,
    Analysis,
    Failure,
    Item,
    ModelMissing,
    analyse_doc,
    annotate_batch,
    annotate_doc,
    cap_item,
    cap_text,
    cap_title,
    doc_text,
    load_nlp,
    reason_of,
)
from newsdesk.nlp.helpers import HelpedStream
from newsdesk.nlp.meetings.rules import DEFAULT_MIN_CONFIDENCE
from newsdesk.nlp.places import warm_up
from newsdesk.nlp.summary import summarize
from newsdesk.nlp.workers import (
    _start_forkserver,
    _worker_init,
    _worker_run,
    start_method,
)
from newsdesk.processes import cpu_count, has_file, stderr_with_a_file

log = logging.getLogger(__name__)


class Annotator:
    """Annotates stories; with `processes` > 1 bulk work runs in a pool of worker processes.

    `processes` <= 0 means one per core. Use as a context manager, or call `close()`, to stop the
    pool's workers. If the pool cannot start or breaks, the work goes on in this process and
    `pool_failure` says why; this annotator then stays in this process.
    """

    def __init__(
        self,
        model: str | None = None,
        processes: int = 1,
        batch_size: int = 32,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    ) -> None:
        self.model = model
        self.min_confidence = min_confidence
        self.processes = processes if processes > 0 else cpu_count()
        self.batch_size = max(1, batch_size)
        self.pool_failure: str | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._froze = False  # this annotator froze the collector for forking its workers
        self._lock = threading.Lock()
        self._helped = HelpedStream(self)

    @property
    def nlp(self) -> Language:
        return load_nlp(self.model)

    def annotate(
        self, text: str, title: str | None = None, published: str | None = None
    ) -> Annotation:
        """Annotate one story in this process (a failure gives what was found, and why)."""
        result = annotate_batch(self.nlp, [(text, title, published)])[0]
        return _or_empty(with_threshold(result, self.min_confidence))

    def annotate_many(
        self,
        items: Iterable[tuple[str, str | None, str | None]],
        on_fallback: Callable[[str], None] | None = None,
        helpers: Callable[[], int] | None = None,
    ) -> Iterator[Annotation]:
        """Annotate (text, title, published) stories; results come in the order given. A story
        that failed gives an annotation with its `error` and whatever was found before.

        `helpers()`, for an annotator working in this process, is asked between chunks how
        many helper processes may join it now (see helpers.py); 0 until other work is done.
        """
        for result in self.annotate_stream(items, on_fallback, helpers):
            yield _or_empty(result)

    def annotate_stream(
        self,
        items: Iterable[Item],
        on_fallback: Callable[[str], None] | None = None,
        helpers: Callable[[], int] | None = None,
    ) -> Iterator[Annotation | Failure]:
        """Like `annotate_many`, but a story that failed gives a `Failure` (for the CLI).

        `on_fallback(message)` is called if the worker pool fails and the work moves to this
        process.
        """
        for result in self._stream(items, on_fallback, helpers):
            yield with_threshold(result, self.min_confidence)

    def _stream(
        self,
        items: Iterable[Item],
        on_fallback: Callable[[str], None] | None = None,
        helpers: Callable[[], int] | None = None,
    ) -> Iterator[Annotation | Failure]:
        source = (cap_item(item) for item in items)  # huge stories are not sent to the workers
        if helpers is not None and self.processes <= 1:
            yield from self._helped.stream(source, helpers, on_fallback)
            return
        chunk = self._chunk_size()
        first = list(islice(source, chunk))
        if not first:
            return
        second = list(islice(source, chunk))
        if not self._pooled() or not second:
            for part in (first, second):
                if part:
                    yield from annotate_batch(self.nlp, part, self.batch_size)
            yield from self._here(source)
            return
        chunks = iter(lambda: list(islice(source, chunk)), [])
        yield from self._in_pool(first, second, chunks, on_fallback)

    def _pooled(self) -> bool:
        return self.processes > 1 and self.pool_failure is None

    def _here(self, source: Iterator[Item]) -> Iterator[Annotation | Failure]:
        for part in iter(lambda: list(islice(source, self.batch_size)), []):
            yield from annotate_batch(self.nlp, part, self.batch_size)

    def _chunk_size(self) -> int:
        # small chunks keep every worker busy to the end; nlp.pipe batches within a chunk
        return max(4, self.batch_size // 4) if self._pooled() else self.batch_size

    def _in_pool(
        self,
        first: list[Item],
        second: list[Item],
        rest: Iterator[list[Item]],
        on_fallback: Callable[[str], None] | None,
    ) -> Iterator[Annotation | Failure]:
        pending: deque[tuple[list[Item], Future[list[Annotation | Failure]]]] = deque()
        window = self.processes * 2
        source: Iterator[list[Item]] = _chain(iter([first, second]), rest)
        failed: list[Item] = []  # handed to the pool, not annotated when it failed
        try:
            try:
                pool = self._get_pool()
                for part in islice(source, window):
                    failed = part
                    pending.append((part, self.submit(pool, part)))
                failed = []
            except Exception as exc:  # the pool could not start
                self._fall_back("could not start", exc, on_fallback)
            finally:
                if self._froze:  # the forked workers exist now (or never will)
                    self._froze = False
                    gc.unfreeze()
            while pending:
                part, future = pending.popleft()
                try:
                    results = future.result()
                except Exception as exc:  # a worker died, or the pool broke
                    self._fall_back("failed", exc, on_fallback)
                    failed = part
                    break
                yield from results
                nxt = next(source, None)
                if nxt is not None:
                    if self.pool_failure is not None:
                        failed = nxt
                        break
                    pending.append((nxt, self.submit(pool, nxt)))
            if self.pool_failure is None:
                return
            # in this process: what the pool had not done, then the rest
            for part in [failed, *(p for p, _ in pending)]:
                if part:
                    yield from annotate_batch(self.nlp, part, self.batch_size)
            pending.clear()
            for part in source:
                yield from annotate_batch(self.nlp, part, self.batch_size)
        finally:
            for _, future in pending:
                future.cancel()

    def _fall_back(
        self, what: str, exc: BaseException, on_fallback: Callable[[str], None] | None
    ) -> None:
        """Stop using the pool: later work runs in this process. Reported once."""
        self._drop_pool()
        self.report_fallback(f"worker processes {what}", exc, on_fallback)

    def report_fallback(
        self, failure: str, exc: BaseException, on_fallback: Callable[[str], None] | None
    ) -> None:
        """Say, once for this annotator, that `failure` ("worker processes failed") sent the
        work back to this process."""
        if self.pool_failure is not None:
            return
        reason = reason_of(exc) if str(exc) else type(exc).__name__
        self.pool_failure = f"annotation {failure} ({reason}); annotating in this process instead"
        log.warning("%s", self.pool_failure)
        if on_fallback is not None:
            on_fallback(self.pool_failure)

    def submit(
        self, pool: ProcessPoolExecutor, part: list[Item]
    ) -> Future[list[Annotation | Failure]]:
        """Hand `part` to a worker of `pool`; a failure to hand it over is the future's."""
        try:
            with stderr_with_a_file():  # a new worker process may start here
                return pool.submit(_worker_run, part, self.batch_size)
        except Exception as exc:  # reported where the result is awaited
            failed: Future[list[Annotation | Failure]] = Future()
            failed.set_exception(exc)
            return failed

    def _get_pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                quiet = not has_file(sys.stderr)  # workers must not write on a UI's screen
                method = start_method()
                with stderr_with_a_file():
                    if method == "fork":
                        load_nlp(self.model)  # loaded before the fork: the workers share it
                        warm_up()
                        # keep the collector from touching (and so copying) the shared pages
                        gc.collect()
                        gc.freeze()
                        self._froze = True
                    elif method == "forkserver":
                        _start_forkserver(self.model, quiet)
                    context = multiprocessing.get_context(method)
                    self._pool = ProcessPoolExecutor(
                        max_workers=self.processes,
                        mp_context=context,
                        initializer=_worker_init,
                        initargs=(self.model, quiet),
                    )
            return self._pool

    def _drop_pool(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            try:
                pool.shutdown(wait=False, cancel_futures=True)
            except Exception:  # a pool that broke while starting may not shut down cleanly
                log.debug("pool shutdown failed", exc_info=True)

    def close(self) -> None:
        """Stop the worker processes (the pipeline stays loaded in this process)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        self._helped.close()

    def __enter__(self) -> Annotator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def with_threshold(result: Annotation | Failure, min_confidence: float) -> Annotation | Failure:
    """The annotation with its summary written for the meetings at or above `min_confidence`
    (annotate_batch uses the default threshold)."""
    if isinstance(result, Failure) or result.meeting_min_confidence == min_confidence:
        return result
    shown = [m for m in result.meetings if m.confidence >= min_confidence]
    places = _PlaceView(list(result.places), list(result.countries))
    return replace(
        result,
        summary=summarize(shown, result.actors, places),
        meeting_min_confidence=min_confidence,
    )


@dataclass(frozen=True)
class _PlaceView:
    places: list[Place]
    countries: list[str]


def _chain(*parts: Iterator[list[Item]]) -> Iterator[list[Item]]:
    for part in parts:
        yield from part


def _or_empty(result: Annotation | Failure) -> Annotation:
    """A failed story keeps what was found (its entities) and why it failed, so that it is not
    tried again and again (only by a new pipeline version)."""
    return result.partial if isinstance(result, Failure) else result


__all__ = [
    "CUT_WINDOW",
    "DEFAULT_MODELS",
    "INSTALL_HINT",
    "MAX_TEXT_CHARS",
    "MAX_TITLE_CHARS",
    "PIPELINE_VERSION",
    "Analysis",
    "Annotator",
    "Failure",
    "Item",
    "ModelMissing",
    "analyse_doc",
    "annotate_batch",
    "annotate_doc",
    "cap_item",
    "cap_text",
    "cap_title",
    "cpu_count",
    "doc_text",
    "load_nlp",
    "start_method",
    "with_threshold",
]
