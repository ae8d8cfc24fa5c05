"""Every feed's last status, failures first."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from newsdesk.models import FeedState
from newsdesk.text import clean_line
from newsdesk.ui.actions import pane_bindings


class FeedTable(DataTable[Text]):
    BINDINGS: ClassVar[list[BindingType]] = pane_bindings("down", "up", "top", "bottom")

    def action_cursor_top(self) -> None:
        self.move_cursor(row=0)

    def action_cursor_bottom(self) -> None:
        self.move_cursor(row=self.row_count - 1)


class FeedErrorsScreen(ModalScreen[None]):
    """Lists feeds and why the failing ones failed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,e", "close", "Close", show=False),
    ]

    def __init__(self, states: list[FeedState]) -> None:
        super().__init__()
        self.states = sorted(states, key=lambda s: (s.error is None, s.url))

    def compose(self) -> ComposeResult:
        failed = sum(1 for s in self.states if s.error)
        with Vertical(id="errors-box"):
            yield Static(
                f"Feeds: {len(self.states)}, failing: {failed}  (esc to close)", id="errors-title"
            )
            yield FeedTable(id="errors-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(FeedTable)
        table.add_columns("Feed", "Status", "Error", "Last ok")
        for state in self.states:
            status = "ok" if not state.error else "failed"
            if state.status is not None:
                status += f" ({state.status})"
            table.add_row(
                Text(clean_line(state.title or state.url)),
                Text(status, "bold #ff7b72" if state.error else "#7ee787"),
                Text(clean_line(state.error or state.bozo or "")),
                Text(clean_line((state.last_ok or "never")[:16])),
            )
        if not self.states:
            self.query_one("#errors-title", Static).update("No feed has been refreshed yet.")
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
