"""Who a personal pronoun stands for: the speaker whose words hold it, else the last person
named before it in the sentence, else the subject of an earlier sentence."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from spacy.tokens import Doc, Token

from newsdesk.nlp.meetings.lookup import ActorLookup

__all__ = ["FIRST_PERSON", "PERSONAL", "quoted_speaker", "resolve_pronoun"]

# Personal pronouns, resolved to the person in focus.
PERSONAL = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})


# First-person subjects, which in reported words stand for the one who says them ("'We met
# him twice,' Lee said": Lee).
FIRST_PERSON = frozenset({"i", "we"})
# Verbs that report words.
SAYING = frozenset({"say", "tell", "add", "declare", "recall"})


def quoted_speaker(tok: Token) -> Token | None:
    """The subject of the verb of saying whose words hold this first-person pronoun."""
    node = tok.head
    for _ in range(4):
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in SAYING:
            subjects = [s for s in node.head.children if s.dep_ == "nsubj"]
            if subjects and subjects[0].lower_ not in FIRST_PERSON:
                return subjects[0]
            return None
        if node.dep_ not in ("conj", "xcomp", "advcl") or node.head == node:
            return None
        node = node.head
    return None


def resolve_pronoun(
    doc: Doc, actors: ActorLookup, tok: Token, avoid: Collection[str] = ()
) -> str | None:
    """A personal pronoun -> the person it most likely refers to (not one of `avoid`)."""
    for name in _pronoun_candidates(doc, actors, tok):
        if name not in avoid:
            return name
    return None


def _pronoun_candidates(doc: Doc, actors: ActorLookup, tok: Token) -> Iterator[str]:
    sent = tok.sent
    # "After his talks with X, Y said ...": a pronoun in a phrase put before its clause's
    # subject stands for that subject
    node = tok
    for _ in range(5):
        if node.head == node:
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            for s in node.children:
                if s.dep_ == "nsubj" and s.i > tok.i:
                    name = _person_at(actors, s)
                    if name:
                        yield name
            break
    # "X said he ..." -> X
    head = tok.head
    while head.dep_ not in ("ROOT",) and head.head != head:
        if head.dep_ == "ccomp":
            for s in head.head.children:
                if s.dep_ == "nsubj":
                    name = _person_at(actors, s)
                    if name:
                        yield name
        head = head.head
    # an earlier person in the same sentence
    for i in range(tok.i - 1, sent.start - 1, -1):
        name = actors.at(i)
        if name and actors.kind(name) == "PERSON":
            yield name
    # the subject of an earlier sentence, else any earlier person
    later: list[str] = []
    for i in range(sent.start - 1, max(-1, sent.start - 400), -1):
        name = actors.at(i)
        if name and actors.kind(name) == "PERSON":
            if doc[i].dep_ in ("nsubj", "nsubjpass") or _head_dep(doc[i]) in ("nsubj",):
                yield name
            else:
                later.append(name)
    yield from later


def _head_dep(tok: Token) -> str:
    while tok.dep_ in ("compound", "flat", "appos") and tok.head != tok:
        tok = tok.head
    return str(tok.dep_)


def _person_at(actors: ActorLookup, tok: Token) -> str | None:
    name = actors.at(tok.i)
    return name if name and actors.kind(name) == "PERSON" else None
