"""Turn the bytes of a feed into `Story` objects (RSS 0.9x/1.0/2.0 and Atom).

A well-formed UTF-8 RSS feed with absolute links is read by feedparser-rs (a compiled parser with
feedparser's result shape, about twenty times faster; the links it leaves out, those to loopback
and private addresses, are read back from the document); anything else (a parse error, control
characters, a reference HTML reads otherwise, another encoding, relative links to resolve, or
feedparser-rs missing) goes to feedparser, whose lenient parsing and encoding detection newsdesk
relies on for hostile feeds.

Everything taken from the feed is made plain text (HTML reduced to paragraphs, control characters
and escape sequences removed, lone surrogates replaced); only http(s) links are kept. A character
reference that names no character (`&#xD800;`, `&#0;`, `&#x110000;`) costs only that character,
never the feed. `parse_feed` is CPU-bound and blocking: call it in a worker thread.
"""

from __future__ import annotations

import codecs
import hashlib
import html
import io
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

from newsdesk.ingest.seeds import SEED_SCHEME
from newsdesk.models import FeedSpec, Story
from newsdesk.text import clean_line, clean_text
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
    parsed = _fast_parse(data, response_headers.get("content-type", ""))
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


_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)""")
_HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_UTF8_NAMES = frozenset({"utf-8", "utf8"})
# Control characters XML 1.0 does not allow (all but tab, newline and carriage return).
_XML_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# A numeric character reference in the markup or in escaped HTML (&amp;#...;).
_ANY_CHAR_REF = re.compile(rb"&(?:amp;)?#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")


def _html_keeps(match: re.Match[bytes]) -> bool:
    """Whether HTML reads this reference as the character it numbers. feedparser-rs decodes
    references inside HTML text itself, as that character; feedparser leaves them to newsdesk's
    HTML reading, which follows HTML's rules (a control character dropped, &#150; read as
    cp1252's dash, ...). Where the two differ, the feed goes to feedparser."""
    hex_digits, digits = match.groups()
    if len(hex_digits or digits) > 8:
        return False
    code = int(hex_digits, 16) if hex_digits else int(digits)
    if 0x20 <= code < 0x7F or 0xA0 <= code < 0xD800:
        return True  # the common case, decided without asking
    try:
        return html.unescape(f"&#{code};") == chr(code)
    except (ValueError, OverflowError):
        return False


# An RSS <link> that is not an absolute http(s) URL (feedparser-rs resolves it against the
# channel's link, feedparser against the feed's own URL), looked for in the document in lower
# case (see `_relative`).
_RELATIVE_LINK = re.compile(rb"<link>\s*(?!https?://)")


def _relative(data: bytes) -> bool:
    """Whether the document has a relative link or an xml:base, ignoring (ASCII) case.

    One pattern with re.IGNORECASE and the two alternatives tries both at every byte of the
    document (some 5 ms for fifty 30 KB feeds); the document in lower case, searched for a
    literal and for a pattern that starts with one, takes a tenth of that."""
    lower = data.lower()
    return b"xml:base" in lower or _RELATIVE_LINK.search(lower) is not None


def _fast_parse(data: bytes, content_type: str) -> Any | None:
    """feedparser-rs's result for a clean UTF-8 RSS feed with absolute links, else None."""
    try:
        import feedparser_rs
    except ImportError:
        return None
    charset = _HTTP_CHARSET.search(content_type)
    if charset and charset.group(1).lower() not in _UTF8_NAMES:
        return None
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") or _relative(data):
        return None  # only markup: feedparser-rs fetches a source that looks like a URL
    if _XML_CONTROL.search(data):
        return None  # not well-formed, yet feedparser-rs reads it as if it were
    if b"#" in data and not all(map(_html_keeps, _ANY_CHAR_REF.finditer(data))):
        return None  # see _html_keeps
    declared = _XML_ENCODING.match(data[:200])
    if declared and declared.group(1).decode().lower() not in _UTF8_NAMES:
        return None
    try:
        data.decode("utf-8")
        parsed = feedparser_rs.parse(data)
    except Exception:  # noqa: BLE001 - whatever it cannot read, feedparser will
        return None
    if parsed.get("bozo") or not str(parsed.get("version") or "").startswith("rss"):
        # Atom (and RDF) go to feedparser: feedparser-rs labels an Atom text title as HTML
        return None
    entries = list(parsed.get("entries") or [])
    links = [str(entry.get("link") or "") for entry in entries]
    if all(_is_web(link) for link in links):
        return parsed
    # feedparser-rs leaves out (as "") every link to a loopback or private address, as a guard
    # against request forgery; newsdesk applies its own URL policy, and a feed on the local
    # network may link there. Such links are read back from the document itself.
    found = _item_links(data, links)
    if found is None:
        return None  # no link, or one that is not absolute: feedparser resolves it
    return _FastFeed(parsed, [_Linked(e, link) for e, link in zip(entries, found, strict=True)])


def _is_web(link: str) -> bool:
    return link[:8].lower().startswith(("http://", "https://"))


# An RSS item and the first plain <link> element inside it (a namespaced one, such as
# <atom:link>, does not match). Used only to read back links feedparser-rs left out. An item's
# body runs to the first </item>: runs of text without "<" and any "<" that does not close the
# item, taken possessively (what ".*?" up to "</item>" finds, three times as fast and with no
# backtracking over an item that never closes).
_ITEM = re.compile(rb"<item(?:\s[^>]*)?>((?:[^<]++|<(?!/item\s*>))*+)</item\s*>")
_ITEM_LINK = re.compile(rb"<link\s*>([^<]*)</link\s*>")
_UNSAFE_MARKUP = (b"<![CDATA[", b"<!--")  # where a <link> in the text might not be one
_XML_ENTITIES = {b"amp": b"&", b"lt": b"<", b"gt": b">", b"quot": b'"', b"apos": b"'"}
_ENTITY = re.compile(rb"&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));")


