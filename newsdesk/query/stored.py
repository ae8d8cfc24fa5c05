"""The index of what a store holds, as the config's feeds, tags and ignore rules shape it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newsdesk.config import Config
from newsdesk.models import StoryRow
from newsdesk.query.actor_match import ActorCatalog
from newsdesk.query.filters import FeedCatalog, FilterState, StoryIndex
from newsdesk.query.regions import RegionCatalog, resolve_regions
from newsdesk.query.rules import IgnoreSet
from newsdesk.query.views import find_view, view_state
from newsdesk.store import Store


def text_reader(store: Store) -> Callable[[str], str | None]:
    """A story's text by id (for ignore rules on the text); None once it is gone."""

    def text_of(story_id: str) -> str | None:
        story = store.story(story_id)
        return story.text if story else None

    return text_of


def stored_index(
    store: Store,
    config: Config,
    rows: Sequence[StoryRow] | None = None,
    actors: ActorCatalog | None = None,
) -> StoryIndex:
    """The index of the store's rows; `actors` (the store's actor index) gives each story its
    canonical actors."""
    return StoryIndex(
        store.rows() if rows is None else rows,
        feeds=FeedCatalog(config.feeds),
        regions=RegionCatalog(resolve_regions(config.regions, config.path)),
        ignore=IgnoreSet(config.ignore),
        text_of=text_reader(store),
        actors=actors,
    )


class UnknownView(LookupError):
    """A view name the config does not define; str() names the ones it does."""


def named_view_state(store: Store, config: Config, name: str) -> FilterState:
    view = find_view(config.views, name)
    if view is None:
        known = ", ".join(repr(v.name) for v in config.views) or "none: add [[views]] tables"
        raise UnknownView(f"no view named {name!r} in the config (views: {known})")
    return view_state(view, store.search)
