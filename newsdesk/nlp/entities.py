"""Named entities: corrections of the small English model's common slips, and body offsets.

`newsdesk_entity_fixes` runs right after spaCy's "ner" and rewrites `doc.ents` with general rules:

* span edges: a leading "the", a trailing possessive "'s", edge punctuation and titles in front of a
  person's name ("Secretary-General Antonio Guterres") are cut off; a span that runs over a
  parenthesis or a line break is split there ("Organization of Islamic Cooperation (OIC");
* names joined by "and" are split when a side is a name known from elsewhere in the story
  ("Haftar and Government of National Accord");
* once a person's full name has been seen, a bare surname tagged as something else (or not tagged at
  all) is that person ("Haftar" tagged ORG -> PERSON);
* platform names ("Twitter", "WhatsApp") are organisations, never people, and are dropped where they
  are only the medium of a statement ("wrote on Twitter");
* a gazetteer place tagged ORG (or PERSON) in a place-like context ("took Gharyan, a city ...",
  "in Gharyan") is a GPE; and the repairs of `entity_spans` run last.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from newsdesk.models import Entity
from newsdesk.nlp.doc_reads import doc_ents
from newsdesk.nlp.entity_context import PLATFORMS, is_medium, place_context
from newsdesk.nlp.entity_names import TITLE_WORDS as _TITLE_WORDS
from newsdesk.nlp.entity_names import (
    joined_people,
    portfolio_holders,
    untagged_titled_names,
    with_given_name,
)
from newsdesk.nlp.entity_spans import repaired_spans
from newsdesk.nlp.lexicon import NAME_PARTICLES, STYLES
from newsdesk.nlp.places import is_known_place
from newsdesk.nlp.regions import all_countries

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "DATE"})
"""The entity labels newsdesk keeps for display."""

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT"})
_THE_EXCEPTIONS = frozenset({"hague", "gambia"})
_SPLIT_TOKENS = frozenset({"(", ")", "[", "]", '"', "\u201c", "\u201d", ";", "|"})
_POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})


# --- gazetteer lookup --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    return frozenset(info.name.lower() for info in all_countries())


def place_lookup() -> Callable[[str], bool]:
    """Tells whether a name is a place in the gazetteer (countries, regions, cities)."""
    return is_known_place


# --- span edges ---------------------------------------------------------------------------------


def _is_title_token(token: Token) -> bool:
    return token.lower_ in _TITLE_WORDS or (token.is_lower and token.lower_ not in NAME_PARTICLES)


def _trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """Cut edge punctuation, a leading "the", a trailing possessive and (for people) titles."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while start < end and (
        doc[end - 1].is_space
        or doc[end - 1].text in _POSSESSIVE
        or (doc[end - 1].is_punct and doc[end - 1].text not in (".",))
    ):
        end -= 1
    if end - start > 1 and label in NAME_LABELS and doc[start].lower_ == "the":
        first = doc[start]
        keep = (
            first.text == "The" and not first.is_sent_start and doc[start + 1].lower_ != "the"
        ) or doc[start + 1].lower_ in _THE_EXCEPTIONS
        if not keep:
            start += 1
    if label == "PERSON" and end - start > 1:
        cut = start
        saw_title = False
        for i in range(start, end - 1):
            token = doc[i]
            if token.lower_ in _TITLE_WORDS:
                saw_title = True
                cut = i + 1
            elif token.is_punct or _is_title_token(token) or token.is_upper:
                continue
            else:
                break
        if saw_title and cut < end and doc[cut].text[:1].isupper():
            if end - cut == 1 and doc[cut - 1].lower_ in STYLES:
                cut -= 1  # "Lord Carrington", "King Hussein": the style is how he is named
            start = cut
    return start, end


def _pieces(ent: Span) -> Iterator[tuple[int, int]]:
    """Token ranges of an entity split at parentheses, quotes and line breaks."""
    doc = ent.doc
    start = ent.start
    for i in range(ent.start, ent.end):
        token = doc[i]
        if token.text in _SPLIT_TOKENS or (token.is_space and "\n" in token.text):
            if i > start:
                yield start, i
            start = i + 1
    if start < ent.end:
        yield start, ent.end


