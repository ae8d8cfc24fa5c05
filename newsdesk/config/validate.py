"""Checking a config file's TOML: every problem is one ConfigError naming the file, the line,
the key and what is wrong."""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from dataclasses import fields
from pathlib import Path
from typing import Any

from newsdesk.config.lines import find_line
from newsdesk.config.model import Config, ConfigError, FetchSettings
from newsdesk.config.tables import ReaderTables
from newsdesk.config.values import printable as _printable
from newsdesk.config.values import show as _show
from newsdesk.keymap import BINDING_IDS, key_owner
from newsdesk.models import FeedSpec
from newsdesk.urls import url_problem as web_url_problem


def parse_config(text: str, file: Path, data_dir: Path) -> Config:
    """Validate the TOML `text` of `file`; raise ConfigError naming the key and line."""
    text = text.removeprefix("\ufeff")  # a byte order mark, as some editors write
    try:
        doc = tomllib.loads(text)
    except RecursionError:
        raise ConfigError(f"{file}: invalid TOML: arrays or tables nested too deeply") from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = re.search(r"\(at line (\d+), column \d+\)$", message)
        if found:
            what = message[: found.start()].strip()
            raise ConfigError(f"{file}: line {found.group(1)}: invalid TOML: {what}") from None
        raise ConfigError(f"{file}: invalid TOML: {message}") from None
    return _Validator(text, file).config(doc, data_dir)


# --- validation ------------------------------------------------------------------------------

_KEY_NAME = re.compile(r"[^\s,]+")  # a Textual key name: "b", "ctrl+b", "question_mark", "f5"
_TOP_KEYS = ("feeds", "fetch", "store", "nlp", "keymap", "views", "ignore", "reader", "regions")
_FEED_KEYS = ("url", "title", "tags")
_STORE_KEYS = ("keep_days",)
_NLP_KEYS = ("model", "processes", "annotate", "meeting_min_confidence")
_READER_KEYS = ("save_dir", "pipe_command")
_ARRAY_TABLES = ("feeds", "views", "ignore")  # written [[name]]: errors point into the n-th one
_RELOAD_KEY = "reload_minutes"  # in [fetch], though not a setting of the fetcher itself

# The range of every number in the config file, (smallest, largest), both allowed. The upper
# limits keep a typo from hanging a refresh (timeout = inf) or exhausting the machine; they are
# documented beside each key in config.example.toml.
LIMITS: dict[str, tuple[float, float]] = {
    "fetch.concurrency": (1, 256),  # requests in flight at once
    "fetch.reload_minutes": (0, 7 * 24 * 60),  # refresh period of an open reader; 0 = off
    "fetch.per_host": (1, 64),  # requests in flight to one host
    "fetch.timeout": (0.1, 3600),  # seconds for one request, in total
    "fetch.connect_timeout": (0.1, 600),  # seconds to open a connection
    "fetch.max_bytes": (1, 1_000_000_000),  # bytes of one response
    "fetch.max_redirects": (0, 30),
    "fetch.retries": (0, 10),
    "store.keep_days": (1, 36_500),  # a hundred years
    "nlp.processes": (0, 256),  # 0 = one per core
}
_MAX_USER_AGENT = 500  # characters


