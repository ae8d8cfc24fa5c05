"""How the store-wide actor index compares names (no spaCy): the keys a person's or a body's
name joins others by, the kinds of bodies, and the tests for short names, legal forms and
initials. `newsdesk/nlp/identity.py` keeps the index itself."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache

from newsdesk.nlp.body_countries import country_prefix, is_bare_generic
from newsdesk.nlp.body_names import (
    GENERIC_WORDS,
    acronym_key,
    body_variants,
    expansions,
    is_org_word,
    known_bodies,
    words,
)
from newsdesk.nlp.gazetteer import gazetteer
from newsdesk.text import fold

__all__ = [
    "GOVERNMENT",
    "ORGANISATION",
    "PERSON",
    "body_kind",
    "body_name",
    "company_form",
    "entity_id",
    "first_word",
    "initials_of",
    "one_word_stem",
    "org_keys",
    "person_key",
    "short_of",
    "surname_of",
]

# Kinds of entity the index and the reader show.
PERSON, ORGANISATION, GOVERNMENT = "person", "organisation", "government body"

# Words that make an organisation a government body ("Finance Ministry", "U.S. Treasury").
GOVERNMENT_WORDS = words(
    """
    ministry ministries department treasury congress senate parliament government cabinet
    administration kremlin embassy bundesbank reserve bundestag diet assembly council
    commission agency bureau house court army navy police customs secretariat presidency
    legislature duma politburo knesset
    """
)
# Intergovernmental bodies and central banks, by acronym: government bodies too.
GOVERNMENT_BODIES = words(
    """
    UN EC EU EEC IMF OECD OPEC GATT NATO ASEAN AU OAS OAU ICO IEA ICCO FAO ILO UNCTAD BIS ECB
    BOJ BOE USDA CCC SEC CFTC ITC MITI CIA FBI WTO WHO IAEA GCC ECOWAS OSCE ICC ICJ
    """
)
# Companies and banks that carry a government word but are not the state ("Bank of New York").
_COMPANY_WORDS = words("corp corporation inc co ltd plc group holdings company ag sa nv bv llc")
# Particles left out when comparing people's names.
_PARTICLES = words("al el bin ibn abu de del della di da du van von der den le la dos das y")


def entity_id(kind: str, key: str) -> str:
    """A short stable id: the kind and the first key of the entity."""
    return "a" + hashlib.sha1(f"{kind}:{key}".encode()).hexdigest()[:11]


def body_kind(names: Iterable[str]) -> str:
    """An organisation's kind from its names: a government body or an organisation."""
    for name in names:
        acr = acronym_key(name)
        if acr and acr.upper() in {b.upper() for b in GOVERNMENT_BODIES}:
            return GOVERNMENT
        table_acronym = expansions().get(name.lower())
        if table_acronym and table_acronym in GOVERNMENT_BODIES:
            return GOVERNMENT
        low = [w.lower().strip(".,") for w in name.split()]
        if any(w in _COMPANY_WORDS for w in low):
            continue
        if any(w in GOVERNMENT_WORDS for w in low) or name in ("White House", "World Bank"):
            return GOVERNMENT
        if _central_bank(low):
            return GOVERNMENT
        canonical = body_name(name)
        if canonical and canonical != name:
            return body_kind([canonical])
        table_acronym = expansions().get(name.lower())
        if table_acronym and table_acronym in GOVERNMENT_BODIES:
            return GOVERNMENT
    return ORGANISATION


def _central_bank(low: list[str]) -> bool:
    """ "Bank of Japan", "central bank": a country's bank is its central bank."""
    if "central" in low and "bank" in low:
        return True
    if len(low) >= 3 and low[0] == "bank" and low[1] == "of":
        place = " ".join(low[2:])
        return any(x.kind in ("country", "alias") for x in gazetteer().core_meanings(place))
    return False


@lru_cache(maxsize=16384)
def body_name(form: str) -> str | None:
    """The bundled table's name for a form of a best-known body, if it is one."""
    acr = acronym_key(form)
    name = known_bodies().get(acr, form) if acr else form
    found = body_variants().get(name) or _variants_by_fold().get(fold(name))
    if found:
        return found
    if acr and acr in known_bodies():
        return known_bodies()[acr]
    return name if fold(name) in _table_names() else None


