"""The cursor row is visible: its background differs from every other row, focused or not."""

from __future__ import annotations

from rich.color import Color

from newsdesk.desk import Desk
from newsdesk.ui.app import NewsdeskApp
from newsdesk.ui.widgets.story_list import StoryList
from tests.ui_helpers import desk, settle  # noqa: F401

__all__ = ["desk"]


def _row_backgrounds(story_list: StoryList) -> list[set[Color | None]]:
    """The background colours used on each drawn line of the list."""
    out = []
    for y in range(story_list.item_count):
        strip = story_list.render_line(y)
        out.append({seg.style.bgcolor if seg.style else None for seg in strip if seg.text.strip()})
    return out


async def test_j_j_marks_the_third_row_and_enter_opens_it(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        story_list = app.query_one(StoryList)
        assert app.focused is story_list
        await pilot.press("j", "j")
        await pilot.pause()
        assert story_list.cursor == 2
        backgrounds = _row_backgrounds(story_list)
        cursor_bg = backgrounds[2]
        assert len(cursor_bg) == 1 and None not in cursor_bg
        for y, bg in enumerate(backgrounds):
            if y != 2:
                assert not (bg & cursor_bg), f"row {y} looks like the cursor row"
        third = story_list.rows[2].id
        await pilot.press("enter")
        await pilot.pause()
        assert app.reading_id == third


async def test_the_cursor_stays_visible_when_the_list_loses_focus(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        story_list = app.query_one(StoryList)
        focused_bg = _row_backgrounds(story_list)[0]
        await pilot.press("enter")  # the reader takes focus
        await pilot.pause()
        assert app.focused is not story_list
        backgrounds = _row_backgrounds(story_list)
        blurred_bg = backgrounds[0]
        assert blurred_bg and None not in blurred_bg
        assert blurred_bg != focused_bg  # a dimmer mark when the pane has no focus
        assert all(not (bg & blurred_bg) for bg in backgrounds[1:])
