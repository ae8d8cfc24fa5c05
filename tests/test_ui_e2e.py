"""End to end on the embedded default with the real spaCy model: seed, annotate, filter, read."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual.widgets import Static

from newsdesk.config import load_config
from newsdesk.desk import Desk
from newsdesk.ui.app import NewsdeskApp
from newsdesk.ui.widgets.story_list import StoryList
from newsdesk.ui.widgets.story_view import StoryView


async def test_embedded_default_filter_by_haftar_and_read_the_seed_story() -> None:
    desk = Desk(load_config())  # no config file, empty data dir (see conftest)
    app = NewsdeskApp(desk)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(1200):  # seeding, then annotation with the real model
                await asyncio.sleep(0.1)
                rows = app.index.rows
                busy = any(w.is_running for w in app.workers)
                if rows and all(r.annotated for r in rows) and not busy:
                    break
            await pilot.pause(0.7)  # the debounced list and sidebar update
            assert len(app.index) >= 9
            assert all(r.annotated for r in app.index.rows)
            await pilot.press("a")
            for ch in "haftar":
                await pilot.press(ch)
            await pilot.press("enter")
            await pilot.pause()
            shown = app.query_one(StoryList).rows
            assert shown and all("Khalifa Haftar" in r.actors for r in shown)
            assert len(shown) < len(app.index)
            seed = next(r for r in shown if "Guterres" in r.title)
            app.query_one(StoryList).select_id(seed.id)
            await pilot.press("enter")
            await pilot.pause()
            reader = app.query_one(StoryView)
            assert reader.story_id == seed.id
            card = app.query_one("#reader-card", Static).content
            assert isinstance(card, Text)
            assert "Guterres" in card.plain and "Haftar" in card.plain
            assert "⇄" in card.plain  # a meeting line
            labels = {e.label for e in reader.entities}
            assert {"PERSON", "GPE"} <= labels
            body = app.query(".reader-paragraph").first(Static).content
            assert isinstance(body, Text) and body.spans  # names highlighted
            await pilot.press("b")
            assert desk.store.is_bookmarked(seed.id)
    finally:
        desk.close()
