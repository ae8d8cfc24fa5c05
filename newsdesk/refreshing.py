"""One refresh on its way through the stages: feeds, pages, annotation, which overlap.

`RefreshRun` is the Desk's bookkeeping for one refresh, on the event loop: it hears each feed
parsed, each story whose text is ready and each feed done (from `refresh_feeds`), stores the
stories in batches, hands every stored batch to the annotating thread through a `StoryFlow`,
times each stage and reports progress. A feed's state (its new ETag) is saved only once all its
stories are: saved first, the server would answer 304 next time and stories that were not
written would never come back.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from newsdesk.models import FeedSpec, FeedState, Story
from newsdesk.store import Store, StoreError

if TYPE_CHECKING:
    from newsdesk.ingest.refresh import FeedOutcome

STORE_BATCH = 500  # refresh: new stories written at once when they go on to annotation ...
STORE_MOST = 5000  # ... or when they do not (each write rewrites the index: fewer is faster)
STORE_DELAY = 1.0  # ... or this many seconds after the first of them arrived
FIRST_STORE_DELAY = 0.25  # ... the first of them, when they go on to annotation


@dataclass
class RefreshProgress:
    """Where a refresh stands, stage by stage (the stages overlap)."""

    feeds_done: int
    feeds_total: int
    feed_url: str  # the feed this report is about ("" for a page or an annotation)
    new_stories: int  # new stories found so far, all feeds
    error: str | None  # this feed's error, None when it was fine
    pages_done: int = 0  # new stories whose text is ready (page extracted, or none needed)
    annotated: int = 0  # new stories annotated and stored
    annotating: bool = False  # whether this refresh annotates


STAGES = ("feeds", "pages", "annotation")


@dataclass
class RefreshReport:
    ok: list[FeedState] = field(default_factory=list)
    failed: list[FeedState] = field(default_factory=list)
    new_stories: int = 0
    annotated: int = 0
    seconds: float = 0.0  # wall time of the whole refresh
    # per stage, from its first piece of work to its last; the stages overlap, so these add
    # up to more than `seconds`. A stage that had nothing to do is left out.
    stage_seconds: dict[str, float] = field(default_factory=dict)
    annotation_error: str | None = None  # why the new stories were not annotated


class AnnotateFlow(Protocol):
    """Annotates the stories of a flow until it is closed (Desk.annotate_flow)."""

    def __call__(
        self,
        flow: StoryFlow,
        on_annotated: Callable[[str], None] | None,
        on_notice: Callable[[str], None] | None,
        on_begin: Callable[[], None] | None,
        quiet: bool,
    ) -> int: ...


class RefreshRun:
    """One refresh's bookkeeping on the event loop: stage clocks, batched writes, progress.

    A feed's state (its new ETag) is saved only once all its stories are: saved first, the
    server would answer 304 next time and stories that were not written would never return.
    """

    def __init__(
        self,
        store: Store,
        specs: list[FeedSpec],
        annotate_flow: AnnotateFlow | None,
        on_progress: Callable[[RefreshProgress], None] | None,
        on_stories: Callable[[list[str]], None] | None,
    ) -> None:
        self.store = store
        self.annotate_flow = annotate_flow
        self.annotate = annotate_flow is not None
        self.on_progress = on_progress
        self.on_stories = on_stories
        self.specs = specs
        self.unique_feeds = len({spec.url for spec in specs})  # refresh_feeds does each once
        self.loop = asyncio.get_running_loop()
        self.started = time.perf_counter()
        self.clock: dict[str, list[float]] = {}  # stage -> [first, last]
        self.ok: list[FeedState] = []
        self.failed: list[FeedState] = []
        self.states: list[FeedState] = []  # every feed done so far
        self.waiting: list[Story] = []  # stories ready, not yet written
        self.waiting_states: list[FeedState] = []  # feeds done whose stories are all ready
        self.saved_states: set[int] = set()  # id() of the states written with their stories
        self.failure: StoreError | None = None  # the first write that failed
        self.lost_feeds = 0  # feeds whose new stories could not be written
        self.found = self.ready = self.stored = self.annotated = 0
        self.feeds_parsed = 0
        self.timer: asyncio.TimerHandle | None = None
        self.flow: StoryFlow | None = None
        self.annotation_error: str | None = None

    def mark(self, stage: str) -> None:
        now = time.perf_counter()
        span = self.clock.setdefault(stage, [now, now])
        span[1] = now

    # --- callbacks from refresh_feeds (event loop) ---

    def on_parsed(self, spec: FeedSpec, new: int) -> None:
        self.mark("feeds")
        self.feeds_parsed += 1
        self.found += new
        if self.flow is not None:
            self.flow.expected = self.found
            self.flow.complete = self.feeds_parsed >= self.unique_feeds
            if new or self.flow.complete:
                self.flow.put([])  # wakes the annotating thread: it may get ready now
        if new:
            self.mark("pages")

    def on_story(self, story: Story) -> None:
        if self.failure is not None:
            raise self.failure  # stop: the disk that failed a write will fail the next
        self.mark("pages")
        self.ready += 1
        self.waiting.append(story)
        # Stories bound for annotation are written early so that it can start; otherwise a
        # refresh that takes less than STORE_DELAY writes them all in one batch.
        if len(self.waiting) >= (STORE_BATCH if self.flow is not None else STORE_MOST):
            self.write()
        elif self.timer is None:
            # the first stories bound for annotation are written soon: annotation starts then
            first = self.flow is not None and not self.stored
            delay = FIRST_STORE_DELAY if first else STORE_DELAY
            self.timer = self.loop.call_later(delay, self._write_later)
        self.progress("")

    def on_feed(self, outcome: FeedOutcome) -> None:
        if self.failure is not None:
            raise self.failure
        self.states.append(outcome.state)
        (self.failed if outcome.state.error else self.ok).append(outcome.state)
        if outcome.stories:
            self.waiting_states.append(outcome.state)
        self.progress(outcome.spec.url, outcome.state.error)

    def progress(self, url: str, error: str | None = None) -> None:
        if self.on_progress is not None:
            self.on_progress(
                RefreshProgress(
                    len(self.states),
                    len(self.specs),
                    url,
                    self.found,
                    error,
                    pages_done=self.ready,
                    annotated=self.annotated,
                    annotating=self.annotate,
                )
            )

    # --- storing ---

    def write(self) -> None:
        """Store the waiting stories in one write, then the states of the feeds now complete."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        if not self.waiting and not self.waiting_states:
            return
        batch, batch_states = self.waiting[:], self.waiting_states[:]
        self.waiting.clear()
        self.waiting_states.clear()
        try:
            self.stored += self.store.add_stories(batch)
            self.store.save_feed_states(batch_states)
            self.saved_states.update(id(state) for state in batch_states)
        except StoreError as exc:
            self.failure = self.failure or exc
            self.lost_feeds += len({st.url for st in batch_states} | {s.feed_url for s in batch})
            raise
        if batch:
            if self.flow is not None:
                self.flow.put(batch)
            if self.on_stories is not None:
                self.on_stories([story.id for story in batch])

    def _write_later(self) -> None:
        # on the event loop, from a timer: an exception would only be logged there
        self.timer = None
        with contextlib.suppress(StoreError):
            self.write()  # `failure` holds it; the next story or feed stops the refresh

    def finish_storing(self) -> None:
        if self.failure is None:
            with contextlib.suppress(StoreError):
                self.write()
        if self.failure is None:
            # feeds without new stories (304, failed, nothing new): their states alone (the
            # others were written with their stories)
            saved = self.saved_states
            self.store.save_feed_states(s for s in self.states if id(s) not in saved)

    # --- annotation ---

    def start_annotation(
        self,
        on_annotated: Callable[[str], None] | None,
        on_notice: Callable[[str], None] | None,
    ) -> asyncio.Future[int] | None:
        if self.annotate_flow is None:
            return None
        self.flow = StoryFlow()

        def annotated(story_id: str) -> None:
            self.loop.call_soon_threadsafe(self._annotated)
            if on_annotated is not None:
                on_annotated(story_id)

        quiet = on_annotated is None  # the command line counts, it shows no annotation
        return self.loop.run_in_executor(
            None, self.annotate_flow, self.flow, annotated, on_notice, self._begun, quiet
        )

    def _begun(self) -> None:  # from the annotating thread: its first story goes in
        self.loop.call_soon_threadsafe(self.mark, "annotation")

    def _annotated(self) -> None:
        self.mark("annotation")
        self.annotated += 1
        self.progress("")

    async def finish_annotation(self, flow: asyncio.Future[int] | None) -> None:
        if flow is None or self.flow is None:
            return
        self.flow.close()
        from newsdesk.nlp.pipeline import ModelMissing

        try:
            await flow
        except ModelMissing as exc:
            self.annotation_error = str(exc)
        await asyncio.sleep(0)  # let the last `_annotated` calls land

    def stage_seconds(self, stage: str) -> float:
        first, last = self.clock[stage]
        return last - (self.started if stage == "feeds" else first)

    def report(self) -> RefreshReport:
        return RefreshReport(
            ok=self.ok,
            failed=self.failed,
            new_stories=self.stored,
            annotated=self.annotated,
            seconds=time.perf_counter() - self.started,
            stage_seconds={
                stage: self.stage_seconds(stage) for stage in STAGES if stage in self.clock
            },
            annotation_error=self.annotation_error,
        )


class StoryFlow:
    """Stored stories on their way from the event loop to the annotating thread."""

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[list[Story] | None] = queue.SimpleQueue()
        self.expected = 0  # new stories found so far (stored or still being fetched)
        self.complete = False  # every feed is parsed: `expected` is final
        self.closed = False  # every story is in: the pages stage is over, its cores are free

    def put(self, stories: list[Story]) -> None:
        self._queue.put(stories)

    def close(self) -> None:
        self.closed = True
        self._queue.put(None)

    def batches(self) -> Iterator[list[Story]]:
        """Each batch as it comes (blocking), until `close()`."""
        while (batch := self._queue.get()) is not None:
            yield batch


__all__ = ["STAGES", "RefreshProgress", "RefreshReport", "RefreshRun", "StoryFlow"]