@lru_cache(maxsize=1)
def _variants_by_fold() -> dict[str, str]:
    variants = body_variants()
    table = {fold(k): v for k, v in variants.items()}
    table.update({fold(v): v for v in variants.values()})
    return table


@lru_cache(maxsize=1)
def _table_names() -> frozenset[str]:
    return frozenset(fold(v) for v in known_bodies().values())


def person_key(form: str) -> str | None:
    """First and last word of a full name, particles and initials aside; None for one word."""
    parts = [w for w in fold(form).split() if w not in _PARTICLES and len(w) > 1]
    if len(parts) < 2:
        return None
    return f"{parts[0]} {parts[-1]}"


def surname_of(form: str) -> str | None:
    parts = [w for w in fold(form).split() if w not in _PARTICLES and len(w) > 1]
    return parts[-1] if parts else None


def org_keys(form: str, *, alias: bool = False) -> list[str]:
    """The keys an organisation's name joins others by: its folded name (for an alias, none
    when it is a generic word alone: "the Fund", "Bank"), and the bundled table's name when it
    is a known body."""
    folded = fold(form)
    if not folded:
        return []
    keys = []
    body = body_name(form)
    if body:
        keys.append("=" + fold(body))
    if is_bare_generic(form):
        return keys  # "Senate": every country has one
    parts = folded.split()
    generic = len(parts) == 1 and (parts[0] in GENERIC_WORDS or is_org_word(parts[0]))
    if not (alias and generic) or acronym_key(form):
        keys.insert(0, folded)
    bare = _without_legal_form(folded)
    # "Boeing Co" = "Boeing Company"; the bare word "Boeing" is a short name, shared by many
    # ("Boeing Computer Services"): it gets no such key
    stem_key = bare is not None and (" " in bare or bare != folded)
    if stem_key and (alias is False or bare != folded) and not acronym_key(form) and not generic:
        keys.append("%" + str(bare))
    return keys


@lru_cache(maxsize=16384)
def _without_legal_form(folded: str) -> str | None:
    """A company's folded name without its legal form ("morgan stanley and co inc" ->
    "morgan stanley"); None when nothing but a generic word would be left."""
    parts = folded.split()
    while parts and (parts[-1] in _COMPANY_WORDS or parts[-1] in ("and", "&")):
        parts.pop()
    if not parts or (len(parts) == 1 and (parts[0] in GENERIC_WORDS or is_org_word(parts[0]))):
        return None
    # a plural is no other company ("Moody's Investors Service", "Moody's Investor Services")
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in parts)


@lru_cache(maxsize=16384)
def one_word_stem(form: str) -> str | None:
    """The one word a company's name is without its legal form ("Bell Group" -> "bell"): the
    short name it shares with every other company of that word."""
    folded = fold(form)
    stem = _without_legal_form(folded)
    if not stem or " " in stem or " " not in folded or acronym_key(form):
        return None  # ("Chrysler's" is no "Chrysler" with a legal form)
    return stem


def short_of(form: str, names: Iterable[str]) -> bool:
    """A one-word form that is a word of a longer name of the same body ("Bell" of "Southwestern
    Bell Corp", "Ford" of "Ford Motor Co"): a short name, shared by many companies."""
    folded = fold(form)
    if " " in folded or not folded or acronym_key(form):
        return False
    return any(" " in fold(n) and folded in fold(n).split() for n in names)


def company_form(name: str) -> bool:
    """ "Courier Corp": a name ending on a company's legal form is no person's."""
    parts = fold(name).split()
    return len(parts) > 1 and parts[-1] in _COMPANY_WORDS


def initials_of(name: str) -> str:
    """ "General Motors Corp" -> "gm": the initials of a name without its legal form."""
    folded = fold(name)
    parts = (_without_legal_form(folded) or folded).split()
    return "".join(w[0] for w in parts if w not in ("of", "and", "the", "for"))


def first_word(name: str) -> str:
    """The first word of a body's name, country words and "the" aside."""
    _, rest = country_prefix(name)
    parts = fold(rest).split()
    return parts[0] if parts else ""
