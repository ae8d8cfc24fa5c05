"""Parsing a large store file one document at a time.

`json.loads` parses a whole file in one call that holds the interpreter until it returns: the
10,000-row story index takes 60-100 ms, during which no other thread runs a line of Python (the
reader's event loop could not answer a key). Every store file is an object of tables, each an
object of documents, so `loads_in_steps` walks those two levels itself and hands each document
to the json module's own scanner: between two documents another thread can take its turn.
Anything else (a file of another shape, bad JSON, an odd encoding) goes to `json.loads`, so
the result, and the error, are exactly what it gives.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from json.scanner import make_scanner
from typing import Any, cast

# (value, end) of the JSON value at an index, as json.loads parses it (typeshed's stubs name
# the scanner's argument oddly)
_SCAN: Callable[[str, int], tuple[Any, int]] = make_scanner(cast(Any, json.JSONDecoder()))
_SPACE = re.compile(r"[ \t\n\r]*")  # the whitespace JSON allows between tokens
TABLE_DEPTH = 1  # levels of objects walked here: the file's tables (their documents are scanned)


class _NotPlain(Exception):
    """The text is not an object of objects as json.dumps writes it: json.loads decides."""


def loads_in_steps(raw: bytes) -> Any:
    """`json.loads(raw)`, parsing document by document (see the module docstring)."""
    try:
        text = raw.decode("utf-8")
        start = _skip(text, 0)
        if text[start : start + 1] != "{":
            raise _NotPlain
        value, end = _object(text, start, TABLE_DEPTH, {})
        if _skip(text, end) != len(text):
            raise _NotPlain
    except (_NotPlain, ValueError, StopIteration, IndexError):
        return json.loads(raw)
    return value


def _object(text: str, start: int, depth: int, keys: dict[str, str]) -> tuple[Any, int]:
    """The object at `text[start]` ("{") and the index after it. Its members that are objects
    are walked the same way while `depth` lasts; below that, each value is scanned whole.
    `keys` shares one string per field name across documents, as json.loads does."""
    result: dict[str, Any] = {}
    at = _skip(text, start + 1)
    if text[at : at + 1] == "}":
        return result, at + 1
    while True:
        if text[at : at + 1] != '"':
            raise _NotPlain
        key, at = _SCAN(text, at)
        at = _skip(text, at)
        if text[at : at + 1] != ":":
            raise _NotPlain
        at = _skip(text, at + 1)
        if depth and text[at : at + 1] == "{":
            value, at = _object(text, at, depth - 1, keys)
        else:
            value, at = _SCAN(text, at)
            if type(value) is dict:
                value = {keys.setdefault(k, k): v for k, v in value.items()}
        result[key] = value
        at = _skip(text, at)
        mark = text[at : at + 1]
        if mark == ",":
            at = _skip(text, at + 1)
        elif mark == "}":
            return result, at + 1
        else:
            raise _NotPlain


def _skip(text: str, at: int) -> int:
    """The index of the first character at or after `at` that is not whitespace."""
    found = _SPACE.match(text, at)
    return found.end() if found is not None else at  # the pattern matches the empty string too
