"""Places of a story resolved to countries, and the countries the story is about.

`analyse_places` works in three steps:

1. *mentions*: the wire dateline ("LISBON, Oct 14 -"), every country name, nationality word and
   seat of government written in the text (a table scan, so the tagger's slips do not lose them),
   the spans the tagger calls GPE/LOC/FAC (looked up in the city table), and capitals and big cities
   in an ALL-CAPS headline;
2. *resolution* in two passes: mentions with one possible country first, then ambiguous names
   (Tripoli: Libya or Lebanon) go to the candidate the story already evidences, else the most
   likely one. A former state named in the story ("Soviet", "West German") takes over the places
   of its successor ("Moscow");
3. *story countries*: each country scores its mentions, weighted by where they are (dateline,
   headline and first sentence count more) and how (its officials or state bodies acting count
   more; inside a company's name, an amount or an agreement's name little); the countries within
   reach of the top score are the story's, and so is the dateline's (the wire files a story where
   it happens).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsdesk.models import Place
from newsdesk.nlp.gazetteer import NAMING_KINDS, Meaning, gazetteer, load_cities
from newsdesk.nlp.lexicon import words
from newsdesk.nlp.place_companies import without_company_names
from newsdesk.nlp.place_mentions import Mention, find_mentions, strip_place_words
from newsdesk.nlp.regions import country_info, country_name, fold, region_of, successor_states

__all__ = [
    "PlaceAnalysis",
    "analyse_places",
    "country_name",
    "is_known_place",
    "lookup_place",
    "warm_up",
]

# weight of one mention by where it stands
_ZONE_WEIGHT = {"dateline": 3.0, "title": 2.5, "lead": 2.0, "body": 1.0}
# a country is the story's when it scores this share of the top country, and at least _MIN_SCORE
# (one plain mention in the body is not enough beside a country mentioned more)
_RELATIVE_THRESHOLD = 0.25
_MIN_SCORE = 2.0
# an ambiguous city goes to a country the story evidences only if that city is not tiny beside
# the namesake (Paris in a US story is still the French one)
_CONTEXT_POPULATION_RATIO = 0.15
_BIG_CITY = 1_000_000


@dataclass
class PlaceAnalysis:
    places: list[Place]  # every resolved place mention (offsets into the body, -1 in the title)
    countries: list[str]  # countries the story is about, most central first
    regions: list[str]
    subregions: list[str]
    scores: dict[str, float] = field(default_factory=dict, repr=False)
    _resolved: dict[str, str] = field(default_factory=dict, repr=False)
    dateline_country: str | None = None  # the country of the place the story was filed from

    def country_of(self, name: str) -> str | None:
        """The country of a place name as this story uses it ("Tripoli" in a Libya story: Libya)."""
        key = gazetteer().lookup_key(name)
        if key in self._resolved:
            return self._resolved[key]
        if "," in name:  # "Abu Dhabi, United Arab Emirates": most specific part, with its qualifier
            head, _, rest = name.partition(",")
            qualifier = self.country_of(rest)
            found = _choose(gazetteer().meanings(head.strip()), self.scores, qualifier)
            return found or qualifier
        stripped = strip_place_words(name)
        if fold(stripped) in self._resolved:
            return self._resolved[fold(stripped)]
        return _choose(gazetteer().meanings(stripped), self.scores, None)


def warm_up() -> None:
    """Build the gazetteer now (about 0.4 s), e.g. before worker processes are forked."""
    gazetteer()
    load_cities()


def lookup_place(name: str) -> list[str]:
    """Candidate countries of a place name, most likely first; [] if unknown."""
    meanings = gazetteer().meanings(strip_place_words(name))
    out: list[str] = []
    for country in _candidates(meanings):
        if country not in out:
            out.append(country)
    return out


def is_known_place(name: str) -> bool:
    """Whether a name is a country, region, province or city (not a nationality word, and not a
    town named like a common word, surname or company: "Reading", "Santos", "Toyota")."""
    g = gazetteer()
    meanings = g.meanings(name)
    core = [m for m in meanings if m.kind != "city"]
    if core:  # the core table decides: "Libya" yes, "Libyan" and "Commonwealth" no
        return any(m.kind not in ("demonym", "metonym") and (m.country or m.region) for m in core)
    if fold(name) in g.common_words:
        return False
    return any(not m.alternate or m.population >= _BIG_CITY for m in meanings)


def _candidates(meanings: list[Meaning] | tuple[Meaning, ...]) -> list[str]:
    """Countries a name may stand for: its core meanings decide when it has any."""
    core = [m.country for m in meanings if m.kind != "city" and m.country]
    if core or any(m.kind == "region" for m in meanings):
        return list(dict.fromkeys(core))
    return list(dict.fromkeys(m.country for m in meanings if m.country))


def _choose(
    meanings: list[Meaning] | tuple[Meaning, ...],
    evidence: dict[str, float],
    qualifier: str | None,
) -> str | None:
    """Pick one country for an ambiguous name from the story's evidence."""
    candidates = _candidates(meanings)
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    if qualifier in candidates:
        return qualifier
    populations = {m.country: m.population for m in meanings if m.kind == "city"}
    top = max(populations.values(), default=0)
    eligible = [
        c
        for c in candidates
        if evidence.get(c, 0.0) > 0
        and (top == 0 or populations.get(c, top) >= top * _CONTEXT_POPULATION_RATIO)
    ]
    if eligible:
        return max(eligible, key=lambda c: evidence.get(c, 0.0))
    return candidates[0]