class _Validator(ReaderTables):
    def __init__(self, text: str, file: Path) -> None:
        self.lines = text.splitlines()
        self.file = file

    def error(self, key: str, what: str, table: str = "", index: int = 0) -> ConfigError:
        name = key[len(table) + 1 :] if table and key.startswith(table) else key
        if table in _ARRAY_TABLES:
            name = key.rsplit(".", 1)[-1] if "." in key else ""
        line = find_line(self.lines, table, name.strip('"'), index)
        where = f"line {line}: " if line else ""
        return ConfigError(f"{self.file}: {where}key '{key}': {what}")

    def config(self, doc: dict[str, Any], data_dir: Path) -> Config:
        for key in doc:
            if key not in _TOP_KEYS:
                raise self.error(key, f"unknown key (known: {', '.join(_TOP_KEYS)})")
        feeds = self.feeds(doc.get("feeds", []))
        fetch_keys = tuple(f.name for f in fields(FetchSettings))
        fetch_table = dict(self.table(doc, "fetch", (*fetch_keys, _RELOAD_KEY)))
        reload_minutes = self.integer(fetch_table, "fetch", _RELOAD_KEY, default=0)
        fetch_table.pop(_RELOAD_KEY, None)
        fetch = self.fetch(fetch_table)
        reader = self.table(doc, "reader", _READER_KEYS)
        save_dir = reader.get("save_dir")
        if save_dir is not None and (not isinstance(save_dir, str) or not save_dir.strip()):
            raise self.error("reader.save_dir", "must be a directory path (a string)", "reader")
        pipe = reader.get("pipe_command")
        if pipe is not None and (not isinstance(pipe, str) or not pipe.strip()):
            raise self.error("reader.pipe_command", "must be a command (a string)", "reader")
        views = self.views(doc.get("views", []))
        ignore = self.ignore(doc.get("ignore", []))
        regions = self.regions(self.table(doc, "regions", None))
        store = self.table(doc, "store", _STORE_KEYS)
        nlp = self.table(doc, "nlp", _NLP_KEYS)
        keymap = self.keymap(self.table(doc, "keymap", None))
        keep_days = self.integer(store, "store", "keep_days", default=30)
        model = nlp.get("model")
        if model is not None and (
            not isinstance(model, str) or not model.strip() or not _printable(model)
        ):
            raise self.error("nlp.model", "must be a non-empty string (a spaCy model name)", "nlp")
        processes = self.integer(nlp, "nlp", "processes", default=0)
        annotate = self.boolean(nlp, "nlp", "annotate", default=True)
        min_confidence = nlp.get("meeting_min_confidence", 0.6)
        if (
            isinstance(min_confidence, bool)
            or not isinstance(min_confidence, int | float)
            or not math.isfinite(min_confidence)
            or not 0 <= min_confidence <= 1
        ):
            raise self.error(
                "nlp.meeting_min_confidence",
                f"must be a number from 0 to 1, not {_show(min_confidence)}",
                "nlp",
            )
        return Config(
            path=self.file,
            data_dir=data_dir,
            feeds=feeds,
            fetch=fetch,
            keep_days=keep_days,
            nlp_model=model,
            nlp_processes=processes,
            annotate=annotate,
            meeting_min_confidence=float(min_confidence),
            keymap=keymap,
            views=views,
            ignore=ignore,
            save_dir=Path(save_dir).expanduser() if save_dir else None,
            pipe_command=pipe.strip() if pipe else None,
            reload_minutes=reload_minutes,
            regions=regions,
        )

    def table(
        self, doc: dict[str, Any], name: str, known: tuple[str, ...] | None
    ) -> dict[str, Any]:
        value = doc.get(name, {})
        if not isinstance(value, dict):
            raise self.error(name, "must be a table, written [" + name + "]")
        if known is not None:
            for key in value:
                if key not in known:
                    raise self.error(
                        f"{name}.{key}", f"unknown key (known: {', '.join(known)})", name
                    )
        return value

    def feeds(self, value: Any) -> tuple[FeedSpec, ...]:
        if not isinstance(value, list):
            raise self.error("feeds", "must be a list of [[feeds]] tables")
        specs: list[FeedSpec] = []
        seen: set[str] = set()
        for index, item in enumerate(value):
            name = f"feeds[{index + 1}]"
            if not isinstance(item, dict):
                raise self.error("feeds", f"entry {index + 1} must be a [[feeds]] table")
            for key in item:
                if key not in _FEED_KEYS:
                    raise self.error(
                        f"{name}.{key}",
                        f"unknown key (known: {', '.join(_FEED_KEYS)})",
                        "feeds",
                        index,
                    )
            if "url" not in item:
                raise self.error(f"{name}.url", "missing: every feed needs a url", "feeds", index)
            url = item["url"]
            problem = url_problem(url)
            if problem:
                raise self.error(f"{name}.url", problem, "feeds", index)
            assert isinstance(url, str)
            url = url.strip()
            if url in seen:
                raise self.error(f"{name}.url", f"duplicate feed {url}", "feeds", index)
            seen.add(url)
            title = item.get("title")
            if title is not None and not isinstance(title, str):
                raise self.error(f"{name}.title", "must be a string", "feeds", index)
            if title is not None and not _printable(title):
                raise self.error(
                    f"{name}.title", "must not contain control characters", "feeds", index
                )
            tags = item.get("tags", [])
            if not isinstance(tags, list) or not all(
                isinstance(t, str) and t.strip() and _printable(t) for t in tags
            ):
                raise self.error(
                    f"{name}.tags",
                    'must be a list of non-empty strings, e.g. ["news"]',
                    "feeds",
                    index,
                )
            title = title.strip() if title else None
            specs.append(FeedSpec(url, title or None, tuple(t.strip() for t in tags)))
        return tuple(specs)

    def fetch(self, table: dict[str, Any]) -> FetchSettings:
        base = FetchSettings()
        return FetchSettings(
            concurrency=self.integer(table, "fetch", "concurrency", base.concurrency),
            per_host=self.integer(table, "fetch", "per_host", base.per_host),
            timeout=self.number(table, "fetch", "timeout", base.timeout),
            connect_timeout=self.number(table, "fetch", "connect_timeout", base.connect_timeout),
            max_bytes=self.integer(table, "fetch", "max_bytes", base.max_bytes),
            max_redirects=self.integer(table, "fetch", "max_redirects", base.max_redirects),
            retries=self.integer(table, "fetch", "retries", base.retries),
            fulltext=self.boolean(table, "fetch", "fulltext", base.fulltext),
            user_agent=self.user_agent(table, base.user_agent),
        )

    def keymap(self, table: dict[str, Any]) -> dict[str, str]:
        keymap: dict[str, str] = {}
        for binding, keys in table.items():
            key = f'keymap."{binding}"' if "." in binding else f"keymap.{binding}"
            if binding == "newsdesk" and isinstance(keys, dict):
                raise self.error(
                    key, 'write the binding id in quotes: "newsdesk.bookmark" = "b"', "keymap"
                )
            if not binding.startswith("newsdesk."):
                raise self.error(
                    key, 'binding ids start with "newsdesk." (press ? in the reader)', "keymap"
                )
            if binding not in BINDING_IDS:
                close = difflib.get_close_matches(binding, sorted(BINDING_IDS), n=1)
                hint = f"did you mean {close[0]!r}? " if close else ""
                raise self.error(
                    key, f"unknown binding id ({hint}press ? in the reader for every id)", "keymap"
                )
            parts = keys.split(",") if isinstance(keys, str) else []
            if not parts or not all(
                _KEY_NAME.fullmatch(part.strip()) and part.isprintable() for part in parts
            ):
                raise self.error(key, 'must be a string of keys, e.g. "b" or "ctrl+b,f2"', "keymap")
            keymap[binding] = ",".join(part.strip() for part in parts)
        for binding in keymap:  # with every rebinding applied: a key may serve one action
            for part in keymap[binding].split(","):
                owner = key_owner(part, keymap, but=binding)
                if owner is not None:
                    key = f'keymap."{binding}"'
                    raise self.error(
                        key,
                        f"key {part!r} is already used by {owner!r} "
                        "(rebind that one too, or choose another key)",
                        "keymap",
                    )
        return keymap

    def integer(self, table: dict[str, Any], name: str, key: str, default: int) -> int:
        low, high = LIMITS[f"{name}.{key}"]
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            what = "a positive integer" if low == 1 else f"an integer >= {low:g}"
            if isinstance(value, int) and not isinstance(value, bool) and value > high:
                what = f"an integer from {low:g} to {high:,.0f}"
            raise self.error(f"{name}.{key}", f"must be {what}, not {_show(value)}", name)
        return value

    def number(self, table: dict[str, Any], name: str, key: str, default: float) -> float:
        low, high = LIMITS[f"{name}.{key}"]
        value = table.get(key, default)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or not low <= value <= high
        ):
            raise self.error(
                f"{name}.{key}",
                f"must be a positive number of seconds from {low:g} to {high:g}, "
                f"not {_show(value)}",
                name,
            )
        return float(value)

    def boolean(self, table: dict[str, Any], name: str, key: str, default: bool) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            raise self.error(f"{name}.{key}", f"must be true or false, not {_show(value)}", name)
        return value

    def user_agent(self, table: dict[str, Any], default: str) -> str:
        value = table.get("user_agent", default)
        if not isinstance(value, str):
            problem = f"must be a string, not {_show(value)}"
        elif len(value) > _MAX_USER_AGENT:
            problem = f"must be at most {_MAX_USER_AGENT} characters, not {len(value)}"
        elif not (value.isascii() and value.isprintable()):
            problem = "must hold printable ASCII characters only (it is sent as an HTTP header)"
        else:
            return value
        raise self.error("fetch.user_agent", problem, "fetch")


def url_problem(url: Any) -> str | None:
    """Why `url` cannot be a feed address, or None when it is a usable http(s) URL."""
    if not isinstance(url, str):
        return f"must be a string, not {_show(url)}"
    problem = web_url_problem(url)
    return f"{problem}: {url.strip()[:200]!r}" if problem else None


__all__ = ["LIMITS", "parse_config", "url_problem"]
