"""The story list: 10,000 stories filter and redraw in a few milliseconds."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message

from newsdesk.models import StoryRow
from newsdesk.ui.render import row_text
from newsdesk.ui.widgets.virtual_list import VirtualList


class StoryList(VirtualList):
    """Stories, newest first, one line each."""

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
        self.sources: dict[str, int] = {}  # story id -> stories in the event its row stands for
        self.empty_message = "Loading stories…"

    @property
    def item_count(self) -> int:
        return len(self.rows)

    def render_item(self, index: int, width: int) -> Text:
        row = self.rows[index]
        return row_text(row, width, sources=self.sources.get(row.id, 0))

    def cursor_moved(self) -> None:
        self.post_message(self.Highlighted(self, self.current_id))

    def item_opened(self, index: int) -> None:
        self.post_message(self.Opened(self, self.rows[index].id))

    def show(
        self, rows: list[StoryRow], keep: str | None = None, sources: dict[str, int] | None = None
    ) -> None:
        """Replace the rows shown; the cursor stays on `keep` (or the current story) if shown.
        `sources`: story id -> the size of the event its row stands for (when more than one)."""
        keep = keep or self.current_id
        self.rows = rows
        self.sources = sources or {}
        self._positions = {row.id: i for i, row in enumerate(rows)}
        self.reset(self._positions.get(keep, 0) if keep else 0)

    def update_row(self, row: StoryRow) -> None:
        """Redraw one story whose flags or tags changed."""
        at = self._positions.get(row.id)
        if at is not None:
            self.rows[at] = row
            self.refresh_item(at)

    @property
    def current_id(self) -> str | None:
        row = self.current
        return row.id if row else None

    @property
    def current(self) -> StoryRow | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor]
        return None

    def select_id(self, story_id: str) -> bool:
        at = self._positions.get(story_id)
        if at is None:
            return False
        self.move_to(at)
        return True
