"""Clues about a meeting noun's parties: the one who reports the talks, a body's own meeting."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Doc, Token

from newsdesk.nlp.meetings.lookup import ActorLookup
from newsdesk.nlp.meetings.parties import parties_of
from newsdesk.nlp.meetings.status import BEARERS
from newsdesk.nlp.meetings.words import UNREAL_AMODS

__all__ = ["bodys_own", "reporter"]


# Verbs of reporting: "Acme said talks with X had ended" (the speaker may be a party).
REPORT_VERBS = frozenset({"say", "announce", "confirm", "disclose", "report"})


def bodys_own(actors: ActorLookup, noun: Token) -> bool:
    """ "an Arab League meeting", "the OPEC talks": a named body's own gathering, which says
    nothing of whom the clause's subject met."""
    for c in noun.children:
        if c.dep_ in ("compound", "nmod") and c.i < noun.i:
            name = actors.at(c.i)
            if name and actors.kind(name) == "ORG":
                return True
    return False


def reporter(
    doc: Doc, actors: ActorLookup, noun: Token, gov: Token, avoid: Collection[str]
) -> list[str]:
    """ "Acme said talks with Zenith had ended", "Acme said the suit would not affect talks with
    Zenith": the named party reporting its own talks."""
    # "Acme said the lawsuit would not affect the talks with Zenith": talks that a verb of
    # bearing on them takes as its object are reported as under way, too
    # (definite talks: "would not affect any talks" speaks of none in particular)
    borne = (
        noun.dep_ == "dobj"
        and gov.lemma_.lower() in BEARERS
        and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)
    )
    if noun.dep_ not in ("nsubj", "nsubjpass") and not borne:
        return []
    if noun.head != gov or gov.dep_ != "ccomp":
        return []
    if gov.head.lemma_.lower() not in REPORT_VERBS:
        return []
    hedges = UNREAL_AMODS | {"necessary", "needed", "impossible", "essential", "desirable"}
    if any(c.dep_ == "acomp" and c.lower_ in hedges for c in gov.children):
        return []  # "said talks with X were unlikely"
    # the parser may hang a lead's dateline ("LONDON, March 9 - Acme said ...") as one more
    # subject of the verb: the first subject that names a party is the speaker
    for s in gov.head.children:
        if s.dep_ == "nsubj" and (named := parties_of(doc, actors, s, set(), avoid)):
            return named
    return []
