"""Opening on a large store: the first screen comes from the index's head, the rest follows, and
nothing is missing once it has."""

from __future__ import annotations

from pathlib import Path

from newsdesk.models import StoryRow
from newsdesk.store import HEAD_ROWS
from newsdesk.ui.app import NewsdeskApp
from newsdesk.ui.widgets.sidebar import ActorFilter
from newsdesk.ui.widgets.story_list import StoryList
from tests.store_helpers import make_annotation, make_story
from tests.ui_helpers import make_desk, settle

COUNT = HEAD_ROWS + 60


async def test_the_first_screen_shows_before_the_index_is_read_and_all_follows(
    tmp_path: Path,
) -> None:
    stories = [make_story(i) for i in range(COUNT)]  # make_story(0) is the newest
    oldest = stories[-1]
    with make_desk(tmp_path / "data") as filler:
        filler.store.add_stories(stories)
        # the oldest story, far beyond the first screen, is the only one naming this actor
        filler.store.set_annotations({oldest.id: make_annotation(actor="Ngozi Okonjo-Iweala")})
    desk = make_desk(tmp_path / "data")
    app = NewsdeskApp(desk)
    shown: list[tuple[int, bool, bool]] = []  # rows, partial, index read when they were set
    set_rows = app.set_rows

    def watched(rows: list[StoryRow], partial: bool = False) -> None:
        shown.append((len(rows), partial, desk.store.index_loaded))
        set_rows(rows, partial)

    app.set_rows = watched  # type: ignore[method-assign]
    with desk:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app)
            assert shown[0] == (HEAD_ROWS, True, False)  # from the head alone
            assert shown[-1] == (COUNT, False, True)
            story_list = app.query_one(StoryList)
            assert [r.id for r in story_list.rows] == [s.id for s in stories]
            assert story_list.cursor == 0 and app.focused is story_list
            await pilot.press("j")
            await pilot.pause()
            assert story_list.cursor == 1
            await pilot.press("a")
            for ch in "okonjo":
                await pilot.press(ch)
            assert app.query_one(ActorFilter).shown[0] == "Ngozi Okonjo-Iweala"
            await pilot.press("enter")
            await pilot.pause()
            assert [r.id for r in story_list.rows] == [oldest.id]


async def test_counting_the_shown_actors_describes_its_worker_without_the_rows(
    tmp_path: Path,
) -> None:
    with make_desk(tmp_path / "data") as desk:
        desk.store.add_stories([make_story(i) for i in range(50)])
        app = NewsdeskApp(desk)
        async with app.run_test(size=(120, 40)):
            await settle(app)
            worker = app.count_shown_actors(app.index, list(app.index.rows))
            # Textual writes repr() of every argument when a worker has no description: a
            # stall on the event loop that grows with the rows
            assert "StoryRow" not in worker.description and len(worker.description) < 40
            await worker.wait()


async def test_the_hidden_refresh_bar_does_not_animate(tmp_path: Path) -> None:
    from textual.widgets import ProgressBar

    with make_desk(tmp_path / "data") as desk:
        app = NewsdeskApp(desk)
        async with app.run_test(size=(120, 40)):
            await settle(app)
            bar = app.query_one("#refresh-bar", ProgressBar)
            # without a total the bar is "indeterminate": it redraws itself 15 times a second
            assert bar.total is not None
            assert all(w.auto_refresh is None for w in bar.query("*"))
