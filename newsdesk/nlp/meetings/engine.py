"""Who met whom, where and when: meeting patterns over the dependency parse.

A meeting is an encounter between two or more *named* parties, read from general patterns in the
spirit of event coders' "consult" category: verbs ("met (with)", "visited", "hosted", "received",
"conferred with", "sat down with"), nouns ("talks/meeting with X", "talks between X and Y", "a
courtesy call on X", "X and Y held talks"), relative clauses ("X and Y, who met in ...") and calls
(phone or video: `mode="remote"`). Refusals, hopes, proposals, "met reporters" and bodies convening
alone are not meetings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from newsdesk.models import Meeting
from newsdesk.nlp.doc_reads import text_of, tokens_with
from newsdesk.nlp.entity_spans import BODY_COMPOUNDS, cut_at_compound
from newsdesk.nlp.lexicon import COUNTRY_GROUP_NOUNS
from newsdesk.nlp.meetings.build import to_meeting
from newsdesk.nlp.meetings.committees import committees_named_in
from newsdesk.nlp.meetings.companions import (
    COMPANION_VERBS,
    Companion,
    companion_at,
    heads_told_again,
    joined_later,
    with_companions,
)
from newsdesk.nlp.meetings.context import MeetingContext, in_span, make_context
from newsdesk.nlp.meetings.dedupe import dedupe, filled
from newsdesk.nlp.meetings.frames import Frame, frame_for, journey_elsewhere, visit_frames
from newsdesk.nlp.meetings.groups import LEAD_VERBS, chair_of, employers_in_titles, with_chairs
from newsdesk.nlp.meetings.lookup import ActorLookup
from newsdesk.nlp.meetings.names import canonical_participants
from newsdesk.nlp.meetings.nouns import also_attended
from newsdesk.nlp.meetings.patterns import Found, governor, match_at
from newsdesk.nlp.meetings.rules import (
    NOUN_TRIGGERS,
    PREDICATES,
    VERB_TRIGGERS,
    placed_at_dateline,
)
from newsdesk.nlp.meetings.sequel import (
    placed_as_before,
    placed_there,
    says_there,
    sides_again,
)
from newsdesk.nlp.meetings.status import left_open
from newsdesk.nlp.meetings.where import (
    PlaceContext,
    Where,
    city_where,
    find_place,
    in_topic,
    where_clause,
)
from newsdesk.nlp.meetings.words import TALK_NOUNS


def find_meetings(
    doc: Doc, actors: ActorLookup, places: PlaceContext, published: str | None
) -> list[Meeting]:
    """Every encounter between two or more named parties, one entry per encounter."""
    ctx = make_context(doc, actors, places, published)
    frames = visit_frames(ctx)
    body_offset = ctx.body_token
    out: list[tuple[Meeting, int]] = []
    previous_place = Where()
    latecomers: list[tuple[int, list[str]]] = []  # "the meeting, also attended by X"
    chairs: list[tuple[int, str, str]] = []  # "X, who chairs the committee," (person, noun)
    companions: list[Companion] = []  # "X was accompanied by Z", "Z, who accompanied X"
    placed: list[tuple[Span, Where]] = []  # sentences that say where some meeting is held
    title = text_of(doc)[: max(0, doc[body_offset].idx - 2)] if 0 < body_offset < len(doc) else ""
    skip_title = title.upper() == title  # an all-capitals headline parses too badly to read
    wanted = tokens_with(ctx.doc, _WORDS)
    for number, sent in enumerate(doc.sents):
        sent_place = Where()
        met_place = Where()  # "X and Y have met in Z": the next sentence may say who they were
        for tok in in_span(wanted, sent):
            if skip_title and tok.i < body_offset:
                continue
            found = match_at(ctx, tok)
            if found is not None:
                named = [
                    p
                    for p in found.parties
                    if not _unnamed_group(p, places) and not _cut_compound(ctx, p)
                ]
                found.parties = canonical_participants(named, ctx.people, ctx.bodies)
                if "co-subjects" in found.rules:  # "Acme chairman Ann Lee ...": one side
                    employers = employers_in_titles(ctx.actors, sent, found.parties)
                    found.parties = [p for p in found.parties if p not in employers]
            unmet = found is None or len(found.parties) < 2
            if unmet and (again := sides_again(tok, out[-1][0] if out else None)):
                found = again  # "The two sides will meet again": the last meeting's two
                found.rules, found.base = ["verb.meet", "sides-again"], _MEET_CONFIDENCE
            if found is None or len(found.parties) < 2:
                if tok.pos_ == "NOUN" and (joined := also_attended(ctx, tok)):
                    latecomers.append((tok.i, joined))
                if tok.pos_ == "VERB" and (chair := chair_of(ctx.actors, tok)):
                    chairs.append((tok.i, *chair))  # "X, who chairs the committee,"
                if tok.pos_ == "VERB" and (comp := companion_at(ctx, tok, number)):
                    companions.append(comp)
                if (tok.lemma_ == "meet" or tok.lower_ in TALK_NOUNS) and not in_topic(tok):
                    gov = governor(tok) if tok.pos_ == "NOUN" else tok
                    where = find_place(doc, sent, tok, gov, places, None)
                    sent_place = where or sent_place
                    said_at = gov.lemma_ in _SAID_AT_VERBS
                    if tok.lemma_ == "meet" or (tok.pos_ == "NOUN" and not said_at):
                        met_place = where or met_place
                continue
            found.rules += _party_notes(ctx, sent, found)
            for part in _separately(found):
                meeting = to_meeting(ctx, sent, part)
                if meeting.status == "planned" and left_open(sent):
                    continue  # "expected to meet Y, but no time had been fixed": not set
                if meeting.place is None and not part.remote and says_there(part):
                    # "held a meeting there": the place told before, never the dateline
                    meeting = placed_there(meeting, [m for m, _ in out])
                elif (meeting.place is None or meeting.country is None) and not part.remote:
                    meeting = _placed_by_story(
                        ctx, meeting, part, sent, previous_place, out == [], frames
                    )
                if meeting.place is None and not part.remote:
                    meeting = placed_as_before(meeting, part, [m for m, _ in out])
                out.append((meeting, part.trigger.i))
        if sent_place:
            placed.append((sent, sent_place))
        previous_place = met_place
    out = _with_latecomers(_where_clauses(doc, actors, out), latecomers)
    out = joined_later(ctx, with_companions(ctx, out, companions))
    out = heads_told_again(ctx, out)
    out = with_chairs(out, chairs)
    out = [(_placed_later(m, placed), i) for m, i in out]
    meetings = dedupe(out, body_offset)
    reorder = getattr(actors, "reorder", None)
    if reorder is not None:
        reorder(participants_of(meetings))  # salience counts roles in meetings
    return meetings


# The words the loop above looks at: a token with none of them triggers no meeting
# (`match_at`, `sides_again`), joins none (`also_attended`, `companion_at`), names no chair
# (`chair_of`) and places none ("meet", `TALK_NOUNS`), so only these tokens are visited.
# (verbs by lemma, nouns by lower-case form: "meeting" and "talks" are among the talk nouns)
_WORDS = VERB_TRIGGERS | LEAD_VERBS | {"meet"} | NOUN_TRIGGERS | TALK_NOUNS | COMPANION_VERBS


# Verbs of saying under which a meeting noun is only where something was said ("told a meeting
# in Rome", "spoke at talks in Oslo"): its place is not handed on to the next sentence.
_SAID_AT_VERBS = frozenset({"tell", "say", "address", "speak", "announce"})
# The trust in "met" (the table's verb.meet), for a meeting of the sides told again.
_MEET_CONFIDENCE = next(p.confidence for p in PREDICATES if p.id == "verb.meet")


def _placed_by_story(
    ctx: MeetingContext,
    meeting: Meeting,
    found: Found,
    sent: Span,
    previous: Where,
    first: bool,
    frames: list[Frame],
) -> Meeting:
    """A meeting with no place in its clause or sentence: the previous sentence's place, else
    the story's visit frame, else the dateline when the meeting is the lead event; never when
    it is dated apart ("last month")."""
    happened = meeting.status == "happened"
    apart = bool(_DATED_APART.search(meeting.when or ""))
    where, rule = Where(), ""
    if happened and previous:
        where, rule = previous, "place.previous-sentence"
    if not where and not apart:
        where, rule = frame_for(frames, meeting.participants, found.trigger.i), "place.visit-frame"
    at_dateline = placed_at_dateline(found.rules)
    people = {p for p in found.parties if ctx.actors.kind(p) == "PERSON"}
    # a meeting mostly of bodies ("Acme and Zenith held talks", "Acme's talks with Zenith and
    # Lee") is held by officers and lawyers wherever they are: where the story is filed says
    # where the statement came from
    mostly_people = 2 * len(people) > len(found.parties)
    if not where and happened and not apart and ctx.dateline and at_dateline:
        # a wire story is filed where its lead events happen: an encounter of a person in the
        # lead with no place of its own is placed at the dateline city, and so is one told next
        same_day = not _APART_FROM_LEAD.search(meeting.when or "")
        is_lead = sent.start <= ctx.lead_token < sent.end or (
            first and same_day and ctx.second_paragraph(sent.start)
        )
        # ... a meeting of people only: a body's talks (by its officials, lawyers, advisers)
        # are not placed by where a person in the lead is
        people_only = len(people) == len(found.parties)
        # ... and bodies' talks are placed there only if the parties "met" or the clause says
        # "here"
        in_person = found.rules[:1] == ["verb.meet"] or _says_here(found)
        placed = (is_lead and (mostly_people or in_person)) or (
            people_only and bool(people & ctx.lead_actors)
        )
        # ... unless its paragraph tells a journey abroad before it ("flew to Bonn")
        if placed and not journey_elsewhere(ctx, sent):
            where = ctx.at_dateline()
            rule = "place.dateline"
    item = ctx.digest_item(sent.start)
    if not where and happened and not apart and item is not None and at_dateline:
        # a news digest: "WASHINGTON - ..." heads its own item; its lead is placed there
        city, lead = item
        lead_sent = ctx.doc[lead].sent
        in_lead = {n for t in lead_sent if (n := ctx.actors.at(t.i))}
        if mostly_people and (sent.start <= lead < sent.end or people & in_lead):
            where = city_where(city, ctx.places)
            rule = "place.dateline"
    if not where:
        return meeting
    if meeting.place is not None:
        # a venue with no country of its own ("at Parliament House"): in the country of the
        # place the story gives the meeting
        if where.country is None:
            return meeting
        return replace(_noted(meeting, rule), country=where.country)
    return replace(_noted(meeting, rule), place=where.place, country=where.country)


def _says_here(found: Found) -> bool:
    """ "X met with representatives of Y here today": a "here" in the meeting's own clause
    (the parser may hang it on a name there), whatever the parties are."""
    for t in found.gov.subtree:
        if t.lower_ != "here":
            continue
        node = t.head
        while node.pos_ not in ("VERB", "AUX") and node.head != node:
            node = node.head
        if node in (found.gov, found.trigger):
            return True
    return False


def _with_latecomers(
    found: list[tuple[Meeting, int]], latecomers: list[tuple[int, list[str]]]
) -> list[tuple[Meeting, int]]:
    """ "The meeting, also attended by X, ...": X joins the last meeting told before it."""
    out = list(found)
    for at, names in latecomers:
        before = [k for k, (_, i) in enumerate(out) if i < at]
        if not before:
            continue
        k = before[-1]
        meeting, i = out[k]
        more = tuple(n for n in names if n not in meeting.participants)
        if more:
            joined = replace(meeting, participants=(*meeting.participants, *more))
            out[k] = (_noted(joined, "also-attended"), i)
    return out


def _noted(meeting: Meeting, rule: str) -> Meeting:
    return replace(meeting, rules=(*meeting.rules, rule))


def _party_notes(ctx: MeetingContext, sent: Span, found: Found) -> list[str]:
    """Weaker ways the parties were reached: a party not named in the sentence at all (a
    pronoun or a title resolved elsewhere), or a match read in the headline."""
    notes: list[str] = []
    named = {n for t in sent if (n := ctx.actors.at(t.i))} | committees_named_in(sent)
    outside = [p for p in found.parties if p not in named]
    if len(outside) == len(found.parties) and _the_two(found):
        notes.append("the-two")  # "the two ministers, meeting at ...": named just before
    elif len(outside) == len(found.parties):
        # no party named in the sentence: "they", "the ministers" stood for all of them
        notes.append("parties-outside-sentence")
    elif outside:
        notes.append("party-outside-sentence")
    if ctx.in_title(found.trigger.i):
        notes.append("headline-only")
    if any(ctx.actors.kind(p) is None and p.endswith("committee") for p in found.parties):
        notes.append("party.creditor-committee")  # "met the 14-bank advisory committee"
    return notes


def _the_two(found: Found) -> bool:
    """Whether the meeting's side is "the two <plural>" right at its trigger ("the two
    ministers, meeting at ...", "the two ministers met")."""
    trigger, gov = found.trigger, found.gov
    near = {trigger.head, *trigger.children, *gov.children}
    return any(
        noun.tag_ == "NNS"
        and any(c.dep_ == "nummod" and c.lower_ == "two" for c in noun.children)
        and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)
        for noun in near
    )