def analyse_places(doc: Doc, body_start: int, published: str | None = None) -> PlaceAnalysis:
    """Resolve a story's place mentions and find the countries it is about (`published`, an ISO
    date, tells whether a former state's adjective is of the story's time)."""
    mentions = without_company_names(doc, find_mentions(doc, body_start))
    evidence: defaultdict[str, float] = defaultdict(float)
    # pass 1: names with one possible country
    ambiguous: list[Mention] = []
    for mention in mentions:
        candidates = _candidates(mention.meanings)
        if mention.zone == "dateline" and candidates:
            # wire style names the country of any but the best-known city of a name
            mention.country = (
                mention.qualifier if mention.qualifier in candidates else candidates[0]
            )
            evidence[mention.country] += mention.weight
        elif len(candidates) == 1:
            mention.country = candidates[0]
            evidence[mention.country] += mention.weight
        elif len(candidates) > 1:
            ambiguous.append(mention)
    # pass 2: ambiguous names by the story's other places, then by size
    for mention in ambiguous:
        mention.country = _choose(mention.meanings, dict(evidence), mention.qualifier)
    for mention in ambiguous:
        if mention.country:
            evidence[mention.country] += mention.weight
    for mention in mentions:
        if (
            mention.needs_support
            and mention.country
            and evidence[mention.country] <= mention.weight
        ):
            mention.country = None
    _drop_former_state_adjectives(mentions, _year(published))
    _fold_into_former_states(mentions)

    scores: defaultdict[str, float] = defaultdict(float)
    dateline_country: str | None = None
    for mention in mentions:
        if mention.country:
            scores[mention.country] += mention.weight * _ZONE_WEIGHT[mention.zone]
            if mention.zone == "dateline":
                dateline_country = mention.country
    countries = _story_countries(scores, dateline_country)

    places: list[Place] = []
    resolved: dict[str, str] = {}
    counts: Counter[tuple[str, str]] = Counter()
    for mention in mentions:
        if mention.country is None and mention.region is None:
            continue
        if mention.country is not None:
            region, subregion = region_of(mention.country)
            counts[(fold(mention.text), mention.country)] += 1
        else:
            region, subregion = mention.region, mention.subregion
        start = mention.start - body_start if mention.start >= body_start else -1
        end = mention.end - body_start if start >= 0 else -1
        places.append(Place(mention.text, mention.country, region, subregion, start, end))
    for (key, country), _n in counts.most_common():
        resolved.setdefault(key, country)
    regions: list[str] = []
    subregions: list[str] = []
    for country in countries:
        region, subregion = region_of(country)
        if region and region not in regions:
            regions.append(region)
        if subregion and subregion not in subregions:
            subregions.append(subregion)
    return PlaceAnalysis(
        places, countries, regions, subregions, dict(scores), resolved, dateline_country
    )


