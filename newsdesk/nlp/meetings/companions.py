"""Parties told in a sentence of their own after the meeting they were at.

- A companion: "Lee met the bank committee today. Lee was accompanied by Ann Park." or "Ann
  Park, who accompanied Lee last week, said ...": Park was at Lee's meeting told just before.
  ("Lee, accompanied by Park, met Cole" is read with the meeting itself, in `parties.py`.)
- The heads of the sides: "Acme Corp said it held talks today with Zenith Inc." + "Acme chairman
  Ann Lee met Zenith chairman Bob Ray at Acme's head office this morning.": one encounter of the
  bodies and the people who head them (the convention counts a meeting told twice, by the bodies
  and then by their chairmen, as one entry with all of them), placed where the second telling
  says.
- A latecomer: "Lee and Cole held talks in Basle on Monday." + "Lee and Cole were later joined
  by Ann Park.": one encounter of the three, placed and timed as first told (the convention
  counts "X and Y met and were later joined by Z" as one meeting).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from newsdesk.models import Meeting
from newsdesk.nlp.meetings.context import MeetingContext
from newsdesk.nlp.meetings.groups import employers_in_titles, officer_after
from newsdesk.nlp.meetings.names import canonical_participants
from newsdesk.nlp.meetings.parties import parties_of
from newsdesk.nlp.meetings.status import blocked, is_planned
from newsdesk.nlp.meetings.words import NOT_IN_INITIALS

__all__ = ["Companion", "companion_at", "with_companions", "joined_later", "heads_told_again"]

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
        out[k] = (_widened(meeting, comp.companions, (*meeting.rules, "party.companion")), i)
    return out


def _widened(meeting: Meeting, names: tuple[str, ...], rules: tuple[str, ...]) -> Meeting:
    """The meeting with the names it lacks added after its parties, under `rules`."""
    more = tuple(n for n in names if n not in meeting.participants)
    return replace(meeting, participants=(*meeting.participants, *more), rules=rules)


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
        rules = tuple(dict.fromkeys((*first.rules, JOINED_RULE, "joined-later")))
        widened = _widened(first, later.participants, rules)
        out[j] = (replace(widened, confidence=max(first.confidence, later.confidence)), i)
        del out[k]
    return out


# How many sentences after the bodies' meeting their heads' meeting may be told.
HEADS_REACH_SENTENCES = 2


def heads_told_again(
    ctx: MeetingContext, found: list[tuple[Meeting, int]]
) -> list[tuple[Meeting, int]]:
    """A meeting of bodies, then within a sentence or two a meeting of people only, each
    titled in that sentence as an officer of one of those bodies ("Acme chairman Ann Lee"),
    one per body, with the same status and no other day: one encounter of all of them, with
    the bodies' telling's time and the people's telling's place when the first has none of
    its own (or only the dateline's)."""
    doc, actors = ctx.doc, ctx.actors
    out = list(found)
    sents = {s.start: n for n, s in enumerate(doc.sents)}
    k = 0
    while k < len(out):
        people, at = out[k]
        parties = people.participants
        if people.mode != "in_person" or any(actors.kind(p) != "PERSON" for p in parties):
            k += 1
            continue
        sent = doc[at].sent
        fits = [
            j
            for j, (m, i) in enumerate(out)
            if i < sent.start
            and 0 < sents[sent.start] - sents[doc[i].sent.start] <= HEADS_REACH_SENTENCES
            and (m.mode, m.status) == (people.mode, people.status)
            and len(m.participants) == len(parties)
            and all(actors.kind(p) == "ORG" for p in m.participants)
            and not (m.date and people.date and m.date != people.date)
            and _titled_heads(ctx, sent, parties, m.participants) == set(m.participants)
        ]
        if not fits:
            k += 1
            continue
        j = fits[-1]
        bodies, i = out[j]
        own_place = bodies.place is not None and "place.dateline" not in bodies.rules
        place, country = (
            (bodies.place, bodies.country) if own_place else (people.place, people.country)
        )
        out[j] = (
            replace(
                bodies,
                participants=(*bodies.participants, *parties),
                place=place,
                country=country or bodies.country,
                when=bodies.when or people.when,
                date=bodies.date or people.date,
                confidence=max(bodies.confidence, people.confidence),
                rules=tuple(dict.fromkeys((*bodies.rules, *people.rules, "heads-told-again"))),
            ),
            i,
        )
        del out[k]
    return out


def _titled_heads(
    ctx: MeetingContext, sent: Span, people: tuple[str, ...], bodies: tuple[str, ...]
) -> set[str]:
    """The bodies the sentence names as employers in the titles of its people ("Acme Corp
    chairman Ann Lee"), by name or by the initials of the name ("BA chairman Lord King" for
    British Airways Plc) when the word names no actor of its own."""
    found = employers_in_titles(ctx.actors, sent, [*people, *bodies])
    short = {_initials_of(b): b for b in bodies if b not in found}
    short = {k: b for k, b in short.items() if len(k) >= 2}
    if not short:
        return found
    for t in sent:
        body = short.get(t.text) if t.is_upper and ctx.actors.at(t.i) is None else None
        if body is None:
            continue
        if officer_after(ctx.actors, sent, t, set(people)):
            found.add(body)
    return found


def _initials_of(body: str) -> str:
    """ "British Airways Plc" -> "BA": the capitals opening its words, legal form left out."""
    kept = [w for w in body.split() if w.lower().strip(".") not in NOT_IN_INITIALS]
    return "".join(w[0] for w in kept if w[0].isupper())
