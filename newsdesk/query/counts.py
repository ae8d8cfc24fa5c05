"""What the sidebar shows beside the list: actors, the regions tree and the feeds by tag."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from newsdesk.models import StoryRow
from newsdesk.query.actor_match import ActorCatalog
from newsdesk.query.filters import FeedCatalog
from newsdesk.query.regions import RegionCatalog

UNTAGGED = "(no tag)"  # the group of feeds that have no tag


@dataclass
class FeedCount:
    """One feed in the Feeds section."""

    url: str
    title: str
    unread: int = 0
    total: int = 0


@dataclass
class SidebarCounts:
    """What the sidebar shows, counted off the event loop."""

    actors: list[tuple[str, int]]
    tree: dict[str, dict[str, dict[str, int]]]
    regions: Counter[str]
    subregions: Counter[str]
    feeds: dict[str, list[FeedCount]] = field(default_factory=dict)  # tag -> its feeds
    custom: dict[str, dict[str, int]] = field(default_factory=dict)  # own region -> countries
    custom_counts: Counter[str] = field(default_factory=Counter)  # own region -> stories
    actor_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # name -> aliases
    actor_kinds: dict[str, str] = field(default_factory=dict)  # name -> person, organisation...


@lru_cache(maxsize=4096)
def region_of(country: str) -> tuple[str | None, str | None]:
    """A country's M49 region and sub-region; (None, None) for a name the table lacks."""
    from newsdesk.nlp.regions import region_of as lookup  # the table lives with the place code

    try:
        return lookup(country)
    except Exception:  # an unknown country must never break the tree
        return None, None


@lru_cache(maxsize=4096)
def shown_country(country: str) -> str:
    """How the regions tree and the country filter name a country. A former state that one
    state continues is shown as that state ("West Germany", "East Germany" -> "Germany"); one
    that split into several keeps its own name ("Soviet Union", "Yugoslavia"), under the
    sub-region of its main successor."""
    from newsdesk.nlp.regions import successor_states  # the table lives with the place code

    try:
        successors = successor_states(country)
    except Exception:  # an unknown name must never break the tree
        return country
    return successors[0] if len(successors) == 1 else country


def count_sidebar(
    rows: Sequence[StoryRow],
    feeds: FeedCatalog | None = None,
    custom: RegionCatalog | None = None,
    identity: ActorCatalog | None = None,
) -> SidebarCounts:
    regions_seen: Counter[str] = Counter()
    subregions: Counter[str] = Counter()
    tree: dict[str, dict[str, dict[str, int]]] = {}
    ranked, aliases, kinds = count_actors(rows, identity)
    for row in rows:
        regions_seen.update(set(row.regions))
        subregions.update(set(row.subregions))
        for country in {shown_country(c) for c in row.countries}:
            region, subregion = region_of(country)
            if region is None and len(row.regions) == 1 and len(row.subregions) == 1:
                region, subregion = row.regions[0], row.subregions[0]  # no M49 table
            sub = tree.setdefault(region or "Other", {}).setdefault(subregion or "Other", {})
            sub[country] = sub.get(country, 0) + 1
    counts = SidebarCounts(ranked, tree, regions_seen, subregions, count_feeds(rows, feeds))
    counts.actor_aliases = aliases
    counts.actor_kinds = kinds
    if custom:
        for own in custom.regions:  # every configured region shows, even with no story yet
            counts.custom[own.name] = {}
        for row in rows:
            for name in custom.of(row):
                counts.custom_counts[name] += 1
                held = counts.custom[name]
                for country in custom.countries_in(name, row):
                    held[country] = held.get(country, 0) + 1
    return counts


def count_actors(
    rows: Sequence[StoryRow], identity: ActorCatalog | None = None
) -> tuple[list[tuple[str, int]], dict[str, tuple[str, ...]], dict[str, str]]:
    """The canonical actors of `rows` with their numbers of stories (most first), each one's
    aliases (for the actor box's matching) and kind (person, organisation, government body)."""
    catalog = identity or ActorCatalog()
    actors: Counter[str] = Counter()
    for row in rows:
        actors.update(set(catalog.of_row(row)))
    ranked = sorted(actors.items(), key=lambda item: (-item[1], item[0].lower()))
    aliases = {name: found for name in actors if (found := catalog.aliases_of(name))}
    kinds = {name: kind for name in actors if (kind := catalog.kind_of(name))}
    return ranked, aliases, kinds


def count_feeds(
    rows: Sequence[StoryRow], feeds: FeedCatalog | None = None
) -> dict[str, list[FeedCount]]:
    """Tag -> its feeds with unread and total counts: every configured feed, and every feed
    that stories came from; feeds without a tag under UNTAGGED. Tags sorted, feeds by title."""
    catalog = feeds or FeedCatalog()
    by_url: dict[str, FeedCount] = {
        url: FeedCount(url, spec.title or url) for url, spec in catalog.specs.items()
    }
    for row in rows:
        count = by_url.get(row.feed_url)
        if count is None:
            count = by_url[row.feed_url] = FeedCount(row.feed_url, row.feed_title or row.feed_url)
        elif count.title == count.url and row.feed_title:
            count.title = row.feed_title
        count.total += 1
        count.unread += not row.read
    out: dict[str, list[FeedCount]] = {}
    for url, count in by_url.items():
        for tag in catalog.tags(url) or (UNTAGGED,):
            out.setdefault(tag, []).append(count)
    return {
        tag: sorted(out[tag], key=lambda c: c.title.casefold())
        for tag in sorted(out, key=lambda t: (t == UNTAGGED, t.casefold()))
    }
