"""Filters and the in-memory index of stored stories they select from."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from newsdesk.models import FeedSpec, StoryRow
from newsdesk.query.actor_match import ActorCatalog, fold, matching_keys
from newsdesk.query.events import EventGrouper
from newsdesk.query.regions import RegionCatalog
from newsdesk.query.rules import IgnoreSet

FilterKind = Literal["actor", "region", "subregion", "country", "feed", "tag", "search"]

KIND_LABEL: dict[str, str] = {
    "actor": "actor",
    "region": "region",
    "subregion": "sub-region",
    "country": "country",
    "feed": "feed",
    "tag": "tag",
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

    def narrowed_by(self, other: FilterState) -> FilterState:
        """These filters and `other`'s together (the stories both select)."""
        both = FilterState(
            list(self.filters),
            self.unread_only or other.unread_only,
            self.bookmarks_only or other.bookmarks_only,
        )
        for flt in other.filters:
            both.add(flt)
        return both

    @property
    def active(self) -> bool:
        return bool(self.filters) or self.unread_only or self.bookmarks_only


def key(name: str) -> str:
    """How a filter value and a story's names are compared: case ignored, spaces trimmed."""
    return name.casefold().strip()


class FeedCatalog:
    """The configured feeds: their titles and tags, looked up by URL."""

    def __init__(self, specs: Iterable[FeedSpec] = ()) -> None:
        self.specs: dict[str, FeedSpec] = {spec.url: spec for spec in specs}

    def tags(self, url: str) -> tuple[str, ...]:
        spec = self.specs.get(url)
        return spec.tags if spec else ()

    def title(self, url: str) -> str | None:
        spec = self.specs.get(url)
        return spec.title if spec else None


def _keys(
    row: StoryRow, kind: str, feeds: FeedCatalog, regions: RegionCatalog, actors: ActorCatalog
) -> Iterable[str]:
    if kind == "actor":  # the story's names, and the canonical name and aliases they stand for
        return actors.names_of_row(row)
    if kind == "country":  # and the state that continues a former one (query.counts)
        from newsdesk.query.counts import shown_country

        return (*row.countries, *(shown_country(c) for c in row.countries))
    if kind == "feed":  # a feed by its URL, the title it gives itself or the one configured
        return [n for n in (row.feed_url, row.feed_title, feeds.title(row.feed_url)) if n]
    if kind == "tag":
        return feeds.tags(row.feed_url)
    # a region filter matches a region or a sub-region of that name (M49 never gives the two
    # levels one name), so "--region 'Northern Africa'" and the tree's sub-region node agree;
    # and the config's own regions ("Middle East")
    return (*row.regions, *row.subregions, *regions.of(row))


# filter kinds that share one index: the tree's sub-region nodes use the region index
_INDEX_OF: dict[str, str] = {"subregion": "region"}
KINDS = ("actor", "country", "region", "feed", "tag")


def build_postings(
    rows: Sequence[StoryRow],
    feeds: FeedCatalog | None = None,
    regions: RegionCatalog | None = None,
    actors: ActorCatalog | None = None,
) -> dict[str, dict[str, set[str]]]:
    """kind -> folded name -> ids of the stories naming it."""
    catalog = feeds or FeedCatalog()
    custom = regions or RegionCatalog()
    identity = actors or ActorCatalog()
    out: dict[str, dict[str, set[str]]] = {kind: {} for kind in KINDS}
    for row in rows:
        for kind in KINDS:
            table = out[kind]
            fold_name = fold if kind == "actor" else key  # actors: diacritics, dots ignored
            for name in _keys(row, kind, catalog, custom, identity):
                table.setdefault(fold_name(name), set()).add(row.id)
    return out


def sort_stamp(row: StoryRow) -> str:
    return row.published or row.fetched or ""


