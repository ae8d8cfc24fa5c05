"""Country -> UN M49 region lookup for the regions tree (the table lives in newsdesk.nlp)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

_Lookup = Callable[[str], tuple[str | None, str | None]]


def _load() -> _Lookup | None:
    try:
        from newsdesk.nlp.regions import region_of as lookup
    except ImportError:  # the table is not there: the tree groups countries under "Other"
        return None
    return lookup


@lru_cache(maxsize=4096)
def region_of(country: str) -> tuple[str | None, str | None]:
    lookup = _load()
    if lookup is None:
        return None, None
    try:
        return lookup(country)
    except Exception:  # an unknown country must never break the tree
        return None, None
