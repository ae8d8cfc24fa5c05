"""A parsed story's text and entities, read once.

spaCy builds `doc.text`, `doc.ents` and a span's `.ents` anew on each access by walking every
token of the story, and the annotation steps ask for them thousands of times per story (for
each meeting, each place looked for, each paragraph checked). Here they are read once per parsed
story (after the pipeline's own entity fixes) and looked up by position.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span

_READ: WeakKeyDictionary[Doc, tuple[tuple[Span, ...], list[int]]] = WeakKeyDictionary()
_TEXT: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()


def text_of(doc: Doc) -> str:
    """`doc.text`."""
    text = _TEXT.get(doc)
    if text is None:
        text = _TEXT[doc] = doc.text
    return text


def _read(doc: Doc) -> tuple[tuple[Span, ...], list[int]]:
    found = _READ.get(doc)
    if found is None:
        ents = tuple(doc.ents)
        found = (ents, [e.start for e in ents])
        _READ[doc] = found
    return found


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, in order."""
    return _read(doc)[0]


def ents_in(span: Span) -> list[Span]:
    """`span.ents`: the story's entities that lie wholly inside `span`."""
    ents, starts = _read(span.doc)
    lo, hi = bisect_left(starts, span.start), bisect_right(starts, span.end)
    return [e for e in ents[lo:hi] if e.end <= span.end]


def ent_at(doc: Doc, i: int) -> Span | None:
    """The entity that holds token i, if any."""
    ents, starts = _read(doc)
    k = bisect_right(starts, i) - 1
    return ents[k] if k >= 0 and ents[k].end > i else None


__all__ = ["doc_ents", "ent_at", "ents_in", "text_of"]
