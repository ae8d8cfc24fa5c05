"""The refresh line: a progress bar while feeds arrive, then what the refresh did."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static

from newsdesk.ui.actions import APP_ACTIONS, display_key, effective_keys

if TYPE_CHECKING:
    from newsdesk.desk import RefreshProgress


class RefreshStatus(Horizontal):
    """While a refresh runs: a bar and counts. After it: what it did, for a few seconds; or, when
    the reader refreshes on a period, for good, with the time of the last and the next one."""

    period_minutes = 0  # the auto-reload period; 0 = none
    last: datetime | None = None
    next: datetime | None = None

    def schedule(self, minutes: int) -> None:
        """Refresh every `minutes` from now on: show when the next one comes."""
        self.period_minutes = minutes
        self.next = datetime.now() + timedelta(minutes=minutes)
        self.display = True
        self.query_one("#refresh-bar", ProgressBar).display = False
        self.query_one("#refresh-label", Static).update(self._times())

    def _times(self) -> str:
        parts = []
        if self.last is not None:
            parts.append(f"last refresh {self.last:%H:%M}")
        if self.next is not None:
            parts.append(f"next {self.next:%H:%M}")
        return " · ".join(parts)

    def compose(self) -> ComposeResult:
        yield Static(id="refresh-label")
        # a total from the start: a bar without one is "indeterminate" and animates, redrawing
        # the screen 15 times a second even while it is hidden
        yield ProgressBar(id="refresh-bar", total=1, show_eta=False)

    def on_mount(self) -> None:
        self.display = False

    def started(self, feeds: int) -> None:
        self.display = True
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=max(feeds, 1), progress=0)
        self.query_one("#refresh-label", Static).update("Refreshing…")

    def progressed(self, progress: RefreshProgress) -> None:
        """One bar for the whole refresh (feeds, then each new story's page and annotation,
        which overlap) and the count of each stage."""
        p = progress
        self.display = True
        steps = p.feeds_total + p.new_stories * (2 if p.annotating else 1)
        done = p.feeds_done + p.pages_done + (p.annotated if p.annotating else 0)
        self.query_one(ProgressBar).update(total=max(steps, 1), progress=done)
        text = f"Refreshing: feeds {p.feeds_done}/{p.feeds_total}"
        text += f" · pages {p.pages_done}/{p.new_stories}"
        if p.annotating:
            text += f" · annotated {p.annotated}/{p.new_stories}"
        self.query_one("#refresh-label", Static).update(text)

    def finished(self, text: str) -> None:
        self.query_one(ProgressBar).display = False
        self.last = datetime.now()
        if self.period_minutes:
            self.next = self.last + timedelta(minutes=self.period_minutes)
            self.query_one("#refresh-label", Static).update(f"{text} · {self._times()}")
            return
        self.query_one("#refresh-label", Static).update(text)
        self.set_timer(8, self._hide)

    def _hide(self) -> None:
        self.display = False


class AnnotationNotice(Static):
    """A line that stays while annotation is not going as asked: the worker processes failed
    and it runs in the reader's process, or it stopped. Hidden until there is something to say."""

    def on_mount(self) -> None:
        self.display = False

    def say(self, message: str | None) -> None:
        """Show `message` (None hides the line)."""
        self.update(Text(message or ""))  # the message may quote an error: never markup
        self.display = bool(message)

    @property
    def message(self) -> str:
        content = self.content
        return content.plain if isinstance(content, Text) else str(content)


class KeyHints(Static):
    """The main keys, from the action table with the user's keymap applied. Drawn once: a
    footer that recomposes on every focus change costs more than the filtering it labels."""

    def __init__(self, keymap: dict[str, str], *, id: str | None = None) -> None:
        hints = Text(no_wrap=True, overflow="ellipsis")
        for spec in APP_ACTIONS:
            if not spec.show:
                continue
            keys = effective_keys(spec, keymap)
            if keys:
                hints.append(f" {display_key(keys[0])}", "bold #e3b341")
                hints.append(f" {spec.title.lower()} ")
        super().__init__(hints, id=id)
