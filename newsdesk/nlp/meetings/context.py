"""The story a meeting is read from: one explicit object passed through the meeting engine.

It holds what every rule may need beyond the sentence: where the body starts (after the title),
the wire dateline ("VIENNA, May 2 -") and its city, the paragraph breaks, the story's named actors
and places, and the story's date.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsdesk.nlp.doc_reads import text_of, tokens_of
from newsdesk.nlp.meetings.lookup import ActorLookup
from newsdesk.nlp.meetings.where import (
    PlaceContext,
    Where,
    city_where,
    dateline_city,
    dateline_end,
)

__all__ = ["MeetingContext", "in_span", "make_context"]


@dataclass
class MeetingContext:
    doc: Doc
    actors: ActorLookup
    places: PlaceContext
    published: str | None = None
    body_start: int = 0  # character offset of the body (after the title and its blank line)
    body_token: int = 0  # index of the body's first token
    dateline: str | None = None  # the dateline's city, "Vienna"
    dateline_end: int = 0  # character offset where the dateline ends; 0 when there is none
    breaks: tuple[int, ...] = ()  # token indices of line breaks (title gap, paragraph gaps)
    lead_actors: frozenset[str] = field(default_factory=frozenset)  # named in the lead sentence
    people: tuple[str, ...] = ()  # the story's canonical names of persons
    bodies: tuple[str, ...] = ()  # ... and of organisations
    lead_token: int = 0  # the first token of the lead sentence (after the dateline)
    # news digests: paragraph start -> (city, first token after it) of "WASHINGTON - ..." items
    digest: dict[int, tuple[str, int]] = field(default_factory=dict)

    def paragraph_start(self, i: int) -> int:
        """First token of the paragraph holding token i."""
        k = bisect_left(self.breaks, i)
        return self.breaks[k - 1] + 1 if k else 0

    def same_paragraph(self, a: int, b: int) -> bool:
        return self.paragraph_start(a) == self.paragraph_start(b)

    def in_title(self, i: int) -> bool:
        return i < self.body_token

    def at_dateline(self) -> Where:
        """The dateline's city as a meeting's place (none when the story has no dateline)."""
        return city_where(self.dateline, self.places) if self.dateline else Where()

    def in_dateline(self, i: int) -> bool:
        """Whether token i is in the body's dateline ("VIENNA, May 2 -")."""
        return self.body_token <= i < self.lead_token and self.dateline_end > 0

    def digest_item(self, i: int) -> tuple[str, int] | None:
        """The digest item (city, its lead token) whose paragraph holds token i, if any."""
        return self.digest.get(self.paragraph_start(i))

    def second_paragraph(self, i: int) -> bool:
        """Whether token i is in the paragraph right after the lead one (the lead event)."""
        lead = self.paragraph_start(self.body_token)
        after = [b for b in self.breaks if b >= lead]
        return bool(after) and self.paragraph_start(i) == self.paragraph_start(after[0] + 1)


def make_context(
    doc: Doc, actors: ActorLookup, places: PlaceContext, published: str | None
) -> MeetingContext:
    body_start = int(getattr(actors, "body_start", 0))
    body_token = _body_token(doc, body_start)
    cut = dateline_end(doc, body_start)
    ctx = MeetingContext(
        doc=doc,
        actors=actors,
        places=places,
        published=published,
        body_start=body_start,
        body_token=body_token,
        dateline=dateline_city(doc, body_token),
        dateline_end=0 if cut is None else cut,
        breaks=tuple(t.i for t in tokens_of(doc) if "\n" in t.text),
    )
    ctx.digest = _digest_items(doc, ctx)
    ctx.lead_token = next(
        (t.i for t in doc[body_token:] if t.idx >= ctx.dateline_end and not t.is_space),
        body_token,
    )
    lead = [s for s in doc.sents if s.end > ctx.lead_token][:1]
    names = [a.name for a in getattr(actors, "actors", ())]
    ctx.people = tuple(n for n in names if actors.kind(n) == "PERSON")
    ctx.bodies = tuple(n for n in names if actors.kind(n) == "ORG")
    ctx.lead_actors = frozenset(n for s in lead for t in s if (n := actors.at(t.i)))
    return ctx


# A digest item's own dateline: "WASHINGTON - " at a paragraph's start, the city in capitals.
DIGEST_ITEM = re.compile(r"([A-Z][A-Z.'\- ]{2,30}?)(?:, [A-Z][A-Za-z.]+)? - (?=[A-Z])")


def _digest_items(doc: Doc, ctx: MeetingContext) -> dict[int, tuple[str, int]]:
    out: dict[int, tuple[str, int]] = {}
    for start in [ctx.body_token, *(b + 1 for b in ctx.breaks)]:
        if start >= len(doc) or start < ctx.body_token:
            continue
        found = DIGEST_ITEM.match(text_of(doc), doc[start].idx)
        if not found or start == ctx.body_token and ctx.dateline_end:
            continue
        end = found.end()
        lead = next((t.i for t in doc[start:] if t.idx >= end), start)
        city = " ".join(w.capitalize() for w in found.group(1).split())
        if ctx.places.country_of(city) is not None:  # "NOTE - ..." is no dateline
            out[ctx.paragraph_start(start)] = (city, lead)
    return out


def in_span(tokens: list[Token], span: Span) -> list[Token]:
    """The tokens (in order) that lie in `span`."""
    return tokens[
        bisect_left(tokens, span.start, key=_index) : bisect_left(tokens, span.end, key=_index)
    ]


def _index(tok: Token) -> int:
    return tok.i


def _body_token(doc: Doc, body_start: int) -> int:
    """Index of the first body token (the title comes first, separated by a blank line)."""
    if body_start <= 0:
        return 0
    for t in doc:
        if t.idx >= body_start:
            return t.i
    return len(doc)
