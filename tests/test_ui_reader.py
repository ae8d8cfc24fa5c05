"""Pilot tests: reading a story, its card and highlights, and the keys that act on it."""

from __future__ import annotations

import webbrowser

import pytest
from rich.text import Text
from textual.widgets import Static

from newsdesk.desk import Desk
from newsdesk.ui.app import NewsdeskApp
from newsdesk.ui.render import LABEL_STYLES
from newsdesk.ui.widgets.story_list import StoryList
from newsdesk.ui.widgets.story_view import StoryView
from newsdesk.urls import web_link as safe_link
from tests.ui_helpers import MARKUP_TITLE, desk, settle, workers_done  # noqa: F401

__all__ = ["desk"]


def notes(app: NewsdeskApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def static_text(app: NewsdeskApp, selector: str) -> Text:
    content = app.query(selector).first(Static).content
    assert isinstance(content, Text)
    return content


async def test_enter_opens_story_with_card_highlights_and_legend(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.press("enter")
        await pilot.pause()
        reader = app.query_one(StoryView)
        assert app.focused is reader
        assert reader.story_id == "libya0000000001"
        header = static_text(app, "#reader-header").plain
        assert "UN chief Guterres flies to eastern Libya" in header
        assert "World Wire" in header and "https://news.example.org/libya" in header
        card = static_text(app, "#reader-card").plain
        assert "Antonio Guterres is to meet Khalifa Haftar in eastern Libya" in card
        assert "Key actors: Antonio Guterres, Khalifa Haftar, Fayez al-Sarraj" in card
        # under each meeting line, its evidence sentence, dimmed
        evidence = "UN Secretary-General Antonio Guterres flew to eastern Libya on Friday"
        lines = card.splitlines()
        meeting_line = next(i for i, x in enumerate(lines) if "Antonio Guterres — Khalifa" in x)
        assert "eastern Libya · on Friday · planned" in lines[meeting_line]
        assert lines[meeting_line + 1].strip().startswith(evidence)
        styled = static_text(app, "#reader-card")
        dim = [card[s.start : s.end] for s in styled.spans if "dim" in str(s.style)]
        assert any(d.startswith(evidence) for d in dim)
        # a meeting below [nlp] meeting_min_confidence (a headline alone) is not on the card
        assert "Abdel Fattah al-Sisi" not in card and "Cairo" not in card
        legend = static_text(app, "#reader-legend").plain
        assert "person" in legend and "country/city" in legend
        body = static_text(app, ".reader-paragraph")
        styled = {body.plain[s.start : s.end]: str(s.style) for s in body.spans}
        assert styled["Antonio Guterres"] == LABEL_STYLES["PERSON"]
        assert styled["Libya"] == LABEL_STYLES["GPE"]
        assert desk.store.is_read("libya0000000001")  # opening marks it read


async def test_tab_walks_entities_and_enter_filters_by_them(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.press("enter")
        await pilot.press("tab")
        reader = app.query_one(StoryView)
        assert reader.current_entity is not None
        assert reader.current_entity.text == "Antonio Guterres"
        await pilot.press("tab", "tab", "tab")  # Libya, Friday, Khalifa Haftar
        assert reader.current_entity.text == "Khalifa Haftar"
        await pilot.press("tab", "shift+tab")
        assert reader.current_entity.text == "Khalifa Haftar"
        body = static_text(app, ".reader-paragraph")
        current = [body.plain[s.start : s.end] for s in body.spans if "reverse" in str(s.style)]
        assert current == ["Khalifa Haftar"]
        await pilot.press("enter")
        await pilot.pause()
        assert [(f.kind, f.value) for f in app.state.filters] == [("actor", "Khalifa Haftar")]
        assert [r.id for r in app.query_one(StoryList).rows] == [
            "libya0000000001",
            "egypt000000002",
        ]
        await pilot.press("tab")  # "Haftar" alone, in the second paragraph
        await pilot.press("tab", "tab")  # al-Sarraj, then Abu Dhabi: a place
        assert reader.current_entity is not None
        assert reader.current_entity.text == "Abu Dhabi"
        await pilot.press("enter")
        await pilot.pause()
        assert ("country", "United Arab Emirates") in [(f.kind, f.value) for f in app.state.filters]
        await pilot.press("escape")
        assert isinstance(app.focused, StoryList)


async def test_bookmark_key_writes_the_store_and_B_shows_bookmarks(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.press("j", "b")
        assert desk.store.is_bookmarked("egypt000000002")
        assert app.index.by_id["egypt000000002"].bookmarked
        await pilot.press("B")
        await pilot.pause()
        assert [r.id for r in app.query_one(StoryList).rows] == ["egypt000000002"]
        await pilot.press("b")
        assert not desk.store.is_bookmarked("egypt000000002")
        await pilot.press("B")
        await pilot.pause()
        assert len(app.query_one(StoryList).rows) == 6


async def test_read_state_keys(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.press("G", "m")
        assert desk.store.is_read("markup00000006")
        await pilot.press("m")
        assert not desk.store.is_read("markup00000006")
        await pilot.press("g", "m", "u")
        await pilot.pause()
        rows = app.query_one(StoryList).rows
        assert len(rows) == 5 and "libya0000000001" not in [r.id for r in rows]
        await pilot.press("M")
        assert all(desk.store.is_read(r.id) for r in rows)
        await pilot.press("u")
        await pilot.pause()
        assert len(app.query_one(StoryList).rows) == 6


async def test_open_link_only_for_http(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.press("G", "o")  # the markup story links to javascript:
        await workers_done(app)
        assert opened == []
        assert any("Refused" in n and "javascript:alert(1)" in n for n in notes(app))
        await pilot.press("g", "o")
        await workers_done(app)
        assert opened == ["https://news.example.org/libya"]


def test_safe_link_accepts_only_http_and_https() -> None:
    assert safe_link("https://a.example/x") == "https://a.example/x"
    assert safe_link("HTTP://a.example") == "HTTP://a.example"
    for bad in ("file:///etc/passwd", "javascript:alert(1)", "ftp://x", "http://", None, ""):
        assert safe_link(bad) is None


async def test_copy_link(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.press("j", "y")
        assert app.clipboard == "https://news.example.org/egypt000000002"


async def test_markup_and_escapes_in_feed_text_show_literally(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        story_list = app.query_one(StoryList)
        assert story_list.rows[-1].title == MARKUP_TITLE
        line = "".join(seg.text for seg in story_list.render_line(5))
        assert "[bold red]x[/] red alert" in line
        assert "\x1b" not in line
        await pilot.press("G", "enter")
        await pilot.pause()
        header = static_text(app, "#reader-header").plain
        assert header.startswith("[bold red]x[/] red alert")
        body = static_text(app, ".reader-paragraph")
        assert body.plain == "Body with [b]markup[/b] and  an escape."
        assert not body.spans  # nothing styled from the feed
