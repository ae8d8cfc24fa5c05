"""The active-filters line: one chip per filter; enter, delete or a click removes it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Static

from newsdesk.query import FilterState
from newsdesk.text import clean_line


class FilterChip(Static, can_focus=True):
    """One active filter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,delete,backspace,x", "remove", "Remove filter", show=False),
    ]

    @dataclass
    class Removed(Message):
        """The user removed this filter."""

        chip: FilterChip
        key: str  # "filter:<index>", "unread" or "bookmarks"

    def __init__(self, label: str, key: str) -> None:
        text = Text(clean_line(label))
        text.append(" ×", "bold")
        super().__init__(text, classes="filter-chip")
        self.key = key

    def action_remove(self) -> None:
        self.post_message(self.Removed(self, self.key))

    def on_click(self) -> None:
        self.action_remove()


class FilterBar(Horizontal):
    """Shows what narrows the list and how many stories are shown."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield Static("All stories", id="filter-none")
        yield Horizontal(id="filter-chips")
        yield Static(id="filter-count")

    def show(self, state: FilterState, shown: int, total: int) -> None:
        wanted = [(f.label, f"filter:{i}") for i, f in enumerate(state.filters)]
        if state.unread_only:
            wanted.append(("unread only", "unread"))
        if state.bookmarks_only:
            wanted.append(("bookmarks", "bookmarks"))
        if wanted != self._shown:  # remount only when the filters changed
            self._shown = wanted
            chips = self.query_one("#filter-chips", Horizontal)
            chips.remove_children()
            chips.mount_all(FilterChip(label, key) for label, key in wanted)
            self.query_one("#filter-none", Static).display = not wanted
        self.query_one("#filter-count", Static).update(f"{shown} of {total} stories")

    @property
    def labels(self) -> list[str]:
        return [str(chip.content) for chip in self.query(FilterChip)]
