"""The shape each store file's records must have, checked when the file is read.

A file can be valid JSON and still hold a record newsdesk cannot use (edited by hand, written
by a buggy or newer version): a bookmark without its story, an index row without an id, a shard
name that climbs out of the data directory. Each check below returns what is wrong with one
record, or None; the storage sets bad records aside (see storage.py) and loads the rest.

The dataclasses' own type hints say what each field of a story, annotation or feed state must
hold, so the checks follow the models as they change. Fields a record lacks take their defaults
(a newer version may have dropped one); fields unknown here are ignored (a newer version may
have added one), as `models._build` does.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from collections.abc import Callable
from dataclasses import MISSING, fields, is_dataclass
from typing import Any, Literal, Union

from newsdesk.models import Annotation, FeedState, Story, StoryRow
from newsdesk.store.storage import RecordCheck

# A shard file name without ".json": "<fetch day>-<seq>" (see shards.py)
SHARD_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(\d{3,})$")

# Index-row fields beyond StoryRow's (see records.py): name -> accepted types
_INDEX_EXTRAS: dict[str, tuple[type, ...]] = {
    "when": (str,),  # sort key
    "version": (str, type(None)),  # pipeline version of the stored annotation
}
# StoryRow fields the index never stores (they come from user.json)
_USER_FLAGS = ("read", "bookmarked")


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _matches(value: Any, hint: Any) -> bool:
    if type(value) is hint:  # the common case, quickly
        return True
    origin = typing.get_origin(hint)
    if hint is Any:
        return True
    if hint is type(None) or hint is None:
        return value is None
    if origin in (Union, types.UnionType):
        return any(_matches(value, arg) for arg in typing.get_args(hint))
    if origin is Literal:
        return value in typing.get_args(hint)
    if origin is tuple:  # tuple[X, ...]: a JSON list of X
        (item, *_) = typing.get_args(hint)
        return isinstance(value, list) and all(_matches(v, item) for v in value)
    if isinstance(hint, type) and is_dataclass(hint):
        return isinstance(value, dict) and dataclass_problem(hint, value) is None
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(hint, type) and isinstance(value, hint)


def dataclass_problem(cls: type, doc: Any, *, skip: tuple[str, ...] = ()) -> str | None:
    """What keeps `doc` from being read as a `cls`, or None."""
    if not isinstance(doc, dict):
        return f"not an object but {type(doc).__name__}"
    hints = _hints(cls)
    for f in fields(cls):
        if f.name in skip:
            continue
        if f.name not in doc:
            if f.default is MISSING and f.default_factory is MISSING:
                return f"no {f.name!r}"
            continue
        if not _matches(doc[f.name], hints[f.name]):
            return f"{f.name!r} is {_short(doc[f.name])}"
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _keyed(cls: type, key_field: str, key: str, doc: Any) -> str | None:
    problem = dataclass_problem(cls, doc)
    if problem is None and doc[key_field] != key:
        problem = f"{key_field!r} {_short(doc[key_field])} differs from its key"
    return problem


def _stamp(doc: Any) -> str | None:
    """Read marks and retention tombstones: {"at": ISO time}."""
    if not isinstance(doc, dict):
        return f"not an object but {type(doc).__name__}"
    if not isinstance(doc.get("at"), str):
        return "no 'at' time"
    return None


def index_row_problem(key: str, doc: Any) -> str | None:
    problem = dataclass_problem(StoryRow, doc, skip=_USER_FLAGS)
    if problem is not None:
        return problem
    if doc["id"] != key:
        return f"'id' {_short(doc['id'])} differs from its key"
    shard = doc.get("shard")
    if not isinstance(shard, str) or not SHARD_NAME.match(shard):
        return f"'shard' is {_short(shard)}, not a shard name"
    for name, accepted in _INDEX_EXTRAS.items():
        if name in doc and not isinstance(doc[name], accepted):
            return f"{name!r} is {_short(doc[name])}"
    return None


def bookmark_problem(key: str, doc: Any) -> str | None:
    if not isinstance(doc, dict):
        return f"not an object but {type(doc).__name__}"
    if "story" not in doc:
        return "no 'story'"
    problem = _keyed(Story, "id", key, doc["story"])
    if problem is not None:
        return f"its story: {problem}"
    annotation = doc.get("annotation")
    if annotation is not None:
        problem = dataclass_problem(Annotation, annotation)
        if problem is not None:
            return f"its annotation: {problem}"
    if not isinstance(doc.get("added_at", ""), str):
        return f"'added_at' is {_short(doc['added_at'])}"
    return None


def _table_check(checks: dict[str, Callable[[str, Any], str | None]]) -> RecordCheck:
    def check(table: str, key: str, doc: Any) -> str | None:
        one = checks.get(table)
        return one(key, doc) if one is not None else None  # unknown tables: a newer version's

    return check


# One check per store file, by table.
INDEX_CHECK = _table_check({"stories": index_row_problem, "pruned": lambda _k, d: _stamp(d)})
FEEDS_CHECK = _table_check({"feeds": lambda k, d: _keyed(FeedState, "url", k, d)})
USER_CHECK = _table_check({"read": lambda _k, d: _stamp(d), "bookmarks": bookmark_problem})
SHARD_CHECK = _table_check(
    {
        "stories": lambda k, d: _keyed(Story, "id", k, d),
        "annotations": lambda _k, d: dataclass_problem(Annotation, d),
    }
)
