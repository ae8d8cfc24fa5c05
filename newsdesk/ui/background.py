"""The reader's background work after loading: annotating stored stories (the one being read
first), the refresh pipeline (stories and annotations appear as they land), and search.

Workers never touch widgets: they post the messages below and the handlers update the screen.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message

from newsdesk.models import Story, StoryRow
from newsdesk.query import StoryFilter
from newsdesk.ui.loading import LoadingWork
from newsdesk.ui.open_handlers import on_open
from newsdesk.ui.widgets.status import AnnotationNotice, RefreshStatus
from newsdesk.ui.widgets.story_list import StoryList
from newsdesk.ui.widgets.story_view import StoryView

if TYPE_CHECKING:
    from newsdesk.desk import RefreshProgress, RefreshReport


class _Closing(Exception):
    """Raised from a Desk callback to end background work when the app quits."""


class Background(LoadingWork):
    """The App's background work; NewsdeskApp adds the screen and the actions."""

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
    class AnnotationNoticed(Message):
        """Annotation goes on, but not as configured (the worker processes failed)."""

        message: str

    reading_id: str | None = None  # the story in the reader; annotated first
    _stop_work = False  # the app is closing: annotation and refresh end at their next step

    async def action_quit(self) -> None:
        self._stop_work = True
        await super().action_quit()

    def on_unmount(self) -> None:
        self._stop_work = True

    # hooks the reader provides
    def apply_filters(self) -> None:
        raise NotImplementedError

    def add_filter(self, new: StoryFilter) -> None:
        raise NotImplementedError

    def show_story(self, story: Story, row: StoryRow | None) -> None:
        raise NotImplementedError

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

    @on_open(StoryAnnotated)
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

    @on_open(RefreshProgressed)
    def _refresh_progressed(self, event: RefreshProgressed) -> None:
        self.query_one(RefreshStatus).progressed(event.progress)

    @on_open(StoriesArrived)
    def _stories_arrived(self, event: StoriesArrived) -> None:
        for story_id in event.story_ids:
            row = self.desk.store.row(story_id)
            if row is not None:
                self.index.upsert(row)
        if event.story_ids:
            self._schedule_update()
        if not self.refreshing:  # else the refresh annotates them itself
            self.start_annotation()

    @on_open(RefreshFinished)
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

    @work(thread=True, group="search", exclusive=True, exit_on_error=False, description="search")
    def search_for(self, query: str) -> None:
        """Find the stories holding every word of `query`, in a thread; a filter follows."""
        ids = self.desk.store.search(query)
        self.post_message(self.SearchFinished(query, ids))

    @on_open(SearchFinished)
    def _search_finished(self, event: SearchFinished) -> None:
        self.add_filter(StoryFilter("search", event.query, frozenset(event.story_ids)))

    @on_open(LoadingWork.BackgroundFailed)
    def _background_failed(self, event: LoadingWork.BackgroundFailed) -> None:
        message = f"{event.what} failed: {event.error}"
        self.notify(message, severity="error", markup=False)
        if event.what == "annotation":  # stories would wait for it forever: say so, and stay
            self.annotation_stopped = True
            self.query_one(AnnotationNotice).say(f"Annotation stopped: {event.error}")
            self._show_reading_again()

    @on_open(AnnotationNoticed)
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