def _styled(doc: Doc, i: int) -> bool:
    """Whether a one-word name follows a style of rank ("Lord", "King") outside any entity."""
    if i == 0:
        return False
    style = doc[i - 1]
    return style.lower_ in STYLES and style.text[:1].isupper() and not style.ent_type_


def _past_particles(doc: Doc, start: int, end: int) -> int:
    """The end of a person's name that the model cut inside its particles: "Hans van" + "den
    Broek" -> "Hans van den Broek" (lower-case particles, then a capitalised surname)."""
    j = end
    while j < len(doc) and doc[j].lower_ in NAME_PARTICLES and doc[j].is_lower:
        j += 1
    particles = j > end or (end - start > 0 and doc[end - 1].lower_ in NAME_PARTICLES)
    if not particles or j >= len(doc) or doc[j].ent_type_ == "PERSON" and j == end:
        return end
    surname = doc[j]
    if surname.is_alpha and surname.is_title and (j > end or doc[end - 1].is_lower):
        return j + 1
    return end


def _clean_spans(doc: Doc) -> list[Span]:
    spans: list[Span] = []
    for ent in doc.ents:
        for start, end in _pieces(ent):
            start, end = _trim(doc, start, end, ent.label_)
            if ent.label_ == "PERSON" and end - start == 1 and _styled(doc, start):
                start -= 1  # "Lord Carrington" when the model tagged "Carrington" alone
            if ent.label_ == "PERSON":
                end = _past_particles(doc, start, end)
            if start < end:
                spans.append(Span(doc, start, end, label=ent.label_))
    return spans


# --- knowledge gathered from the story ------------------------------------------------------------


def _name_key(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split()).lower()


