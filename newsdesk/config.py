"""Find, read and validate the newsdesk config file (TOML).

Where things are:
  config file  --config FILE, else $NEWSDESK_CONFIG, else <user config dir>/newsdesk/config.toml
  data dir     --data-dir DIR, else $NEWSDESK_DATA_DIR, else <user data dir>/newsdesk

A file given with --config must exist; a file found through the environment or the default
location may be missing, which means "no config": newsdesk then reads its bundled seed stories.

Every problem becomes one `ConfigError` whose message names the file, the key, the line when
it can be found, and what is wrong, e.g.
  ~/.config/newsdesk/config.toml: line 7: key 'fetch.concurrency': must be a positive integer
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newsdesk.models import FeedSpec

if TYPE_CHECKING:  # imported when needed: the fetcher pulls in httpx, slow to import
    from newsdesk.ingest.fetch import FetchSettings

APP_NAME = "newsdesk"
CONFIG_ENV = "NEWSDESK_CONFIG"
DATA_ENV = "NEWSDESK_DATA_DIR"


class ConfigError(Exception):
    """An invalid or unreadable config file; str() is the whole message for the user."""


@dataclass(frozen=True)
class Config:
    path: Path | None  # None = no config file (embedded default)
    data_dir: Path
    feeds: tuple[FeedSpec, ...]  # empty -> the seed feed is used
    fetch: FetchSettings
    keep_days: int = 30
    nlp_model: str | None = None
    nlp_processes: int = 0  # 0 = all cores
    annotate: bool = True
    meeting_min_confidence: float = 0.6  # meetings below it are kept, never shown on the card
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> keys


def default_config_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_path(path: Path | None = None) -> Path:
    """The config file newsdesk uses (which may not exist yet)."""
    if path is not None:
        return path.expanduser()
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    return default_config_path()


def data_dir_path(data_dir: Path | None = None) -> Path:
    if data_dir is not None:
        return data_dir.expanduser()
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).expanduser()
    return default_data_dir()


def load_config(path: Path | None = None, data_dir: Path | None = None) -> Config:
    """Read the config file (see the module docstring for where it is); raise ConfigError."""
    file = config_path(path)
    data = data_dir_path(data_dir)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        if path is not None:
            raise ConfigError(f"{file}: no such config file") from None
        from newsdesk.ingest.fetch import FetchSettings

        return Config(path=None, data_dir=data, feeds=(), fetch=FetchSettings())
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{file}: cannot read the config file: {_reason(exc)}") from None
    return parse_config(text, file, data)


def parse_config(text: str, file: Path, data_dir: Path) -> Config:
    """Validate the TOML `text` of `file`; raise ConfigError naming the key and line."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = re.search(r"\(at line (\d+), column \d+\)$", message)
        if found:
            what = message[: found.start()].strip()
            raise ConfigError(f"{file}: line {found.group(1)}: invalid TOML: {what}") from None
        raise ConfigError(f"{file}: invalid TOML: {message}") from None
    return _Validator(text, file).config(doc, data_dir)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)


# --- validation ------------------------------------------------------------------------------

_KEY_NAME = re.compile(r"[^\s,]+")  # a Textual key name: "b", "ctrl+b", "question_mark", "f5"
_TOP_KEYS = ("feeds", "fetch", "store", "nlp", "keymap")
_FEED_KEYS = ("url", "title", "tags")
_STORE_KEYS = ("keep_days",)
_NLP_KEYS = ("model", "processes", "annotate", "meeting_min_confidence")


