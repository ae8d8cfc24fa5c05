"""A generic government body gets its country, decided in the story.

"The Senate", "Parliament" and "the Finance Ministry" name a different body in every country
(see `newsdesk/nlp/body_countries.py` for which names are generic and how a qualified name is
written). The country comes, in this order, from

1. a country or nationality word in the name or attached to a mention of it: "U.S. Senate",
   "the Japanese Finance Ministry", "West Germany's parliament", "the parliament of Japan";
   (every place the story writes the name counts, tagged or not);
2. else the story's one clear country: its only one, one scoring at least twice the next, or
   the top one when the story was filed from there (its dateline).

When mentions give two different countries, or the story has no clear country, the body could
be any country's: it is no actor of the story (kept out of the store-wide index, where it would
join the same name of other countries; the store-wide index keeps such a name, from an older
annotation, to its story).
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsdesk.nlp.actors import ActorIndex
from newsdesk.nlp.body_countries import country_of_words, generic_base, qualified_name
from newsdesk.nlp.places import PlaceAnalysis

__all__ = ["qualify_bodies"]

# A story's top country is its one clear country when it scores this many times the next one.
CLEAR_COUNTRY_RATIO = 2.0
# Words between a country word and the body's name that keep them attached ("the", "'s").
_ATTACHING = frozenset({"the", "'s", "\u2019s", "'"})


def qualify_bodies(doc: Doc, index: ActorIndex, places: PlaceAnalysis) -> None:
    """Rename each generic body of the story to its qualified name, when the country is clear."""
    main = _main_country(places)
    for actor in list(index.actors):
        if actor.kind != "ORG":
            continue
        _, base = generic_base(actor.name)
        if base is None:
            continue
        found: set[str] = set()
        for name in (actor.name, *actor.aliases):
            country, name_base = generic_base(name)
            if country and name_base:
                found.add(country)
        runs = index.mention_runs(actor.name) + _written(doc, base, actor.name)
        for start, end in runs:
            country = _attached_country(doc, start, end)
            if country:
                found.add(country)
        country = (next(iter(found), None) or main) if len(found) < 2 else None
        if country:
            index.rename(actor.name, qualified_name(base, country))
        else:
            index.drop(actor.name)  # any country's: no actor the store could hold


def _main_country(places: PlaceAnalysis) -> str | None:
    """The story's one clear country: its only one, one scoring at least twice the next, or
    the top one when the story was filed from there."""
    ranked = sorted(places.scores.items(), key=lambda item: -item[1])
    if not ranked or not places.countries:
        return None
    top = places.countries[0]
    if len(places.countries) == 1 or places.dateline_country == top == ranked[0][0]:
        return top
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if ranked[0][1] >= CLEAR_COUNTRY_RATIO * second and ranked[0][0] == top:
        return top
    return None


def _written(doc: Doc, *names: str) -> list[tuple[int, int]]:
    """Every place the story writes one of these names as words of its own (in any case),
    tagged or not: "the U.S. Congress" in a headline the tagger read otherwise."""
    runs = []
    for name in {n.lower() for n in names}:
        parts = name.split()
        for tok in doc:
            end = tok.i + len(parts)
            if end <= len(doc) and [t.lower_ for t in doc[tok.i : end]] == parts:
                runs.append((tok.i, end))
    return runs


def _attached_country(doc: Doc, start: int, end: int) -> str | None:
    """A country word right before a mention ("the Japanese", "Japan's") or after it ("of
    Japan"), within its line."""
    j = start - 1
    while j >= 0 and doc[j].lower_ in _ATTACHING and "\n" not in doc[j].text_with_ws:
        j -= 1
    if j >= 0:
        for n in (3, 2, 1):
            first = j - n + 1
            if first < 0 or any("\n" in t.text_with_ws for t in doc[first : j + 1]):
                continue
            country = country_of_words(doc[first : j + 1].text)
            if country and doc[first].text[:1].isupper():
                return country
    if end + 1 < len(doc) and doc[end].lower_ == "of":
        for n in (3, 2, 1):
            last = end + 1 + n
            if last > len(doc) or any("\n" in t.text_with_ws for t in doc[end : last - 1]):
                continue
            country = country_of_words(doc[end + 1 : last].text)
            if country and doc[end + 1].text[:1].isupper():
                return country
    return None
