"""What a config file says, as data: the settings every stage reads, and the error it raises."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.models import FeedSpec, IgnoreRule, ViewSpec


@dataclass(frozen=True)
class FetchSettings:
    """How politely and how patiently to fetch."""

    # Politeness is per host; the overall limit only bounds sockets and memory, so a refresh of
    # many hosts is not held to a few of them at a time.
    concurrency: int = 32  # requests in flight at once, overall
    per_host: int = 2  # requests in flight at once to one host
    timeout: float = 20.0  # total seconds for one attempt (connect, send, read everything)
    connect_timeout: float = 10.0
    max_bytes: int = 10_000_000  # after decompression
    max_redirects: int = 5
    retries: int = 2  # extra attempts on 429/503 (Retry-After honoured, capped at 30 s)
    fulltext: bool = True  # download story pages
    user_agent: str = ""  # "" -> default_user_agent()


def default_user_agent() -> str:
    from newsdesk import __version__  # read on first use (see newsdesk/__init__.py)

    return f"newsdesk/{__version__} (+https://github.com/newsdesk/newsdesk)"


class ConfigError(Exception):
    """An invalid or unreadable config file; str() is the whole message for the user."""


@dataclass(frozen=True)
class Config:
    path: Path | None  # None = no config file (embedded default)
    data_dir: Path
    feeds: tuple[FeedSpec, ...]  # empty -> the seed feed is used
    fetch: FetchSettings = field(default_factory=FetchSettings)
    keep_days: int = 30
    nlp_model: str | None = None
    nlp_processes: int = 0  # 0 = all cores
    annotate: bool = True
    meeting_min_confidence: float = 0.6  # meetings below it are kept, never shown on the card
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> keys
    views: tuple[ViewSpec, ...] = ()  # [[views]]: saved sets of filters
    ignore: tuple[IgnoreRule, ...] = ()  # [[ignore]]: stories never shown, counted or annotated
    save_dir: Path | None = None  # [reader] save_dir: where `s` writes stories as Markdown
    pipe_command: str | None = None  # [reader] pipe_command: `|` sends the story's text to it
    reload_minutes: int = 0  # [fetch] reload_minutes: refresh period while the reader is open
    regions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # [regions]: name -> members


__all__ = ["Config", "ConfigError", "FetchSettings", "default_user_agent"]