class _People:
    """Full names of people seen in the story, and the surnames they make known (from where)."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.full: dict[str, int] = {}
        self.surnames: dict[str, int] = {}
        for span in spans:
            if span.label_ != "PERSON" or len(span) < 2:
                continue
            key = _name_key(span.text)
            self.full.setdefault(key, span.start)
            for surname in self._surnames(span):
                self.surnames.setdefault(surname, span.start)

    @staticmethod
    def _surnames(span: Span) -> Iterator[str]:
        last = span[-1]
        if last.is_alpha and len(last.text) > 2 and last.text[:1].isupper():
            yield last.lower_
        rest = span[1:]
        if len(rest) > 1:
            yield _name_key(rest.text)
            # "Hernandez" of "Arturo Hernandez Grisanti": the father's name of a Spanish or
            # Portuguese double surname is the one a story uses alone
            middle = rest[0]
            if middle.is_alpha and middle.is_title and len(middle.text) > 2:
                yield middle.lower_

    def knows(self, span: Span, *, anywhere: bool = False) -> bool:
        key = _name_key(span.text)
        if key in self.full:
            return True
        first = self.surnames.get(key)
        return first is not None and (anywhere or first < span.start)


# --- relabelling rules --------------------------------------------------------------------------


def _split_coordination(span: Span, is_known: Callable[[Span], bool]) -> list[Span]:
    """ "Haftar and Government of National Accord" -> the known name and the rest."""
    doc = span.doc
    for i in range(span.start + 1, span.end - 1):
        if doc[i].lower_ not in ("and", "&"):
            continue
        left, right = Span(doc, span.start, i), Span(doc, i + 1, span.end)
        if is_known(left) or is_known(right):
            rs, re_ = _trim(doc, right.start, right.end, span.label_)
            parts = [Span(doc, left.start, left.end, label=span.label_)]
            if rs < re_:
                parts.append(Span(doc, rs, re_, label=span.label_))
            return parts
    return [span]


class EntityFixes:
    """The `newsdesk_entity_fixes` pipeline component."""

    def __init__(self, is_place: Callable[[str], bool] | None = None) -> None:
        self._is_place = is_place

    @property
    def is_place(self) -> Callable[[str], bool]:
        if self._is_place is None:
            self._is_place = place_lookup()
        return self._is_place

    def __call__(self, doc: Doc) -> Doc:
        spans = joined_people(portfolio_holders(_clean_spans(doc)))
        people = _People(spans)

        def is_known(part: Span) -> bool:
            low = _name_key(part.text)
            return people.knows(part, anywhere=True) or low in PLATFORMS

        split: list[Span] = []
        for span in spans:
            split.extend(_split_coordination(span, is_known) if len(span) > 2 else [span])
        split = [part for span in split for part in self._person_of_place(span, people)]
        fixed: list[Span] = []
        for span in split:
            label = self._relabel(span, people)
            if label is not None:
                fixed.append(
                    span if label == span.label_ else Span(doc, span.start, span.end, label)
                )
        fixed = [with_given_name(span) for span in fixed]
        fixed.extend(self._untagged_surnames(doc, fixed, people))
        fixed.extend(untagged_titled_names(doc, fixed))
        doc.ents = filter_spans(repaired_spans(doc, fixed, self.is_place))
        return doc

    def _relabel(self, span: Span, people: _People) -> str | None:
        """The label a span should carry, or None to drop it."""
        label = span.label_
        key = _name_key(span.text)
        if key in PLATFORMS and label in NAME_LABELS:
            return None if is_medium(span) else "ORG"
        if (
            label != "PERSON"
            and label in NAME_LABELS
            and people.knows(span)
            and not (label == "GPE" and key in _country_names())
        ):
            return "PERSON"
        if label in ("ORG", "PERSON") and len(span) <= 4 and not people.knows(span, anywhere=True):
            if label == "ORG" and key in _country_names():
                return "GPE"
            if self.is_place(span.text) and place_context(span):
                return "GPE"
        return label

    def _person_of_place(self, span: Span, people: _People) -> list[Span]:
        """ "Hernandez of Venezuela" tagged as one organisation: a person the story names, then
        "of" and a place, is that person (from that country), and the place."""
        doc = span.doc
        of = next((t.i for t in span if t.lower_ == "of"), None)
        if span.label_ != "ORG" or of is None or of == span.start or of + 1 >= span.end:
            return [span]
        person, place = doc[span.start : of], doc[of + 1 : span.end]
        if len(person) > 3 or not people.knows(person, anywhere=True):
            return [span]
        if not self.is_place(place.text):
            return [span]
        return [
            Span(doc, person.start, person.end, "PERSON"),
            Span(doc, place.start, place.end, "GPE"),
        ]

    @staticmethod
    def _untagged_surnames(doc: Doc, spans: list[Span], people: _People) -> list[Span]:
        if not people.surnames:
            return []
        taken = {i for span in spans for i in range(span.start, span.end)}
        found: list[Span] = []
        for token in doc:
            if token.lower_ not in people.surnames:
                continue  # (most words of a story: a set lookup skips them)
            if (
                token.i not in taken
                and token.pos_ == "PROPN"
                and token.is_title
                and len(token.text) > 2
                and people.surnames.get(token.lower_, len(doc)) < token.i
            ):
                found.append(Span(doc, token.i, token.i + 1, label="PERSON"))
        return found


@Language.factory("newsdesk_entity_fixes")
def make_entity_fixes(nlp: Language, name: str) -> EntityFixes:
    """Factory for the component; add it after "ner"."""
    return EntityFixes()


def add_entity_rules(nlp: Language) -> None:
    """Put newsdesk's entity corrections into a loaded pipeline (once)."""
    if "newsdesk_entity_fixes" not in nlp.pipe_names:
        if "ner" in nlp.pipe_names:
            nlp.add_pipe("newsdesk_entity_fixes", after="ner")
        else:
            nlp.add_pipe("newsdesk_entity_fixes", last=True)


def body_entities(doc: Doc, body_start: int) -> list[Entity]:
    """The displayable entities of the story body, offsets relative to the body text."""
    return [
        Entity(ent.text, ent.label_, ent.start_char - body_start, ent.end_char - body_start)
        for ent in doc_ents(doc)  # read once for the annotation steps that follow
        if ent.label_ in LABELS and ent.start_char >= body_start
    ]


__all__ = [
    "LABELS",
    "PLATFORMS",
    "EntityFixes",
    "add_entity_rules",
    "body_entities",
    "make_entity_fixes",
    "place_lookup",
]
