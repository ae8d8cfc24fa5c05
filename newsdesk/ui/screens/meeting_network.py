"""The meeting network of one actor: whom they met across the store; enter filters by a pair."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from newsdesk.text import clean_line
from newsdesk.ui.screens.actor_timeline import TimelineTable
from newsdesk.ui.timeline import Counterpart


class MeetingNetworkScreen(ModalScreen[str | None]):
    """Counterpart, number of meetings, last date and place; enter gives the counterpart."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", show=False),
    ]

    def __init__(self, actor: str, counterparts: list[Counterpart]) -> None:
        super().__init__()
        self.actor = actor
        self.counterparts = counterparts

    def compose(self) -> ComposeResult:
        with Vertical(id="network-box"):
            title = Text("Whom ", "bold")
            title.append(clean_line(self.actor), "bold #f0a35e")
            title.append(f" met  ({len(self.counterparts)})", "bold")
            title.append("  enter filters by the pair, esc closes", "#8b949e")
            if not self.counterparts:
                title = Text(f"No meetings found for {clean_line(self.actor)}.  (esc closes)")
            yield Static(title, id="network-title")
            yield TimelineTable(id="network-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(TimelineTable)
        table.add_columns("Met", "Meetings", "Last", "Place")
        for met in self.counterparts:
            table.add_row(
                Text(clean_line(met.name), "bold"),
                Text(str(met.meetings), justify="right"),
                Text(met.last_date or "?"),
                Text(clean_line(met.last_place)),
            )
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.dismiss(self.counterparts[event.cursor_row].name)

    def action_close(self) -> None:
        self.dismiss(None)
