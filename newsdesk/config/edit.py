"""Changing the config file: tables added at its end, the rest (comments included) kept as it
is, and the file replaced in one step, so an interruption leaves the old or the new file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from newsdesk.config.load import read_config_text
from newsdesk.config.validate import parse_config
from newsdesk.models import FeedSpec, ViewSpec


def toml_string(value: str) -> str:
    """A TOML basic string holding `value` exactly."""
    out = ['"']
    for char in value:
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def feeds_toml(feeds: Sequence[FeedSpec]) -> str:
    blocks = []
    for feed in feeds:
        lines = ["[[feeds]]", f"url = {toml_string(feed.url)}"]
        if feed.title:
            lines.append(f"title = {toml_string(feed.title)}")
        if feed.tags:
            lines.append(f"tags = [{', '.join(toml_string(t) for t in feed.tags)}]")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def view_toml(view: ViewSpec) -> str:
    lines = ["[[views]]", f"name = {toml_string(view.name)}"]
    for key in ("actor", "region", "country", "feed", "tag", "query"):
        value = getattr(view, key)
        if value:
            lines.append(f"{key} = {toml_string(value)}")
    if view.unread:
        lines.append("unread = true")
    return "\n".join(lines) + "\n"


def appended(existing: str, block: str) -> str:
    """`existing` config text with `block` (whole tables) added at the end."""
    if not block:
        return existing
    text = existing
    if text and not text.endswith("\n"):
        text += "\n"
    if text:
        text += "\n"
    return text + block


def existing_text(config_file: Path) -> str:
    """The config file's text, or "" when there is no file yet (it is then created)."""
    try:
        return read_config_text(config_file)
    except FileNotFoundError:
        return ""


def add_view(config_file: Path, view: ViewSpec, data_dir: Path) -> None:
    """Append a `[[views]]` table for `view` to `config_file` (created if missing).

    Raises ConfigError when the file is invalid before, or would be after (a view of that
    name already there, say); the file is then left as it was.
    """
    config_file = config_file.resolve()  # a symlinked config: update the file it points to
    existing = existing_text(config_file)
    parse_config(existing, config_file, data_dir)
    text = appended(existing, view_toml(view))
    parse_config(text, config_file, data_dir)  # never write a file newsdesk cannot read
    replace_file(config_file, text)


def replace_file(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file, fsync and os.replace (keeps the mode)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode: int | None = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


__all__ = [
    "add_view",
    "appended",
    "feeds_toml",
    "existing_text",
    "replace_file",
    "toml_string",
    "view_toml",
]
