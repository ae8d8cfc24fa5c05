"""A story's page reduced to clean plain text with trafilatura, and the choice of the best text.

`extract_page` is CPU-bound and blocking: call it in a worker thread. trafilatura is imported on
first use, so a refresh without full text never pays for it.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from newsdesk.ingest.html_text import to_plain
from newsdesk.models import Story
from newsdesk.text import clean_line

MIN_PAGE_CHARS = 200  # a page yielding less than this is not worth more than the feed's text

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_HTML_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.IGNORECASE)


@dataclass(frozen=True)
class PageText:
    """What trafilatura found in a page."""

    text: str  # plain text, paragraphs separated by blank lines
    title: str | None = None
    author: str | None = None
    date: str | None = None  # ISO UTC
    language: str | None = None  # ISO 639 code from the page, lower case


def is_html(content_type: str) -> bool:
    """Whether a Content-Type may hold a web page ("" counts: servers often omit it)."""
    mime = content_type.split(";", 1)[0].strip().lower()
    return mime in ("", "text/html", "application/xhtml+xml", "text/plain") or mime.endswith("+xml")


def extract_page(content: bytes, url: str, content_type: str = "") -> PageText | None:
    """The main text and metadata of an HTML page, or None when there is none (blocking)."""
    if not content or not is_html(content_type):
        return None
    document = _decode(content, content_type)
    # trafilatura's own extraction first, without its fallback extractors (half the CPU time);
    # a page where it finds too little is read again with them.
    result = _extract(document, url, fast=True)
    if result is None or len(str(getattr(result, "text", None) or "")) < MIN_PAGE_CHARS:
        result = _extract(document, url, fast=False) or result
    if result is None:
        return None
    title = clean_line(str(getattr(result, "title", None) or "")) or None
    # trafilatura puts one paragraph per line; newsdesk separates paragraphs by blank lines.
    raw = str(getattr(result, "text", None) or "").replace("\n", "\n\n")
    text = _drop_heading(to_plain(raw, "text/plain"), title)
    if not text:
        return None
    match = _HTML_LANG.search(content[:8192])
    language = match.group(1).decode().lower() if match else None
    language = language or (str(getattr(result, "language", None) or "").lower() or None)
    return PageText(
        text=text,
        title=title,
        author=clean_line(str(getattr(result, "author", None) or "")) or None,
        date=_iso_date(str(getattr(result, "date", None) or "")),
        language=language,
    )


def _extract(document: str | bytes, url: str, *, fast: bool) -> Any:
    import trafilatura  # heavy; only when pages are really extracted

    try:
        return trafilatura.bare_extraction(
            document,
            url=url,
            fast=fast,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            deduplicate=False,
        )
    except Exception:  # noqa: BLE001 - a broken page must never break a refresh
        return None


def choose_text(story: Story, page: PageText | None) -> Story:
    """`story` with the best text: the page's, unless it failed or holds less than the feed's.

    The feed's content (else its summary) is already in `story.text` from parsing; a page
    under MIN_PAGE_CHARS, or shorter than the feed's content, leaves that text in place.
    """
    if page is None:
        return story
    feed_content = story.text if story.text_source == "feed-content" else ""
    too_little = len(page.text) < MIN_PAGE_CHARS or len(page.text) < len(feed_content)
    if too_little and story.text:  # a short page still beats a story with no text at all
        return story
    return dataclasses.replace(
        story,
        text=page.text,
        text_source="page",
        author=story.author or page.author,
        published=story.published or page.date,
        language=page.language or story.language,
    )


def _decode(content: bytes, content_type: str) -> str | bytes:
    """Text using the HTTP charset when there is one; else bytes, for trafilatura to detect."""
    match = _CHARSET.search(content_type)
    if match:
        try:
            return content.decode(match.group(1), errors="replace")
        except LookupError:
            pass
    return content


def _drop_heading(text: str, title: str | None) -> str:
    """Remove a first paragraph that only repeats the page title."""
    if not title:
        return text
    first, _, rest = text.partition("\n\n")
    if clean_line(first).casefold() == title.casefold() and rest:
        return rest
    return text


def _iso_date(value: str) -> str | None:
    try:
        day = datetime.strptime(value[:10], "%Y-%m-%d")
    except ValueError:
        return None
    return day.replace(tzinfo=UTC).isoformat()


__all__ = ["MIN_PAGE_CHARS", "PageText", "choose_text", "extract_page", "is_html"]
