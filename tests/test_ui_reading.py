"""Pilot tests: moving from story to story, paging, full screen, saving, piping, undo."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Static

from newsdesk.desk import Desk
from newsdesk.ui.app import NewsdeskApp
from newsdesk.ui.widgets.story_list import StoryList
from newsdesk.ui.widgets.story_view import StoryView
from tests.ui_helpers import desk, fill, make_desk, sample_stories, settle  # noqa: F401

__all__ = ["desk"]


async def test_J_K_move_the_reader_from_story_to_story(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        ids = [r.id for r in app.query_one(StoryList).rows]
        await pilot.press("J")  # no story open: the cursor moves
        assert app.query_one(StoryList).current_id == ids[1]
        assert app.query_one(StoryView).story_id is None
        await pilot.press("enter", "J", "J")
        assert app.query_one(StoryView).story_id == ids[3]
        assert app.focused is app.query_one(StoryView)  # the reader keeps focus
        await pilot.press("K")
        assert app.query_one(StoryView).story_id == ids[2]
        assert app.query_one(StoryList).current_id == ids[2]


async def test_n_opens_the_next_unread_story_and_U_undoes(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        ids = [r.id for r in app.query_one(StoryList).rows]
        desk.store.set_read([ids[1], ids[2]])
        for row in app.index.rows:
            row.read = row.id in (ids[1], ids[2])
        await pilot.press("n")  # from the top: story 0 is the cursor's, so on past it
        assert app.query_one(StoryView).story_id == ids[3]
        assert desk.store.is_read(ids[3])
        await pilot.press("U")
        assert not desk.store.is_read(ids[3])
        await pilot.press("escape", "M")
        assert all(desk.store.is_read(i) for i in ids)
        await pilot.press("U")
        assert not any(desk.store.is_read(i) for i in ids if i not in (ids[1], ids[2]))
        assert desk.store.is_read(ids[1])  # read before M: undo leaves it read


async def test_space_opens_pages_then_goes_on(tmp_path: Path) -> None:
    d = make_desk(tmp_path / "data")
    items = sample_stories()
    long_text = "\n\n".join(f"Paragraph {n} of a long story about talks." for n in range(60))
    items[0] = (replace(items[0][0], text=long_text), None)
    fill(d, items)
    app = NewsdeskApp(d)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app)
            ids = [r.id for r in app.query_one(StoryList).rows]
            reader = app.query_one(StoryView)
            await pilot.press("space")
            assert reader.story_id == ids[0] and reader.scroll_y == 0
            await pilot.press("space")
            assert reader.scroll_y > 0
            for _ in range(40):
                if reader.story_id != ids[0]:
                    break
                await pilot.press("space")
            assert reader.story_id == ids[1]  # at the end: on to the next story
    finally:
        d.close()


async def test_z_toggles_a_full_screen_reader(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.press("z")
        assert app.screen.has_class("-fullscreen")
        assert not app.query_one(StoryList).display or app.query_one(StoryList).size.height == 0
        assert app.query_one(StoryView).size.height >= 30
        await pilot.press("z")
        assert not app.screen.has_class("-fullscreen")
        assert app.query_one(StoryList).size.height > 0


async def test_s_saves_markdown_and_pipe_sends_the_text(tmp_path: Path) -> None:
    saved = tmp_path / "saved"
    piped = tmp_path / "piped.txt"
    d = make_desk(tmp_path / "data", save_dir=saved, pipe_command=f"cat > {piped}")
    fill(d, sample_stories())
    app = NewsdeskApp(d)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app)
            await pilot.press("s")
            files = list(saved.glob("*.md"))
            assert len(files) == 1
            text = files[0].read_text()
            assert text.startswith("## [UN chief Guterres flies to eastern Libya")
            assert "Haftar and Fayez al-Sarraj met in Abu Dhabi" in text
            assert files[0].name.startswith("2019-04-05-un-chief-guterres")
            await pilot.press("vertical_line")
            assert "Haftar and Fayez al-Sarraj met in Abu Dhabi" in piped.read_text()
    finally:
        d.close()


async def test_pipe_without_a_command_says_how_to_set_one(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.press("vertical_line")
        assert any("pipe_command" in str(n.message) for n in app._notifications)


async def test_at_80x24_an_open_story_shows_ten_lines_of_text(tmp_path: Path) -> None:
    d = make_desk(tmp_path / "data")
    items = sample_stories()
    sentence = "Ministers met in the capital on Monday to discuss the border and trade. "
    long_text = "\n\n".join(f"({n}) " + sentence * 4 for n in range(12))
    story, annotation = items[0]
    assert annotation is not None
    items[0] = (replace(story, text=long_text), replace(annotation, entities=()))
    fill(d, items)
    app = NewsdeskApp(d)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app)
            await pilot.press("enter")
            await pilot.pause()
            reader = app.query_one(StoryView)
            view = reader.content_region
            shown = 0
            for para in reader.query(".reader-paragraph").results(Static):
                top = max(para.region.y, view.y)
                bottom = min(para.region.y + para.region.height, view.y + view.height)
                shown += max(0, bottom - top)
            assert shown >= 10, f"{shown} lines of text show"
            assert app.query_one("#reader-card").region.height >= 1  # the card is folded, not gone
    finally:
        d.close()


async def test_a_story_that_cannot_be_read_is_a_message_not_a_crash(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsdesk.store import StoreError

    def unreadable(story_id: str) -> None:
        raise StoreError("stories/2019-04-05-000.json: Permission denied")

    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        monkeypatch.setattr(desk.store, "story", unreadable)  # the disk, outside the reader
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(StoryView).story_id is None
        assert any("Permission denied" in str(n.message) for n in app._notifications)
        assert app.is_running
