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
# Titles of those who speak for others: a spokesman reporting a plan is not the one the
# plan's "he"/"him" stands for ("X will receive him, spokesman Lee said": not Lee).
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokesmen"})
# Dependency labels of a clause's subject.
SUBJECTS = ("nsubj", "nsubjpass")


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
    # "X said he ..." -> X (not a spokesman reporting the words)
    head = tok.head
    while head.dep_ not in ("ROOT",) and head.head != head:
        if head.dep_ == "ccomp":
            for s in head.head.children:
                if s.dep_ == "nsubj" and not _speaks_for_others(s):
                    name = _person_at(actors, s)
                    if name:
                        yield name
        head = head.head
    # an earlier person in the same sentence: the subject of a clause first ("X will meet Y
    # before flying to Paris, where he will be received by Z": X), never the subject of the
    # pronoun's own clause for an object ("Z is to receive him": not Z), nor a spokesman
    own = _own_subjects(tok) if tok.dep_ not in SUBJECTS else set()
    earlier: list[str] = []
    for i in range(tok.i - 1, sent.start - 1, -1):
        name = actors.at(i)
        if not name or actors.kind(name) != "PERSON" or _speaks_for_others(doc[i]):
            continue
        if _head_token(doc[i]).i in own:
            continue
        if _head_dep(doc[i]) in SUBJECTS:
            yield name
        else:
            earlier.append(name)
    yield from earlier
    # the subject of an earlier sentence, else any earlier person
    later: list[str] = []
    for i in range(sent.start - 1, max(-1, sent.start - 400), -1):
        name = actors.at(i)
        if name and actors.kind(name) == "PERSON":
            if doc[i].dep_ in SUBJECTS or _head_dep(doc[i]) in ("nsubj",):
                yield name
            else:
                later.append(name)
    yield from later


def _head_token(tok: Token) -> Token:
    while tok.dep_ in ("compound", "flat", "appos") and tok.head != tok:
        tok = tok.head
    return tok


def _head_dep(tok: Token) -> str:
    return str(_head_token(tok).dep_)


def _own_subjects(tok: Token) -> set[int]:
    """The subjects of the clause an object pronoun stands in, through "is to"/"wants to"."""
    node = tok.head
    out = {s.i for s in node.children if s.dep_ in SUBJECTS}
    while node.dep_ == "xcomp" and node.head != node:
        node = node.head
        out |= {s.i for s in node.children if s.dep_ in SUBJECTS}
    return out


def _speaks_for_others(tok: Token) -> bool:
    """Whether a name is given a spokesman's title ("spokesman Lee", "the spokesman, Lee")."""
    top = _head_token(tok)
    return top.lower_ in SPOKESPEOPLE or any(t.lower_ in SPOKESPEOPLE for t in top.children)


def _person_at(actors: ActorLookup, tok: Token) -> str | None:
    name = actors.at(tok.i)
    return name if name and actors.kind(name) == "PERSON" else None
