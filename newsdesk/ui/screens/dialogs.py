"""Small dialogs: the search box and the name of a view to save."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class SearchDialog(ModalScreen[str | None]):
    """Asks for words to find in titles and text."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, value: str = "") -> None:
        super().__init__()
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Static("Search titles and text (enter to search, esc to cancel)")
            yield Input(self.value, placeholder="words…", id="search-input")

    def on_mount(self) -> None:
        box = self.query_one("#search-input", Input)
        self.set_focus(box)
        release = getattr(self.app, "release_keys", None)
        if release is not None:
            release()  # keys typed right after the key that opened the dialog

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NameDialog(ModalScreen[str | None]):
    """Asks for a name (of a view to save)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, prompt: str) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        with Vertical(id="name-box"):
            yield Static(Text(self.prompt))
            yield Input(placeholder="name…", id="name-input")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#name-input", Input))
        release = getattr(self.app, "release_keys", None)
        if release is not None:
            release()

    @on(Input.Submitted, "#name-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
