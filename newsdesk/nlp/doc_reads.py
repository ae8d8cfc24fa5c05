"""A parsed story's text and entities, read once.

spaCy builds `doc.text`, `doc.ents` and a span's `.ents` anew on each access by walking every
token of the story, and the annotation steps ask for them thousands of times per story (for
each meeting, each place looked for, each paragraph checked). Here they are read once per parsed
story (after the pipeline's own entity fixes) and looked up by position.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection
from dataclasses import dataclass, field
from threading import Lock

from spacy.tokens import Doc, Span, Token


@dataclass
class _Reads:
    doc: Doc
    text: str | None = None
    ents: tuple[Span, ...] | None = None  # None until read
    starts: list[int] = field(default_factory=list)  # each entity's first token
    # each lower-case form and lower-cased lemma -> the tokens that have it, in order (None
    # until read)
    words: dict[str, list[Token]] | None = None
    tokens: list[Token] | None = None  # the story's tokens (None until read)


# The stories being annotated right now (one per thread at most, in practice). A few are kept, by
# identity, and the oldest is dropped: spans hold their story, so a cache keyed weakly by the
# story would keep every story alive.
_KEPT = 4
_recent: list[_Reads] = []
_lock = Lock()


def _reads(doc: Doc) -> _Reads:
    with _lock:
        for reads in _recent:
            if reads.doc is doc:
                return reads
        reads = _Reads(doc)
        _recent.append(reads)
        del _recent[:-_KEPT]
        return reads


def text_of(doc: Doc) -> str:
    """`doc.text`."""
    reads = _reads(doc)
    if reads.text is None:
        reads.text = doc.text
    return reads.text


def _read(doc: Doc) -> tuple[tuple[Span, ...], list[int]]:
    reads = _reads(doc)
    if reads.ents is None:
        ents = tuple(doc.ents)
        reads.starts = [e.start for e in ents]
        reads.ents = ents
    return reads.ents, reads.starts


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


def tokens_of(doc: Doc) -> list[Token]:
    """`list(doc)`, made once: spaCy makes a new object for each token at each walk."""
    reads = _reads(doc)
    if reads.tokens is None:
        reads.tokens = list(doc)
    return reads.tokens


def tokens_with(doc: Doc, words: Collection[str]) -> list[Token]:
    """The story's tokens whose lower-case form or lower-cased lemma is one of `words` (given in
    lower case), in order: a rule that acts on a few words visits only their tokens."""
    reads = _reads(doc)
    if reads.words is None:
        index: dict[str, list[Token]] = {}
        for t in tokens_of(doc):
            lower, lemma = t.lower_, t.lemma_.lower()
            index.setdefault(lower, []).append(t)
            if lemma != lower:
                index.setdefault(lemma, []).append(t)
        reads.words = index
    found = {t.i: t for w in words for t in reads.words.get(w, ())}
    return [found[i] for i in sorted(found)]


__all__ = ["doc_ents", "ent_at", "ents_in", "text_of", "tokens_of", "tokens_with"]
