"""Names of bodies without spaCy: the bundled table of best-known bodies and their variants,
acronyms, and the word lists that mark an organisation's name or a generic word. The store-wide
actor index uses these in commands that must not load spaCy."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

__all__ = [
    "GENERIC_WORDS",
    "ORG_WORDS",
    "acronym_key",
    "body_variants",
    "expansions",
    "words",
    "is_org_word",
    "known_bodies",
]


def words(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (no spaCy needed here)."""
    return frozenset(text.split())


_ACRONYM = re.compile(r"^[A-Z][A-Z&\-]{1,9}$")


@lru_cache(maxsize=1)
def _known_bodies_file() -> dict[str, object]:
    raw = resources.files("newsdesk.nlp").joinpath("data/known_bodies.json").read_text("utf-8")
    data: dict[str, object] = json.loads(raw)
    return data


@lru_cache(maxsize=1)
def known_bodies() -> dict[str, str]:
    """The bundled acronym table: "UN" -> "United Nations" (keys starting "_" are notes)."""
    return {
        k: v
        for k, v in _known_bodies_file().items()
        if not k.startswith("_") and isinstance(v, str)
    }


@lru_cache(maxsize=1)
def body_variants() -> dict[str, str]:
    """Other names of the best-known bodies: "U.S. Federal Reserve" -> "Federal Reserve"."""
    table = _known_bodies_file().get("_variants")
    out: dict[str, str] = {}
    if isinstance(table, dict):
        for name, others in table.items():
            for other in others if isinstance(others, list) else ():
                out[str(other)] = str(name)
    return out


@lru_cache(maxsize=1)
def expansions() -> dict[str, str]:
    return {v.lower(): k for k, v in known_bodies().items()}


def acronym_key(text: str) -> str | None:
    """ "U.N." / "UN" -> "UN"; None when the text is not acronym-like."""
    bare = text.replace(".", "").strip()
    return bare if _ACRONYM.match(bare) and (len(bare) > 1) else None


# Words that make a name an organisation's ("Ruvia Chamber of Commerce").
ORG_WORDS = words(
    """
    community union bank commission council ministry department party army navy corp corporation
    inc co ltd plc group association organisation organization agency authority institute
    university college committee court fund forum programme program office federation alliance
    front movement club chamber assembly parliament congress senate house board bureau service
    services company society trust foundation league conference secretariat exchange reserve
    force forces police guard church times news post press agency airlines airways railways
    industries holdings partners cooperative coalition government cabinet administration
    embassy mission council commissioner tribunal centre center network system systems
    """
)

# One word that alone names no one ("Bank" in "the bank said").
GENERIC_WORDS = words(
    """
    community institute bank banks state states national international government ministry
    minister party group
    company companies exchange market markets budget mark cable laid central federal general
    union council committee commission board house court office department agency authority
    fund trust association corporation co inc corp ltd plc first new economy trade
    """
)


def is_org_word(word: str) -> bool:
    return word.lower().strip(".,") in ORG_WORDS
