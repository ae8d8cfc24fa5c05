"""A one-line-per-item list that draws only the visible lines: cheap to refill on every key."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsdesk.ui.actions import pane_bindings


class VirtualList(ScrollView, can_focus=True):
    """Subclasses say how many items there are and how to draw one."""

    BINDINGS: ClassVar[list[BindingType]] = pane_bindings(
        "down", "up", "top", "bottom", "page_down", "page_up", "open"
    )
    COMPONENT_CLASSES: ClassVar[set[str]] = {"virtual-list--cursor", "virtual-list--empty"}

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.cursor = 0
        self.empty_message = ""

    # --- for subclasses -----------------------------------------------------------------

    @property
    def item_count(self) -> int:
        raise NotImplementedError

    def render_item(self, index: int, width: int) -> Text:
        raise NotImplementedError

    def cursor_moved(self) -> None:
        """Called when the cursor lands on another item."""

    def item_opened(self, index: int) -> None:
        """Called on enter (or a click on the current item)."""

    def reset(self, cursor: int = 0) -> None:
        """The items changed: put the cursor at `cursor` and redraw."""
        self.cursor = max(0, min(cursor, self.item_count - 1))
        self.virtual_size = Size(self.size.width, self.item_count)
        self._scroll_cursor_visible()
        self.refresh()
        self.cursor_moved()

    def refresh_item(self, index: int) -> None:
        self.refresh_line(index - int(self.scroll_offset.y))

    # --- drawing --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_offset.y) + y
        base = self.rich_style
        count = self.item_count
        if not count:
            if y == 0 and self.empty_message:
                style = self.get_component_rich_style("virtual-list--empty")
                return Strip([Segment(" " + self.empty_message, style)]).adjust_cell_length(
                    width, base
                )
            return Strip.blank(width, base)
        if index >= count:
            return Strip.blank(width, base)
        text = self.render_item(index, width)
        segments = list(text.render(self.app.console))
        strip = Strip(segments).adjust_cell_length(width).apply_style(base)
        if index == self.cursor:
            cursor = self.get_component_rich_style("virtual-list--cursor")
            if not self.has_focus:
                cursor = Style(bgcolor=cursor.bgcolor)
            # laid over the row's own styles (Strip.apply_style would lay it under them, and
            # the row's background would hide the cursor)
            strip = Strip(Segment.apply_style(strip, post_style=cursor), strip.cell_length)
        return strip

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self.item_count)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # --- moving ---------------------------------------------------------------------------

    def move_to(self, to: int) -> None:
        count = self.item_count
        if not count:
            return
        to = max(0, min(to, count - 1))
        if to == self.cursor:
            return
        old = self.cursor
        self.cursor = to
        self.refresh_item(old)
        self._scroll_cursor_visible()
        self.refresh_item(to)
        self.cursor_moved()

    def _scroll_cursor_visible(self) -> None:
        self.scroll_to_region(
            Region(0, self.cursor, 1, 1), animate=False, force=True, immediate=True
        )
        self.refresh()

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_cursor_top(self) -> None:
        self.move_to(0)

    def action_cursor_bottom(self) -> None:
        self.move_to(self.item_count - 1)

    def action_page_down(self) -> None:
        self.move_to(self.cursor + max(self.scrollable_content_region.height - 1, 1))

    def action_page_up(self) -> None:
        self.move_to(self.cursor - max(self.scrollable_content_region.height - 1, 1))

    def action_open(self) -> None:
        if 0 <= self.cursor < self.item_count:
            self.item_opened(self.cursor)

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y) + event.y
        if 0 <= index < self.item_count:
            if index == self.cursor:
                self.action_open()
            else:
                self.move_to(index)
