"""The query layer: which stored stories a set of filters selects, and the counts beside them.

The reader's chips and the command line's `stories` options are two faces of this one package,
so a filter means the same in both. Everything is in memory and fast enough for 10,000 rows per
keystroke; no Textual here.

- `filters`: the filter kinds, `FilterState` and the `StoryIndex` they select from;
- `rules`: ignore rules, which hide stories everywhere;
- `views`: saved views, a name for a set of filters;
- `counts`: the sidebar's actors, regions tree and feeds by tag;
- `ranking`: the type-to-filter ranking of names;
- `actor_match`: the one matching of an actor filter, and the actor box's ranking;
- `regions`: the config's own regions ("Middle East"), beside the M49 tree;
- `stored`: the index of a store, shaped by the config (feeds, tags, ignore rules).
"""

from newsdesk.query.actor_match import ActorCatalog, ActorRanker, fold
from newsdesk.query.counts import (
    UNTAGGED,
    FeedCount,
    SidebarCounts,
    count_actors,
    count_feeds,
    count_sidebar,
    region_of,
)
from newsdesk.query.filters import (
    KIND_LABEL,
    FeedCatalog,
    FilterKind,
    FilterState,
    StoryFilter,
    StoryIndex,
    build_postings,
    filter_state,
    key,
    sort_stamp,
)
from newsdesk.query.ranking import FuzzyMatcher, fuzzy_rank
from newsdesk.query.regions import CustomRegion, RegionCatalog, resolve_regions
from newsdesk.query.rules import IgnoreSet
from newsdesk.query.views import find_view, state_label, view_from_state, view_state

__all__ = [
    "KIND_LABEL",
    "ActorCatalog",
    "ActorRanker",
    "UNTAGGED",
    "FeedCatalog",
    "CustomRegion",
    "FeedCount",
    "FilterKind",
    "FilterState",
    "FuzzyMatcher",
    "IgnoreSet",
    "RegionCatalog",
    "SidebarCounts",
    "StoryFilter",
    "StoryIndex",
    "build_postings",
    "count_actors",
    "count_feeds",
    "count_sidebar",
    "filter_state",
    "find_view",
    "fold",
    "fuzzy_rank",
    "key",
    "region_of",
    "resolve_regions",
    "sort_stamp",
    "state_label",
    "view_from_state",
    "view_state",
]
