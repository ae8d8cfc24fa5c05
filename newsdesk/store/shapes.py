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
_GOOD_SHARDS: set[str] = set()
# StoryRow fields the index never stores (they come from user.json)
_USER_FLAGS = ("read", "bookmarked")


Check = Callable[[Any], bool]


def _compile(hint: Any) -> Check:
    """A fast test that a JSON value fits the type hint (checks run over every index row)."""
    origin = typing.get_origin(hint)
    if hint is Any:
        return lambda value: True
    if hint is type(None) or hint is None:
        return lambda value: value is None
    if origin in (Union, types.UnionType):
        args = typing.get_args(hint)
        if all(_plain(arg) for arg in args):  # str | None and the like: one set lookup
            allowed = frozenset(type(None) if arg is None else arg for arg in args)
            return lambda value: type(value) in allowed
        options = [_compile(arg) for arg in args]
        return lambda value: any(test(value) for test in options)
    if origin is Literal:
        allowed = frozenset(typing.get_args(hint))
        return lambda value: isinstance(value, str) and value in allowed
    if origin is tuple:  # tuple[X, ...]: a JSON list of X
        of = typing.get_args(hint)[0]
        if of is str:
            return lambda value: type(value) is list and all(type(v) is str for v in value)
        item = _compile(of)
        return lambda value: type(value) is list and all(item(v) for v in value)
    if isinstance(hint, type) and is_dataclass(hint):
        cls = hint
        return lambda value: type(value) is dict and dataclass_problem(cls, value) is None
    if hint is float:
        return lambda value: type(value) is float or type(value) is int
    if isinstance(hint, type):
        exact = hint
        return lambda value: type(value) is exact  # JSON gives exact types: bool is not int
    raise TypeError(f"no shape check for {hint!r}")


def _plain(hint: Any) -> bool:
    """A type JSON gives exactly (str, int, bool, None), not float (an int is fine there)."""
    return hint is None or (isinstance(hint, type) and not is_dataclass(hint) and hint is not float)


@functools.cache
def _field_checks(cls: type) -> tuple[tuple[str, bool, Check], ...]:
    """(name, required, test) for each field of the dataclass."""
    hints = typing.get_type_hints(cls)
    return tuple(
        (
            f.name,
            f.default is MISSING and f.default_factory is MISSING,
            _compile(hints[f.name]),
        )
        for f in fields(cls)
    )


def dataclass_problem(cls: type, doc: Any, *, skip: tuple[str, ...] = ()) -> str | None:
    """What keeps `doc` from being read as a `cls`, or None."""
    if type(doc) is not dict:
        return f"not an object but {type(doc).__name__}"
    for name, required, test in _field_checks(cls):
        if name in doc:
            if not test(doc[name]) and name not in skip:
                return f"{name!r} is {_short(doc[name])}"
        elif required and name not in skip:
            return f"no {name!r}"
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
    if shard not in _GOOD_SHARDS:
        if not isinstance(shard, str) or not SHARD_NAME.match(shard):
            return f"'shard' is {_short(shard)}, not a shard name"
        _GOOD_SHARDS.add(shard)  # a few hundred names serve thousands of rows
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
