"""Checking the config tables that shape what the reader shows: saved views (`[[views]]`),
ignore rules (`[[ignore]]`) and one's own regions (`[regions]`)."""

from __future__ import annotations

import re
from dataclasses import fields
from typing import Any

from newsdesk.config.model import ConfigError
from newsdesk.config.values import printable as _printable
from newsdesk.models import IgnoreRule, ViewSpec

_VIEW_KEYS = tuple(f.name for f in fields(ViewSpec))
_IGNORE_KEYS = tuple(f.name for f in fields(IgnoreRule))


class ReaderTables:
    """The checks of those tables; the validator supplies `error` (file, line, key, problem)."""

    def error(self, key: str, what: str, table: str = "", index: int = 0) -> ConfigError:
        raise NotImplementedError

    def entries(self, value: Any, name: str, known: tuple[str, ...]) -> list[dict[str, Any]]:
        """The tables of an array of tables `[[name]]`, with only `known` keys."""
        if not isinstance(value, list):
            raise self.error(name, f"must be a list of [[{name}]] tables")
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.error(name, f"entry {index + 1} must be a [[{name}]] table")
            for key in item:
                if key not in known:
                    raise self.error(
                        f"{name}[{index + 1}].{key}",
                        f"unknown key (known: {', '.join(known)})",
                        name,
                        index,
                    )
        return value

    def text_fields(
        self, item: dict[str, Any], name: str, index: int, keys: tuple[str, ...]
    ) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for key in keys:
            value = item.get(key)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise self.error(
                    f"{name}[{index + 1}].{key}", "must be a non-empty string", name, index
                )
            out[key] = value.strip() if isinstance(value, str) else None
        return out

    def views(self, value: Any) -> tuple[ViewSpec, ...]:
        views: list[ViewSpec] = []
        for index, item in enumerate(self.entries(value, "views", _VIEW_KEYS)):
            texts = self.text_fields(
                item, "views", index, tuple(k for k in _VIEW_KEYS if k != "unread")
            )
            name = texts.pop("name")
            if name is None:
                raise self.error(
                    f"views[{index + 1}].name", "missing: every view needs a name", "views", index
                )
            if any(v.name.casefold() == name.casefold() for v in views):
                raise self.error(
                    f"views[{index + 1}].name", f"duplicate view {name!r}", "views", index
                )
            unread = item.get("unread", False)
            if not isinstance(unread, bool):
                raise self.error(
                    f"views[{index + 1}].unread", "must be true or false", "views", index
                )
            if not unread and not any(texts.values()):
                raise self.error(
                    f"views[{index + 1}]",
                    "a view needs a filter: actor, region, country, feed, tag, query or unread",
                    "views",
                    index,
                )
            views.append(ViewSpec(name=name, unread=unread, **texts))
        return tuple(views)

    def regions(self, table: dict[str, Any]) -> dict[str, tuple[str, ...]]:
        """`"Middle East" = ["Egypt", "Western Asia"]`: the shape here; whether each member is
        a country or an M49 region is checked where the M49 table is (newsdesk.query)."""
        out: dict[str, tuple[str, ...]] = {}
        for name, members in table.items():
            key = f'regions."{name}"'
            if not name.strip() or not _printable(name):
                raise self.error(key, "a region needs a name", "regions")
            if (
                not isinstance(members, list)
                or not members
                or not all(isinstance(m, str) and m.strip() and _printable(m) for m in members)
            ):
                raise self.error(
                    key,
                    'must be a list of countries or M49 regions, e.g. ["Egypt", "Western Asia"]',
                    "regions",
                )
            out[name.strip()] = tuple(m.strip() for m in members)
        return out

    def ignore(self, value: Any) -> tuple[IgnoreRule, ...]:
        rules: list[IgnoreRule] = []
        for index, item in enumerate(self.entries(value, "ignore", _IGNORE_KEYS)):
            texts = self.text_fields(item, "ignore", index, _IGNORE_KEYS)
            if not any(texts[k] for k in ("title", "text", "actor", "country")):
                raise self.error(
                    f"ignore[{index + 1}]",
                    "a rule needs title, text, actor or country (feed and tag only narrow it)",
                    "ignore",
                    index,
                )
            for key in ("title", "text"):
                pattern = texts[key]
                if pattern is None:
                    continue
                try:
                    IgnoreRule.compile(pattern)
                except re.error as exc:
                    raise self.error(
                        f"ignore[{index + 1}].{key}",
                        f"not a valid regular expression: {exc}",
                        "ignore",
                        index,
                    ) from None
            rules.append(IgnoreRule(**texts))
        return tuple(rules)


__all__ = ["ReaderTables"]
