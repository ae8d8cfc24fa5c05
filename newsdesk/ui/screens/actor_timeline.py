"""The actor view: an actor's meetings across every stored story."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from newsdesk.text import clean_line
from newsdesk.ui.actions import pane_bindings
from newsdesk.ui.render import SOURCES_MARK, meeting_text
from newsdesk.ui.timeline import TimelineEntry


class TimelineTable(DataTable[Text]):
    BINDINGS: ClassVar[list[BindingType]] = pane_bindings("down", "up", "top", "bottom")

    def action_cursor_top(self) -> None:
        self.move_cursor(row=0)

    def action_cursor_bottom(self) -> None:
        self.move_cursor(row=self.row_count - 1)


class ActorTimelineScreen(ModalScreen[str | None]):
    """Date, counterpart, place and story of each meeting; enter opens the story."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", show=False),
    ]

    def __init__(self, actor: str, entries: list[TimelineEntry]) -> None:
        super().__init__()
        self.actor = actor
        self.entries = entries

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline-box"):
            title = Text("Meetings of ", "bold")
            title.append(clean_line(self.actor), "bold #f0a35e")
            title.append(f"  ({len(self.entries)})  enter opens the story, esc closes", "#8b949e")
            yield Static(title, id="timeline-title")
            yield TimelineTable(id="timeline-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="timeline-evidence")

    def on_mount(self) -> None:
        table = self.query_one(TimelineTable)
        table.add_columns("Date", "Met", "Place", "Sources", "Story")
        for entry in self.entries:
            met = ", ".join(clean_line(c) for c in entry.counterparts) or "?"
            if entry.status == "planned":
                met += " (planned)"
            if entry.mode == "remote":
                met += " (call)"
            # sources that disagree on the date or the place: every value they gave shows
            dates = " / ".join(entry.dates) if len(entry.dates) > 1 else entry.date
            places = entry.places if len(entry.places) > 1 else (entry.place,)
            table.add_row(
                Text(dates or "?"),
                Text(met, "bold"),
                Text(" / ".join(clean_line(p) for p in places)),
                Text(f"{SOURCES_MARK} {entry.sources}", "#d2a8ff"),
                Text(clean_line(entry.story_title)),
            )
        if not self.entries:
            self.query_one("#timeline-title", Static).update(
                Text(f"No meetings found for {clean_line(self.actor)}.  (esc closes)")
            )
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Under the table: the highlighted meeting's line and its evidence, as on the card."""
        event.stop()
        if not 0 <= event.cursor_row < len(self.entries):
            return
        meeting = self.entries[event.cursor_row].meeting
        line = meeting_text(meeting) if meeting is not None else Text()
        self.query_one("#timeline-evidence", Static).update(line)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.dismiss(self.entries[event.cursor_row].story_id)

    def action_close(self) -> None:
        self.dismiss(None)