class _Validator:
    def __init__(self, text: str, file: Path) -> None:
        self.lines = text.splitlines()
        self.file = file

    def error(self, key: str, what: str, table: str = "", index: int = 0) -> ConfigError:
        name = key[len(table) + 1 :] if table and key.startswith(table) else key
        if table == "feeds":
            name = key.rsplit(".", 1)[-1]
        line = find_line(self.lines, table, name.strip('"'), index)
        where = f"line {line}: " if line else ""
        return ConfigError(f"{self.file}: {where}key '{key}': {what}")

    def config(self, doc: dict[str, Any], data_dir: Path) -> Config:
        for key in doc:
            if key not in _TOP_KEYS:
                raise self.error(key, f"unknown key (known: {', '.join(_TOP_KEYS)})")
        feeds = self.feeds(doc.get("feeds", []))
        from newsdesk.ingest.fetch import FetchSettings

        fetch_keys = tuple(f.name for f in fields(FetchSettings))
        fetch = self.fetch(self.table(doc, "fetch", fetch_keys))
        store = self.table(doc, "store", _STORE_KEYS)
        nlp = self.table(doc, "nlp", _NLP_KEYS)
        keymap = self.keymap(self.table(doc, "keymap", None))
        keep_days = self.integer(store, "store", "keep_days", minimum=1, default=30)
        model = nlp.get("model")
        if model is not None and (not isinstance(model, str) or not model.strip()):
            raise self.error("nlp.model", "must be a non-empty string (a spaCy model name)", "nlp")
        processes = self.integer(nlp, "nlp", "processes", minimum=0, default=0)
        annotate = self.boolean(nlp, "nlp", "annotate", default=True)
        min_confidence = nlp.get("meeting_min_confidence", 0.6)
        if (
            isinstance(min_confidence, bool)
            or not isinstance(min_confidence, int | float)
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
            tags = item.get("tags", [])
            if not isinstance(tags, list) or not all(
                isinstance(t, str) and t.strip() for t in tags
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
        from newsdesk.ingest.fetch import FetchSettings

        base = FetchSettings()
        return FetchSettings(
            concurrency=self.integer(table, "fetch", "concurrency", 1, base.concurrency),
            per_host=self.integer(table, "fetch", "per_host", 1, base.per_host),
            timeout=self.number(table, "fetch", "timeout", base.timeout),
            connect_timeout=self.number(table, "fetch", "connect_timeout", base.connect_timeout),
            max_bytes=self.integer(table, "fetch", "max_bytes", 1, base.max_bytes),
            max_redirects=self.integer(table, "fetch", "max_redirects", 0, base.max_redirects),
            retries=self.integer(table, "fetch", "retries", 0, base.retries),
            fulltext=self.boolean(table, "fetch", "fulltext", base.fulltext),
            user_agent=self.string(table, "fetch", "user_agent", base.user_agent),
        )

    def keymap(self, table: dict[str, Any]) -> dict[str, str]:
        keymap: dict[str, str] = {}
        for binding, keys in table.items():
            key = f'keymap."{binding}"' if "." in binding else f"keymap.{binding}"
            if not binding.startswith("newsdesk."):
                raise self.error(
                    key, 'binding ids start with "newsdesk." (press ? in the reader)', "keymap"
                )
            parts = keys.split(",") if isinstance(keys, str) else []
            if not parts or not all(_KEY_NAME.fullmatch(part.strip()) for part in parts):
                raise self.error(key, 'must be a string of keys, e.g. "b" or "ctrl+b,f2"', "keymap")
            keymap[binding] = ",".join(part.strip() for part in parts)
        return keymap

    def integer(
        self, table: dict[str, Any], name: str, key: str, minimum: int, default: int
    ) -> int:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            what = "a positive integer" if minimum == 1 else f"an integer >= {minimum}"
            raise self.error(f"{name}.{key}", f"must be {what}, not {_show(value)}", name)
        return value

    def number(self, table: dict[str, Any], name: str, key: str, default: float) -> float:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
            raise self.error(
                f"{name}.{key}", f"must be a positive number of seconds, not {_show(value)}", name
            )
        return float(value)

    def boolean(self, table: dict[str, Any], name: str, key: str, default: bool) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            raise self.error(f"{name}.{key}", f"must be true or false, not {_show(value)}", name)
        return value

    def string(self, table: dict[str, Any], name: str, key: str, default: str) -> str:
        value = table.get(key, default)
        if not isinstance(value, str):
            raise self.error(f"{name}.{key}", f"must be a string, not {_show(value)}", name)
        return value


def url_problem(url: Any) -> str | None:
    """Why `url` cannot be a feed address, or None when it is a usable http(s) URL."""
    if not isinstance(url, str):
        return f"must be a string, not {_show(url)}"
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"not a valid URL ({exc}): {url!r}"
    if parts.scheme.lower() not in ("http", "https"):
        return f"must be an http:// or https:// URL, not {url!r}"
    if not parts.hostname:
        return f"has no host name: {url!r}"
    if any(c.isspace() for c in url):
        return f"must not contain spaces: {url!r}"
    return None


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)


# --- finding the line of a key ----------------------------------------------------------------

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


__all__ = [
    "Config",
    "ConfigError",
    "config_path",
    "data_dir_path",
    "default_config_path",
    "default_data_dir",
    "load_config",
    "parse_config",
    "url_problem",
]