# A time that sets a meeting apart from the story's own days: it was not where the story is
# filed, nor in the visit the story tells ("last month", "two years ago", "earlier this year").
_DATED_APART = re.compile(r"\b(last|ago|previous|earlier this (month|year))\b", re.I)
# ... and, for an encounter told after the lead paragraph, any other day than the lead's.
_APART_FROM_LEAD = re.compile(
    r"\b(last|ago|previous|earlier this|weeks?|months?|years?|yesterday)\b", re.I
)


def _separately(found: Found) -> list[Found]:
    """ "X met separately with Y and Z": one encounter per counterpart."""
    if not found.hosts:
        return [found]
    hosts, others = found.parties[: found.hosts], found.parties[found.hosts :]
    return [replace(found, parties=[*hosts, other], hosts=0) for other in others]


def _where_clauses(
    doc: Doc, actors: ActorLookup, found: list[tuple[Meeting, int]]
) -> list[tuple[Meeting, int]]:
    """ "X visited the Acme Institute in Oslo, where she held talks with its director, Y": one
    encounter. The visit of a body is only the setting of the talks with the person who stands
    for it, and the talks take the visit's place and time."""
    by_trigger = {i: m for m, i in found}
    dropped: set[int] = set()
    replaced: dict[int, Meeting] = {}
    for meeting, i in found:
        clause = where_clause(doc[i])
        if clause is None:
            continue
        outer = next((j for j in by_trigger if j != i and _governs(doc[j], clause)), None)
        if outer is None:
            continue
        setting = by_trigger[outer]
        shared = set(setting.participants) & set(meeting.participants)
        rest = [p for p in setting.participants if p not in shared]
        if not shared or not rest or any(actors.kind(p) != "ORG" for p in rest):
            continue
        if setting.status != meeting.status or setting.mode != meeting.mode:
            continue
        dropped.add(outer)
        replaced[i] = filled(meeting, setting, topic=False)
    return [(replaced.get(i, m), i) for m, i in found if i not in dropped]


