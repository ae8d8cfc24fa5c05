"""Find the line of a key in a TOML file, to point the user at a mistake in the config file."""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""")


def find_line(lines: list[str], table: str, key: str, index: int = 0) -> int | None:
    """1-based line of `key` inside `[table]` (or the `index`-th `[[table]]`), if it is found.

    With `table` empty, looks at the top level (before any header), then for a header or a
    dotted key naming `key`. With `key` empty, returns the line of the table header itself.
    This is a line scanner, not a TOML parser: good enough to point the user at a line.
    """
    current = ""
    seen = -1
    header_line: int | None = None
    for number, line in enumerate(lines, start=1):
        header = _HEADER.match(line)
        if header:
            current = _unquote(header.group(2))
            if current == table:
                seen += 1 if header.group(1) == "[[" else 0
                if header.group(1) == "[":
                    seen = 0
                if seen == index:
                    header_line = number
            if not table and key and (current == key or current.startswith(key + ".")):
                return number
            continue
        if current != table or (table and seen != index):
            continue
        if not key:
            continue
        found = _KEY.match(line)
        if found and _key_name(found.group(1)) == key:
            return number
    if table and header_line is None and key:
        # maybe written as a dotted key at the top level: fetch.concurrency = 3
        for number, line in enumerate(lines, start=1):
            if _HEADER.match(line):
                break
            found = _KEY.match(line)
            if found and _unquote(found.group(1)) == f"{table}.{key}":
                return number
    return header_line  # the key's table, when the key itself is not written there


def _key_name(raw: str) -> str:
    """The first key of a (possibly dotted, possibly quoted) TOML key as written."""
    if raw[:1] in "\"'":
        return raw[1:-1]
    return raw.split(".")[0]


def _unquote(name: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in name.split("."))


__all__ = ["find_line"]
