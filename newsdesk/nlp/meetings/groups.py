"""Groups sent by a body and led by a person: "a World Bank team led by its vice-president,
Edward Jaycox" is the body and its leader; "the team would also meet X" is the body named for
the team just before."""

from __future__ import annotations

from spacy.tokens import Token

from newsdesk.nlp.lexicon import GROUP_NOUNS
from newsdesk.nlp.meetings.lookup import ActorLookup

# Verbs that put a person at the head of a group ("a team led by X", "a panel chaired by X").
LEAD_VERBS = frozenset({"lead", "head", "chair"})
# How far (in tokens) past "led by" a leader set off by a comma may be named, and how many
# sentences back "the team" may find the team it names.
LEADER_REACH = 10
GROUP_REACH_SENTENCES = 3


def leader_set_off(actors: ActorLookup, agent: Token) -> str | None:
    """ "led by its vice-president for Africa, Edward Jaycox,": the person named right after
    the comma that closes an unnamed role ("led by" + role noun), which the parser may hang
    anywhere; nothing between may be a verb."""
    doc = agent.doc
    end = min(agent.sent.end, agent.i + LEADER_REACH)
    for t in doc[agent.i + 1 : end]:
        if t.pos_ in ("VERB", "AUX"):
            return None
        name = actors.at(t.i)
        if name and actors.kind(name) != "PERSON":
            return None  # "led by Acme Bank": a body, read elsewhere
        if t.text == "," and t.i + 1 < len(doc):
            after = actors.at(t.i + 1)
            return after if after and actors.kind(after) == "PERSON" else None
    return None


def group_named_before(actors: ActorLookup, tok: Token) -> str | None:
    """ "the team" with no name of its own: the body named on the same group noun in the
    nearest sentence before that has one ("a World Bank team led by X ..." + "the team would
    also meet Y" -> World Bank)."""
    if tok.lower_ not in GROUP_NOUNS or not any(
        c.dep_ == "det" and c.lower_ == "the" for c in tok.children
    ):
        return None
    if any(c.dep_ in ("compound", "amod", "nmod", "poss") for c in tok.children):
        return None  # "the Japanese team", "the bank's team": not a bare reference
    doc, sent = tok.doc, tok.sent
    for _ in range(GROUP_REACH_SENTENCES):
        if sent.start == 0:
            return None
        sent = doc[sent.start - 1].sent
        same = [t for t in sent if t.lower_ == tok.lower_]
        if not same:
            continue
        bodies = [
            n
            for t in same
            for c in t.children
            if c.dep_ in ("compound", "nmod") and (n := actors.at(c.i))
            if actors.kind(n) == "ORG"
        ]
        return bodies[-1] if bodies else None  # the nearest mention decides
    return None
