"""Where a meeting took place: the most specific named place in its clause, or the dateline."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from newsdesk.nlp.doc_reads import ent_at, ents_in, text_of
from newsdesk.nlp.lexicon import PLACE_NOUNS, words
from newsdesk.nlp.meetings.venues import venue_of
from newsdesk.nlp.meetings.words import ARRIVALS, LISTENER_VERBS, STATIONED
from newsdesk.nlp.places import is_known_place

# Entity labels of places a meeting can be held in.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Prepositions that put a meeting in a place ("in Oslo", "at the palace", "talks near the
# border"); wider than entity_spans.PLACE_PREPS, which only tells a city from a nationality.
MEETING_PLACE_PREPS = frozenset({"in", "at", "to", "near", "inside", "outside", "on"})
DIRECTIONS = words(
    """
    eastern western northern southern central north south east west northeastern
    northwestern southeastern southwestern
    """
)
DATELINE = re.compile(
    r"^\s*([A-Z][A-Za-z.'\- ]{1,40}?),(?:\s*[A-Z][A-Za-z.]*\.?,)?\s*"
    r"(?:Jan|Feb|March|April|May|June|July|Aug|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s*-"
)


class PlaceContext(Protocol):
    def country_of(self, name: str) -> str | None: ...


@dataclass(frozen=True)
class Where:
    place: str | None = None
    country: str | None = None

    def __bool__(self) -> bool:
        return self.place is not None


def city_where(city: str, places: PlaceContext) -> Where:
    """A city named as a meeting's place, in the country the story's places give it: where the
    story is filed (the wire dateline's "VIENNA", a digest item's "WASHINGTON -"), or the place
    a "where" clause hangs on ("on his flight from Oslo, where he met X")."""
    return Where(city, places.country_of(city))


def dateline_end(doc: Doc, body_start: int) -> int | None:
    """Where the wire dateline that opens the body at `body_start` ends ("VIENNA, May 2 -"),
    as a character offset of the story's text; None when the body opens with none."""
    found = DATELINE.match(text_of(doc)[body_start : body_start + 80])
    return body_start + found.end() if found else None


def dateline_city(doc: Doc, body_token: int) -> str | None:
    """ "VIENNA, May 2 - ..." -> "Vienna" (wire-style datelines only)."""
    if body_token >= len(doc):
        return None
    start = doc[body_token].idx
    m = DATELINE.match(text_of(doc)[start : start + 80])
    if not m:
        return None
    city = m.group(1).strip()
    if city.isupper():
        city = " ".join(
            w.capitalize() if len(w) > 2 or "." not in w else w.title() for w in city.split()
        )
    return city


def _chain(trigger: Token, gov: Token) -> list[Token]:
    """The trigger, its clause verb and the verbs that clause hangs from ("head to X to meet")."""
    nodes = [trigger]
    node = trigger
    for _ in range(6):
        if node == gov or node.head == node:
            break
        node = node.head
        nodes.append(node)
    if gov not in nodes:
        nodes.append(gov)
    node = gov
    for _ in range(3):
        if node.dep_ not in ("xcomp", "advcl", "conj", "relcl") or node.head == node:
            break
        node = node.head
        nodes.append(node)
    outer = where_outer(trigger)
    if outer is not None and outer not in nodes:
        nodes.append(outer)  # "visited X on Saturday, where he met Y": the visit's place
    return nodes


def in_topic(tok: Token) -> bool:
    """Whether a noun sits in what something is about ("talks about next year's summit")."""
    node = tok
    for _ in range(6):
        if node.head == node or node.pos_ in ("VERB", "AUX"):
            return False
        if node.dep_ == "prep" and node.lower_ in _TOPIC_PREPS:
            return True
        node = node.head
    return False


def where_clause(tok: Token) -> Token | None:
    """The relative clause opened by "where" that holds a token, if any."""
    node = tok
    for _ in range(4):
        if node.dep_ == "relcl" and any(c.lower_ == "where" for c in node.children):
            return node
        if node.head == node:
            return None
        node = node.head
    return None


def where_outer(tok: Token) -> Token | None:
    """For a token in a "where" clause, the verb of the clause it hangs from ("visited")."""
    clause = where_clause(tok)
    if clause is None:
        return None
    node = clause.head
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.head == node:
            return None
        node = node.head
    return None


# Prepositions of what talks are about ("talks on trade in Asia": Asia is no venue).
_TOPIC_PREPS = frozenset({"about", "on", "over", "regarding", "concerning", "for"})


