"""The reader: header, the who-met-whom card, a legend, then the text with names highlighted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from newsdesk.models import Annotation, Entity, Story
from newsdesk.query import ActorCatalog
from newsdesk.ui.actions import pane_bindings
from newsdesk.ui.canonical import canonical_annotation, kind_labels
from newsdesk.ui.render import (
    Paragraph,
    card_text,
    header_text,
    legend_text,
    paragraphs,
    visible_entities,
)

PLACEHOLDER = "Select a story and press enter to read it."


class StoryView(VerticalScroll, can_focus=True):
    """One story, scrollable; tab / shift+tab walk the highlighted names."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *pane_bindings("next_entity", "previous_entity", "open", "close_reader"),
        Binding("j", "scroll_down", show=False, id="newsdesk.reader_down"),
        Binding("k", "scroll_up", show=False, id="newsdesk.reader_up"),
        Binding("g", "scroll_home", show=False, id="newsdesk.reader_top"),
        Binding("G", "scroll_end", show=False, id="newsdesk.reader_bottom"),
    ]

    @dataclass
    class EntityChosen(Message):
        """The user pressed enter on a highlighted name."""

        story_view: StoryView
        entity: Entity

    @dataclass
    class Closed(Message):
        """The user left the reader."""

        story_view: StoryView

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story: Story | None = None
        self.annotation: Annotation | None = None
        self.catalog = ActorCatalog()  # the store's actor index, set by the app
        self.entities: list[Entity] = []
        self.current: int | None = None
        self._paragraphs: list[Paragraph] = []
        self._where: dict[int, int] = {}  # entity index -> paragraph index

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(Text(PLACEHOLDER, "italic"), id="reader-header")
        yield Static(id="reader-card", classes="-empty")
        yield Static(id="reader-legend")
        yield Vertical(id="reader-body")

    @property
    def story_id(self) -> str | None:
        return self.story.id if self.story else None

    def show(self, story: Story, annotation: Annotation | None, pending: bool) -> None:
        same = self.story is not None and self.story.id == story.id
        self.story = story
        body = story.text or story.summary
        self.entities = visible_entities(body, annotation.entities if annotation else ())
        if annotation is not None and self.catalog:  # canonical names, government bodies
            self.entities = kind_labels(self.entities, story.id, annotation, self.catalog)
            annotation = canonical_annotation(story.id, annotation, self.catalog)
        self.annotation = annotation
        if not same or self.current is None or self.current >= len(self.entities):
            self.current = None
        self.query_one("#reader-header", Static).update(header_text(story))
        card = card_text(annotation, pending)
        self.query_one("#reader-card", Static).update(card)
        self.query_one("#reader-card", Static).set_class(not card.plain, "-empty")
        labels = sorted({e.label for e in self.entities})
        self.query_one("#reader-legend", Static).update(legend_text(labels) if labels else "")
        self._paragraphs = paragraphs(body, self.entities, self.current)
        self._where = {i: p for p, para in enumerate(self._paragraphs) for i in para.entities}
        holder = self.query_one("#reader-body", Vertical)
        holder.remove_children()
        holder.mount_all(Static(para.text, classes="reader-paragraph") for para in self._paragraphs)
        if not same:
            self.scroll_home(animate=False)

    def clear(self) -> None:
        self.story = None
        self.annotation = None
        self.entities = []
        self.current = None
        self.query_one("#reader-header", Static).update(Text(PLACEHOLDER, "italic"))
        self.query_one("#reader-card", Static).update("")
        self.query_one("#reader-card", Static).add_class("-empty")
        self.query_one("#reader-legend", Static).update("")
        self.query_one("#reader-body", Vertical).remove_children()

    @property
    def current_entity(self) -> Entity | None:
        if self.current is None or not 0 <= self.current < len(self.entities):
            return None
        return self.entities[self.current]

    def _step(self, delta: int) -> None:
        old = self.current
        last = len(self.entities) - 1
        if not self.entities or self.story is None or old == (last if delta > 0 else 0):
            # past the last highlighted name (or before the first): on to the next pane
            self.current = None
            if old is not None and self.story is not None:
                self._repaint_entity(old)
            if delta > 0:
                self.screen.focus_next()
            else:
                self.screen.focus_previous()
            return
        if old is None:
            new = 0 if delta > 0 else len(self.entities) - 1
        else:
            new = (old + delta) % len(self.entities)
        self.current = new
        body = self.story.text or self.story.summary
        fresh = paragraphs(body, self.entities, new)
        statics = list(self.query(".reader-paragraph").results(Static))
        for index in {self._where.get(old, -1) if old is not None else -1, self._where[new]}:
            if 0 <= index < len(statics) and index < len(fresh):
                statics[index].update(fresh[index].text)
        self._paragraphs = fresh
        target = self._where[new]
        if target < len(statics):
            para = fresh[target]
            name_at = para.offsets[para.entities.index(new)] if para.offsets else 0
            self._scroll_to_entity(statics[target], para, name_at)

    def _repaint_entity(self, index: int) -> None:
        """Redraw the paragraph holding entity `index` with the current highlight."""
        assert self.story is not None
        fresh = paragraphs(self.story.text or self.story.summary, self.entities, self.current)
        statics = list(self.query(".reader-paragraph").results(Static))
        at = self._where.get(index, -1)
        if 0 <= at < len(statics) and at < len(fresh):
            statics[at].update(fresh[at].text)
        self._paragraphs = fresh

    def _scroll_to_entity(self, widget: Static, para: Paragraph, name_at: int) -> None:
        """Scroll so the line holding the entity shows, leaving the view alone when it does."""
        width = max(widget.content_region.width, 10)
        line = 0
        if name_at > 0:
            lines = para.text.wrap(self.app.console, width)
            seen = 0
            for number, wrapped in enumerate(lines):
                seen += len(wrapped.plain) + 1
                if seen > name_at:
                    line = number
                    break
        body = self.query_one("#reader-body", Vertical)
        y = body.virtual_region.y + widget.virtual_region.y + line
        top = int(self.scroll_y)
        height = self.scrollable_content_region.height
        if not top <= y < top + height - 1:
            self.scroll_to(y=max(0, y - height // 3), animate=False)

    def action_next_entity(self) -> None:
        self._step(1)

    def action_previous_entity(self) -> None:
        self._step(-1)

    def action_open(self) -> None:
        entity = self.current_entity
        if entity is not None:
            self.post_message(self.EntityChosen(self, entity))

    def action_close_reader(self) -> None:
        self.post_message(self.Closed(self))
