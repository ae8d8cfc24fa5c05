"""Saved views (newsboat's query feeds): a name for a set of filters."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from newsdesk.models import ViewSpec
from newsdesk.query.filters import FilterState, StoryFilter, filter_state, key


def find_view(views: Sequence[ViewSpec], name: str) -> ViewSpec | None:
    return next((v for v in views if key(v.name) == key(name)), None)


def view_state(view: ViewSpec, search: Callable[[str], Iterable[str]]) -> FilterState:
    """The chips a view stands for; its `query` is run through `search` (words -> story ids)."""
    return filter_state(
        actor=view.actor,
        region=view.region,
        country=view.country,
        feed=view.feed,
        tag=view.tag,
        unread=view.unread,
        search_ids=search(view.query) if view.query else None,
        search_text=view.query or "",
    )


def view_from_state(name: str, state: FilterState) -> ViewSpec:
    """A view holding the current chips (one value of each kind: the first chip of that kind)."""
    first: dict[str, str] = {}
    for flt in state.filters:
        first.setdefault("region" if flt.kind == "subregion" else flt.kind, flt.value)
    return ViewSpec(
        name=name,
        actor=first.get("actor"),
        region=first.get("region"),
        country=first.get("country"),
        feed=first.get("feed"),
        tag=first.get("tag"),
        query=first.get("search"),
        unread=state.unread_only,
    )


def state_label(state: FilterState) -> str:
    return ", ".join(f.label for f in state.filters) or "all stories"


__all__ = ["StoryFilter", "find_view", "state_label", "view_from_state", "view_state"]
