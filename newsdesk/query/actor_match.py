"""The one way an actor filter matches: `stories --actor`, the actor box, chips and ignore rules.

A query matches an actor by its canonical name, by any alias, or by the start of a word, with
case, diacritics and punctuation ignored ("yeutter", "Yeut", "opec", "Organization of
Petroleum", "weizsacker" for "von Weizsäcker", "US" for "U.S."). No letters-in-order matching:
"hftr" finds nothing.

- `fold` is the comparison form of a name;
- `matching_keys` picks, among folded names, those a filter value selects: names equal to it
  and names holding it as whole words when some name equals it ("Reagan" -> "Reagan", "Ronald
  Reagan"), else names with a word starting with it ("Yeut" -> "Clayton Yeutter");
- `ActorRanker` orders the actor box: exact name, then alias, then word start, then anywhere
  in the name; ties by story count.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections.abc import Container, Iterable, Mapping
from functools import lru_cache

__all__ = ["ActorCatalog", "ActorRanker", "fold", "matching_keys", "word_match", "word_prefix"]

# Words left out of the comparison form: articles inside body names ("Organization of the
# Petroleum Exporting Countries" is written with and without "the").
_SKIPPED_WORDS = frozenset({"the"})
_GLUE = re.compile(r"[.'\u2019\u02bc`]")  # dropped: "U.S." is "US", "O'Neill" is "ONeill"
_SPLIT = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The comparison form of a name: lower case, no diacritics, punctuation as spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    bare = bare.replace("ß", "ss")
    bare = _GLUE.sub("", bare)
    words = [w for w in _SPLIT.split(bare) if w and w not in _SKIPPED_WORDS]
    return " ".join(words)


def word_match(query: str, name: str) -> bool:
    """`query` (folded) is one or more whole words of `name` (folded)."""
    return bool(query) and f" {query} " in f" {name} "


def word_prefix(query: str, name: str) -> bool:
    """A word of `name` (folded) starts with `query` (folded)."""
    return bool(query) and (name.startswith(query) or f" {query}" in f" {name}")


def matching_keys(value: str, keys: Iterable[str], exact: Container[str]) -> list[str]:
    """The folded names among `keys` an actor filter `value` selects; `exact` is any mapping
    holding the folded names (a set or a mapping: for the exact lookup)."""
    query = fold(value)
    if not query:
        return []
    if query in exact:
        return [k for k in keys if k == query or word_match(query, k)]
    return [k for k in keys if word_prefix(query, k)]


def _tier(query: str, name: str, aliases: tuple[str, ...]) -> int | None:
    if name == query:
        return 0
    if query in aliases:
        return 1
    if word_prefix(query, name) or any(word_prefix(query, a) for a in aliases):
        return 2
    if query in name:
        return 3
    return None


class ActorRanker:
    """Ranks (name, count) actors for the box. `aliases` maps a name to its other names. A
    query that extends the previous one only looks at the previous matches (every tier of the
    longer query is some tier of the shorter), so each keystroke gets cheaper."""

    def __init__(
        self,
        candidates: Iterable[tuple[str, int]],
        aliases: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        known = aliases or {}
        self.candidates = [
            (fold(name), tuple(fold(a) for a in known.get(name, ())), name, count)
            for name, count in candidates
        ]
        self._last_query = ""
        self._last_matches = self.candidates

    def rank(self, query: str, limit: int = 200) -> list[tuple[str, int]]:
        q = fold(query)
        if not q:
            self._last_query, self._last_matches = "", self.candidates
            return [(name, count) for _, _, name, count in self.candidates[:limit]]
        extends = self._last_query and q.startswith(self._last_query)
        pool = self._last_matches if extends else self.candidates
        matches = []
        scored = []
        for item in pool:
            tier = _tier(q, item[0], item[1])
            if tier is not None:
                matches.append(item)
                scored.append((tier, -item[3], item[2].casefold(), item[2]))
        self._last_query, self._last_matches = q, matches
        return [(name, -neg) for _, neg, _, name in heapq.nsmallest(limit, scored)]


class ActorCatalog:
    """Store-wide actor identity as the query layer sees it: any name a story gave an actor ->
    the canonical name, and the canonical name's aliases and kind. Empty, every name is its
    own actor."""

    def __init__(
        self,
        names: Mapping[str, str] | None = None,
        aliases: Mapping[str, tuple[str, ...]] | None = None,
        kinds: Mapping[str, str] | None = None,
        ids: Mapping[str, str] | None = None,
    ) -> None:
        self._names = dict(names or {})  # folded name -> canonical name
        self.aliases: dict[str, tuple[str, ...]] = dict(aliases or {})  # canonical -> aliases
        self.kinds: dict[str, str] = dict(kinds or {})  # canonical -> kind
        self.ids: dict[str, str] = dict(ids or {})  # canonical -> stable id

    def __bool__(self) -> bool:
        return bool(self._names)

    def canonical(self, name: str) -> str:
        return self._names.get(fold(name), name)

    def names_of(self, name: str) -> tuple[str, ...]:
        """A story's actor name -> its canonical name and every alias (what a filter matches)."""
        canonical = self.canonical(name)
        return (canonical, *self.aliases.get(canonical, ()))
