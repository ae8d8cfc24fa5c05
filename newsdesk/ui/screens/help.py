"""The help screen: every key, from the same table the bindings come from."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from newsdesk.ui.actions import APP_ACTIONS, PANE_ACTIONS, ActionSpec, display_key, effective_keys


def help_rows(keymap: dict[str, str]) -> list[tuple[str, str, str]]:
    """(keys, title, help) for every action, with the user's keymap applied."""
    rows = []
    for spec in (*APP_ACTIONS, *PANE_ACTIONS):
        keys = ", ".join(display_key(k) for k in effective_keys(spec, keymap))
        rows.append((keys, spec.title, spec.help))
    return rows


def _table(title: str, specs: tuple[ActionSpec, ...], keymap: dict[str, str]) -> Table:
    table = Table(title=title, title_justify="left", expand=True, box=None, padding=(0, 2))
    table.add_column("Keys", style="bold #e3b341", no_wrap=True)
    table.add_column("Action", style="bold")
    table.add_column("What it does")
    for spec in specs:
        keys = ", ".join(display_key(k) for k in effective_keys(spec, keymap))
        table.add_row(Text(keys), Text(spec.title), Text(spec.help))
    return table


class HelpScreen(ModalScreen[None]):
    """Lists every key binding."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", show=False),
    ]

    def __init__(self, keymap: dict[str, str]) -> None:
        super().__init__()
        self.keymap = keymap
        self.rows = help_rows(keymap)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(_table("Everywhere", APP_ACTIONS, self.keymap), id="help-global")
            yield Static(_table("In lists and the reader", PANE_ACTIONS, self.keymap))
            yield Static(
                Text(
                    "Markers: ● unread  ★ bookmarked  ⇄ reports a meeting.  "
                    "Filters combine; remove one with its chip (tab to it, enter) or ⌫.  "
                    "Keys can be rebound in the [keymap] table of the config.",
                    style="italic",
                ),
                id="help-footnote",
            )

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
