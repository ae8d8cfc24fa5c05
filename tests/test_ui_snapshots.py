"""Layout snapshots at fixed sizes (pytest-textual-snapshot)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from newsdesk.desk import Desk
from newsdesk.ui.app import NewsdeskApp
from tests.ui_helpers import desk, settle  # noqa: F401

__all__ = ["desk"]

SnapCompare = Callable[..., bool]


def _ready(app: NewsdeskApp, *keys: str) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(app)
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


def test_main_view_with_a_story_open_120x40(desk: Desk, snap_compare: SnapCompare) -> None:
    app = NewsdeskApp(desk)
    assert snap_compare(app, terminal_size=(120, 40), run_before=_ready(app, "enter", "tab"))


def test_list_filtered_by_region_80x24(desk: Desk, snap_compare: SnapCompare) -> None:
    app = NewsdeskApp(desk)
    keys = ("r", "space", "j", "enter")  # open Africa, Northern Africa, filter
    assert snap_compare(app, terminal_size=(80, 24), run_before=_ready(app, *keys))


def test_help_80x24(desk: Desk, snap_compare: SnapCompare) -> None:
    app = NewsdeskApp(desk)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_ready(app, "question_mark"))


def test_cursor_on_the_third_row_80x24(desk: Desk, snap_compare: SnapCompare) -> None:
    app = NewsdeskApp(desk)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_ready(app, "j", "j"))


def test_story_open_at_80x24(desk: Desk, snap_compare: SnapCompare) -> None:
    app = NewsdeskApp(desk)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_ready(app, "enter"))


def test_feeds_section_80x24(desk: Desk, snap_compare: SnapCompare) -> None:
    app = NewsdeskApp(desk)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_ready(app, "f"))
