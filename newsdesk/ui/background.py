"""Work that runs off the event loop: loading rows, annotating, refreshing, searching.

Workers never touch widgets: they post the messages below and the handlers update the screen.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from textual import on, work
from textual.app import App
from textual.message import Message

from newsdesk.models import Story, StoryRow
from newsdesk.query import (
    FilterState,
    SidebarCounts,
    StoryFilter,
    StoryIndex,
    build_postings,
    count_actors,
    count_sidebar,
)
from newsdesk.query.events import EventGrouper
from newsdesk.store import HEAD_ROWS
from newsdesk.ui.memory import keep_out_of_full_passes
from newsdesk.ui.widgets.status import AnnotationNotice, RefreshStatus
from newsdesk.ui.widgets.story_list import StoryList
from newsdesk.ui.widgets.story_view import StoryView

if TYPE_CHECKING:
    from newsdesk.desk import Desk, RefreshProgress, RefreshReport


FIRST_PAGE = HEAD_ROWS  # rows shown before the rest are loaded: the store has them at hand
# Stories the actor index lacks that are added before the rows show (a second or so); more
# are added after the load, in the background, and the sidebar counted again.
CATCH_UP_FIRST = 500


Handler = TypeVar("Handler", bound=Callable[..., None])


def while_open(handler: Handler) -> Handler:
    """Drop a background message that lands while the reader is closing: its widgets are gone
    by then, and a refresh or annotation finishing as the user quits must not end in an error."""

    @wraps(handler)
    def guarded(app: App[Any], *args: Any) -> None:
        if app.is_running:
            handler(app, *args)

    return guarded  # type: ignore[return-value]


class _Closing(Exception):
    """Raised from a Desk callback to end background work when the app quits."""


class Background(App[int]):
    """The App's background work; NewsdeskApp adds the screen and the actions."""

    desk: Desk
    index: StoryIndex
    state: FilterState
    loaded: bool
    sidebar_ready: bool
    reading_id: str | None = None  # the story in the reader; annotated first
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
            return isinstance(message, Background.SidebarCounted)

    @dataclass
    class ActorsCounted(Message):
        """The actors of the stories the filters select, counted."""

        actors: list[tuple[str, int]]
        aliases: dict[str, tuple[str, ...]]
        kinds: dict[str, str]

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, Background.ActorsCounted)

    @dataclass
    class PostingsBuilt(Message):
        postings: dict[str, dict[str, set[str]]]
        index: StoryIndex
        version: int

    @dataclass
    class StoryAnnotated(Message):
        story_id: str

    @dataclass
    class StoriesArrived(Message):
        story_ids: list[str]

    @dataclass
    class RefreshProgressed(Message):
        progress: RefreshProgress

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, Background.RefreshProgressed)

    @dataclass
    class RefreshFinished(Message):
        report: RefreshReport | None
        error: str | None

    @dataclass
    class SearchFinished(Message):
        query: str
        story_ids: list[str]

    @dataclass
    class BackgroundFailed(Message):
        what: str
        error: str

    @dataclass
    class AnnotationNoticed(Message):
        """Annotation goes on, but not as configured (the worker processes failed)."""

        message: str

    def __init__(self) -> None:
        super().__init__()
        self._first_paint = threading.Event()
        self._stop_work = False

    async def action_quit(self) -> None:
        self._stop_work = True  # background work stops at its next step
        await super().action_quit()

    def on_unmount(self) -> None:
        self._stop_work = True

    # hooks NewsdeskApp provides
    def set_rows(self, rows: list[StoryRow], partial: bool = False) -> None:
        raise NotImplementedError

    loaded_events: EventGrouper | None = None  # the rows set_rows is given, grouped by a worker

    def apply_filters(self) -> None:
        raise NotImplementedError

    def show_counts(self, counts: SidebarCounts) -> None:
        raise NotImplementedError

    def add_filter(self, new: StoryFilter) -> None:
        raise NotImplementedError

    def open_story(self, story_id: str, focus: bool = True) -> None:
        raise NotImplementedError

    def show_story(self, story: Story, row: StoryRow | None) -> None:
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

    @on(RowsLoaded)
    @while_open
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

    @on(ActorsCaughtUp)
    @while_open
    def _actors_caught_up(self) -> None:
        self.index.install_postings(self.index.version, {})  # rebuilt with the index's names
        self.refresh_sidebar()

    @on(ActorsCounted)
    @while_open
    def _actors_counted(self, event: ActorsCounted) -> None:
        from newsdesk.ui.widgets.sidebar import ActorFilter

        self.query_one(ActorFilter).set_actors(event.actors, event.aliases, event.kinds)

    @on(SidebarCounted)
    @while_open
    def _sidebar_counted(self, event: SidebarCounted) -> None:
        self.show_counts(event.counts)
        if self._annotation_waiting and self.loaded:
            self._annotation_waiting = False
            self.call_after_refresh(self.start_annotation)

    @on(PostingsBuilt)
    @while_open
    def _postings_built(self, event: PostingsBuilt) -> None:
        if event.index is self.index:
            self.index.install_postings(event.version, event.postings)
            keep_out_of_full_passes()  # the postings live as long as the rows

    _annotation_waiting = False
    load_finished = False  # stored rows shown and the default seeded

    @on(LoadFinished)
    @while_open
    def _load_finished(self) -> None:
        """Annotation (which imports spaCy) starts once the sidebar is filled."""
        self.load_finished = True
        if self.sidebar_ready:
            self.start_annotation()
        else:
            self._annotation_waiting = True

    # --- annotation ---------------------------------------------------------------------

    _annotating = False
    _annotate_again = False
    _dirty = False
    annotation_stopped = False  # annotation failed as a whole: nothing is "Annotating…" now
    _pool_notice: str | None = None  # why annotation runs in this process, once it does

    def start_annotation(self) -> None:
        if not self.desk.config.annotate:
            return
        if self.annotation_stopped:  # trying again: say nothing until it fails again
            self.annotation_stopped = False
            self.query_one(AnnotationNotice).say(self._pool_notice)
        if self._annotating:
            self._annotate_again = True
            return
        self._annotating = True
        self._annotate()

    def _annotated(self, story_id: str) -> None:
        """Called in a worker thread as each annotation is stored."""
        if self._stop_work:
            raise _Closing  # stop after the batch just stored
        self.post_message(self.StoryAnnotated(story_id))

    def _noticed(self, message: str) -> None:
        """Called in a worker thread when annotation leaves the workers or stops."""
        self.post_message(self.AnnotationNoticed(message))

    @work(thread=True, group="annotate", exit_on_error=False, description="annotate")
    def _annotate(self) -> None:
        try:
            while True:
                self._annotate_again = False
                self.desk.annotate_pending(
                    priority=self.reading_id, on_annotated=self._annotated, on_notice=self._noticed
                )
                if not self._annotate_again:
                    break
        except _Closing:
            pass
        except Exception as error:  # a missing model must not take the reader down
            self.post_message(self.BackgroundFailed("annotation", str(error)))
        finally:
            self._annotating = False

    @on(StoryAnnotated)
    @while_open
    def _story_annotated(self, event: StoryAnnotated) -> None:
        row = self.desk.store.row(event.story_id)
        if row is None:
            return
        self.index.upsert(row)
        self.query_one(StoryList).update_row(row)
        reader = self.query_one(StoryView)
        if reader.story_id == row.id:
            story = self.desk.store.story(row.id)
            if story is not None:
                reader.show(story, self.desk.store.annotation(row.id), pending=False)
        self._schedule_update()

    def _schedule_update(self) -> None:
        """Many rows change during annotation: refilter and recount at most twice a second."""
        if not self._dirty:
            self._dirty = True
            self.set_timer(0.5, self._update_now)

    def _update_now(self) -> None:
        self._dirty = False
        self.apply_filters()  # one row per event: the filters and the grouping decide
        self.refresh_sidebar()

    # --- refresh ------------------------------------------------------------------------

    def action_refresh(self) -> None:
        if any(w.group == "refresh" and w.is_running for w in self.workers):
            self.notify("A refresh is already running.")
            return
        self.query_one(RefreshStatus).started(len(self.desk.feed_specs()))
        self._refresh()

    @work(thread=True, group="refresh", exit_on_error=False, description="refresh")
    def _refresh(self) -> None:
        """The refresh pipeline: stories appear as they are stored, their annotations as they
        are made, while later pages are still being fetched."""

        def progressed(progress: RefreshProgress) -> None:
            if self._stop_work:
                raise _Closing  # the stories done so far are stored
            self.post_message(self.RefreshProgressed(progress))

        def arrived(ids: list[str]) -> None:
            self.post_message(self.StoriesArrived(list(ids)))

        self.refreshing = True
        try:
            report = asyncio.run(
                self.desk.refresh(
                    annotate=not self.annotation_stopped,
                    on_progress=progressed,
                    on_stories=arrived,
                    on_annotated=self._annotated,
                    on_notice=self._noticed,
                )
            )
        except _Closing:
            return
        except Exception as error:
            self.post_message(self.RefreshFinished(None, str(error)))
            return
        finally:
            self.refreshing = False
        if report.annotation_error:
            self.post_message(self.BackgroundFailed("annotation", report.annotation_error))
        self.post_message(self.RefreshFinished(report, None))

    refreshing = False  # a refresh (which annotates what it brings) is running

    @on(RefreshProgressed)
    @while_open
    def _refresh_progressed(self, event: RefreshProgressed) -> None:
        self.query_one(RefreshStatus).progressed(event.progress)

    @on(StoriesArrived)
    @while_open
    def _stories_arrived(self, event: StoriesArrived) -> None:
        for story_id in event.story_ids:
            row = self.desk.store.row(story_id)
            if row is not None:
                self.index.upsert(row)
        if event.story_ids:
            self._schedule_update()
        if not self.refreshing:  # else the refresh annotates them itself
            self.start_annotation()

    @on(RefreshFinished)
    @while_open
    def _refresh_finished(self, event: RefreshFinished) -> None:
        status = self.query_one(RefreshStatus)
        if event.report is None:
            status.finished(f"Refresh failed: {event.error}")
            self.notify(f"Refresh failed: {event.error}", severity="error", markup=False)
            return
        r = event.report
        text = f"Refreshed: {len(r.ok)} feeds ok, {len(r.failed)} failed, {r.new_stories} new"
        if r.annotated:
            text += f", {r.annotated} annotated"
        text += f" in {r.seconds:.0f} s"
        if r.failed:
            text += " (e lists the errors)"
        status.finished(text)
        self._reload_rows()  # pruning may have removed some
        self.start_annotation()  # whatever the refresh left (the story being read, ...)

    @work(thread=True, group="load", exit_on_error=False, description="reload rows")
    def _reload_rows(self) -> None:
        self._post_all_rows(self.desk.store.rows())

    # --- search -------------------------------------------------------------------------

    def search_for(self, query: str) -> None:
        self._search(query)

    @work(thread=True, group="search", exclusive=True, exit_on_error=False, description="search")
    def _search(self, query: str) -> None:
        ids = self.desk.store.search(query)
        self.post_message(self.SearchFinished(query, ids))

    @on(SearchFinished)
    @while_open
    def _search_finished(self, event: SearchFinished) -> None:
        self.add_filter(StoryFilter("search", event.query, frozenset(event.story_ids)))

    @on(BackgroundFailed)
    @while_open
    def _background_failed(self, event: BackgroundFailed) -> None:
        message = f"{event.what} failed: {event.error}"
        self.notify(message, severity="error", markup=False)
        if event.what == "annotation":  # stories would wait for it forever: say so, and stay
            self.annotation_stopped = True
            self.query_one(AnnotationNotice).say(f"Annotation stopped: {event.error}")
            self._show_reading_again()

    @on(AnnotationNoticed)
    @while_open
    def _annotation_noticed(self, event: AnnotationNoticed) -> None:
        message = event.message[:1].upper() + event.message[1:]
        self._pool_notice = message
        self.query_one(AnnotationNotice).say(message)
        self.notify(message, severity="warning", markup=False)

    def _show_reading_again(self) -> None:
        """Redraw the story in the reader (its card may have said "Annotating…")."""
        reader = self.query_one(StoryView)
        if reader.story is not None:
            self.show_story(reader.story, None)
