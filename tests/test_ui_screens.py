"""Pilot tests: help, rebinding, the command palette, feed errors, the actor view, refresh."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from rich.console import Console
from textual.command import CommandPalette
from textual.widgets import DataTable, Static

from newsdesk.desk import Desk
from newsdesk.models import FeedSpec
from newsdesk.ui.actions import ALL_ACTIONS, APP_ACTIONS
from newsdesk.ui.app import NewsdeskApp
from newsdesk.ui.screens.actor_timeline import ActorTimelineScreen
from newsdesk.ui.screens.feed_errors import FeedErrorsScreen
from newsdesk.ui.screens.help import HelpScreen
from newsdesk.ui.widgets.sidebar import ActorSearch
from newsdesk.ui.widgets.story_list import StoryList
from newsdesk.ui.widgets.story_view import StoryView
from tests.ui_helpers import desk, fill, make_desk, refreshed, sample_stories, settle  # noqa: F401

__all__ = ["desk"]


async def test_help_lists_every_key(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.press("question_mark")
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        ids = [binding_id for _, _, binding_id in screen.rows]
        assert sorted(ids) == sorted(spec.id for spec in ALL_ACTIONS)  # each once
        keys = {binding_id: keys for keys, _, binding_id in screen.rows}
        assert keys["newsdesk.bookmark"] == "b" and keys["newsdesk.search"] == "/"
        assert keys["newsdesk.help"] == "?" and keys["newsdesk.pipe_story"] == "|"
        assert keys["newsdesk.down"] == "down, j"
        console = Console(file=io.StringIO(), width=200)
        for static in screen.query(Static):
            console.print(static.content)
        shown = console.file.getvalue()  # type: ignore[attr-defined]
        assert "newsdesk.next_unread" in shown  # the ids are on screen, for [keymap]
        assert "In the reader" in shown and "Filters and the sidebar" in shown
        box = screen.query_one("#help-box")
        assert box.scroll_y == 0
        await pilot.press("j", "j", "j")
        assert box.scroll_y == 3
        await pilot.press("G")
        assert box.scroll_y == box.max_scroll_y > 3
        await pilot.press("g")
        assert box.scroll_y == 0
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_keymap_rebinds_keys_and_help_follows(tmp_path: Path) -> None:
    desk = make_desk(
        tmp_path / "data", keymap={"newsdesk.bookmark": "w", "newsdesk.down": "ctrl+n"}
    )
    fill(desk, sample_stories())
    app = NewsdeskApp(desk)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app)
            await pilot.press("ctrl+n")  # the rebound "down"
            assert app.query_one(StoryList).current_id == "egypt000000002"
            await pilot.press("b")
            assert not desk.store.is_bookmarked("egypt000000002")
            await pilot.press("w")
            assert desk.store.is_bookmarked("egypt000000002")
            await pilot.press("question_mark")
            screen = app.screen
            assert isinstance(screen, HelpScreen)
            keys = {binding_id: keys for keys, _, binding_id in screen.rows}
            assert keys["newsdesk.bookmark"] == "w"
            assert keys["newsdesk.down"] == "ctrl+n"
    finally:
        desk.close()


async def test_command_palette_offers_the_same_actions(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for spec in APP_ACTIONS:
            if spec.action != "command_palette":
                assert spec.title in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        for ch in "Bookmarks":
            await pilot.press(ch)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert app.state.bookmarks_only


async def test_feed_errors_screen(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.press("e")
        screen = app.screen
        assert isinstance(screen, FeedErrorsScreen)
        table = screen.query_one(DataTable)
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[0] == "https://broken.example.org/rss"
        assert first[1] == "failed (500)" and first[2] == "HTTP 500 Server Error"
        assert table.row_count == 2
        await pilot.press("escape")
        assert not isinstance(app.screen, FeedErrorsScreen)


async def test_actor_view_lists_meetings_and_opens_the_story(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.press("a")
        for ch in "haftar":
            await pilot.press(ch)
        await pilot.press("A")  # in the box, A types; pick it in the list instead
        assert isinstance(app.focused, ActorSearch)
        await pilot.press("backspace", "down")
        app.set_focus(app.query_one("#actor-list"))
        await pilot.press("A")
        screen = app.screen
        assert isinstance(screen, ActorTimelineScreen)
        assert screen.actor == "Khalifa Haftar"
        table = screen.query_one(DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows[0][:3] == ["2019-04-05", "Antonio Guterres (planned)", "eastern Libya"]
        assert ["2019-04-04", "Abdel Fattah al-Sisi", "Egypt"] in [r[:3] for r in rows]
        assert ["2019-03", "Fayez al-Sarraj", "Abu Dhabi, United Arab Emirates"] in [
            r[:3] for r in rows
        ]
        # the highlighted meeting's line and evidence, as on the card
        await pilot.pause()
        why = screen.query_one("#timeline-evidence", Static).render()
        assert "Antonio Guterres — Khalifa Haftar" in str(why)
        assert "flew to eastern Libya on Friday for talks" in str(why)
        # the low-confidence Cairo meeting (a headline alone) is not listed
        assert all(r[2] != "Cairo, Egypt" for r in rows)
        await pilot.press("j", "enter")
        await pilot.pause()
        assert app.query_one(StoryView).story_id == screen.entries[1].story_id


class _FeedHandler(BaseHTTPRequestHandler):
    feed = b""

    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.end_headers()
        self.wfile.write(self.feed)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def feed_server() -> Iterator[str]:
    items = "".join(
        f"<item><title>Local story {i}</title><link>http://127.0.0.1/s{i}</link>"
        f"<guid>local-{i}</guid><pubDate>Mon, 08 Apr 2019 1{i}:00:00 GMT</pubDate>"
        f"<description>Text of local story {i}.</description></item>"
        for i in range(3)
    )
    _FeedHandler.feed = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>{items}'
        "</channel></rss>"
    ).encode()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FeedHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    server.shutdown()
    server.server_close()


async def test_refresh_adds_stories_in_the_background(tmp_path: Path, feed_server: str) -> None:
    desk = make_desk(
        tmp_path / "data",
        feeds=(FeedSpec(feed_server, "Local"), FeedSpec("http://127.0.0.1:9/none.xml")),
        keep_days=100_000,  # the sample stories are from 2019
    )
    fill(desk, sample_stories())
    app = NewsdeskApp(desk)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app)
            await pilot.press("R")
            await pilot.pause()
            assert app.query_one("#refresh-status").display
            await refreshed(app, pilot)
            titles = [r.title for r in app.query_one(StoryList).rows]
            assert "Local story 2" in titles and len(titles) == 9
            label = str(app.query_one("#refresh-label", Static).content)
            assert "1 feeds ok, 1 failed, 3 new" in label
            await pilot.press("e")
            table = app.screen.query_one(DataTable)
            assert "failed" in str(table.get_row_at(0)[1])
    finally:
        desk.close()


async def test_q_quits(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
    assert app.return_code == 0


async def test_auto_reload_shows_its_times_and_keeps_cursor_and_filters(
    tmp_path: Path, feed_server: str
) -> None:
    desk = make_desk(
        tmp_path / "data",
        feeds=(FeedSpec(feed_server, "Local"),),
        keep_days=100_000,
        reload_minutes=15,
    )
    fill(desk, sample_stories())
    app = NewsdeskApp(desk)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app)
            label = str(app.query_one("#refresh-label", Static).content)
            assert app.query_one("#refresh-status").display and "next " in label
            assert any(t.name == "auto-reload" and t._interval == 900 for t in app._timers)
            await pilot.press("u", "j")  # a filter (unread only) and a cursor off the top
            story_list = app.query_one(StoryList)
            before = story_list.current_id
            app.reload_on_period()  # what the timer calls when the period comes round
            await refreshed(app, pilot)
            titles = [r.title for r in story_list.rows]
            assert "Local story 2" in titles  # new stories appear...
            assert story_list.current_id == before  # ...the cursor stays on its story
            assert app.state.unread_only  # ...and the filter is kept
            label = str(app.query_one("#refresh-label", Static).content)
            assert "3 new" in label and "last refresh" in label and "next " in label
    finally:
        desk.close()