def _year(published: str | None) -> int | None:
    match = re.match(r"\s*(\d{4})-", published or "")
    return int(match.group(1)) if match else None


def _drop_former_state_adjectives(mentions: list[Mention], year: int | None) -> None:
    """An adjective of a former state ("Soviet troops") is that state only in a story of its
    time, or when the story names the state itself ("the Soviet Union", "USSR"), or (undated)
    when the story names its successors as states ("Kazakhstan", not "Kazakh") less often: a story
    from after its end, or one about its successors, uses it for the past."""
    named: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for mention in mentions:
        if mention.country and mention.kind in NAMING_KINDS:
            named[mention.country][mention.kind] += 1
    for former, kinds in named.items():
        info = country_info(former)
        if info is None or not info.successors or set(kinds) - {"demonym"}:
            continue
        if year is not None:
            if info.ended is None or year <= info.ended:
                continue
        else:
            states = sum(
                named[s]["country"] + named[s]["alias"] for s in info.successors if s in named
            )
            if states < kinds["demonym"]:
                continue
        for mention in mentions:
            if mention.country == former:
                mention.country = None


def _fold_into_former_states(mentions: list[Mention]) -> None:
    """A story naming a former state ("Soviet") about as often as its successor ("Russia") is set in
    that state's time: the successor's places ("Moscow", "Kremlin") are the former state's."""
    named: Counter[str] = Counter()
    for mention in mentions:
        if mention.country and mention.kind in NAMING_KINDS:
            named[mention.country] += 1
    # The former states named often enough to take each successor over, in the story's order;
    # the one named most (the first of a tie) takes the successor's places.
    formers_of: dict[str, list[str]] = {}
    for former, count in named.items():
        for successor in successor_states(former):
            if count * 3 >= named[successor]:
                formers_of.setdefault(successor, []).append(former)
    if not formers_of:
        return
    takeover = {s: max(formers, key=named.__getitem__) for s, formers in formers_of.items()}
    for mention in mentions:
        if mention.country in formers_of:
            formers = formers_of[mention.country]
            mention.country = _part_of(mention, formers) or takeover[mention.country]


# Cities of one part of a divided state, for a successor that two former states share: a city
# of present-day Germany named in a story of their time is West German unless listed here.
FORMER_PART_CITIES: dict[str, frozenset[str]] = {
    "East Germany": words(
        """
        east-berlin leipzig dresden karl-marx-stadt chemnitz rostock magdeburg halle erfurt
        potsdam gera cottbus schwerin suhl neubrandenburg zwickau jena weimar dessau
        wittenberg eisenach stralsund wismar greifswald plauen gorlitz bautzen
        """
    ),
}


def _part_of(mention: Mention, formers: list[str]) -> str | None:
    """The former state a city was in, when several former states share its present one."""
    if len(formers) < 2 or mention.kind != "city":
        return None
    key = fold(mention.text).replace(" ", "-")
    listed = [f for f in formers if key in FORMER_PART_CITIES.get(f, frozenset())]
    unlisted = [f for f in formers if f not in FORMER_PART_CITIES]
    if listed:
        return listed[0]
    return unlisted[0] if len(unlisted) == 1 else None


def _story_countries(scores: dict[str, float], dateline_country: str | None) -> list[str]:
    if not scores:
        return []
    top = max(scores.values())
    threshold = max(min(_MIN_SCORE, top), top * _RELATIVE_THRESHOLD)
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    return [c for c, s in ranked if s >= threshold or c == dateline_country]
