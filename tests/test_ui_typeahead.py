"""Keys typed in one burst (as a terminal delivers `a haftar enter` pasted or sent at once)
reach the pane each one was meant for."""

from __future__ import annotations

import asyncio
import unicodedata
from pathlib import Path

from textual import events

from newsdesk.desk import Desk
from newsdesk.ui.app import NewsdeskApp
from newsdesk.ui.screens.actor_timeline import ActorTimelineScreen
from newsdesk.ui.widgets.filter_bar import FilterBar
from newsdesk.ui.widgets.sidebar import ActorSearch, RegionTree
from newsdesk.ui.widgets.story_list import StoryList
from newsdesk.ui.widgets.story_view import StoryView
from tests.ui_helpers import desk, fill, make_desk, sample_stories, settle, workers_done  # noqa: F401

__all__ = ["desk"]

HAFTAR_STORIES = ["libya0000000001", "egypt000000002"]


def burst(app: NewsdeskApp, *keys: str) -> None:
    """Queue every key at once, as the terminal does for a fast typist: no pause in between."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        if len(key) == 1:
            char: str | None = key
            name = {" ": "space", "/": "slash"}.get(key, key)
        else:
            name = key
            try:
                char = unicodedata.lookup(name.upper().replace("_", " "))
            except KeyError:
                char = {"enter": "\r", "space": " ", "slash": "/"}.get(name)
        event = events.Key(name, char)
        event.set_sender(app)
        driver.send_message(event)


def shown(app: NewsdeskApp) -> list[str]:
    return [row.id for row in app.query_one(StoryList).rows]


async def wait_until(app: NewsdeskApp, done: object, seconds: float = 5.0) -> None:
    assert callable(done)
    for _ in range(int(seconds / 0.02)):
        if done():
            return
        await asyncio.sleep(0.02)
    await workers_done(app)


async def test_actor_filter_keys_in_one_burst(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        burst(app, *"ahaftar", "enter")
        await wait_until(app, lambda: bool(app.state.filters))
        await pilot.pause()
        assert app.query_one(ActorSearch).value == "haftar"  # a and r went into the box
        assert app.query_one(FilterBar).labels == ["actor: Khalifa Haftar ×"]
        assert shown(app) == HAFTAR_STORIES
        assert isinstance(app.focused, StoryList)
        burst(app, "enter")  # the next enter opens the first story
        await wait_until(app, lambda: app.query_one(StoryView).story_id is not None)
        assert app.query_one(StoryView).story_id == "libya0000000001"


async def test_filter_then_open_in_the_same_burst(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        burst(app, *"asisi", "enter", "enter")
        await wait_until(app, lambda: app.query_one(StoryView).story_id is not None)
        await pilot.pause()
        assert [f.value for f in app.state.filters] == ["Abdel Fattah al-Sisi"]
        assert shown(app) == ["egypt000000002"]
        assert app.query_one(StoryView).story_id == "egypt000000002"


async def test_search_keys_in_one_burst(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        burst(app, "slash", *"dar es salaam", "enter")  # a, r, / inside the box are text
        await wait_until(app, lambda: bool(app.state.filters))
        await pilot.pause()
        assert app.query_one(FilterBar).labels == ["search: dar es salaam ×"]
        assert shown(app) == ["kenya000000003"]
        assert len(app.screen_stack) == 1


async def test_regions_keys_in_one_burst(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        tree = app.query_one(RegionTree)
        assert tree.root.children[0].data == ("region", "Africa")
        # r, open Africa, down to its first sub-region, filter, then open the first story
        burst(app, "r", "space", "j", "enter", "enter")
        await wait_until(app, lambda: app.query_one(StoryView).story_id is not None)
        await pilot.pause()
        assert [(f.kind, f.value) for f in app.state.filters] == [("subregion", "Northern Africa")]
        assert shown(app) == HAFTAR_STORIES
        assert app.query_one(StoryView).story_id == "libya0000000001"


async def test_actor_typed_before_any_actor_is_known_is_kept(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        app.query_one(ActorSearch).value = ""
        app.query_one("#actors").set_actors([])  # type: ignore[attr-defined]
        app.sidebar_ready = False  # as just after launch: no actor counted yet
        burst(app, *"ahaftar", "enter")
        await wait_until(app, lambda: app.pending_actor is not None)
        assert app.pending_actor == "haftar"
        assert not app.state.filters
        app.sidebar_ready = True
        app.refresh_sidebar()  # the actors arrive
        await wait_until(app, lambda: bool(app.state.filters))
        await pilot.pause()
        assert app.pending_actor is None
        assert [f.value for f in app.state.filters] == ["Khalifa Haftar"]
        assert shown(app) == HAFTAR_STORIES


async def test_unknown_actor_is_said_not_lost(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        burst(app, *"azzzq", "enter")
        await wait_until(app, lambda: bool(app._notifications))
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert 'No actor matches "zzzq".' in messages
        assert isinstance(app.focused, ActorSearch)  # still there to correct the typing
        assert not app.state.filters


async def test_burst_right_after_launch_filters_once_annotated(tmp_path: Path) -> None:
    # the real model annotates the stories while the user has already typed the name
    d = make_desk(tmp_path / "data", annotate=True, nlp_processes=1)
    story, _ = sample_stories()[0]
    fill(d, [(story, None)])
    try:
        app = NewsdeskApp(d)
        async with app.run_test(size=(120, 40)) as pilot:
            burst(app, *"ahaftar", "enter")
            await wait_until(app, lambda: bool(app.state.filters), seconds=60)
            await pilot.pause()
            assert [f.value for f in app.state.filters] == ["Khalifa Haftar"]
            assert shown(app) == ["libya0000000001"]
    finally:
        d.close()


async def test_newline_counts_as_enter(desk: Desk) -> None:
    # keys sent just after launch, while the terminal is still in line mode, end in a newline
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        burst(app, *"ahaftar", "ctrl+j")
        await wait_until(app, lambda: bool(app.state.filters))
        await pilot.pause()
        assert [f.value for f in app.state.filters] == ["Khalifa Haftar"]


async def test_ctrl_t_in_the_actor_box_opens_the_timeline_and_a_types_a_capital(
    desk: Desk,
) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        burst(app, *"aAbdel")
        await wait_until(app, lambda: app.query_one(ActorSearch).value == "Abdel")
        await pilot.press("ctrl+t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActorTimelineScreen)
        assert screen.actor == "Abdel Fattah al-Sisi"


async def test_a_focus_key_does_not_overtake_the_keys_before_it(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        burst(app, "r", "enter")  # filter by the first region
        await wait_until(app, lambda: bool(app.state.filters))
        burst(app, "x", *"ahaftar", "enter")  # clear it, then filter by an actor
        await wait_until(app, lambda: [f.kind for f in app.state.filters] == ["actor"])
        await pilot.pause()
        assert [(f.kind, f.value) for f in app.state.filters] == [("actor", "Khalifa Haftar")]
        assert shown(app) == HAFTAR_STORIES


async def test_escape_leaves_the_actor_box_for_the_story_list(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.press("a", "k", "escape")
        assert isinstance(app.focused, StoryList)
        assert app.query_one(ActorSearch).value == "k"
        await pilot.press("a", "h")  # a jumps back to the box (whose old text is selected)
        assert isinstance(app.focused, ActorSearch)
        assert app.query_one(ActorSearch).value == "h"