def _root(ent: Span) -> Token:
    """ "New York city": the place noun the name modifies stands for it in the parse."""
    root = ent.root
    if root.dep_ == "compound" and root.head.lower_ in PLACE_NOUNS and root.head.i == ent.end:
        return root.head
    return root


def _attached(ent: Span, chain: list[Token], trigger: Token) -> bool:
    root = _root(ent)
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in PLACE_NOUNS:
        root = head.head  # "in the southern city of X": where "city" hangs
        head = root.head
    if root.dep_ == "pobj" and head.lower_ in MEETING_PLACE_PREPS:
        if head.lower_ == "to" and head.head.lemma_.lower() in LISTENER_VERBS:
            return False  # "will speak to Jackson and hold talks with X": a listener
        if head.head in chain or _journey_of(head, chain):
            return True
        # "talks with X in Normandy": a phrase inside the meeting noun's own subtree, but not
        # inside its topic ("talks about next year's summit in Y")
        if head.lower_ not in ("in", "at"):
            return False
        node = head.head
        for _ in range(8):
            if node == trigger:
                return True
            if node.lower_ in _TOPIC_PREPS and node.dep_ == "prep":
                return False
            if _describes_a_party(node):
                return False  # "X, who is posted in Paris, met Y": where X lives, not the venue
            if node.dep_ == "conj" and node.pos_ == "VERB" and node.head == trigger:
                return False  # "will see X on Tuesday and visit Y in the Saarland": Y's place
            if node.head == node:
                return False
            node = node.head
        return False
    return root.dep_ == "dobj" and head in chain and head.lemma_ in ("visit", "reach", "leave")


# Nouns of a journey whose goal is where its talks are ("during his visit to X").
JOURNEYS = frozenset({"visit", "trip", "tour", "stay", "stop", "stopover"})


def _journey_of(prep: Token, chain: list[Token]) -> bool:
    """ "met X during his visit to Y", "talks with X on a trip to Y", "ended a visit to Y,
    saying the talks with X ...": the journey's goal."""
    journey = prep.head
    if prep.lower_ not in ("to", "in") or journey.lower_ not in JOURNEYS:
        return False
    outer = journey.head
    if journey.dep_ == "dobj":  # "began a visit to Y for talks with X"
        return outer in chain
    return journey.dep_ == "pobj" and outer.lower_ in ("during", "on", "in") and outer.head in chain


def _describes_a_party(node: Token) -> bool:
    """A relative clause or participle about a party that says where it is based."""
    lemma = node.lemma_.lower()
    if node.dep_ == "relcl":
        return lemma not in ARRIVALS
    return node.dep_ == "acl" and lemma in STATIONED


def _itinerary(ent: Span) -> bool:
    """ "Rome, Paris and Bonn": a place coordinated with other places is one stop of several."""
    root = _root(ent)
    return any(c.ent_type_ in PLACE_LABELS for c in root.conjuncts)


def _arrived_here(here: Token, chain: list[Token]) -> bool:
    """ "X, who arrived here on Sunday, met Y": a party shown to be where the story is filed."""
    verb = here.head
    if verb.lemma_.lower() not in ("arrive", "come") or verb.dep_ != "relcl":
        return False
    node = verb.head  # the party the clause describes
    for _ in range(3):
        if node in chain:
            return True
        if node.head == node:
            return False
        node = node.head
    return False


def find_place(
    doc: Doc,
    sent: Span,
    trigger: Token,
    gov: Token,
    places: PlaceContext,
    dateline: str | None,
    lead: bool = False,
) -> Where:
    chain = _chain(trigger, gov)
    found: list[tuple[int, int, str]] = []
    roots: dict[str, Token] = {}
    own: dict[str, str | None] = {}
    for ent in ents_in(sent):
        is_place = ent.label_ in PLACE_LABELS or date_tagged_place(ent) or _goal_of_journey(ent)
        if not is_place or not _attached(ent, chain, trigger):
            continue
        if _itinerary(ent):
            return Where()  # "will travel to Rome, Paris and Bonn and meet X": no one venue
        root = _root(ent)
        text = ent.text if root == ent.root else f"{ent.text} {root.text}"
        if text.lower().startswith("the "):
            text = text[4:]
        text = clean_place(text)
        if not text:
            continue
        before = doc[ent.start - 1] if ent.start > 0 else None
        if before is not None and before.lower_ in DIRECTIONS:
            text = f"{before.text} {text}"
        country = _qualifier(ent, places) or places.country_of(ent.text)
        broad = 1 if country is not None and _same(country, text) else 0
        found.append((broad, abs(root.i - trigger.i), text))
        roots[text] = root
        own[text] = country  # "a downtown Detroit hotel": the country of "Detroit"
    best = Where()
    if found:
        found.sort()
        text = found[0][2]
        bare = " ".join(w for w in text.split() if w.lower() not in DIRECTIONS) or text
        root = roots[text]
        country = _qualifier(ent_at(doc, root.i) or doc[root.i : root.i + 1], places)
        country = country or places.country_of(text) or places.country_of(bare) or own[text]
        if country is None:
            country = _country_around(roots[text], places, [f[2] for f in found[1:]])
        best = Where(text, country)

    def says_here() -> bool:
        """(asked only when a venue or the dateline needs it: a walk over the sentence)"""
        return any(
            t.lower_ == "here" and (t.head in chain or _arrived_here(t, chain)) for t in sent
        )

    venue = venue_of(sent, chain, places.country_of)
    if venue is not None:
        # the most specific place: the venue, in the country the clause or "here" gives it
        name, country = venue
        if country is None:
            here = bool(dateline) and says_here()
            country = best.country or (places.country_of(dateline) if dateline and here else None)
        return Where(name, country)
    if best:
        return best
    named = _where_antecedent(sent, chain)
    if named:
        return city_where(named, places)
    if dateline and (lead or says_here()):
        return city_where(dateline, places)
    return Where()


