"""Participants as the story's canonical actor names: one name per party, no stray words.

A meeting names each party by the story's canonical actor name. A shorter name that is the
tail of a longer person's name in the story ("Van der Berg" beside "Piet van der Berg") is that
person (not so for bodies: "Loan Association" is not "Central Savings and Loan Association"; a
one-word body that starts one longer body's name is that body: "Dome", "Dome Petroleum Ltd");
punctuation the tagger left at a name's end ("Ann Smith.") is dropped; a bare title or common
noun the tagger took for a name ("Administration", from "Administration officials") is no party.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newsdesk.nlp.lexicon import words

__all__ = ["FRAGMENTS", "canonical_participants"]

# Single words that name a role or an institution in general, never one party on their own:
# "talks with Administration officials", "met Government ministers", "the Ministry said".
FRAGMENTS = words(
    """
    administration government cabinet ministry ministries officials
    official ministers minister president chairman secretary spokesman sources source
    authorities delegation delegates embassy committee
    """
)
_TRAILING = " .,;:!?'\"-"
# Words of time that end no party's name: "met the World Bank this week" must not give "World
# Bank week" (units of time; where._PLACE_STRAY_END, for places, also holds days and months).
PARTY_STRAY_END = words("hour hours week weeks month months year years day days today tonight")


def canonical_participants(
    names: Sequence[str], people: Iterable[str], bodies: Iterable[str] = ()
) -> list[str]:
    """The parties of one meeting, each under its one canonical name, in order, no repeats
    (`people`: the story's canonical names of persons; `bodies`: of organisations)."""
    known = list(people)
    orgs = list(bodies)
    out: list[str] = []
    for name in _split_pairs(names, known, orgs):
        words = name.strip().split()
        while len(words) > 1 and words[-1].lower().rstrip(_TRAILING) in PARTY_STRAY_END:
            words.pop()  # "World Bank week" (from "met the World Bank this week")
        clean = _unpunctuated(" ".join(words))
        if not clean or clean.lower() in FRAGMENTS:
            continue
        clean = _longer_name(_person_of_place(clean, known), known)
        clean = _full_body(clean, orgs)
        if clean not in out:
            out.append(clean)
    return out


def _unpunctuated(name: str) -> str:
    """ "Ann Smith." -> "Ann Smith"; an abbreviation keeps its own last dot ("Acme S.A.",
    "Zenith N.V.": a dot inside the last word says the final one is part of it)."""
    clean = name.rstrip(_TRAILING)
    last = clean.split()[-1] if clean.split() else ""
    if "." in last and name[len(clean) : len(clean) + 1] == ".":
        return clean + "."
    return clean


def _longer_name(name: str, known: list[str]) -> str:
    """The one longer actor name that ends with all the words of `name`, else `name`."""
    tail = name.lower().split()
    longer = {
        k for k in known if len(k.split()) > len(tail) and k.lower().split()[-len(tail) :] == tail
    }
    if not longer and len(tail) == 1:
        # "Hernandez" for "Arturo Hernandez Grisanti": a surname followed by a second one
        longer = {k for k in known if tail[0] in k.lower().split()[1:-1]}
    if not longer and len(tail) == 1:
        # "Haddad" for "Karim al-Haddad": a surname written without its article
        longer = {k for k in known if len(k.split()) > 1 and _bare(k.split()[-1]) == tail[0]}
    return longer.pop() if len(longer) == 1 else name


# Articles joined to a surname by a hyphen ("al-Haddad", "el-Sayed"), which a story may drop
# when it names the person again ("Haddad", "Sayed"); lexicon.NAME_PARTICLES holds the ones
# written as separate words ("bin", "van", "de").
JOINED_ARTICLES = ("al-", "el-", "ad-", "as-", "ash-", "at-", "az-", "an-", "ar-", "ul-")


def _bare(surname: str) -> str:
    """A surname in lower case without its joined article ("al-Haddad" -> "haddad")."""
    low = surname.lower()
    for article in JOINED_ARTICLES:
        if low.startswith(article) and len(low) > len(article) + 1:
            return low[len(article) :]
    return ""


def _person_of_place(name: str, known: list[str]) -> str:
    """ "Hernandez of Venezuela" (a delegate named with the country he comes from, which the
    tagger took for a body): the person, when the words before "of" end one person's name."""
    head, sep, _ = name.partition(" of ")
    if not sep or not head:
        return name
    longer = _longer_name(head, known)
    return longer if longer != head or head in known else name


def _full_body(name: str, bodies: list[str]) -> str:
    """ "Dome" beside "Dome Petroleum Ltd": a one-word body's name that starts exactly one
    longer body's name in the story is that body (a head word, never a tail: "Bank" is not
    "Bank of England" by this rule, as it names no body; "Loan Association" is no start)."""
    if " " in name or name not in bodies:
        return name
    longer = [b for b in bodies if b.split()[0] == name and len(b.split()) > 1]
    return longer[0] if len(longer) == 1 else name


def _split_pairs(names: Sequence[str], people: list[str], bodies: list[str]) -> list[str]:
    """ "the Edelman/Dominion group": two parties written as one name, each part the short
    name of one person or body of the story ("Asher Edelman", "Dominion Textile Inc")."""
    out: list[str] = []
    for name in names:
        parts = name.split("/")
        if len(parts) == 2 and all(p and " " not in p for p in parts):
            full = [_part_name(p, people, bodies) for p in parts]
            if all(full):
                out += [f for f in full if f]
                continue
        out.append(name)
    return out


def _part_name(part: str, people: list[str], bodies: list[str]) -> str | None:
    """The one person whose name ends with `part`, else the one body whose name starts with it."""
    person = _longer_name(part, people)
    if person != part:
        return person
    body = _full_body(part, [part, *bodies])
    return body if body != part else None
