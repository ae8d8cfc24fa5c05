"""Generic government bodies (and parties) and their country, without spaCy.

Every state has a senate, a parliament or a finance ministry, so "Senate" alone names no one
body across stories. A generic body's name is qualified by its country, written
"Finance Ministry (Japan)" and "Senate (United States)": the generic name first (the actor
box sorts and matches it as typed), the country in brackets, the form used for every country.
The names the stories wrote ("Japanese Finance Ministry", "U.S. Senate") stay as other names.
The story decides the country (see `newsdesk/nlp/actors_country.py`); the store-wide index
never joins two bodies by a generic name alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsdesk.nlp.body_names import body_variants, known_bodies, words
from newsdesk.nlp.gazetteer import gazetteer
from newsdesk.nlp.regions import successor_states

__all__ = [
    "COUNTRY_KINDS",
    "country_prefix",
    "generic_base",
    "is_bare_generic",
    "qualified_name",
    "qualifier_of",
]

# Bodies every state has, and parties many countries have, written alone: the generic name as
# a whole (in lower case).
GENERIC_BODY_NAMES = frozenset(
    {
        "senate",
        "parliament",
        "congress",
        "cabinet",
        "government",
        "treasury",
        "embassy",
        "consulate",
        "army",
        "navy",
        "air force",
        "police",
        "customs",
        "central bank",
        "reserve bank",
        "national bank",
        "supreme court",
        "high court",
        "district court",
        "federal court",
        "appeals court",
        "court of appeals",
        "constitutional court",
        "national assembly",
        "house of representatives",
        "house of commons",
        "house of lords",
        "lower house",
        "upper house",
        "chamber of deputies",
        "foreign office",
        "home office",
        "statistics office",
        "statistics bureau",
        "central committee",
        "politburo",
        "council of ministers",
        "monetary authority",
        "defence forces",
        "defense forces",
        "armed forces",
        "opposition",
        # parties many countries have under one name
        "conservative party",
        "labour party",
        "labor party",
        "liberal party",
        "socialist party",
        "communist party",
        "social democratic party",
        "christian democratic party",
        "democratic party",
        "republican party",
        "national party",
        "green party",
    }
)
# A ministry or department named by its portfolio ("Finance Ministry", "Ministry of Trade",
# "Commerce Department"): the heads, and the words a portfolio is made of.
PORTFOLIO_HEADS = words("ministry department office bureau")
PORTFOLIO_WORDS = words(
    """
    finance foreign affairs trade industry economy economic economics energy oil petroleum
    mines mining interior home defence defense justice labour labor health education
    transport transportation communications commerce agriculture fisheries environment
    planning state external budget tourism information culture housing welfare development
    cooperation public works water resources social security statistics treasury international
    and of the
    """
)
# Other names of one generic body, as the qualified name's generic part.
BASE_SYNONYMS = {
    "treasury department": "Treasury",
    "department of the treasury": "Treasury",
    "foreign affairs ministry": "Foreign Ministry",
    "ministry of foreign affairs": "Foreign Ministry",
    "external affairs ministry": "Foreign Ministry",
    "ministry of external affairs": "Foreign Ministry",
    "parliament's lower house": "Lower House",
}
# Kinds of gazetteer meaning that name a country ("Japan", "U.S.", "Japanese", "West German").
COUNTRY_KINDS = frozenset({"country", "alias", "historical", "demonym"})

_QUALIFIED = re.compile(r"^(.+) \(([^()]+)\)$")


def country_of_words(text: str) -> str | None:
    """The country a country name, other name or nationality word stands for, if it does."""
    text = text.strip()
    if text.endswith(("'s", "\u2019s")):
        text = text[:-2]
    for meaning in gazetteer().core_meanings(text):
        if meaning.kind in COUNTRY_KINDS and meaning.country:
            return meaning.country
    return None


def country_prefix(name: str) -> tuple[str | None, str]:
    """A name's leading country words and the rest: "U.S. Senate" -> ("United States",
    "Senate"), "West German Finance Ministry" -> ("West Germany", "Finance Ministry")."""
    parts = name.split()
    for n in (3, 2, 1):
        if len(parts) > n:
            country = country_of_words(" ".join(parts[:n]))
            if country:
                return country, " ".join(parts[n:])
    return None, name


def _base(name: str) -> str | None:
    """The generic body a name (without country words) is, in its one written form."""
    text = re.sub(r"^(?:the|The)\s+", "", " ".join(name.split()))
    low = text.lower().replace("\u2019", "'")
    if not low or low.upper() in known_bodies() or text in known_bodies().values():
        return None
    if text in body_variants() or text in body_variants().values():
        return None
    if low in BASE_SYNONYMS:
        return BASE_SYNONYMS[low]
    if low in GENERIC_BODY_NAMES:
        return _title(low)
    parts = low.split()
    if len(parts) < 2 or not all(w in PORTFOLIO_WORDS | PORTFOLIO_HEADS for w in parts):
        return None
    if parts[-1] in PORTFOLIO_HEADS and parts[0] not in ("of", "and", "the"):
        return _title(low)  # "Finance Ministry", "Foreign Trade Ministry"
    if parts[0] in PORTFOLIO_HEADS and len(parts) > 2 and parts[1] == "of":
        rest = [w for w in parts[2:] if w != "the"]
        if rest and rest[-1] not in ("and", "of") and not set(rest) & PORTFOLIO_HEADS:
            flipped = f"{' '.join(rest)} {parts[0]}"  # "Ministry of Finance" -> "Finance Ministry"
            return BASE_SYNONYMS.get(flipped) or _title(flipped)
    return None


def _title(low: str) -> str:
    small = {"of", "and", "the", "for"}
    return " ".join(w if w in small else w[:1].upper() + w[1:] for w in low.split())


@lru_cache(maxsize=16384)
def generic_base(name: str) -> tuple[str | None, str | None]:
    """(the country written in the name or None, the generic body's name) for a generic
    government body's name; (None, None) when the name is not one ("Bank of Japan")."""
    if qualifier_of(name):
        found = _QUALIFIED.match(name)
        assert found is not None
        return found.group(2), found.group(1)
    stripped = name.strip()
    if stripped.endswith(("'s", "\u2019s")):
        stripped = stripped[:-2]
    country, rest = country_prefix(stripped)
    if country and rest.lower().startswith(("'s ", "\u2019s ")):
        rest = rest[3:]
    head, of, tail = stripped.rpartition(" of ")
    if not country and of and country_of_words(tail):  # "Central Bank of Chile"
        country, rest = country_of_words(tail), head
    base = _base(rest)
    return (country, base) if base else (None, None)


@lru_cache(maxsize=4096)
def qualifier_of(name: str) -> str | None:
    """The country of an already qualified name ("Senate (United States)" -> "United States")."""
    found = _QUALIFIED.match(name)
    if not found or not _base(found.group(1)):
        return None
    return found.group(2)


def qualified_name(base: str, country: str) -> str:
    """ "Finance Ministry (Japan)". A former state that one state continues is named as that
    state, as the regions tree shows it ("West Germany" -> "Germany"); one that split into
    several keeps its name ("Soviet Union")."""
    successors = successor_states(country)
    return f"{base} ({successors[0] if len(successors) == 1 else country})"


@lru_cache(maxsize=16384)
def is_bare_generic(name: str) -> bool:
    """A generic body's name with no country in it ("Senate", "the Finance Ministry"): it
    joins no other body across stories."""
    country, base = generic_base(name)
    return base is not None and country is None
