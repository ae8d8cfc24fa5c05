"""The story's visit frames: where a named party is said to be for its talks.

A frame is a sentence that puts a named party in a place for a stay: "X arrived in Oslo",
"X, in Tokyo for talks, ...", "X is on a visit to Canada", "X, who begins a visit to Ottawa on
Monday, ...", "X is in Geneva this week to meet ...", "X, who is visiting Japan, ...". A meeting
of that party with no place of its own, told in or after the frame and not dated apart, is
placed there; a party framed in two different places (an itinerary) is placed by none of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsdesk.nlp.doc_reads import ent_at
from newsdesk.nlp.lexicon import words
from newsdesk.nlp.meetings.context import MeetingContext
from newsdesk.nlp.meetings.parties import parties_of
from newsdesk.nlp.meetings.where import PLACE_LABELS, Where

__all__ = ["Frame", "frame_for", "journey_elsewhere", "visit_frames"]

# Verbs that bring a party to a place ("arrived in", "flew to Oslo"), each with its preposition.
ARRIVE_VERBS = {
    "arrive": ("in", "at"),
    "fly": ("to", "into"),
    "travel": ("to",),
    "come": ("to",),
    "leave": ("for",),  # "leaves for Washington on Friday for talks"
    "head": ("for", "to"),
}
# Nouns of a stay whose goal is the place ("a visit to Canada", "a trip to Oslo", "sets out on
# a mission to Washington").
STAY_NOUNS = words("visit trip tour stay mission")
# Every word but an arrival verb or "visit" that `_place_of` reads: a stay noun, "in", "here".
_FRAME_WORDS = STAY_NOUNS | {"in", "here"}


@dataclass(frozen=True)
class Frame:
    party: str
    where: Where
    token: int  # where the frame is told


def visit_frames(ctx: MeetingContext) -> list[Frame]:
    frames: list[Frame] = []
    for sent in ctx.doc.sents:
        if sent.start < ctx.body_token:
            continue  # a headline places nothing
        for tok in sent:
            place = _place_of(ctx, tok)
            if place is None:
                continue
            # a stay under way ("Y, who is visiting Bonn") holds for its whole sentence
            told = sent.start if _stay_under_way(tok) else tok.i
            for party in _parties(ctx, tok, sent):
                frames.append(Frame(party, place, told))
    return frames


def frame_for(frames: list[Frame], participants: tuple[str, ...], before: int) -> Where:
    """The place a frame gives the meeting's parties, if exactly one place."""
    found = {f.where for f in frames if f.party in participants and f.token <= before}
    places = {w.place for w in found}
    if len(places) != 1:
        return Where()
    return next(iter(found))


def _place_of(ctx: MeetingContext, tok: Token) -> Where | None:
    """The place a frame word names: "arrived in X", "a visit to X", "(is) in X for talks"."""
    lemma = tok.lemma_.lower()
    if lemma not in ARRIVE_VERBS and lemma != "visit" and tok.lower_ not in _FRAME_WORDS:
        return None  # (most words of a story: none of the tests below can hold)
    preps: tuple[str, ...] = ()
    if tok.pos_ == "VERB" and lemma in ARRIVE_VERBS:
        preps = ARRIVE_VERBS[lemma]
    elif tok.pos_ == "NOUN" and tok.lower_ in STAY_NOUNS:
        if ctx.dateline and _visit_here(ctx, tok):
            # "X, on a week-long visit, ...": a visit with no goal named is to where the story
            # is filed
            return ctx.at_dateline()
        preps = ("to",)
    elif tok.lower_ == "in" and tok.dep_ == "prep" and _in_for_a_meeting(tok):
        return _place_in(ctx, tok)
    elif tok.lower_ == "here" and ctx.dateline and _here_for_a_stay(tok):
        # "X, who arrived here on Monday", "X, who is here on a four-day visit": the dateline
        return ctx.at_dateline()
    elif _stay_under_way(tok):
        # "X, who is visiting Japan, ...", "X, visiting Tokyo, ...": a stay under way
        return _place_in(ctx, tok, ("dobj",))
    if not preps:
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            return _place_in(ctx, c)
    return None