def _item_links(data: bytes, links: list[str]) -> list[str] | None:
    """Each item's link, taking what feedparser-rs left blank from the document; None unless
    every item's link is an absolute http(s) URL and each link feedparser-rs did give is the
    one found at the same place in the document (so the two readings agree)."""
    blocks = _ITEM.findall(data)
    if len(blocks) != len(links):
        return None
    found: list[str] = []
    for block, link in zip(blocks, links, strict=True):
        if any(mark in block for mark in _UNSAFE_MARKUP):
            return None
        match = _ITEM_LINK.search(block)
        raw = _unescape_xml(match.group(1).strip()) if match else None
        if raw is None or not _is_web(raw) or (link and link != raw):
            return None
        found.append(raw)
    return found


def _unescape_xml(raw: bytes) -> str | None:
    """XML character data (the five named entities and numeric references) as text; None
    for anything else (another entity, a reference to no character, bytes not UTF-8)."""
    if raw.count(b"&") != len(_ENTITY.findall(raw)):
        return None

    def entity(match: re.Match[bytes]) -> bytes:
        name, decimal, hexadecimal = match.groups()
        if name:
            return _XML_ENTITIES[name]
        code = int(decimal) if decimal else int(hexadecimal, 16)
        return chr(code).encode("utf-8")

    try:
        return _ENTITY.sub(entity, raw).decode("utf-8")
    except (ValueError, OverflowError):  # UnicodeError included: a surrogate, bad bytes
        return None


class _Linked:
    """A feedparser-rs entry with its link read back from the document."""

    def __init__(self, entry: Any, link: str) -> None:
        self._entry = entry
        self._link = link

    def get(self, key: str, default: Any = None) -> Any:
        if key == "link":
            return self._link
        return self._entry.get(key, default)


class _FastFeed:
    """feedparser-rs's result with entries of our own (see `_Linked`)."""

    def __init__(self, parsed: Any, entries: list[_Linked]) -> None:
        self._parsed = parsed
        self._entries = entries
        self.feed = parsed.feed

    def get(self, key: str, default: Any = None) -> Any:
        if key == "entries":
            return self._entries
        return self._parsed.get(key, default)


# Numeric character references, decimal or hex, as bytes of an ASCII-compatible encoding.
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")
_CHAR_REF_TEXT = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")
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
    if allow_seed and isinstance(value, str) and value.strip().startswith(SEED_SCHEME + ":"):
        seed = value.strip()
        return seed if seed.isprintable() and not any(c.isspace() for c in seed) else None
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


def to_plain(value: str, mime: str = "text/html") -> str:
    """Clean plain text with paragraphs separated by blank lines."""
    if "html" in mime and ("<" in value or "&" in value):
        value = html_to_text(value)
    return _paragraphs(clean_text(value))


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _paragraphs(text: str) -> str:
    paragraphs = []
    for block in _BLANK_LINE.split(text):
        if "\n" in block:
            lines = (" ".join(line.split()) for line in block.split("\n"))
            paragraph = "\n".join(line for line in lines if line)
        else:  # the common case: one line
            paragraph = " ".join(block.split())
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


_BLOCK_TAGS = frozenset(
    (  # noqa: SIM905 - a word list reads best as words
        "address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4 h5"
        " h6 header hr li main nav ol p pre section table tr ul"
    ).split()
)
_SKIP_TAGS = frozenset({"script", "style", "template", "noscript", "head", "title"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            # Inside a paragraph, source newlines are just spaces.
            self.parts.append(data.replace("\n", " "))


def html_to_text(html: str) -> str:
    """Reduce an HTML fragment to text: blocks become paragraphs, <br> a line break."""
    simple = _simple_html_to_text(html)
    if simple is not None:
        return simple
    return _parsed_html_to_text(html)


def _parsed_html_to_text(fragment: str) -> str:
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return "".join(collector.parts)


# A tag without attributes: <p>, </p>, <br/>, <B >. Fragments made of these and text only (most
# feed summaries) are read without HTMLParser, with the very same result (see the tests).
_BARE_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\s*(/?)>")


def _simple_html_to_text(fragment: str) -> str | None:
    """What `_TextCollector` makes of a fragment of bare tags and text; None for any other
    markup (attributes, comments, script and style, a lone "<"), left to HTMLParser."""
    parts: list[str] = []
    position = 0
    for match in _BARE_TAG.finditer(fragment):
        data = fragment[position : match.start()]
        if "<" in data:
            return None
        if data:  # HTMLParser hands text over with its references converted
            parts.append(html.unescape(data).replace("\n", " "))
        closing, name, self_closing = match.groups()
        name = name.lower()
        if name in _SKIP_TAGS or (closing and self_closing):
            return None
        if name in _BLOCK_TAGS:
            parts.append("\n\n\n\n" if self_closing else "\n\n")  # <p/>: start and end
        elif name == "br" and not closing:
            parts.append("\n")
        position = match.end()
    rest = fragment[position:]
    if "<" in rest:
        return None
    if rest:
        parts.append(html.unescape(rest).replace("\n", " "))
    return "".join(parts)


def _bozo_reason(parsed: Any) -> str:
    exc = parsed.get("bozo_exception")
    text = " ".join(str(exc or "malformed feed").split())
    text = re.sub(r"^<unknown>:", "line ", text)
    return clean_line(text)[:160]


__all__ = [
    "ParsedFeed",
    "fix_char_refs",
    "html_to_text",
    "make_story_id",
    "parse_feed",
    "safe_link",
    "to_plain",
]
