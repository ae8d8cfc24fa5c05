"""Feed lists in and out: OPML 1.0/2.0 and newsboat `urls` files in, OPML 2.0 out.

Reading gives `FeedSpec`s: OPML folders (outlines without an `xmlUrl` that hold others) become
tags of the feeds inside them (the outermost MAX_FOLDER_TAGS folders; nesting of any depth is
read without recursion), as do `category` attributes; a newsboat `urls` line is a URL followed
by tags, where a tag starting with `~` is the feed's title and `!` hides it. An entry that is not
a feed newsdesk can fetch is left out with a reason; a file that is not a feed list at all is
one `FeedListError`.
`append_feeds` adds `[[feeds]]` tables to the end of a config file, keeping every byte already
there, and replaces the file in one step so that a crash leaves either the old or the new file.
"""

from __future__ import annotations

import shlex
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import quoteattr

from newsdesk.config.edit import appended, existing_text, feeds_toml, replace_file, toml_string
from newsdesk.config.validate import parse_config, url_problem
from newsdesk.files import UnreadableFile, read_small_file
from newsdesk.models import FeedSpec
from newsdesk.text import clean_line

MAX_FEED_LIST_BYTES = 20_000_000  # an OPML export of thousands of feeds is a few MB
MAX_FOLDER_TAGS = 8  # folders deeper than this inside each other add no more tags


class FeedListError(Exception):
    """A feed list that cannot be read; str() says which file and what is wrong."""


@dataclass
class FeedList:
    feeds: list[FeedSpec] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one reason per entry left out
    notes: list[str] = field(default_factory=list)  # what was read differently from the file


