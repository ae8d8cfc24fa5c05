"""Turn the bytes of a feed into `Story` objects (RSS 0.9x/1.0/2.0 and Atom).

A well-formed UTF-8 RSS feed with absolute links is read by feedparser-rs (a compiled parser with
feedparser's result shape, about twenty times faster; the links it leaves out, those to loopback
and private addresses, are read back from the document); anything else (a parse error, control
characters, a reference HTML reads otherwise, another encoding, relative links to resolve, or
feedparser-rs missing) goes to feedparser, whose lenient parsing and encoding detection newsdesk
relies on for hostile feeds (see fast_feed.py for which way a document takes).

Everything taken from the feed is made plain text (HTML reduced to paragraphs, control characters
and escape sequences removed, lone surrogates replaced: see html_text.py); only http(s) links are
kept. A character
reference that names no character (`&#xD800;`, `&#0;`, `&#x110000;`) costs only that character,
never the feed. `parse_feed` is CPU-bound and blocking: call it in a worker thread.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from newsdesk.ingest.fast_feed import fast_parse
from newsdesk.ingest.html_text import to_plain
from newsdesk.ingest.seeds import SEED_SCHEME
from newsdesk.models import FeedSpec, Story
from newsdesk.text import clean_line
from newsdesk.urls import web_link


@dataclass
class ParsedFeed:
    """What one feed document held."""

    title: str | None = None
    stories: list[Story] = field(default_factory=list)  # deduplicated, in feed order
    entries: int = 0  # entries in the document, before deduplication
    bozo: str | None = None  # the parser's complaint when the feed was used anyway
    error: str | None = None  # "not a feed: ..." when nothing usable was found


def make_story_id(
    feed_url: str,
    guid: str | None,
    link: str | None,
    title: str | None,
    published: str | None,
) -> str:
    """Stable id: the feed plus its guid, else link, else title and date (sha1, 16 hex)."""
    key = guid or link or f"{title or ''}\n{published or ''}"
    return hashlib.sha1(f"{feed_url}\n{key}".encode()).hexdigest()[:16]


def parse_feed(
    data: bytes,
    spec: FeedSpec,
    *,
    headers: Mapping[str, str] | None = None,
    base_url: str | None = None,
    now: str | None = None,
) -> ParsedFeed:
    """Parse a feed document fetched for `spec` (blocking; run it in a thread).

    `headers` are the HTTP response headers (their charset is honoured); `base_url` is where the
    document came from, used to resolve relative links.
    """
    response_headers = {k.lower(): v for k, v in (headers or {}).items()}
    if base_url:
        response_headers.setdefault("content-location", base_url)
    data = fix_char_refs(data)
    parsed = fast_parse(data, response_headers.get("content-type", ""))
    if parsed is None:
        import feedparser  # the exact, lenient parser; imported only when needed

        try:
            parsed = feedparser.parse(
                # A stream, never bytes: feedparser opens bytes that name an existing file on
                # disk, so a server answering "/home/me/notes.xml" would make it read that file.
                io.BytesIO(data),
                response_headers=response_headers,
                sanitize_html=False,  # everything becomes plain text below anyway
                resolve_relative_uris=False,
            )
        except (ValueError, OverflowError, RecursionError, LookupError) as exc:
            return ParsedFeed(error=f"not a feed: the feed parser failed ({_exc_line(exc)})")
    problem = _bozo_reason(parsed) if parsed.get("bozo") else None
    entries: list[Any] = list(parsed.get("entries") or [])
    if not entries and (problem or not parsed.get("version")):
        return ParsedFeed(error=f"not a feed: {problem or 'no feed format recognised'}")
    feed_title = clean_line(_plain(parsed.feed, "title")) or None
    fetched = now or datetime.now(UTC).isoformat(timespec="seconds")
    allow_seed = spec.url.startswith(f"{SEED_SCHEME}:")
    stories: list[Story] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        try:
            story = _story(entry, spec, feed_title, fetched, allow_seed)
        except (ValueError, TypeError, AttributeError, OverflowError) as exc:
            # an item feedparser gave an unexpected shape: it costs that item only
            problem = problem or f"item {number} left out ({_exc_line(exc)})"
            continue
        if story is not None and story.id not in seen:
            seen.add(story.id)
            stories.append(story)
    return ParsedFeed(feed_title, stories, len(entries), problem)


# Numeric character references, decimal or hex, as bytes of an ASCII-compatible encoding.
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")
_CHAR_REF_TEXT = re.compile(_CHAR_REF.pattern.decode("ascii"))  # the same, in decoded text
# Encodings that are not ASCII-compatible, told by their byte order mark or by how "<?" starts
# the document; the references are fixed in the decoded text and the text encoded back.
_WIDE_STARTS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (b"<\0\0\0", "utf-32-le"),
    (b"\0\0\0<", "utf-32-be"),
    (b"<\0?\0", "utf-16-le"),
    (b"\0<\0?", "utf-16-be"),
)


def fix_char_refs(data: bytes) -> bytes:
    """`data` with every numeric character reference that names no usable character replaced:
    a surrogate or a number beyond Unicode becomes U+FFFD, a control character (other than tab,
    newline and carriage return) is dropped. feedparser raises on the first kind, and both
    make the document not well-formed XML, which sends feedparser to its less exact parser."""
    for start, codec in _WIDE_STARTS:
        if data.startswith(start):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return data  # feedparser will say what is wrong with it
            return _CHAR_REF_TEXT.sub(_fixed_ref, text).encode(codec)
    if b"&#" not in data:
        return data
    return _CHAR_REF.sub(lambda m: _fixed_ref(m).encode("ascii"), data)


def _fixed_ref(match: re.Match[Any]) -> str:
    hex_digits, digits = match.group(1), match.group(2)
    raw = hex_digits or digits
    text = raw.decode("ascii") if isinstance(raw, bytes) else raw
    text = text.lstrip("0") or "0"
    if len(text) > 8:
        return "&#xFFFD;"
    code = int(text, 16 if hex_digits else 10)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "&#xFFFD;"
    if (code < 0x20 and code not in (0x9, 0xA, 0xD)) or code in (0xFFFE, 0xFFFF):
        return ""
    whole = match.group(0)
    return whole.decode("ascii") if isinstance(whole, bytes) else whole


def _exc_line(exc: BaseException) -> str:
    return clean_line(f"{type(exc).__name__}: {exc}")[:160]


def _story(
    entry: Any, spec: FeedSpec, feed_title: str | None, fetched: str, allow_seed: bool
) -> Story | None:
    title = clean_line(_plain(entry, "title"))
    link = safe_link(entry.get("link"), allow_seed=allow_seed)
    guid = clean_line(str(entry.get("id") or "")) or None
    published = _date(entry)
    summary = _plain(entry, "summary")
    content = _content(entry)
    if not (title or link or guid or summary or content):
        return None
    if not title:  # a story needs something to show in a list
        title = clean_line(summary)[:80] or link or "(untitled)"
    text, source = (content, "feed-content") if content else (summary, "feed-summary")
    return Story(
        id=make_story_id(spec.url, guid, link, title, published),
        feed_url=spec.url,
        title=title,
        link=link,
        guid=guid,
        feed_title=spec.title or feed_title,
        published=published,
        author=clean_line(str(entry.get("author") or "")) or None,
        summary=summary,
        text=text,
        text_source=source,  # type: ignore[arg-type]
        fetched=fetched,
        tags=spec.tags,
    )


def safe_link(value: object, *, allow_seed: bool = False) -> str | None:
    """`value` when the URL policy accepts it as a link (or a seed link, when allowed)."""
    link = web_link(value)
    if link is not None:
        return link
    if allow_seed and isinstance(value, str):
        seed = value.strip()
        if seed.startswith(SEED_SCHEME + ":") and seed.isprintable():
            return None if any(c.isspace() for c in seed) else seed
    return None


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return datetime(*value[:6], tzinfo=UTC).isoformat()
            except ValueError:
                continue
    return None


def _plain(obj: Any, key: str) -> str:
    """The field `key` as plain text, reduced from HTML when the feed says it is HTML."""
    value = obj.get(key)
    if not isinstance(value, str) or not value:
        return ""
    detail = obj.get(f"{key}_detail") or {}
    return to_plain(value, str(detail.get("type") or "text/html"))


def _content(entry: Any) -> str:
    best = ""
    for part in entry.get("content") or []:
        text = to_plain(str(part.get("value") or ""), str(part.get("type") or "text/html"))
        if len(text) > len(best):
            best = text
    return best


def _bozo_reason(parsed: Any) -> str:
    exc = parsed.get("bozo_exception")
    text = " ".join(str(exc or "malformed feed").split())
    text = re.sub(r"^<unknown>:", "line ", text)
    return clean_line(text)[:160]


__all__ = [
    "ParsedFeed",
    "fix_char_refs",
    "make_story_id",
    "parse_feed",
    "safe_link",
]
