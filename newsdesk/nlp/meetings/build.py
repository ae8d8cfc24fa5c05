"""From a matched pattern to a `Meeting`: place, time, status, topic and evidence."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from newsdesk.models import Meeting
from newsdesk.nlp.doc_reads import ents_in, text_of
from newsdesk.nlp.meetings.context import MeetingContext
from newsdesk.nlp.meetings.patterns import Found
from newsdesk.nlp.meetings.rules import adjusted
from newsdesk.nlp.meetings.status import follows_plan, held_before
from newsdesk.nlp.meetings.when import resolve_date, sounds_future
from newsdesk.nlp.meetings.where import (
    Where,
    date_tagged_place,
    find_place,
    where_outer,
)
from newsdesk.nlp.meetings.words import TALK_NOUNS

# Auxiliaries of a past verb ("was received", "had met").
PAST_AUX = frozenset({"was", "were", "had"})
# A time of a meeting told in the past that puts it before the story ("last Thursday", "two
# days ago", "yesterday"): a meeting so dated has been held, whatever plan the clause is part of.
PAST_TIME = re.compile(r"\b(last|ago|yesterday)\b", re.I)


def _past(verb: Token) -> bool:
    """A simple past ("received") or a past auxiliary ("was received", "had met")."""
    if verb.tag_ == "VBD":
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in PAST_AUX for c in verb.children)


def to_meeting(ctx: MeetingContext, sent: Span, found: Found) -> Meeting:
    doc, places, published = ctx.doc, ctx.places, ctx.published
    dateline, body_token = ctx.dateline, ctx.body_token
    when = _when(ctx, found.trigger, found.gov)
    # "later in the day", "the following week" point ahead only from a present or future
    # verb: "Y received X later in the day" (a simple past) has happened
    told_past = any(_past(t) for t in (found.gov, found.trigger))
    planned = found.planned or (sounds_future(when) and not told_past)
    if planned and told_past and PAST_TIME.search(when or ""):
        planned = False  # "had been agreed when X met Y last Thursday": held
    if planned and held_before(found.trigger):
        planned = False  # "agreed to reschedule the debt after two days of talks with X"
    if not planned and follows_plan(found.gov):
        planned = True
        found.rules.append("status.follows-plan")
    # a call has no one venue: "spoke by phone ... about ships in the Red Sea" is a topic
    where = (
        Where()
        if found.remote
        else find_place(doc, sent, found.trigger, found.gov, places, dateline)
    )
    topic = _topic(found.trigger, found.gov)
    start = sent.start_char
    body = doc[body_token].idx if 0 < body_token < len(doc) else 0
    if start < body < sent.end_char and found.trigger.idx >= body:
        start = body
    elif body < start < ctx.dateline_end:
        start = body  # the parser cut the dateline ("PEKING, March 3 -") in two
    evidence = re.sub(r"\s+", " ", text_of(doc)[start : sent.end_char]).strip()
    return Meeting(
        participants=tuple(found.parties),
        place=where.place,
        country=where.country,
        when=when,
        date=resolve_date(when, published, planned),
        status="planned" if planned else "happened",
        mode="remote" if found.remote else "in_person",
        topic=topic,
        evidence=evidence,
        confidence=adjusted(found.base, found.rules),
        rules=tuple(dict.fromkeys(found.rules)),
    )


def _clause_owner(tok: Token) -> Token:
    """Nearest verb (or the meeting noun) a token's phrase hangs from."""
    node = tok.head
    while node.pos_ not in ("VERB", "AUX") and node.head != node and node.lower_ not in TALK_NOUNS:
        node = node.head
    return node


def _when(ctx: MeetingContext, trigger: Token, gov: Token) -> str | None:
    doc = trigger.doc
    best: tuple[int, int, str] | None = None
    owners = [trigger, gov]
    node = gov
    for _ in range(3):  # "will travel to Paris next week to meet X", "on Sunday he is due to meet"
        if node.dep_ not in ("xcomp", "advcl", "acomp") or node.head == node:
            break
        node = node.head
        owners.append(node)
    outer = where_outer(trigger)
    if outer is not None:
        owners.append(outer)  # "visited X on Saturday, where he met Y"
    for ent in ents_in(trigger.sent):
        if ent.label_ not in ("DATE", "TIME") or _is_duration(ent) or "\n" in ent.text:
            continue
        if date_tagged_place(ent):
            continue  # "Montevideo" tagged DATE
        if ent.start_char < ctx.dateline_end:
            continue  # "VIENNA, May 2 -" dates the story, not the meeting
        owner = _clause_owner(ent.root)
        if owner not in owners and ent.root.head not in owners:
            continue
        rank = owners.index(owner) if owner in owners else owners.index(ent.root.head)
        dist = (min(rank, 1), abs(ent.root.i - trigger.i))
        end = ent.end
        # "on Thursday and Friday": the tagger splits the pair
        if end + 1 < len(doc) and doc[end].lower_ == "and" and doc[end + 1].ent_type_ == "DATE":
            end += 2
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
        text = doc[ent.start : end].text
        text = re.sub(r"^(the|on|in)\s+", "", text, flags=re.I)
        if _bare_unit(text):
            continue  # "an hour-long meeting", "for an hour": a length, never a time
        if best is None or dist < best[:2]:
            best = (*dist, text)
    return best[2] if best else None


# Words that count a unit of time, making it a length ("several hours of talks").
COUNT_WORDS = frozenset({"a", "an", "several", "few", "many", "some", "couple"})


def _bare_unit(text: str) -> bool:
    """ "hour", "an hour-long", "week": a unit of time with no day or number of its own."""
    words = re.sub(r"-long\b", "", text.lower()).split()
    words = [w for w in words if w not in ("a", "an", "one", "the")]
    units = ("hour", "hours", "day", "days", "minute", "minutes", "week", "weeks")
    return len(words) == 1 and words[0] in units


def _is_duration(ent: Span) -> bool:
    """ "nine hours", "two days", "for about an hour": how long, not when."""
    units = ("hour", "day", "minute", "week", "month", "year")
    if ent.root.lemma_.lower() not in units:
        return False
    counted = any(c.like_num or c.lower_ in COUNT_WORDS for c in ent.root.children)
    return counted or ent.root.head.lower_ == "for"


def _topic(trigger: Token, gov: Token) -> str | None:
    for node in (trigger, gov):
        for c in node.children:
            if c.dep_ in ("advcl", "xcomp", "relcl", "acl") and c.lemma_ in (
                "discuss",
                "negotiate",
            ):
                for o in c.children:
                    if o.dep_ == "dobj":
                        return str(trigger.doc[o.left_edge.i : o.right_edge.i + 1].text)
            if (
                c.dep_ == "prep"
                and c.lower_ in ("on", "about", "over")
                and node.lower_ in TALK_NOUNS
            ):
                for o in c.children:
                    if o.dep_ == "pobj" and not o.ent_type_:
                        return str(trigger.doc[o.left_edge.i : o.right_edge.i + 1].text)
    return None