def read_feed_list(path: Path) -> FeedList:
    """Read an OPML file or a newsboat `urls` file (told apart by their content)."""
    try:
        data = read_small_file(path, MAX_FEED_LIST_BYTES)
    except FileNotFoundError:
        raise FeedListError(f"{path}: cannot read: no such file") from None
    except UnreadableFile as exc:
        raise FeedListError(f"{path}: cannot read: {exc}") from None
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") or data.startswith(_UTF16_BOMS):
        return parse_opml(data, str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FeedListError(
            f"{path}: neither OPML nor a UTF-8 urls file (byte {exc.start})"
        ) from None
    return parse_urls(text, str(path))


# --- OPML ------------------------------------------------------------------------------------


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def parse_opml(data: bytes, name: str = "OPML") -> FeedList:
    if b"<!ENTITY" in data.replace(b"\0", b"").upper():
        raise FeedListError(f"{name}: OPML with entity declarations is refused")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line, column = exc.position
        raise FeedListError(
            f"{name}: line {line}, column {column + 1}: not well-formed XML ({_reason(exc)})"
        ) from None
    except (LookupError, ValueError) as exc:  # an unknown encoding="..." in the declaration
        raise FeedListError(f"{name}: not readable XML ({clean_line(str(exc))})") from None
    if _local(root.tag) != "opml":
        raise FeedListError(f"{name}: not an OPML file (the root element is <{_local(root.tag)}>)")
    body = next((child for child in root if _local(child.tag) == "body"), None)
    if body is None:
        raise FeedListError(f"{name}: OPML without a <body>")
    result = FeedList()
    _walk(body, result)
    return result


def _walk(body: ET.Element, out: FeedList) -> None:
    """Every outline under `body`, in document order, with the folders it is in (no recursion:
    a file of thousands of nested folders is read like any other)."""
    seen: set[str] = set()
    deep = False
    # each entry: the outlines still to visit at one level, and the folder names down to it
    stack: list[tuple[Iterator[ET.Element], tuple[str, ...]]] = [(iter(body), ())]
    while stack:
        children, folders = stack[-1]
        outline = next(children, None)
        if outline is None:
            stack.pop()
            continue
        if _local(outline.tag) != "outline":
            continue
        attrs = {_local(k).lower(): v for k, v in outline.attrib.items()}
        label = clean_line(attrs.get("title") or attrs.get("text") or "")
        url = (attrs.get("xmlurl") or "").strip()
        if url:
            tags = list(folders) + _categories(attrs.get("category", ""))
            _add(out, seen, url, label if label and label != url else None, tags)
        elif not len(outline):
            what = f"outline {label!r}" if label else "an outline without a name"
            out.skipped.append(f"{what}: no xmlUrl, so not a feed")
        if len(outline):
            inner = folders
            if label and not url:
                if len(folders) < MAX_FOLDER_TAGS:
                    inner = folders + (label,)
                else:
                    deep = True
            stack.append((iter(outline), inner))
    if deep:
        out.notes.append(
            f"folders nested more than {MAX_FOLDER_TAGS} deep: only the outer "
            f"{MAX_FOLDER_TAGS} became tags"
        )


def _categories(value: str) -> list[str]:
    """OPML 2.0 `category`: comma-separated, each a tag or a /slash/path (its last part)."""
    tags = []
    for part in value.split(","):
        last = part.strip().rstrip("/").rsplit("/", 1)[-1].strip()
        if last:
            tags.append(clean_line(last))
    return tags


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _reason(exc: ET.ParseError) -> str:
    return str(exc).split(":", 1)[0]


def export_opml(feeds: Sequence[FeedSpec], title: str = "newsdesk feeds") -> str:
    """OPML 2.0 text: one outline per feed, its tags as the `category` attribute."""
    from datetime import UTC, datetime

    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{_text(title)}</title>",
        f"    <dateCreated>{format_datetime(datetime.now(UTC), usegmt=True)}</dateCreated>",
        "  </head>",
        "  <body>",
    ]
    for feed in feeds:
        label = feed.title or feed.url
        attrs = [
            f"text={quoteattr(label)}",
            f"title={quoteattr(label)}",
            'type="rss"',
            f"xmlUrl={quoteattr(feed.url)}",
        ]
        tags = [t.replace(",", " ").replace("/", " ").strip() for t in feed.tags]
        if any(tags):
            attrs.append(f"category={quoteattr(','.join(t for t in tags if t))}")
        lines.append(f"    <outline {' '.join(attrs)}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- newsboat urls ---------------------------------------------------------------------------


def parse_urls(text: str, name: str = "urls") -> FeedList:
    """A newsboat `urls` file: `URL [tag ...] ["~Title"]`, `#` comments, `!` hides a feed."""
    result = FeedList()
    seen: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            words = shlex.split(line, comments=False, posix=True)
        except ValueError as exc:  # an unclosed quote: this line only
            result.skipped.append(f"line {number}: cannot be read ({str(exc).lower()})")
            continue
        url, tags, title = words[0], [], None
        for word in words[1:]:
            if word.startswith("#"):
                break  # a trailing comment
            if word.startswith("~"):
                title = clean_line(word[1:]) or None
            elif word.startswith("!"):
                continue  # "hidden" flag of newsboat: not a tag
            elif word.strip():
                tags.append(clean_line(word))
        _add(result, seen, url, title, tags, where=f"line {number}")
    return result


def _add(
    out: FeedList,
    seen: set[str],
    url: str,
    title: str | None,
    tags: Iterable[str],
    where: str = "",
) -> None:
    problem = url_problem(url)
    prefix = f"{where}: " if where else ""
    if problem:
        out.skipped.append(f"{prefix}{url}: not a feed newsdesk can fetch (url {problem})")
        return
    if url in seen:
        out.skipped.append(f"{prefix}{url}: listed twice")
        return
    seen.add(url)
    unique = tuple(dict.fromkeys(t for t in tags if t))
    out.feeds.append(FeedSpec(url, title, unique))


# --- adding feeds to the config file ---------------------------------------------------------


def import_feed_list(source: Path, config_file: Path, data_dir: Path) -> tuple[FeedList, int]:
    """Add the feeds listed in `source` to `config_file` (created if missing); skip known ones.

    Raises FeedListError for an unreadable list, one without feeds or a config file that
    cannot be written, ConfigError when the config file is invalid before or would be after;
    the file is then left as it was.
    Returns what was read and how many feeds were added.
    """
    config_file = config_file.resolve()  # a symlinked config: update the file it points to
    existing = existing_text(config_file)  # ConfigError when it cannot be read
    current = parse_config(existing, config_file, data_dir).feeds
    found = read_feed_list(source)
    if not found.feeds:
        raise FeedListError(f"{source}: no feeds found")
    known = {spec.url for spec in current}
    new = [spec for spec in found.feeds if spec.url not in known]
    if new:
        text = appended_text(existing, new)
        parse_config(text, config_file, data_dir)  # never write a file newsdesk cannot read
        try:
            replace_file(config_file, text)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise FeedListError(f"{config_file}: cannot write the config file: {reason}") from None
    return found, len(new)


def appended_text(existing: str, feeds: Sequence[FeedSpec]) -> str:
    """`existing` config text with `[[feeds]]` tables for `feeds` added at the end."""
    return appended(existing, feeds_toml(feeds))


__all__ = [
    "MAX_FEED_LIST_BYTES",
    "MAX_FOLDER_TAGS",
    "FeedList",
    "FeedListError",
    "appended_text",
    "export_opml",
    "feeds_toml",
    "import_feed_list",
    "parse_opml",
    "parse_urls",
    "read_feed_list",
    "replace_file",
    "toml_string",
]
