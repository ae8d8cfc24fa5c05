"""The help screen: every key, grouped by what it acts on, with the binding id to rebind it."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from newsdesk.ui.actions import ALL_ACTIONS, HELP_GROUPS, ActionSpec, display_key, effective_keys

_BY_ID = {spec.id: spec for spec in ALL_ACTIONS}


def help_groups() -> list[tuple[str, list[ActionSpec]]]:
    """The actions under each help title, in the order of HELP_GROUPS."""
    return [(title, [_BY_ID[f"newsdesk.{name}"] for name in names]) for title, names in HELP_GROUPS]


def help_rows(keymap: dict[str, str]) -> list[tuple[str, str, str]]:
    """(keys, title, binding id) for every action, with the user's keymap applied."""
    rows = []
    for _, specs in help_groups():
        for spec in specs:
            keys = ", ".join(display_key(k) for k in effective_keys(spec, keymap))
            rows.append((keys, spec.title, spec.id))
    return rows


def _table(title: str, specs: list[ActionSpec], keymap: dict[str, str]) -> Table:
    table = Table(title=title, title_justify="left", expand=True, box=None, padding=(0, 2))
    table.add_column(Text("Keys"), style="bold #e3b341", no_wrap=True, width=14)
    table.add_column(Text("What it does"), ratio=1)
    table.add_column(Text("Binding id"), style="#8b949e", no_wrap=True, width=26)
    for spec in specs:
        keys = ", ".join(display_key(k) for k in effective_keys(spec, keymap))
        table.add_row(Text(keys), Text(spec.help), Text(spec.id))
    return table


class HelpScreen(ModalScreen[None]):
    """Lists every key binding; scrolls with the usual keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", show=False),
        Binding("j,down", "scroll('down')", show=False),
        Binding("k,up", "scroll('up')", show=False),
        Binding("space,pagedown", "scroll('page_down')", show=False),
        Binding("pageup", "scroll('page_up')", show=False),
        Binding("g,home", "scroll('home')", show=False),
        Binding("G,end", "scroll('end')", show=False),
    ]

    def __init__(self, keymap: dict[str, str]) -> None:
        super().__init__()
        self.keymap = keymap
        self.rows = help_rows(keymap)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            for number, (title, specs) in enumerate(help_groups()):
                yield Static(_table(title, specs, self.keymap), id=f"help-group-{number}")
            yield Static(
                Text(
                    "Markers: ● unread  ★ bookmarked  ⇄ reports a meeting  ✗ feed failed.  "
                    "Filters combine; remove one with its chip (tab to it, enter) or ⌫.  "
                    "Rebind a key in the config's [keymap] table by its binding id, "
                    'for example "newsdesk.bookmark" = "ctrl+b".',
                    style="italic",
                ),
                id="help-footnote",
            )

    def action_scroll(self, how: str) -> None:
        box = self.query_one("#help-box", VerticalScroll)
        moves = {
            "down": box.scroll_down,
            "up": box.scroll_up,
            "page_down": box.scroll_page_down,
            "page_up": box.scroll_page_up,
            "home": box.scroll_home,
            "end": box.scroll_end,
        }
        moves[how](animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
