"""The query layer: which stored stories a set of filters selects, and the counts beside them.

The reader's chips and the command line's `stories` options are two faces of this one module, so
a filter means the same in both. Everything is in memory and fast enough for 10,000 rows per
keystroke; no Textual here.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from newsdesk.models import StoryRow

FilterKind = Literal["actor", "region", "subregion", "country", "search"]

KIND_LABEL: dict[str, str] = {
    "actor": "actor",
    "region": "region",
    "subregion": "sub-region",
    "country": "country",
    "search": "search",
}


@dataclass(frozen=True)
class StoryFilter:
    """One active filter. Search filters carry the ids the store found."""

    kind: FilterKind
    value: str
    ids: frozenset[str] = frozenset()

    @property
    def label(self) -> str:
        return f"{KIND_LABEL[self.kind]}: {self.value}"


@dataclass
class FilterState:
    filters: list[StoryFilter] = field(default_factory=list)
    unread_only: bool = False
    bookmarks_only: bool = False

    def add(self, new: StoryFilter) -> bool:
        """Add a filter; a second search replaces the first. False when already there."""
        if new in self.filters:
            return False
        if new.kind == "search":
            self.filters = [f for f in self.filters if f.kind != "search"]
        self.filters.append(new)
        return True

    def remove(self, index: int) -> None:
        if 0 <= index < len(self.filters):
            del self.filters[index]

    @property
    def active(self) -> bool:
        return bool(self.filters) or self.unread_only or self.bookmarks_only


def key(name: str) -> str:
    """How a filter value and a story's names are compared: case ignored, spaces trimmed."""
    return name.casefold().strip()


def _keys(row: StoryRow, kind: str) -> Iterable[str]:
    if kind == "actor":
        return (*row.actors, *row.actor_aliases)
    if kind == "country":
        return row.countries
    # a region filter matches a region or a sub-region of that name (M49 never gives the two
    # levels one name), so "--region 'Northern Africa'" and the tree's sub-region node agree
    return (*row.regions, *row.subregions)


# filter kinds that share one index: the tree's sub-region nodes use the region index
_INDEX_OF: dict[str, str] = {"subregion": "region"}


class StoryIndex:
    """All rows in memory (newest first). Filters use inverted indexes (lower-cased name ->
    story ids) built on first use, so a filter costs one set lookup and one pass over the ids."""

    def __init__(self, rows: Sequence[StoryRow] = ()) -> None:
        self.rows: list[StoryRow] = list(rows)
        self.by_id: dict[str, StoryRow] = {row.id: row for row in self.rows}
        self._postings: dict[str, dict[str, set[str]]] = {}
        self.version = 0  # bumped on every change

    def __len__(self) -> int:
        return len(self.rows)

    def postings(self, kind: str) -> dict[str, set[str]]:
        kind = _INDEX_OF.get(kind, kind)
        table = self._postings.get(kind)
        if table is None:
            table = build_postings(self.rows)[kind]
            self._postings[kind] = table
        return table

    def install_postings(self, version: int, postings: dict[str, dict[str, set[str]]]) -> None:
        """Take indexes built elsewhere (a thread) if the rows have not changed since."""
        if version == self.version:
            self._postings = postings

    def upsert(self, row: StoryRow) -> None:
        """Replace a row in place, or add a new one in date order."""
        self._postings = {}
        self.version += 1
        old = self.by_id.get(row.id)
        self.by_id[row.id] = row
        if old is not None:
            self.rows[self.rows.index(old)] = row
            return
        stamp = sort_stamp(row)
        at = next((i for i, r in enumerate(self.rows) if sort_stamp(r) < stamp), len(self.rows))
        self.rows.insert(at, row)

    def select(self, state: FilterState) -> list[StoryRow]:
        ids: set[str] | None = None
        for flt in state.filters:
            if flt.kind == "search":
                found: set[str] | frozenset[str] = flt.ids
            else:
                found = self.postings(flt.kind).get(key(flt.value), set())
            ids = set(found) if ids is None else ids & found
        rows = self.rows if ids is None else [row for row in self.rows if row.id in ids]
        if state.unread_only:
            rows = [row for row in rows if not row.read]
        if state.bookmarks_only:
            rows = [row for row in rows if row.bookmarked]
        return list(rows)


@dataclass
class SidebarCounts:
    """What the sidebar shows, counted off the event loop."""

    actors: list[tuple[str, int]]
    tree: dict[str, dict[str, dict[str, int]]]
    regions: Counter[str]
    subregions: Counter[str]


