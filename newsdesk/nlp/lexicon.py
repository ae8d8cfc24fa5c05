"""Word lists that several steps of annotation share: one list per idea, each saying what it
covers. Lists that only one step uses stay beside that step."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string."""
    return frozenset(text.split())


# Nouns of a place that a name stands beside or is governed by: "the southern city of X",
# "X province", "the regions of X", "the port of X". Whatever they name is a place: entity
# fixes, the actor filter and the place of a meeting all read them.
PLACE_NOUNS = words(
    """
    city cities town towns village villages capital capitals province provinces region regions
    district districts department departments state states county counties island islands
    port ports suburb suburbs area areas oasis municipality municipalities governorate
    governorates stronghold strongholds enclave enclaves
    """
)

# Groups of people. Two lists, for two questions:
# - a collective whose members the text names: "a delegation led by X", "the group of
#   ministers", "the party of X";
GROUP_NOUNS = words("group delegation team panel party members")
# - after a country's name, that country's people rather than a named body: "the U.S. group",
#   "the Japanese side", "the Iraqi government".
COUNTRY_GROUP_NOUNS = GROUP_NOUNS - {"panel", "party", "members"} | words(
    "side officials government"
)

# Lower-case particles inside personal names: "Fayez al-Sarraj", "Ursula von der Leyen",
# "Luiz Inacio Lula da Silva", "Piet van der Berg".
NAME_PARTICLES = words("al el bin ibn abu bint de del della di da du van von der den le la dos das")


# Styles of rank that are part of how a person known by one name is named: "Lord Carrington",
# "King Hussein", "Sheikh Yamani" (before a given name they are titles: "Sir Geoffrey Howe" is
# "Geoffrey Howe", "King Faisal Rahman" is "Faisal Rahman").
STYLES = words("lord lady king queen prince princess emir sultan sheikh pope dame")

__all__ = [
    "COUNTRY_GROUP_NOUNS",
    "GROUP_NOUNS",
    "NAME_PARTICLES",
    "PLACE_NOUNS",
    "STYLES",
    "words",
]
