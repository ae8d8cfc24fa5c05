"""Who takes part: from a token in a meeting pattern to the named actors it stands for.

Coordination is expanded ("X and Y"), officials of a named body count as that body ("Acme
officials", "lawmakers of the House of Representatives"), an appositive names a role noun
("the president of the bank, Miguel Mancera"), pronouns go to the person last in focus and relative
pronouns to their antecedent. Unnamed parties and countries yield nothing.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Doc, Token

from newsdesk.nlp.lexicon import GROUP_NOUNS, words
from newsdesk.nlp.meetings import mentions
from newsdesk.nlp.meetings.groups import (
    HEAD_VERBS,
    LED_BODIES,
    group_named_before,
    leader_set_off,
    led_body,
    named_together,
)
from newsdesk.nlp.meetings.lookup import ActorLookup
from newsdesk.nlp.meetings.mentions import (
    appositive_people,
    appositive_person,
    bare,
    hung_on_its_place,
    its_body,
    named_among,
    number,
    opens_with_adjective,
    represented_bodies,
)
from newsdesk.nlp.meetings.pronouns import (
    FIRST_PERSON,
    PERSONAL,
    quoted_speaker,
    resolve_pronoun,
)
from newsdesk.nlp.meetings.refs import ROLES as ROLE_NOUNS
from newsdesk.nlp.meetings.refs import (
    appositive_after,
    bracketed_after,
    from_body,
    it_before,
    listed_after,
    previous_subject_body,
    story_speaker_body,
    the_named_body,
    the_title_holder,
    untagged_name,
)
from newsdesk.nlp.meetings.words import SPOKEN_FOR

# Relative pronouns, resolved to their antecedent.
RELATIVE = frozenset({"who", "whom", "which", "that", "whose"})
# Plural or collective nouns for people acting for a body ("officials of X", "X negotiators",
# "an IMF mission").
OFFICIALS = words(
    """
    official officials lawmaker lawmakers legislator legislators representative
    representatives delegation delegations delegate delegates leader leaders leadership
    executive executives member members minister ministers envoy envoys diplomat diplomats
    negotiator negotiators management team staff chiefs heads head president chairman chief
    spokesman banker bankers committee board mission missions
    """
)


# Common nouns for a body that a name before them can name: "the United Auto Workers union".
BODY_HEADS = words("union company group firm bank board management")


def conjuncts(tok: Token) -> list[Token]:
    """The token and everything coordinated with it."""
    out = [tok]
    for c in tok.conjuncts:
        if c not in out:
            out.append(c)
    # "Minister X and Minister Y" parsed as Minister <- appos X <- conj Y
    for c in tok.children:
        if c.dep_ == "appos":
            more = (*c.conjuncts, *hung_on_its_place(c))  # "secretaries X of A and Y of B"
            out += [x for x in more if x not in out and x.i > c.i]
            if any(x.i < c.i for x in tok.conjuncts) and c not in out:
                # "X and the head of the bank, Y, met": the appositive names the last conjunct,
                # which is that person, not a further party (the bank it heads)
                out.append(c)
                last = max((x for x in tok.conjuncts if x.i < c.i), key=lambda x: x.i)
                if last.pos_ == "NOUN" and last.lower_ in ROLE_NOUNS | OFFICIALS and last in out:
                    out.remove(last)
    out += [x for x in hung_on_its_place(tok) if x not in out]  # "X of India and Y of Peru"
    # a misparse: "Berg and Trade envoy Piet Maas" hangs "Berg" as a modifier
    for c in tok.subtree:
        if c.i >= tok.i:
            break
        if c.dep_ == "appos" and c.head.i < tok.i and _coordinates(c):
            # "A's Minister X and B's Minister Y met": X hangs as an appositive of a title
            # that the parser made a modifier of Y
            if c not in out:
                out.append(c)
            continue
        if c.dep_ in ("nmod", "compound") and _coordinates(c):
            if opens_with_adjective(c):
                # "Ethiopian Relief and Rehabilitation Commissioner X": a body's name in a
                # title (a person's name takes no adjective), not a further party
                continue
            out.append(c)
            # "... with Maas and World Bank officials": a named phrase coordinated
            # with it (but not a stray word such as "Berg and Trade envoy X")
            out += [
                x
                for x in c.conjuncts
                if x.ent_type_ and any(k.dep_ == "compound" for k in x.children) and x not in out
            ]
    return sorted(out, key=lambda t: t.i)


def _coordinates(tok: Token) -> bool:
    """Whether a token has its own "and", not one inside a name ("House Ways and Means ...")."""
    return any(x.dep_ == "cc" and x.ent_iob_ != "I" for x in tok.children)


def parties_of(
    doc: Doc, actors: ActorLookup, tok: Token, skip: set[int], avoid: Collection[str] = ()
) -> list[str]:
    """Named actors that one noun-phrase head stands for (coordination expanded)."""
    out: list[str] = []
    # "the ministers of the US, the EU and Canada": a misparse may hang the rest of the "of"
    # list on the head noun itself; those are not further parties
    of_list = [c.i for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
    for c in conjuncts(tok) + listed_after(actors, tok, past_ticker=True):
        in_of_list = of_list and c.i > of_list[0] and c.ent_type_ in ("GPE", "ORG", "NORP")
        if in_of_list and tok.lower_ in OFFICIALS | ROLE_NOUNS:
            continue
        if c.lower_ in PERSONAL:
            names = [n for n in [resolve_pronoun(doc, actors, c, [*avoid, *out])] if n]
        elif c.lower_ in FIRST_PERSON and c.dep_ == "nsubj":
            speaker = quoted_speaker(c)  # "'We met him twice,' Lee said": Lee
            name = _one(doc, actors, speaker, skip) if speaker is not None else None
            names = [name] if name and name not in avoid else []
        elif c.lower_ == "it" and c.dep_ in ("nsubj", "nsubjpass"):
            body = _body_said(doc, actors, c, skip) or it_before(actors, c)
            names = [body] if body and body not in avoid else []
        elif c.lower_ in SPOKEN_FOR and c.dep_ in ("nsubj", "nsubjpass") and bare(c):
            body = _body_said(doc, actors, c, skip, SPOKEN_FOR[c.lower_])
            # else "Acme Corp reported ... . The company is holding talks with ...": the body
            # the sentence before is about, or the one union or bank the story names, or
            # the body whose statement opens the story
            body = body or previous_subject_body(actors, c) or the_named_body(actors, c)
            body = body or story_speaker_body(actors, c)
            names = [body] if body and body not in avoid else []
        elif c.lower_ == "they" and c.dep_ in ("nsubj", "nsubjpass"):
            names = [n for n in _they_said(doc, actors, c, skip) if n not in avoid]
        elif c.lower_ in RELATIVE and c.head.dep_ == "relcl" and c.head.head != c:
            names = parties_of(doc, actors, c.head.head, skip, avoid)
        elif (led := led_body(actors, c)) is not None:
            names = [led]  # "the committee of banks, led by Acme Bank": Acme Bank
        elif c.tag_ == "NNS" or c.lower_ in GROUP_NOUNS or _officials_opening(c):
            names = _plural(doc, actors, c, skip)
        else:
            names = [n for n in [_one(doc, actors, c, skip)] if n]
            if names and c.lower_ in LED_BODIES and (head := _led_by(doc, actors, c, skip)):
                names.append(head)  # "the bank committee headed by X": the committee and X
        out += [n for n in names if n not in out]
        if names:  # "X, accompanied by Y, met Z": Y is at the meeting too
            for acl in c.children:
                if acl.dep_ == "acl" and acl.lemma_.lower() == "accompany":
                    for agent in (a for a in acl.children if a.dep_ == "agent"):
                        for p in (p for p in agent.children if p.dep_ == "pobj"):
                            more = parties_of(doc, actors, p, skip, [*avoid, *out])
                            out += [n for n in more if n not in out]
    return out


def _they_said(doc: Doc, actors: ActorLookup, tok: Token, skip: set[int]) -> list[str]:
    """ "Acme and Zenith said they were in talks": "they" are the named speakers."""
    node = tok.head
    if node.dep_ != "ccomp":
        return []
    for s in node.head.children:
        if s.dep_ == "nsubj" and s.conjuncts:
            named = parties_of(doc, actors, s, skip)
            return named if len(named) >= 2 else []
    return []


def _body_said(
    doc: Doc, actors: ActorLookup, tok: Token, skip: set[int], kinds: tuple[str, ...] = ("ORG",)
) -> str | None:
    """ "Acme Corp said it held talks with ...": "it" is the named body that says so (and "the
    government" the minister who says so: `kinds` lists the speakers allowed, "ORG" or the
    title words of people)."""
    node = tok.head
    for _ in range(4):
        if node.dep_ == "ccomp":
            for s in node.head.children:
                name = _one(doc, actors, s, skip) if s.dep_ == "nsubj" else None
                if name is None and s.dep_ == "nsubj" and (s.ent_type_ == "GPE" or s.is_upper):
                    name = _misparsed_speaker(doc, actors, s, skip)
                if name and actors.kind(name) in kinds:
                    return name
                titled = [t for t in kinds if t != "ORG" and name in actors.holders(t)]
                if name and actors.kind(name) == "PERSON" and titled:
                    return name
            return None
        if node.dep_ not in ("xcomp", "conj") or node.head == node:
            return None
        node = node.head
    return None


def _misparsed_speaker(doc: Doc, actors: ActorLookup, tok: Token, skip: set[int]) -> str | None:
    """ "MOLINE, March 27 - Acme Co said it ...": the parser made the dateline's city the
    subject and hung the body on it; the one body coordinated or in apposition with it."""
    hung = [c for c in tok.children if c.dep_ in ("conj", "appos")]
    named = {n for c in hung if (n := _one(doc, actors, c, skip)) and actors.kind(n) == "ORG"}
    return named.pop() if len(named) == 1 else None


def _officials_opening(tok: Token) -> bool:
    """ "Negotiators for X and Y held talks": a plural for officials, tagged NNPS at the start."""
    return tok.tag_ in ("NNP", "NNPS") and tok.lower_ in OFFICIALS and tok.lower_.endswith("s")


def _plural(doc: Doc, actors: ActorLookup, tok: Token, skip: set[int]) -> list[str]:
    """ "the senators" -> every person styled senator; "the group of ministers" likewise."""
    if leaders := mentions.co_leaders(actors, tok):  # "negotiators led by X and Y": X and Y
        return leaders
    if listed := appositive_people(actors, tok):  # "inspectors Ann Lee and Bo Tan": both
        return listed
    one = _one(doc, actors, tok, skip)
    if one:
        # "a World Bank team led by X", "Acme negotiators headed by X": the body and the
        # person at its head
        led = tok.lower_ in GROUP_NOUNS or tok.lower_ in OFFICIALS
        leader = _led_by(doc, actors, tok, skip) if led else None
        return [one, leader] if leader and leader != one else [one]
    if tok.lower_ in GROUP_NOUNS:
        leader = _led_by(doc, actors, tok, skip)
        if leader:
            return [leader]  # "a delegation led by X"
        body = group_named_before(actors, tok)
        if body:
            return [body]  # "the team would also meet X": the team named just before
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj" and p.tag_ == "NNS":
                        return _plural(doc, actors, p, skip)
        return []
    if tok.lower_ in OFFICIALS:
        leader = _led_by(doc, actors, tok, skip)
        if leader:
            return [leader]  # "negotiators headed by X"
        for c in tok.children:  # "representatives of Acme and Zenith": both bodies
            of = c.dep_ == "prep" and c.lower_ in ("of", "from", "for")
            pobjs = [p for p in c.children if p.dep_ == "pobj"] if of else []
            for p in pobjs:
                if bodies := represented_bodies(actors, p):
                    return bodies
    listed = _listed_people(actors, tok)
    if listed:
        return listed
    for c in tok.children:  # "business leaders, including Toyota chairman X"
        if c.dep_ == "prep" and c.lower_ in ("including", "like"):
            named = [
                n for p in c.children if p.dep_ == "pobj" for n in parties_of(doc, actors, p, skip)
            ]
            if named:
                return named
    if any(c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ for c in tok.children):
        return []  # "U.S. senators", "Japanese ministers": a subset we cannot name
    holders = actors.holders(tok.lemma_.lower())
    counts = [c for c in tok.children if c.dep_ == "nummod"]
    if counts and number(counts[0].lower_) != len(holders):
        # "the two ministers" but three are named: the two named together last, else none
        return named_together(actors, tok, holders, number(counts[0].lower_))
    return holders if len(holders) >= 2 else []


def _led_by(doc: Doc, actors: ActorLookup, tok: Token, skip: set[int]) -> str | None:
    """ "a delegation led by X", "a team headed by X": the person who leads the group."""
    for verb in tok.children:
        if verb.dep_ == "acl" and verb.lemma_.lower() in HEAD_VERBS:
            for agent in verb.children:
                if agent.dep_ == "agent":
                    for p in agent.children:
                        name = _one(doc, actors, p, skip) if p.dep_ == "pobj" else None
                        if name and actors.kind(name) == "PERSON":
                            return name
                    set_off = leader_set_off(actors, agent)  # "led by its head, X,"
                    if set_off:
                        return set_off
    return None


def _listed_people(actors: ActorLookup, tok: Token) -> list[str]:
    """ "the presidents of A, B and C, Ann X, Bo Y and Cy Z": the people named in the phrase
    (the parser hangs them anywhere in it), with whatever is coordinated with them."""
    if tok.lemma_.lower() not in ROLE_NOUNS and tok.lower_ not in OFFICIALS:
        return []
    found: list[str] = []
    for t in tok.subtree:
        name = actors.at(t.i)
        if t.i <= tok.i or name is None or name in found:
            continue
        person = actors.kind(name) == "PERSON"
        beside_person = t.dep_ in ("conj", "appos") and any(
            (other := actors.at(x.i)) is not None and actors.kind(other) == "PERSON"
            for x in (t.head, *t.children)
        )
        if person or beside_person:
            found.append(name)
    people = [n for n in found if actors.kind(n) == "PERSON"]
    return found if len(people) >= 2 else []


def _one(doc: Doc, actors: ActorLookup, tok: Token, skip: set[int]) -> str | None:
    if tok.i in skip:
        return None
    low = tok.lower_
    if low in PERSONAL:
        return resolve_pronoun(doc, actors, tok)
    if low in RELATIVE and tok.head.dep_ == "relcl":
        return _one(doc, actors, tok.head.head, skip)
    post = low in ROLE_NOUNS or low in OFFICIALS  # "President Ann Lee", else a body's post
    holder_of = mentions.post_holder if post else mentions.role_holder
    name = holder_of(doc, actors, tok) or actors.at(tok.i) or untagged_name(actors, tok)
    name = name or previous_subject_body(actors, tok) or the_named_body(actors, tok)
    name = name or bracketed_after(actors, tok)
    if name:
        return name
    if tok.pos_ == "PROPN" or tok.text == ">":
        # a ticker (or its closing bracket) or a word the tagger left out heads the phrase:
        for child in tok.lefts:  # "talks with Acme Widget Corp <ACW>"
            name = actors.at(child.i) if child.dep_ in ("nmod", "compound") else None
            if name and (tok.text.isupper() or tok.text == ">" or actors.kind(name) == "PERSON"):
                return name
    # an actor inside the phrase: appositive first, then "of"-objects and compounds
    for child in tok.children:
        if child.dep_ == "appos":
            name = _one(doc, actors, child, skip)
            if name:
                return name
    if low in ROLE_NOUNS:
        for child in tok.children:  # "the envoy for Libya, X,": X (appos misattached)
            if child.dep_ == "prep" and child.lower_ in ("for", "to"):
                for pobj in child.children:
                    person = appositive_person(actors, pobj) if pobj.dep_ == "pobj" else None
                    if person:
                        return person
    if low in ROLE_NOUNS or low in OFFICIALS:
        for child in tok.children:
            # "the head of the union", "representatives from Acme" (people from a body)
            of = child.lower_ == "of" or (child.lower_ == "from" and low in OFFICIALS)
            if child.dep_ == "prep" and of:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.conjuncts:
                        return None  # "the ministers of the US, the EC and Canada": which ones?
                    if pobj.dep_ == "pobj":
                        person = appositive_person(actors, pobj)
                        if person:
                            return person  # "the head of the union, X,": X (appos misattached)
                        name = actors.at(pobj.i) or _one(doc, actors, pobj, skip)
                        name = name or appositive_after(actors, pobj)
                        if name and (actors.kind(name) == "PERSON" or low in OFFICIALS):
                            return name
    if low in OFFICIALS:
        body = from_body(actors, tok)
        if body:
            return body
        # "its president of North American operations Ronald Langley": the person it names
        near = list(tok.subtree) + list(doc[tok.right_edge.i + 1 : tok.right_edge.i + 3])
        named_person = any((n := actors.at(t.i)) and actors.kind(n) == "PERSON" for t in near)
        if not named_person and any(c.dep_ == "poss" and c.lower_ == "its" for c in tok.children):
            body = its_body(actors, tok)
            if body:
                return body  # "Acme said X held discussions with its chairman": Acme
        for child in tok.children:
            if child.dep_ in ("compound", "nmod", "poss") and child.i < tok.i:
                name = actors.at(child.i) or the_named_body(actors, child)
                if name and actors.kind(name) == "ORG":
                    return name
    holder = the_title_holder(doc, actors, tok)
    if holder:
        return holder
    if low in BODY_HEADS:  # "the United Auto Workers union", "the Acme group": the body named
        body = named_among(actors, (c for c in tok.lefts if c.dep_ == "compound"), "ORG")
        if body:
            return body
    # a name the parser hung under a common noun: "head Fayez al-Sarraj"
    hung = (c for c in tok.children if c.dep_ in ("compound", "nmod") and c.i > tok.i)
    return named_among(actors, hung, "PERSON")
