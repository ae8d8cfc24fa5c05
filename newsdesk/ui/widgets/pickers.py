"""Sidebar sections that list things to filter by, with a type-to-filter box: feeds by tag, and
saved views. (The actor section has its own widget: its ranking and typing-ahead differ.)"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from newsdesk.query import UNTAGGED, FeedCount
from newsdesk.text import clean_line
from newsdesk.ui.widgets.section_search import SectionSearch
from newsdesk.ui.widgets.virtual_list import VirtualList

MUTED = "#8b949e"
ERROR = "bold #f85149"


@dataclass(frozen=True)
class PickItem:
    """One line of a section: what it filters by, and how it is drawn."""

    kind: str  # "tag", "feed" or "view"
    value: str  # the tag, the feed's URL, the view's name
    label: str
    counts: str = ""  # "3/20": unread / total, or a view's live count
    depth: int = 0  # 1 for a feed under its tag
    failed: bool = False  # a feed whose last refresh failed


class PickSearch(SectionSearch):
    """The type-to-filter box of a feeds or views section."""


class PickList(VirtualList):
    """The lines of a section."""

    @dataclass
    class Chosen(Message):
        pick_list: PickList
        index: int

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.items: list[PickItem] = []
        self.empty_message = "nothing matches"

    @property
    def item_count(self) -> int:
        return len(self.items)

    def render_item(self, index: int, width: int) -> Text:
        item = self.items[index]
        mark = "✗ " if item.failed else ""
        counts = f" {item.counts}" if item.counts else ""
        room = max(width - len(counts) - 1 - 2 * item.depth - len(mark), 1)
        shown = clean_line(item.label)
        if len(shown) > room:
            shown = shown[: room - 1] + "…"
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        line.append(" " + "  " * item.depth)
        if mark:
            line.append(mark, ERROR)
        line.append(shown.ljust(room), "bold" if item.kind == "tag" else "")
        line.append(counts, MUTED)
        return line

    def item_opened(self, index: int) -> None:
        self.post_message(self.Chosen(self, index))


class Picker(Vertical):
    """A titled section: a box to type in and the lines that match it."""

    @dataclass
    class Picked(Message):
        """Enter on a line (or in the box, on the best match)."""

        picker: Picker
        item: PickItem

    def __init__(self, title: str, placeholder: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="picker")
        self.title = title
        self.placeholder = placeholder
        self.all_items: list[PickItem] = []
        self.shown: list[PickItem] = []

    def compose(self) -> ComposeResult:
        yield Static(self.title, classes="pane-title")
        yield PickSearch(placeholder=self.placeholder, classes="pick-search")
        yield PickList(classes="pick-list")

    def on_descendant_focus(self) -> None:
        self.query_one(".pane-title").add_class("-focused")

    def on_descendant_blur(self) -> None:
        self.query_one(".pane-title").remove_class("-focused")

    def set_items(self, items: list[PickItem]) -> None:
        self.all_items = items
        self.refilter()

    def refilter(self) -> None:
        query = self.query_one(PickSearch).value.strip()
        if not query:
            self.shown = list(self.all_items)
        else:
            # flat matches: names with a word starting with the query first, then the rest
            # holding it; in the section's order within each
            q = query.casefold()
            starts: list[PickItem] = []
            inside: list[PickItem] = []
            for it in self.all_items:
                label = it.label.casefold()
                at = label.find(q)
                if at < 0 or it.kind == "none":
                    continue
                flat = PickItem(it.kind, it.value, it.label, it.counts, 0, it.failed)
                word_start = at == 0 or not label[at - 1].isalnum()
                (starts if word_start else inside).append(flat)
            self.shown = starts + inside
        lines = self.query_one(PickList)
        lines.items = self.shown
        lines.reset(0)

    @property
    def highlighted(self) -> PickItem | None:
        index = self.query_one(PickList).cursor
        return self.shown[index] if 0 <= index < len(self.shown) else None

    def focus_box(self) -> None:
        self.screen.set_focus(self.query_one(PickSearch))

    @on(Input.Changed, ".pick-search")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.refilter()

    @on(Input.Submitted, ".pick-search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose()

    @on(PickList.Chosen)
    def _chosen(self, event: PickList.Chosen) -> None:
        event.stop()
        self._choose()

    def _choose(self) -> None:
        item = self.highlighted
        if item is not None:
            self.post_message(self.Picked(self, item))


def feed_items(feeds: dict[str, list[FeedCount]], failed: set[str]) -> list[PickItem]:
    """Tags, each followed by its feeds, with unread/total counts; a failed feed marked."""
    items: list[PickItem] = []
    for tag, counts in feeds.items():
        unread = sum(c.unread for c in counts)
        total = sum(c.total for c in counts)
        if tag != UNTAGGED:
            items.append(PickItem("tag", tag, tag, f"{unread}/{total}"))
        else:
            items.append(PickItem("none", "", "feeds without a tag"))
        for c in counts:
            items.append(
                PickItem("feed", c.url, c.title, f"{c.unread}/{c.total}", 1, c.url in failed)
            )
    return items
