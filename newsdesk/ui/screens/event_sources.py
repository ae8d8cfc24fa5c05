"""The sources of one event: every copy and follow-up of a story; enter opens one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from newsdesk.models import StoryRow
from newsdesk.text import clean_line
from newsdesk.ui.render import SOURCES_MARK, format_time
from newsdesk.ui.screens.actor_timeline import TimelineTable


class EventSourcesScreen(ModalScreen[str | None]):
    """Feed, time, title and link of each story of an event (newest first)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", show=False),
    ]

    def __init__(self, rows: list[StoryRow], current: str | None = None) -> None:
        super().__init__()
        self.rows = rows
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="sources-box"):
            title = Text(f"{SOURCES_MARK} {len(self.rows)} sources  ", "bold #d2a8ff")
            title.append(clean_line(self.rows[0].title) if self.rows else "", "bold")
            title.append("  enter opens one, esc closes", "#8b949e")
            yield Static(title, id="sources-title")
            yield TimelineTable(id="sources-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(TimelineTable)
        table.add_columns("Feed", "Time", "Title", "Link")
        for row in self.rows:
            mark = "▸ " if row.id == self.current else "  "
            table.add_row(
                Text(mark + clean_line(row.feed_title or row.feed_url), "bold"),
                Text(format_time(row.published or row.fetched)),
                Text(clean_line(row.title)),
                Text(clean_line(row.link or ""), "#6cb6ff"),
            )
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.dismiss(self.rows[event.cursor_row].id)

    def action_close(self) -> None:
        self.dismiss(None)