def _visit_here(ctx: MeetingContext, noun: Token) -> bool:
    """ "X, on a week-long visit," / "X is on a visit": "on" a stay noun that names no goal or
    owner (not "on a visit to Y", "on his visit"), said of a party, in a story with a dateline."""
    if not ctx.dateline or noun.head.lower_ != "on" or noun.head.dep_ != "prep":
        return False
    if any(c.dep_ in ("prep", "poss") for c in noun.children):
        return False  # "a visit to Y", "a visit of the king", "his visit"
    holder = noun.head.head
    return holder.pos_ == "PROPN" or holder.lemma_ == "be"


def _here_for_a_stay(here: Token) -> bool:
    """ "arrived here", "flew here", "is here on a visit / for talks": a party come to where
    the story is filed (not "said here" or "the talks here")."""
    head = here.head
    if here.dep_ != "advmod" or head.pos_ not in ("VERB", "AUX"):
        return False
    if head.lemma_.lower() in ARRIVE_VERBS and head.lemma_.lower() != "leave":
        return True  # (one who "left here" is gone)
    return head.lemma_ == "be" and any(
        c.dep_ == "prep"
        and c.lower_ in ("on", "for")
        and any(o.lower_ in STAY_NOUNS or o.lemma_ in ("talk", "meeting") for o in c.children)
        for c in head.children
    )


def _stay_under_way(tok: Token) -> bool:
    return tok.pos_ == "VERB" and tok.lemma_.lower() == "visit" and tok.tag_ == "VBG"


def _in_for_a_meeting(prep: Token) -> bool:
    """ "X, in Tokyo for talks ...", "X is in Geneva this week to meet ...": the stay's purpose."""
    head = prep.head
    purpose = [c for c in head.children if c.dep_ in ("prep", "xcomp", "advcl") and c != prep]
    for p in purpose:
        if p.lower_ == "for" and any(
            o.lower_ in ("talks", "meetings", "a", "consultations")
            or o.lemma_ in ("talk", "meeting", "visit")
            for o in p.children
        ):
            return True
        if p.dep_ in ("xcomp", "advcl") and p.lemma_ in ("meet", "attend", "hold", "visit"):
            return True
    return False


def journey_elsewhere(ctx: MeetingContext, sent: Span) -> bool:
    """A journey to a place of another country than the dateline's, told in the meeting's
    paragraph up to its sentence ("The team flew to Bonn on Sunday. It met Kohl on Monday",
    filed from Paris): the meeting is not where the story is filed."""
    home = ctx.at_dateline().country
    if home is None:
        return False
    for tok in ctx.doc[ctx.paragraph_start(sent.start) : sent.end]:
        preps = ARRIVE_VERBS.get(tok.lemma_)
        if preps is None or tok.pos_ != "VERB":
            continue
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                goal = _place_in(ctx, prep)
                if goal is not None and goal.country is not None and goal.country != home:
                    return True
    return False


def _place_in(ctx: MeetingContext, prep: Token, deps: tuple[str, ...] = ("pobj",)) -> Where | None:
    for obj in prep.children:
        if obj.dep_ not in deps or obj.ent_type_ not in PLACE_LABELS:
            continue
        if any(c.ent_type_ in PLACE_LABELS for c in obj.conjuncts):
            return None  # "a tour of Rome, Paris and Bonn": an itinerary
        ent = ent_at(ctx.doc, obj.i)
        if ent is None:
            return None
        text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        return Where(text, ctx.places.country_of(ent.text))
    return None


def _parties(ctx: MeetingContext, tok: Token, sent: Span) -> list[str]:
    """The named party a frame word is about: its subject, the noun a clause describes, or
    the owner of the stay ("her visit")."""
    node = tok
    for _ in range(5):
        for c in node.children:
            if c.dep_ in ("nsubj", "poss"):
                named = parties_of(ctx.doc, ctx.actors, c, set())
                if named:
                    return named
        describes = node.dep_ in ("relcl", "acl", "appos") or (
            node.dep_ == "prep" and node.head.dep_ in ("nsubj", "appos")
        )
        if describes and node.head.pos_ in ("PROPN", "NOUN"):
            named = _named(ctx, node.head)
            if named:
                return named
        if node.head == node or node.head.i < sent.start:
            break
        node = node.head
    return []


def _named(ctx: MeetingContext, tok: Token) -> list[str]:
    """Named actors in a noun phrase, without its clauses."""
    out: list[str] = []
    for t in tok.doc[tok.left_edge.i : tok.i + 1]:
        name = ctx.actors.at(t.i)
        if name and name not in out:
            out.append(name)
    return out
