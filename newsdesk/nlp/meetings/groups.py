"""Groups sent by a body and led by a person: "a World Bank team led by its vice-president,
Edward Jaycox" is the body and its leader; "the team would also meet X" is the body named for
the team just before; "the committee of banks, led by Acme Bank" is Acme Bank; "X, who chairs
the committee," was at the committee's talks; "the two ministers" are the two holders of the
title named together just before."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from newsdesk.models import Meeting
from newsdesk.nlp.lexicon import GROUP_NOUNS
from newsdesk.nlp.meetings.lookup import ActorLookup
from newsdesk.nlp.meetings.sentences import sentences_before
from newsdesk.nlp.meetings.words import OFFICER_NOUNS

# Verbs that put a person at the head of a group ("a team led by X", "a panel chaired by X").
LEAD_VERBS = frozenset({"lead", "head", "chair"})
# Of those, the ones that put a person at the head of a delegation or a negotiating team ("a
# delegation led by X", "negotiators headed by X and Y"; a chair heads a panel, not a side).
HEAD_VERBS = LEAD_VERBS - {"chair"}
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
    for sent in sentences_before(tok, GROUP_REACH_SENTENCES):
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


# Nouns for creditors or members acting together, whose leader stands for them ("the
# committee of banks, led by Acme Bank", "a consortium headed by Zenith").
LED_BODIES = frozenset(
    {"committee", "committees", "consortium", "syndicate", "banks", "creditors", "lenders"}
)


def led_body(actors: ActorLookup, tok: Token) -> str | None:
    """ "the coordinating committee of Western banks, led by Dresdner Bank": the named body
    that leads an unnamed group of bodies (on the noun or on its "of"-object)."""
    if tok.lower_ not in LED_BODIES:
        return None
    nouns = [tok] + [
        p
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
        if p.dep_ == "pobj" and p.lower_ in LED_BODIES
    ]
    for noun in nouns:
        for verb in noun.children:
            if verb.dep_ != "acl" or verb.lemma_.lower() not in LEAD_VERBS:
                continue
            for agent in (a for a in verb.children if a.dep_ == "agent"):
                for p in agent.children:
                    name = actors.at(p.i) if p.dep_ == "pobj" else None
                    if name and actors.kind(name) == "ORG":
                        return name
    return None


# Nouns a chair may be said to run, that name one side of talks told before.
CHAIRED_NOUNS = LED_BODIES | GROUP_NOUNS | frozenset({"talks", "negotiations"})


def chair_of(actors: ActorLookup, verb: Token) -> tuple[str, str] | None:
    """ "Bernhard Walter, who chairs the committee, ...": (the person, the noun) when a named
    person is said to chair, head or lead a definite group just told of."""
    if verb.dep_ != "relcl" or verb.lemma_.lower() not in LEAD_VERBS:
        return None
    person = actors.at(verb.head.i)
    if person is None or actors.kind(person) != "PERSON":
        return None
    for obj in verb.children:
        if obj.dep_ != "dobj" or obj.lower_ not in CHAIRED_NOUNS:
            continue
        if any(c.dep_ == "det" and c.lower_ == "the" for c in obj.children):
            return person, obj.lower_
    return None


def with_chairs(
    found: list[tuple[Meeting, int]], chairs: list[tuple[int, str, str]]
) -> list[tuple[Meeting, int]]:
    """The chair of "the committee" joins the last meeting told before whose evidence speaks
    of that committee."""
    out = list(found)
    for at, person, noun in chairs:
        before = [k for k, (m, i) in enumerate(out) if i < at and noun in m.evidence.lower()]
        if not before:
            continue
        k = before[-1]
        meeting, i = out[k]
        if person in meeting.participants:
            continue
        joined = replace(
            meeting,
            participants=(*meeting.participants, person),
            rules=(*meeting.rules, "chair-joined"),
        )
        out[k] = (joined, i)
    return out


def named_together(
    actors: ActorLookup, tok: Token, holders: list[str], count: int | None
) -> list[str]:
    """ "Hayden and Mochtar, who is here on a visit, agreed ..." + "the two ministers, meeting
    at ...": the holders of the title named in the nearest sentence before (within three) that
    names exactly that many of them."""
    if count is None or count < 2 or tok.i < 1:
        return []
    for sent in sentences_before(tok, 3):
        named = [n for n in dict.fromkeys(actors.at(t.i) for t in sent) if n in holders]
        if len(named) == count:
            return named
        if named:
            return []  # a nearer sentence names some of them: we cannot tell which
    return []


# How far (in tokens) after a body's name its officer's title and name may come ("Acme Corp
# <ACME.N> chairman Sir Ann Lee": ticker brackets, a title of a few words).
EMPLOYER_REACH = 8


def employers_in_titles(actors: ActorLookup, sent: Span, parties: list[str]) -> set[str]:
    """The bodies among co-subjects that only say whose officer another party is: "Acme Corp
    chairman Ann Lee and Zenith's Bob Ray discussed ...": Acme Corp is Lee's side, not a party
    meeting Lee. A body whose name is followed, with no verb, comma or other name between, by
    an officer's title and then a person among the parties."""
    people = {p for p in parties if actors.kind(p) == "PERSON"}
    bodies = {p for p in parties if actors.kind(p) == "ORG"}
    if not people or not bodies:
        return set()
    out: set[str] = set()
    for t in sent:
        body = actors.at(t.i)
        if body not in bodies or (t.i + 1 < sent.end and actors.at(t.i + 1) == body):
            continue  # (the last word of the body's name)
        if officer_after(actors, sent, t, people, body):
            out.add(body)
    return out


def officer_after(
    actors: ActorLookup, sent: Span, word: Token, people: set[str], body: str | None = None
) -> bool:
    """True when, after `word` (a body's name), an officer's title and then one of `people`
    follow with no verb, comma or other name between ("Acme Corp chairman Ann Lee"). Words of
    `body` itself are passed over."""
    titled = False
    for u in sent.doc[word.i + 1 : min(sent.end, word.i + 1 + EMPLOYER_REACH)]:
        name = actors.at(u.i)
        if name is not None and name != body:
            return titled and name in people
        if u.pos_ in ("VERB", "AUX") or u.text in (",", ";", "and"):
            return False
        titled = titled or u.lower_ in OFFICER_NOUNS
    return False
