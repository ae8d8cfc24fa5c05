"""Page extraction with trafilatura and the choice between page, feed content and summary."""

from __future__ import annotations

import dataclasses

from ingest_helpers import article_page

from newsdesk.ingest.extract import MIN_PAGE_CHARS, PageText, choose_text, extract_page
from newsdesk.models import Story

PARAGRAPHS = [
    "Foreign ministers from Kenya and Tanzania met in Arusha on Tuesday to settle a dispute "
    "over lorries queuing for days at the Namanga border post.",
    "The two governments agreed to open the crossing around the clock from next month and to "
    "share a single customs inspection for goods moving in both directions.",
    "Traders on both sides said the queues had cost them perishable goods worth millions of "
    "shillings since the start of the year.",
]


def story(**changes: object) -> Story:
    base = Story(id="s1", feed_url="http://h/feed", title="Border deal", link="http://h/1")
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_extract_page_returns_paragraphs_and_metadata() -> None:
    html = article_page("Kenya and Tanzania ease border queues", PARAGRAPHS, lang="en-GB")
    page = extract_page(html, "http://h/1", "text/html; charset=utf-8")
    assert page is not None
    assert page.text == "\n\n".join(PARAGRAPHS)
    assert "Home" not in page.text and "All rights reserved" not in page.text
    assert page.title == "Kenya and Tanzania ease border queues"
    assert page.author == "Ada Reporter"
    assert page.language == "en"


def test_extract_page_honours_the_http_charset() -> None:
    text = "Les ministres se sont réunis à Genève pour parler du café et de l'été. " * 4
    html = (
        "<html><head><title>Genève</title></head><body><article>"
        f"<p>{text}</p><p>{text}</p></article></body></html>"
    ).encode("latin-1")
    page = extract_page(html, "http://h/fr", "text/html; charset=iso-8859-1")
    assert page is not None and "réunis à Genève" in page.text


def test_extract_page_rejects_non_html() -> None:
    assert extract_page(b"%PDF-1.7 ...", "http://h/x.pdf", "application/pdf") is None
    assert extract_page(b"", "http://h/empty", "text/html") is None


def test_page_text_wins_when_long_enough() -> None:
    page = PageText(text="P" * 500, author="Page Author", date="2024-05-01T00:00:00+00:00")
    chosen = choose_text(story(text="short summary", text_source="feed-summary"), page)
    assert chosen.text == "P" * 500 and chosen.text_source == "page"
    assert chosen.author == "Page Author" and chosen.published == "2024-05-01T00:00:00+00:00"


def test_short_page_falls_back_to_feed_text() -> None:
    page = PageText(text="x" * (MIN_PAGE_CHARS - 1))
    chosen = choose_text(story(text="feed summary", text_source="feed-summary"), page)
    assert chosen.text == "feed summary" and chosen.text_source == "feed-summary"


def test_page_shorter_than_feed_content_falls_back_to_content() -> None:
    content = "C" * 2000
    page = PageText(text="P" * 600)
    chosen = choose_text(story(text=content, text_source="feed-content"), page)
    assert chosen.text == content and chosen.text_source == "feed-content"


def test_failed_page_keeps_feed_text() -> None:
    original = story(text="feed summary", text_source="feed-summary")
    assert choose_text(original, None) == original


def test_short_page_beats_no_text_at_all() -> None:
    chosen = choose_text(story(text="", text_source="feed-summary"), PageText(text="Short."))
    assert chosen.text == "Short." and chosen.text_source == "page"


def test_a_page_is_read_fast_and_again_in_full_only_when_that_found_too_little(
    monkeypatch: object,
) -> None:
    import pytest
    import trafilatura

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    calls: list[bool] = []
    real = trafilatura.bare_extraction

    def spy(*args: object, **kwargs: object) -> object:
        calls.append(bool(kwargs.get("fast")))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(trafilatura, "bare_extraction", spy)
    page = extract_page(article_page("Border deal", PARAGRAPHS), "http://h/1", "text/html")
    assert page is not None and page.text == "\n\n".join(PARAGRAPHS)
    assert calls == [True]  # trafilatura's own extraction sufficed
    calls.clear()
    short = extract_page(article_page("Brief", ["Talks resume on Monday."]), "http://h/2")
    assert calls == [True, False]  # too little: read again with the fallback extractors
    assert short is None or len(short.text) < MIN_PAGE_CHARS
