"""The one way an actor filter matches: `stories --actor`, the actor box, chips and ignore rules.

A query matches an actor by its canonical name, by any alias, or by the start of a word, with
case, diacritics and punctuation ignored ("yeutter", "Yeut", "opec", "Organization of
Petroleum", "weizsacker" for "von Weizsäcker", "US" for "U.S."). No letters-in-order matching:
"hftr" finds nothing.

- `fold` (from newsdesk.text) is the comparison form of a name;
- `matching_keys` picks, among folded names, those a filter value selects: names equal to it
  and names holding it as whole words when some name equals it ("Reagan" -> "Reagan", "Ronald
  Reagan"), else names with a word starting with it ("Yeut" -> "Clayton Yeutter");
- `ActorRanker` orders the actor box: exact name, then alias, then word start, then anywhere
  in the name; ties by story count.
"""

from __future__ import annotations

import heapq
from collections.abc import Container, Iterable, Mapping
from typing import TYPE_CHECKING

from newsdesk.models import StoryRow
from newsdesk.text import fold

if TYPE_CHECKING:
    from newsdesk.nlp.identity import ActorRegistry

__all__ = ["ActorCatalog", "ActorRanker", "fold", "matching_keys", "word_match", "word_prefix"]


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
    """Store-wide actor identity as the query layer sees it: each story's actors as canonical
    names, and each canonical name's aliases, kind and stable id. A story the index does not
    hold yet keeps its own names."""

    def __init__(
        self,
        stories: Mapping[str, tuple[str, ...]] | None = None,
        aliases: Mapping[str, tuple[str, ...]] | None = None,
        kinds: Mapping[str, str] | None = None,
        ids: Mapping[str, str] | None = None,
    ) -> None:
        self.stories = dict(stories or {})  # story id -> canonical names, in its actors' order
        self.aliases: dict[str, tuple[str, ...]] = dict(aliases or {})  # canonical -> aliases
        self.kinds: dict[str, str] = dict(kinds or {})  # canonical -> kind
        self.ids: dict[str, str] = dict(ids or {})  # canonical -> stable id

    @classmethod
    def from_registry(cls, registry: ActorRegistry) -> ActorCatalog:
        """A live view of the store's actor index: stories it learns later show at once."""
        catalog = cls()
        catalog.registry = registry
        return catalog

    registry: ActorRegistry | None = None

    def __bool__(self) -> bool:
        return bool(self.stories) or bool(self.registry and self.registry.stories)

    def of_row(self, row: StoryRow) -> tuple[str, ...]:
        """A story's actors, canonical names when the index holds the story."""
        if self.registry is not None:
            entities = self.registry.story_entities(row.id)
            if entities:
                return tuple(dict.fromkeys(e.name for e in entities))
        return self.stories.get(row.id, row.actors)

    def aliases_of(self, name: str) -> tuple[str, ...]:
        if self.registry is not None:
            entity = self.registry.by_name(name)
            if entity is not None:
                return tuple(entity.aliases)
        return self.aliases.get(name, ())

    def kind_of(self, name: str) -> str | None:
        if self.registry is not None:
            entity = self.registry.by_name(name)
            return entity.kind if entity is not None else None
        return self.kinds.get(name)

    def id_of(self, name: str) -> str | None:
        if self.registry is not None:
            entity = self.registry.by_name(name)
            return entity.id if entity is not None else None
        return self.ids.get(name)

    def names_of_row(self, row: StoryRow) -> tuple[str, ...]:
        """Every name an actor filter may select the story by: its own names, the canonical
        names and their aliases."""
        canonical = self.of_row(row)
        out = [*row.actors, *row.actor_aliases, *canonical]
        for name in canonical:
            out += self.aliases_of(name)
        return tuple(out)