def _where_antecedent(sent: Span, chain: list[Token]) -> str | None:
    """ "on his flight from Oslo, where he met X": a "where" clause hanging on a place
    names where its meeting was."""
    for node in chain:
        if node.dep_ != "relcl" or not any(c.lower_ == "where" for c in node.children):
            continue
        for ent in ents_in(sent):
            if ent.label_ in PLACE_LABELS and ent.start <= node.head.i < ent.end:
                return clean_place(ent.text) or None
    return None


def clean_place(text: str) -> str:
    """A place name without the stray time words or punctuation the tagger may leave at its end
    ("Manila, Philippines hour." -> "Manila, Philippines")."""
    words = text.split()
    while words and (
        words[-1].strip(".,;:").lower() in _PLACE_STRAY_END or not words[-1].strip(".,;:")
    ):
        words.pop()
    return " ".join(words).rstrip(" .,;:")


def _country_around(root: Token, places: PlaceContext, others: list[str]) -> str | None:
    """The country of a venue the gazetteer does not know, from the place it is said to be in
    ("at the Amber Palace in Vilnius"), else from another place the clause names."""
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "of", "near"):
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ in PLACE_LABELS:
                    country = _country_at(pobj, places)
                    if country:
                        return country
    if root.i + 2 < len(root.doc) and root.doc[root.i + 1].text == ",":
        country = _country_at(root.doc[root.i + 2], places)
        if country:
            return country
    for other in others:
        country = places.country_of(other)
        if country:
            return country
    return None


_DATE_WORDS = words(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday week
    month year day night morning evening weekend spring summer autumn winter christmas easter
    """
)


# Words that end no place name: units and names of time ("for an hour", "this week"); unlike
# names.PARTY_STRAY_END (for a party's name), names of days and months too.
_PLACE_STRAY_END = _DATE_WORDS | words("hour hours minute minutes days weeks months years")


def date_tagged_place(ent: Span) -> bool:
    """ "met in Montevideo on Tuesday" with "Montevideo" tagged DATE: a gazetteer place with no
    number or calendar word is a place."""
    if ent.label_ != "DATE" or any(t.like_num or t.lower_ in _DATE_WORDS for t in ent):
        return False
    return is_known_place(ent.text)


def _goal_of_journey(ent: Span) -> bool:
    """ "will travel to La Paz for talks" with "La Paz" tagged PERSON: a gazetteer place that a
    journey or arrival verb goes "to" is a place (people are visited, not travelled to)."""
    root = ent.root
    prep = root.head
    if ent.label_ != "PERSON" or root.dep_ != "pobj" or prep.lower_ != "to":
        return False
    return prep.head.lemma_.lower() in ARRIVALS and is_known_place(ent.text)


def _qualifier(ent: Span, places: PlaceContext) -> str | None:
    """ "at Lakeside, Ontario": the country of the region or country written after a place and
    a comma, which says which namesake the text means (the gazetteer may know only another)."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return None
    return _country_at(doc[ent.end + 1], places)


def _country_at(tok: Token, places: PlaceContext) -> str | None:
    if tok.ent_type_ not in ("GPE", "LOC"):
        return None
    ent = ent_at(tok.doc, tok.i)
    return places.country_of(ent.text) if ent is not None else None


def _same(country: str, text: str) -> bool:
    return country.lower() == text.lower() or text.lower().endswith(" " + country.lower())
