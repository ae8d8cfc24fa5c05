"""The story list: a virtual list that draws only the visible rows, so 10,000 stories filter
and redraw in a few milliseconds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsdesk.models import StoryRow
from newsdesk.ui.actions import pane_bindings
from newsdesk.ui.render import row_text


class StoryList(ScrollView, can_focus=True):
    """Stories, newest first, one line each."""

    BINDINGS: ClassVar[list[BindingType]] = pane_bindings(
        "down", "up", "top", "bottom", "page_down", "page_up", "open"
    )
    COMPONENT_CLASSES: ClassVar[set[str]] = {"story-list--cursor", "story-list--empty"}

    @dataclass
    class Highlighted(Message):
        """The cursor moved to a story."""

        story_list: StoryList
        story_id: str | None

    @dataclass
    class Opened(Message):
        """The user asked to read a story."""

        story_list: StoryList
        story_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[StoryRow] = []
        self._positions: dict[str, int] = {}
        self.cursor = 0
        self.empty_message = "Loading stories…"

    # --- content --------------------------------------------------------------------------

    def show(self, rows: list[StoryRow], keep: str | None = None) -> None:
        """Replace the rows shown; the cursor stays on `keep` (or the current story) if shown."""
        keep = keep or self.current_id
        self.rows = rows
        self._positions = {row.id: i for i, row in enumerate(rows)}
        self.cursor = self._positions.get(keep, 0) if keep else 0
        self.cursor = min(self.cursor, max(len(rows) - 1, 0))
        self.virtual_size = Size(self.size.width, len(rows))
        self._scroll_cursor_visible()
        self.refresh()
        self.post_message(self.Highlighted(self, self.current_id))

    def update_row(self, row: StoryRow) -> None:
        """Redraw one story whose flags or tags changed."""
        at = self._positions.get(row.id)
        if at is None:
            return
        self.rows[at] = row
        self.refresh_line(at - int(self.scroll_offset.y))

    @property
    def current_id(self) -> str | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor].id
        return None

    @property
    def current(self) -> StoryRow | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor]
        return None

    def select_id(self, story_id: str) -> bool:
        at = self._positions.get(story_id)
        if at is None:
            return False
        self._move(at)
        return True

    # --- drawing --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_offset.y) + y
        base = self.rich_style
        if not self.rows:
            if y == 0:
                style = self.get_component_rich_style("story-list--empty")
                return Strip([Segment(" " + self.empty_message, style)]).adjust_cell_length(
                    width, base
                )
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        text: Text = row_text(self.rows[index], width)
        segments = list(text.render(self.app.console))
        strip = Strip(segments).adjust_cell_length(width).apply_style(base)
        if index == self.cursor:
            cursor = self.get_component_rich_style("story-list--cursor")
            if not self.has_focus:
                cursor = Style(bgcolor=cursor.bgcolor, dim=False)
            strip = strip.apply_style(cursor)
        return strip

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.rows))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # --- moving ---------------------------------------------------------------------------

    def _move(self, to: int) -> None:
        if not self.rows:
            return
        to = max(0, min(to, len(self.rows) - 1))
        if to == self.cursor:
            return
        old = self.cursor
        self.cursor = to
        self.refresh_line(old - int(self.scroll_offset.y))
        self._scroll_cursor_visible()
        self.refresh_line(to - int(self.scroll_offset.y))
        self.post_message(self.Highlighted(self, self.current_id))

    def _scroll_cursor_visible(self) -> None:
        self.scroll_to_region(
            Region(0, self.cursor, 1, 1), animate=False, force=True, immediate=True
        )
        self.refresh()

    def action_cursor_down(self) -> None:
        self._move(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self._move(self.cursor - 1)

    def action_cursor_top(self) -> None:
        self._move(0)

    def action_cursor_bottom(self) -> None:
        self._move(len(self.rows) - 1)

    def action_page_down(self) -> None:
        self._move(self.cursor + max(self.scrollable_content_region.height - 1, 1))

    def action_page_up(self) -> None:
        self._move(self.cursor - max(self.scrollable_content_region.height - 1, 1))

    def action_open(self) -> None:
        story_id = self.current_id
        if story_id is not None:
            self.post_message(self.Opened(self, story_id))

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y) + event.y
        if 0 <= index < len(self.rows):
            if index == self.cursor:
                self.action_open()
            else:
                self._move(index)
