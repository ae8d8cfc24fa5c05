"""A meeting told as a sequel of one before it: "X held talks with Y in Lagos." + "X would
also meet Z before leaving on Friday" — the "also" ties the second to the first's stay, so a
sequel with no place of its own takes the place of the last meeting of a party it shares; and
"the two sides will meet again", whose sides are the two parties of the meeting before."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Token

from newsdesk.models import Meeting
from newsdesk.nlp.meetings.clauses import Found
from newsdesk.nlp.meetings.status import blocked, is_planned

# Words that tie a clause to what was told before ("also", "too", "as well").
SEQUEL_WORDS = frozenset({"also"})
# Dependency labels climbed from the trigger to the word that may carry "also" or "there" ("is
# also scheduled to meet", "would also hold talks", "held a meeting there", "met there to
# discuss"), and how many words are looked at on the way (the trigger and those above it).
CLIMB = frozenset({"xcomp", "advcl", "dobj", "pobj", "prep"})
CLIMB_WORDS = 3
# A time that sets the meeting apart from the stay told before it (unlike engine's times apart
# from the story's own days, "next week" counts: a later stay is another stay).
APART_FROM_STAY = re.compile(r"\b(last|ago|previous|earlier|next (week|month|year))\b", re.I)


def placed_as_before(meeting: Meeting, found: Found, earlier: list[Meeting]) -> Meeting:
    """The meeting placed where the last earlier in-person meeting sharing a party was held,
    when it is told with "also" and is not dated apart; otherwise unchanged."""
    if meeting.place is not None or not _on_climb(found.trigger, _also_on):
        return meeting
    if APART_FROM_STAY.search(meeting.when or ""):
        return meeting
    return _placed_as_last_shared(meeting, earlier, "place.also")


def _placed_as_last_shared(meeting: Meeting, earlier: list[Meeting], rule: str) -> Meeting:
    """The meeting placed where the last earlier in-person meeting sharing a party was held,
    with `rule` among its rules; unchanged when there is none."""
    parties = set(meeting.participants)
    before = next(
        (
            m
            for m in reversed(earlier)
            if m.mode == "in_person" and m.place and parties & set(m.participants)
        ),
        None,
    )
    if before is None:
        return meeting
    return replace(
        meeting, place=before.place, country=before.country, rules=(*meeting.rules, rule)
    )


def says_there(found: Found) -> bool:
    """ "X and Y held a separate meeting there": a "there" in the meeting's own clause (on its
    verb or on the verb's object) points back to a place told before, never to where the story
    is filed."""
    return _on_climb(found.trigger, _there_on) or _there_on(found.gov)


def _on_climb(trigger: Token, test: Callable[[Token], bool]) -> bool:
    """Whether `test` holds for the trigger or a word it hangs from through CLIMB labels ("held
    talks there to discuss", "is also due to see")."""
    node = trigger
    for _ in range(CLIMB_WORDS):
        if test(node):
            return True
        if node.dep_ not in CLIMB or node.head == node:
            return False
        node = node.head
    return False


def _there_on(node: Token) -> bool:
    """A "there" hanging on a word or on its object ("held talks there")."""
    for c in node.children:
        if c.lower_ == "there" and c.dep_ == "advmod":
            return True
        if c.dep_ == "dobj" and any(g.lower_ == "there" and g.dep_ == "advmod" for g in c.children):
            return True
    return False


def placed_there(meeting: Meeting, earlier: list[Meeting]) -> Meeting:
    """A meeting told "there": the place of the last earlier in-person meeting sharing a party
    ("X met Y at Lakeside, Ontario." + "X and Y held a breakfast meeting there"); else no place
    (the caller asks nothing more of the story)."""
    return _placed_as_last_shared(meeting, earlier, "place.there")


def _also_on(node: Token) -> bool:
    """An "also" hanging on a word ("would also meet")."""
    return any(c.dep_ == "advmod" and c.lower_ in SEQUEL_WORDS for c in node.children)


# Nouns for both parties of a negotiation taken together as one subject ("the two sides",
# "both parties"); unlike verbs.HEADED_SIDES, the noun stands for the pair, never one side.
BOTH_SIDES = frozenset({"sides", "parties"})


def sides_again(tok: Token, last: Meeting | None) -> Found | None:
    """ "The two sides will meet again on Tuesday": "meet again" whose subject is "the two
    sides" and nothing else is a meeting of the two parties of the last meeting told before it
    (`last`: a meeting of exactly two, in person)."""
    if tok.lemma_ != "meet" or tok.pos_ != "VERB" or last is None or blocked(tok):
        return None
    if not any(c.lower_ == "again" for c in tok.children):
        return None  # "the two sides have met only through X": not the same two again
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if len(subjects) != 1 or subjects[0].lower_ not in BOTH_SIDES or subjects[0].conjuncts:
        return None
    marks = {c.lower_ for c in subjects[0].children}
    if not {"the", "two"} <= marks:
        return None
    if len(last.participants) != 2 or last.mode != "in_person":
        return None
    return Found(list(last.participants), tok, tok, planned=is_planned(tok))
