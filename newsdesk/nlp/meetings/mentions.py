"""Named actors read off a stretch of words: the names in a span (a post's modifier aside),
the person in apposition to a word, the body an "its" points to, and number words."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from newsdesk.nlp.meetings.groups import HEAD_VERBS
from newsdesk.nlp.meetings.lookup import ActorLookup

__all__ = [
    "NUMBERS",
    "appositive_person",
    "co_leaders",
    "is_role_modifier",
    "its_body",
    "mentioned_in",
    "named_among",
    "named_conjuncts",
    "number",
    "post_holder",
    "represented_bodies",
    "role_holder",
]


def is_role_modifier(doc: Doc, actors: ActorLookup, tok: Token) -> bool:
    """An ORG naming a person's post: "UN Secretary-General Antonio Guterres", "GNA head X"."""
    return role_holder(doc, actors, tok) is not None


def role_holder(doc: Doc, actors: ActorLookup, tok: Token) -> str | None:
    """The person whose post an ORG names ("Acme Bank vice-chairman Ann Lee": Ann Lee), or None
    when the ORG is not followed by a post and a person's name."""
    name = actors.at(tok.i)
    if name is None or actors.kind(name) != "ORG":
        return None
    i = tok.i
    while i < len(doc) and actors.at(i) == name:
        i += 1
    steps = 0
    while i < len(doc) and steps < 6:
        t = doc[i]
        other = actors.at(i)
        if other and other != name:
            return other if actors.kind(other) == "PERSON" and steps > 0 else None
        if t.text in ("(", ")") or t.is_punct and t.text == "-":
            i += 1
            continue
        if t.pos_ in ("NOUN", "ADJ", "PROPN") and not t.ent_type_ and t.text[:1].isalpha():
            steps += 1
            i += 1
            continue
        if t.text.isupper() and i > 0 and doc[i - 1].text == "(":
            i += 1
            continue
        return None
    return None


def its_body(actors: ActorLookup, tok: Token) -> str | None:
    """The named body an "its" points to: the first body that is the subject of a clause above
    the phrase in the same sentence ("Acme said X met its chairman")."""
    node = tok
    for _ in range(10):
        if node.head == node:
            return None
        node = node.head
        for c in node.children:
            name = actors.at(c.i) if c.dep_ in ("nsubj", "nsubjpass") else None
            if name and actors.kind(name) == "ORG":
                return name
    return None


NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}