KINDS = ("actor", "country", "region")


def build_postings(rows: Sequence[StoryRow]) -> dict[str, dict[str, set[str]]]:
    """kind -> lower-cased name -> ids of the stories naming it."""
    out: dict[str, dict[str, set[str]]] = {kind: {} for kind in KINDS}
    for row in rows:
        for kind in KINDS:
            table = out[kind]
            for name in _keys(row, kind):
                table.setdefault(key(name), set()).add(row.id)
    return out


@lru_cache(maxsize=4096)
def region_of(country: str) -> tuple[str | None, str | None]:
    """A country's M49 region and sub-region; (None, None) for a name the table lacks."""
    from newsdesk.nlp.regions import region_of as lookup  # the table lives with the place code

    try:
        return lookup(country)
    except Exception:  # an unknown country must never break the tree
        return None, None


def filter_state(
    *,
    actor: str | None = None,
    region: str | None = None,
    country: str | None = None,
    unread: bool = False,
    bookmarked: bool = False,
    search_ids: Iterable[str] | None = None,
    search_text: str = "",
) -> FilterState:
    """The filters of the `stories` command's options, as the reader's chips would hold them."""
    state = FilterState(unread_only=unread, bookmarks_only=bookmarked)
    named: tuple[tuple[FilterKind, str | None], ...] = (
        ("actor", actor),
        ("region", region),
        ("country", country),
    )
    for kind, value in named:
        if value is not None:
            state.add(StoryFilter(kind, value))
    if search_ids is not None:
        state.add(StoryFilter("search", search_text, frozenset(search_ids)))
    return state


def count_sidebar(rows: Sequence[StoryRow]) -> SidebarCounts:
    actors: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    subregions: Counter[str] = Counter()
    tree: dict[str, dict[str, dict[str, int]]] = {}
    for row in rows:
        actors.update(set(row.actors))
        regions.update(set(row.regions))
        subregions.update(set(row.subregions))
        for country in set(row.countries):
            region, subregion = region_of(country)
            if region is None and len(row.regions) == 1 and len(row.subregions) == 1:
                region, subregion = row.regions[0], row.subregions[0]  # no M49 table
            sub = tree.setdefault(region or "Other", {}).setdefault(subregion or "Other", {})
            sub[country] = sub.get(country, 0) + 1
    ranked = sorted(actors.items(), key=lambda item: (-item[1], item[0].lower()))
    return SidebarCounts(ranked, tree, regions, subregions)


def sort_stamp(row: StoryRow) -> str:
    return row.published or row.fetched or ""


def _score(q: str, pattern: re.Pattern[str], low: str) -> int | None:
    at = low.find(q)
    if at == 0 or (at > 0 and not low[at - 1].isalnum()):
        return 0  # a word starts with the query
    if at > 0:
        return 1  # inside a word
    found = pattern.search(low)
    if found is None:
        return None
    return 2 + found.end() - found.start()  # letters in order: tighter is better


class FuzzyMatcher:
    """Ranks (name, count) candidates for a query; a query that extends the previous one only
    looks at the previous matches, so each keystroke gets cheaper."""

    def __init__(self, candidates: Iterable[tuple[str, int]]) -> None:
        self.candidates = [(name.lower(), name, count) for name, count in candidates]
        self._last_query = ""
        self._last_matches = self.candidates

    def rank(self, query: str, limit: int = 200) -> list[tuple[str, int]]:
        q = "".join(query.lower().split())
        if not q:
            self._last_query, self._last_matches = "", self.candidates
            return [(name, count) for _, name, count in self.candidates[:limit]]
        pool = (
            self._last_matches
            if self._last_query and q.startswith(self._last_query)
            else (self.candidates)
        )
        pattern = re.compile(".*?".join(re.escape(ch) for ch in q))
        scored = []
        matches = []
        for item in pool:
            score = _score(q, pattern, item[0])
            if score is not None:
                matches.append(item)
                scored.append((score, -item[2], len(item[1]), item[1]))
        self._last_query, self._last_matches = q, matches
        best = heapq.nsmallest(limit, scored)
        return [(name, -neg) for _, neg, _, name in best]


def fuzzy_rank(
    query: str, candidates: Iterable[tuple[str, int]], limit: int = 200
) -> list[tuple[str, int]]:
    """Candidates (name, count) matching `query`: word starts first, then inner substrings,
    then letters in order; ties by count. An empty query keeps the given order."""
    return FuzzyMatcher(candidates).rank(query, limit)
