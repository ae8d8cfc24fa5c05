"""The reader's first background work: loading the stored rows (the newest screenful at once,
then all of them, grouped into events off the event loop), seeding the bundled stories into an
empty store, and counting the sidebar, the actor box and the filters' postings in threads.

Workers never touch widgets: they post the messages below and the handlers update the screen.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.message import Message

from newsdesk.models import StoryRow
from newsdesk.query import (
    FilterState,
    SidebarCounts,
    StoryIndex,
    build_postings,
    count_actors,
    count_sidebar,
)
from newsdesk.query.events import EventGrouper
from newsdesk.store import HEAD_ROWS
from newsdesk.ui.memory import keep_out_of_full_passes
from newsdesk.ui.open_handlers import on_open

if TYPE_CHECKING:
    from newsdesk.desk import Desk


FIRST_PAGE = HEAD_ROWS  # rows shown before the rest are loaded: the store has them at hand
# Stories the actor index lacks that are added before the rows show (a second or so); more
# are added after the load, in the background, and the sidebar counted again.
CATCH_UP_FIRST = 500


class LoadingWork(App[int]):
    """The App's loading and counting work; Background adds annotation, refresh and search."""

    desk: Desk
    index: StoryIndex
    state: FilterState
    loaded: bool
    sidebar_ready: bool
    _first_paint: threading.Event

    @dataclass
    class RowsLoaded(Message):
        rows: list[StoryRow]
        partial: bool = False  # only the newest rows: the rest follow
        events: EventGrouper | None = None  # the rows grouped into events, off the loop

    class LoadFinished(Message):
        """Stored rows are shown and the default seeded: annotation can start."""

    class ActorsCaughtUp(Message):
        """The actor index has taken in stories it lacked: the sidebar counts them anew."""

    @dataclass
    class SidebarCounted(Message):
        counts: SidebarCounts
        index: StoryIndex
        version: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, LoadingWork.SidebarCounted)

    @dataclass
    class ActorsCounted(Message):
        """The actors of the stories the filters select, counted."""

        actors: list[tuple[str, int]]
        aliases: dict[str, tuple[str, ...]]
        kinds: dict[str, str]

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, LoadingWork.ActorsCounted)

    @dataclass
    class PostingsBuilt(Message):
        postings: dict[str, dict[str, set[str]]]
        index: StoryIndex
        version: int

    @dataclass
    class BackgroundFailed(Message):
        what: str
        error: str

    def __init__(self) -> None:
        super().__init__()
        self._first_paint = threading.Event()

    # hooks the reader provides
    def set_rows(self, rows: list[StoryRow], partial: bool = False) -> None:
        raise NotImplementedError

    loaded_events: EventGrouper | None = None  # the rows set_rows is given, grouped by a worker

    def show_counts(self, counts: SidebarCounts) -> None:
        raise NotImplementedError

    def start_annotation(self) -> None:  # Background provides this one
        raise NotImplementedError

    # --- loading ------------------------------------------------------------------------

    @work(thread=True, group="load", exit_on_error=False, description="load rows")
    def load_rows(self) -> None:
        """Show what is stored (the first screenful at once, then all), seed the embedded
        default if the database is empty, then annotate."""
        store = self.desk.store
        first = store.rows(limit=FIRST_PAGE)
        if len(first) == FIRST_PAGE:
            self.post_message(self.RowsLoaded(first, partial=True))
            self._first_paint.wait(timeout=2.0)  # don't compete with drawing it
        store.load_index()  # the whole story index (the first rows came from its head)
        self.desk.actor_registry(catch_up=False)  # read here, off the event loop
        rows = store.rows()
        # a few stories the actor index lacks: added before the rows show
        self.desk.catch_up_actors(at_most=CATCH_UP_FIRST, rows=rows)
        self._post_all_rows(rows)
        try:
            seeded = self.desk.ensure_seeded()
        except Exception as error:
            self.post_message(self.BackgroundFailed("seeding", str(error)))
            seeded = False
        if seeded:
            rows = store.rows()
            self._post_all_rows(rows)
        self.post_message(self.LoadFinished())
        if self.desk.catch_up_actors(rows=rows):  # stories the actor index lacked: count again
            self.post_message(self.ActorsCaughtUp())

    def _post_all_rows(self, rows: list[StoryRow]) -> None:
        """From a worker: every row, grouped into events here, off the event loop."""
        events = EventGrouper().add_all(rows)
        events.of()  # the event of each story, looked up on every keystroke: built here too
        self.post_message(self.RowsLoaded(rows, events=events))

    @on_open(RowsLoaded)
    def _rows_loaded(self, event: RowsLoaded) -> None:
        self.loaded_events = event.events
        try:
            self.set_rows(event.rows, partial=event.partial)
        finally:
            self.loaded_events = None
        if event.partial:
            self.call_after_refresh(self._first_paint.set)
        else:
            self.loaded = True
            keep_out_of_full_passes(collect_first=True)  # the rows live as long as the app

    def refresh_sidebar(self) -> None:
        """Recount actors and regions in a thread; the sidebar updates when done."""
        self._count_sidebar(self.index, self.index.version, list(self.index.rows))

    @work(thread=True, group="count", exit_on_error=False, description="count sidebar")
    def _count_sidebar(self, index: StoryIndex, version: int, rows: list[StoryRow]) -> None:
        counts = count_sidebar(rows, index.feeds, index.regions, index.actors)
        self.post_message(self.SidebarCounted(counts, index, version))
        postings = build_postings(rows, index.feeds, index.regions, index.actors)
        self.post_message(self.PostingsBuilt(postings, index, version))

    # a description: else Textual writes one from repr() of the arguments, every row of them
    @work(thread=True, group="count-actors", exit_on_error=False, description="count actors")
    def count_shown_actors(self, index: StoryIndex, rows: list[StoryRow]) -> None:
        """Recount the actor box within the active filters (the shown stories)."""
        actors, aliases, kinds = count_actors(rows, index.actors)
        self.post_message(self.ActorsCounted(actors, aliases, kinds))

    @on_open(ActorsCaughtUp)
    def _actors_caught_up(self) -> None:
        self.index.install_postings(self.index.version, {})  # rebuilt with the index's names
        self.refresh_sidebar()

    @on_open(ActorsCounted)
    def _actors_counted(self, event: ActorsCounted) -> None:
        from newsdesk.ui.widgets.sidebar import ActorFilter

        self.query_one(ActorFilter).set_actors(event.actors, event.aliases, event.kinds)

    @on_open(SidebarCounted)
    def _sidebar_counted(self, event: SidebarCounted) -> None:
        self.show_counts(event.counts)
        if self._annotation_waiting and self.loaded:
            self._annotation_waiting = False
            self.call_after_refresh(self.start_annotation)

    @on_open(PostingsBuilt)
    def _postings_built(self, event: PostingsBuilt) -> None:
        if event.index is self.index:
            self.index.install_postings(event.version, event.postings)
            keep_out_of_full_passes()  # the postings live as long as the rows

    _annotation_waiting = False
    load_finished = False  # stored rows shown and the default seeded

    @on_open(LoadFinished)
    def _load_finished(self) -> None:
        """Annotation (which imports spaCy) starts once the sidebar is filled."""
        self.load_finished = True
        if self.sidebar_ready:
            self.start_annotation()
        else:
            self._annotation_waiting = True