def number(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBERS.get(word)


def appositive_person(actors: ActorLookup, tok: Token) -> str | None:
    """A person in apposition to this word: the parser hangs "the head of the union, X," on
    "union" rather than on "head"."""
    return named_among(actors, (c for c in tok.children if c.dep_ == "appos"), "PERSON")


def named_among(actors: ActorLookup, words: Iterable[Token], kind: str) -> str | None:
    """The actor of this kind ("PERSON", "ORG") named at the first of these words that names
    one, else None."""
    for word in words:
        name = actors.at(word.i)
        if name and actors.kind(name) == kind:
            return name
    return None


def mentioned_in(doc: Doc, actors: ActorLookup, start: int, end: int, skip: set[int]) -> list[str]:
    """Every named actor whose mention starts in [start, end) and is not a post's modifier."""
    out: list[str] = []
    i = start
    while i < end:
        name = actors.at(i)
        if name and i not in skip and not is_role_modifier(doc, actors, doc[i]):
            if name not in out:
                out.append(name)
            while i < end and actors.at(i) == name:
                i += 1
            continue
        i += 1
    return out


def post_holder(doc: Doc, actors: ActorLookup, tok: Token) -> str | None:
    """The person a phrase names when the parser made its post the head: "Acme President Ann
    Lee" (`role_holder` reads one whose body is the head: "Acme Bank vice-chairman Ann Lee").
    The person holds the post, so the person, not the body in the post, is the party."""
    # a capitalised post of one person runs on to its holder's name ("Minister of State for
    # Foreign Affairs Ann Lee", "President Ann Lee"; not "the ministers Lee said")
    if not tok.text[:1].isupper() or tok.tag_ in ("NNS", "NNPS"):
        return None
    for t in doc[tok.i + 1 : min(len(doc), tok.i + _POST_WORDS + 1)]:
        name = actors.at(t.i)
        if name is not None and actors.kind(name) == "PERSON":
            return name
        titled = t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN")
        if not (titled or t.lower_ in ("of", "for", "and")):
            return None
    return None


# How many words a capitalised post may run to before its holder's name.
_POST_WORDS = 7


def co_leaders(actors: ActorLookup, tok: Token) -> list[str]:
    """ "Canadian and U.S. negotiators led by Ann Lee and Bo Park", "the negotiating teams, led
    by Lee and Park,": a plural group led by two or more named people is the two sides of
    talks, each with its head; those heads are the parties (a group led by one person is not)."""
    if tok.tag_ not in ("NNS", "NNPS"):
        return []
    for verb in tok.children:
        if verb.dep_ != "acl" or verb.lemma_.lower() not in HEAD_VERBS:
            continue
        for agent in (a for a in verb.children if a.dep_ == "agent"):
            words = list(agent.subtree)
            names = dict.fromkeys(actors.at(t.i) for t in words)
            people = [n for n in names if n and actors.kind(n) == "PERSON"]
            if len(people) >= 2 and any(t.dep_ == "cc" and t.lower_ == "and" for t in words):
                return people
    return []


def appositive_people(actors: ActorLookup, tok: Token) -> list[str]:
    """ "the inspectors Ann Lee and Bo Tan": the people a plural noun's appositive list names
    (two at least, every one a named person)."""
    for c in tok.children:
        if c.dep_ == "appos":
            names = [actors.at(x.i) for x in (c, *c.conjuncts)]
            if len(names) >= 2 and all(n and actors.kind(n) == "PERSON" for n in names):
                return list(dict.fromkeys(n for n in names if n))
    return []


def opens_with_adjective(tok: Token) -> bool:
    """Whether the entity `tok` is in opens with an adjective ("Ethiopian Relief")."""
    start = tok.i
    while start > 0 and tok.doc[start].ent_iob_ == "I":
        start -= 1
    return bool(tok.ent_type_) and tok.doc[start].pos_ == "ADJ"


def bare(tok: Token) -> bool:
    """ "the company" and nothing else: no name, owner or description of its own."""
    return all(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and any(
        c.lower_ == "the" for c in tok.children
    )


# Entity labels of what a person is "of" ("X of India", "Y of Acme").
_OF_LABELS = frozenset({"GPE", "NORP", "ORG"})


def hung_on_its_place(tok: Token) -> list[Token]:
    """ "X of India and Y of Pakistan met": people the parser coordinated with the place or
    body a named person is "of" (they are coordinated with that person)."""
    if tok.ent_type_ != "PERSON":
        return []
    out: list[Token] = []
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (p for p in prep.children if p.dep_ == "pobj" and p.ent_type_ in _OF_LABELS):
            out += [x for x in pobj.conjuncts if x.ent_type_ == "PERSON"]
    return out


def named_conjuncts(actors: ActorLookup, p: Token) -> list[Token]:
    """A named phrase and those coordinated with it, also where the parser hung the "and" on a
    word inside the first name ("the Pipefitters of America and Acme Corp": "and" on
    "America")."""
    name = actors.at(p.i)
    inner = [x for x in p.subtree if name is not None and actors.at(x.i) == name]
    out = [p]
    for x in (p, *inner):
        out += [c for c in x.conjuncts if c not in out and c.i > p.i]
    return sorted(out, key=lambda t: t.i)


def represented_bodies(actors: ActorLookup, p: Token) -> list[str]:
    """ "representatives of Acme and Zenith": both bodies; "of the Nordic Council, Norway and
    Iceland": the council (countries, no actors here, are left out, never a reason to drop the
    body); [] when a person is in the list or fewer than two names and no place."""
    listed = named_conjuncts(actors, p)
    names = [actors.at(x.i) for x in listed]
    places = [x for x, n in zip(listed, names, strict=True) if n is None and x.ent_type_ == "GPE"]
    bodies = list(dict.fromkeys(n for n in names if n))
    if len(places) + sum(1 for n in names if n) != len(listed) or not bodies:
        return []
    if any(actors.kind(b) != "ORG" for b in bodies):
        return []
    return bodies if len(bodies) >= 2 or places else []