def _governs(trigger: Token, clause: Token) -> bool:
    """Whether the clause hangs (within a few steps) from the trigger's clause."""
    node = clause.head
    for _ in range(4):
        if node == trigger:
            return True
        if node.head == node:
            return False
        node = node.head
    return False


def _placed_later(meeting: Meeting, placed: list[tuple[Span, Where]]) -> Meeting:
    """ "... a meeting between Holloway and Varga." + "The Holloway-Varga meeting will
    take place in London." -> London: a sentence naming every participant says where."""
    if meeting.place is not None or meeting.mode == "remote":
        return meeting
    surnames = [p.split()[-1] for p in meeting.participants]
    for sent, where in placed:
        if all(re.search(rf"\b{re.escape(n)}\b", sent.text) for n in surnames):
            return replace(meeting, place=where.place, country=where.country)
    return meeting


def _unnamed_group(name: str, places: PlaceContext) -> bool:
    """ "the U.S. Group", "the Japanese delegation": a country's people, not a named body."""
    words = name.split()
    return (
        len(words) == 2
        and words[1].lower() in COUNTRY_GROUP_NOUNS
        and places.country_of(words[0]) is not None
    )


def _cut_compound(ctx: MeetingContext, name: str) -> bool:
    """ "Loan Association" out of "the federal savings and Loan Association": a fragment of a
    body's name cut at the "and" of a fixed compound is never a party."""
    if name.split()[0].lower() not in _COMPOUND_SECONDS:
        return False  # (the cheap test first: most names open no compound's second word)
    for tok in ctx.doc[2:]:
        start = tok.i
        if ctx.actors.at(start) != name or ctx.actors.at(start - 1) == name:
            continue
        if cut_at_compound(ctx.doc, start):
            return True
    return False


# The second words of the fixed compounds ("Loan" of "Savings and Loan").
_COMPOUND_SECONDS = frozenset(second for _, second in BODY_COMPOUNDS)


def participants_of(meetings: Sequence[Meeting]) -> list[str]:
    """Every actor that takes part in some meeting, in order of appearance."""
    return list(dict.fromkeys(p for m in meetings for p in m.participants))