class StoryIndex:
    """The shown rows in memory (newest first), without those an ignore rule hides. Filters use
    inverted indexes (folded name -> story ids) built on first use, so a filter costs one set
    lookup and one pass over the ids."""

    def __init__(
        self,
        rows: Sequence[StoryRow] = (),
        *,
        feeds: FeedCatalog | None = None,
        regions: RegionCatalog | None = None,
        ignore: IgnoreSet | None = None,
        text_of: Callable[[str], str | None] | None = None,
        actors: ActorCatalog | None = None,
    ) -> None:
        self.feeds = feeds or FeedCatalog()
        self.actors = actors or ActorCatalog()
        self.regions = regions or RegionCatalog()
        self.ignore = ignore or IgnoreSet()
        self.text_of = text_of
        hidden = self.ignore.hidden(rows, self.feeds, text_of)
        self.ignored: list[StoryRow] = [row for row in rows if row.id in hidden]
        self.rows: list[StoryRow] = [row for row in rows if row.id not in hidden]
        self.by_id: dict[str, StoryRow] = {row.id: row for row in self.rows}
        self._postings: dict[str, dict[str, set[str]]] = {}
        self._events: EventGrouper | None = None
        self.version = 0  # bumped on every change

    @property
    def events(self) -> EventGrouper:
        """The shown stories grouped into events (built on first use, then kept up to date)."""
        if self._events is None:
            self._events = EventGrouper().add_all(self.rows)
        return self._events

    def install_events(self, events: EventGrouper) -> None:
        """Take the rows grouped elsewhere (a thread): only when no ignore rule hid any of
        them, as hidden stories must not join events."""
        if not self.ignored and len(events.rows) == len(self.rows):
            self._events = events

    def __len__(self) -> int:
        return len(self.rows)

    def postings(self, kind: str) -> dict[str, set[str]]:
        kind = _INDEX_OF.get(kind, kind)
        table = self._postings.get(kind)
        if table is None:
            table = build_postings(self.rows, self.feeds, self.regions, self.actors)[kind]
            self._postings[kind] = table
        return table

    def install_postings(self, version: int, postings: dict[str, dict[str, set[str]]]) -> None:
        """Take indexes built elsewhere (a thread) if the rows have not changed since."""
        if version == self.version:
            self._postings = postings

    def upsert(self, row: StoryRow) -> None:
        """Replace a row in place, or add a new one in date order (unless a rule hides it)."""
        if self.ignore and self.ignore.hidden([row], self.feeds, self.text_of):
            self.ignored.append(row)
            return
        self._postings = {}
        self.version += 1
        old = self.by_id.get(row.id)
        self.by_id[row.id] = row
        if self._events is not None:
            self._events.add(row)
        if old is not None:
            self.rows[self.rows.index(old)] = row
            return
        stamp = sort_stamp(row)
        at = next((i for i, r in enumerate(self.rows) if sort_stamp(r) < stamp), len(self.rows))
        self.rows.insert(at, row)

    def actor_ids(self, value: str) -> set[str]:
        """The stories an actor filter selects: by name, alias or word start (actor_match)."""
        table = self.postings("actor")
        found: set[str] = set()
        for name in matching_keys(value, table, table):
            found |= table[name]
        return found

    def select(self, state: FilterState) -> list[StoryRow]:
        ids: set[str] | None = None
        for flt in state.filters:
            if flt.kind == "search":
                found: set[str] | frozenset[str] = flt.ids
            elif flt.kind == "actor":
                found = self.actor_ids(flt.value)
            else:
                found = self.postings(flt.kind).get(key(flt.value), set())
            ids = set(found) if ids is None else ids & found
        rows = self.rows if ids is None else [row for row in self.rows if row.id in ids]
        if state.unread_only:
            rows = [row for row in rows if not row.read]
        if state.bookmarks_only:
            rows = [row for row in rows if row.bookmarked]
        return list(rows)


def filter_state(
    *,
    actor: str | None = None,
    region: str | None = None,
    country: str | None = None,
    feed: str | None = None,
    tag: str | None = None,
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
        ("feed", feed),
        ("tag", tag),
    )
    for kind, value in named:
        if value is not None:
            state.add(StoryFilter(kind, value))
    if search_ids is not None:
        state.add(StoryFilter("search", search_text, frozenset(search_ids)))
    return state
