"""Parties told in a sentence of their own after the meeting they were at.

- A companion: "Lee met the bank committee today. Lee was accompanied by Ann Park." or "Ann
  Park, who accompanied Lee last week, said ...": Park was at Lee's meeting told just before.
  ("Lee, accompanied by Park, met Cole" is read with the meeting itself, in `parties.py`.)
- A latecomer: "Lee and Cole held talks in Basle on Monday." + "Lee and Cole were later joined
  by Ann Park.": one encounter of the three, placed and timed as first told (the convention
  counts "X and Y met and were later joined by Z" as one meeting).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from newsdesk.models import Meeting
from newsdesk.nlp.meetings.context import MeetingContext
from newsdesk.nlp.meetings.names import canonical_participants
from newsdesk.nlp.meetings.parties import parties_of
from newsdesk.nlp.meetings.status import blocked, is_planned

__all__ = ["Companion", "companion_at", "with_companions", "joined_later"]

# Verbs that put a companion beside a party ("was accompanied by Z", "Z, who accompanied X").
COMPANION_VERBS = frozenset({"accompany"})
# How many sentences back from the companion's sentence the meeting may be told.
COMPANION_REACH_SENTENCES = 3
# How a time hangs on a verb ("accompanied X last week", "in January", "on Monday").
TIME_DEPS = frozenset({"npadvmod", "prep", "advmod", "tmod"})
# The rule id of "X and Y were joined by Z" in the table (rules.py).
JOINED_RULE = "verb.joined"


@dataclass(frozen=True)
class Companion:
    token: int  # where the companion is told
    sentence: int  # the index of the sentence that tells it
    companions: tuple[str, ...]
    accompanied: tuple[str, ...]
    planned: bool
    when: str | None  # a time the clause states ("last week"), lower case


def companion_at(ctx: MeetingContext, verb: Token, sentence: int) -> Companion | None:
    """ "X was accompanied by Z" (passive, X named) or "Z, who accompanied X" (a relative
    clause on the companion); None for anything else, negated or hedged ones included."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in COMPANION_VERBS or blocked(verb):
        return None
    doc, actors = ctx.doc, ctx.actors
    if verb.dep_ == "acl":
        return None  # "X, accompanied by Z, met Y": read with the meeting (parties.py)
    if verb.tag_ == "VBN":
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        agents = [p for a in verb.children if a.dep_ == "agent" for p in a.children]
        sides = (agents[:1], subjects[:1])
    elif verb.dep_ == "relcl":
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        sides = ([verb.head], objects[:1])
    else:
        return None
    if not sides[0] or not sides[1]:
        return None
    found = [parties_of(doc, actors, side[0], set()) for side in sides]
    companions, accompanied = (canonical_participants(n, ctx.people, ctx.bodies) for n in found)
    companions = [n for n in companions if actors.kind(n) == "PERSON" and n not in accompanied]
    if not companions or not accompanied:
        return None
    return Companion(
        verb.i, sentence, tuple(companions), tuple(accompanied), is_planned(verb), _time_of(verb)
    )


def _time_of(verb: Token) -> str | None:
    """The time a clause states on its verb ("last week", "in January"), as the engine
    writes a meeting's `when` (lower case, without "on"/"in"), or None."""
    for c in verb.children:
        if c.dep_ not in TIME_DEPS:
            continue
        dated = [t for t in c.subtree if t.ent_type_ in ("DATE", "TIME")]
        if dated:
            return c.doc[dated[0].i : dated[-1].i + 1].text.lower()
    return None


def with_companions(
    ctx: MeetingContext, found: list[tuple[Meeting, int]], companions: list[Companion]
) -> list[tuple[Meeting, int]]:
    """Each companion joins the last in-person meeting of the party it accompanied, told in
    its sentence or in the few before, with the same status and no other time stated."""
    out = list(found)
    starts = [s.start for s in ctx.doc.sents]
    for comp in companions:
        first = starts[max(0, comp.sentence - COMPANION_REACH_SENTENCES)]
        end = ctx.doc[comp.token].sent.end
        fits = [
            k
            for k, (m, i) in enumerate(out)
            if first <= i < end
            and m.mode == "in_person"
            and (m.status == "planned") == comp.planned
            and set(comp.accompanied) & set(m.participants)
            and not set(comp.companions) <= set(m.participants)
            and (comp.when is None or (m.when or "").lower() in ("", comp.when))
        ]
        if not fits:
            continue
        k = fits[-1]
        meeting, i = out[k]
        more = tuple(n for n in comp.companions if n not in meeting.participants)
        widened = replace(
            meeting,
            participants=(*meeting.participants, *more),
            rules=(*meeting.rules, "party.companion"),
        )
        out[k] = (widened, i)
    return out


def joined_later(
    ctx: MeetingContext, found: list[tuple[Meeting, int]]
) -> list[tuple[Meeting, int]]:
    """ "X and Y held talks in Basle." + "X and Y were later joined by Z": the first telling
    widened by Z (its place and time kept), the second dropped; a joining on another day told
    ("on Friday they were joined by Z", with both days known and different) stays apart."""
    out = list(found)
    sents = {s.start: n for n, s in enumerate(ctx.doc.sents)}
    k = 0
    while k < len(out):
        later, at = out[k]
        if later.rules[:1] != (JOINED_RULE,):
            k += 1
            continue
        near = sents[ctx.doc[at].sent.start] - COMPANION_REACH_SENTENCES
        fits = [
            j
            for j, (m, i) in enumerate(out)
            if i < at
            and sents[ctx.doc[i].sent.start] >= near
            and (m.mode, m.status) == (later.mode, later.status)
            and set(m.participants) < set(later.participants)
            and not (m.date and later.date and m.date != later.date)
        ]
        if not fits:
            k += 1
            continue
        j = fits[-1]
        first, i = out[j]
        more = tuple(p for p in later.participants if p not in first.participants)
        widened = replace(
            first,
            participants=(*first.participants, *more),
            confidence=max(first.confidence, later.confidence),
            rules=tuple(dict.fromkeys((*first.rules, JOINED_RULE, "joined-later"))),
        )
        out[j] = (widened, i)
        del out[k]
    return out
