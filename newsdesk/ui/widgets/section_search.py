"""The type-to-filter box of a sidebar section (actors, feeds, views)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input

from newsdesk.ui.widgets.virtual_list import VirtualList


class SectionSearch(Input):
    """Typing filters the list under the box; up/down move in that list; esc goes back to the
    story list, the box kept as typed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "list_down", show=False),
        Binding("up", "list_up", show=False),
        Binding("escape", "leave", show=False),
    ]

    def _list(self) -> VirtualList:
        parent = self.parent
        assert parent is not None
        return parent.query_one(VirtualList)

    def action_list_down(self) -> None:
        self._list().action_cursor_down()

    def action_list_up(self) -> None:
        self._list().action_cursor_up()

    def action_leave(self) -> None:
        self.screen.set_focus(self.screen.query_one("#stories"))
