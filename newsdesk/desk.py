"""The newsdesk service: refresh feeds, store stories, annotate them. The CLI and the UI use it.

A `Desk` owns the `Store` of one data directory. `refresh()` fetches every feed (the bundled
seed feed when the config names none), stores each feed's new stories as soon as that feed is
done, annotates what is new, saves the feeds' states and prunes old stories. Progress is
reported through plain callbacks, so a terminal progress bar and a Textual worker can both
follow it. Nothing here imports Textual; spaCy is imported only when annotation starts.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from newsdesk.config import Config
from newsdesk.ingest.seeds import seed_spec
from newsdesk.models import Annotation, FeedSpec, FeedState, Story
from newsdesk.store import Store, StoreError

if TYPE_CHECKING:
    from newsdesk.ingest.refresh import FeedOutcome
    from newsdesk.nlp.identity import ActorRegistry
    from newsdesk.nlp.pipeline import Annotator
    from newsdesk.query.actor_match import ActorCatalog

SMALL_JOB = 40  # stories: fewer than this are annotated in this process (no worker start-up)
BATCH = 64  # annotations stored per write
ACTORS_SAVE_SECONDS = 30.0  # the actor index is written at most this often while annotating
FLUSH_SECONDS = 1.0  # ... or after this long, so that a reader sees progress
STORE_BATCH = 500  # refresh: new stories written at once ...
STORE_DELAY = 1.0  # ... or this many seconds after the first of them arrived


@dataclass
class RefreshProgress:
    feeds_done: int
    feeds_total: int
    feed_url: str
    new_stories: int  # new stories so far, all feeds
    error: str | None  # this feed's error, None when it was fine


@dataclass
class RefreshReport:
    ok: list[FeedState] = field(default_factory=list)
    failed: list[FeedState] = field(default_factory=list)
    new_stories: int = 0
    annotated: int = 0
    seconds: float = 0.0


class ReadOnlyDesk(Exception):
    """Raised by operations that must write when the data directory is open read-only."""


class Desk:
    """Feeds in, annotated stories out, all through one Store."""

    def __init__(self, config: Config, *, read_only: bool = False) -> None:
        self.config = config
        self.store = Store(config.data_dir, read_only=read_only)
        self._annotators: dict[int, Annotator] = {}
        self._annotate_lock = threading.Lock()
        self._urgent: str | None = None
        self._actors: ActorRegistry | None = None
        self._actors_lock = threading.RLock()  # the index changes in the annotating thread
        self._caught_up = False
        self._actors_saved = 0.0

    # --- feeds ----------------------------------------------------------------------------------

    def feed_specs(self) -> list[FeedSpec]:
        """The configured feeds, or the bundled seed feed when none is configured."""
        return list(self.config.feeds) if self.config.feeds else [seed_spec()]

    async def refresh(
        self,
        *,
        fulltext: bool | None = None,
        annotate: bool = True,
        on_progress: Callable[[RefreshProgress], None] | None = None,
        on_stories: Callable[[list[str]], None] | None = None,
    ) -> RefreshReport:
        """Fetch every feed, store new stories as each feed arrives, then annotate and prune."""
        from newsdesk.ingest.refresh import refresh_feeds

        if self.store.read_only:
            raise ReadOnlyDesk("the data directory is open read-only: cannot refresh")
        started = time.perf_counter()
        specs = self.feed_specs()
        settings = self.config.fetch
        if fulltext is not None:
            settings = replace(settings, fulltext=fulltext)
        report = RefreshReport()
        new_ids: list[str] = []
        states: list[FeedState] = []  # every feed done so far
        waiting: list[Story] = []  # new stories not yet written
        waiting_states: list[FeedState] = []  # states of the feeds those stories came from
        failure: StoreError | None = None  # the first write that failed
        lost_feeds = 0  # feeds whose new stories could not be written
        found = 0  # new stories seen so far (written or waiting)
        loop = asyncio.get_running_loop()
        timer: asyncio.TimerHandle | None = None

        def write() -> None:
            # One write per batch: the index is rewritten on each write, so fifty small
            # writes (one per feed) cost far more than a few larger ones. A feed's state (its
            # new ETag) is saved only once its stories are: saved first, the server would
            # answer 304 next time and the stories that were not written would never come back.
            nonlocal timer, failure, lost_feeds
            if timer is not None:
                timer.cancel()
                timer = None
            if not waiting:
                return
            batch, batch_states = waiting[:], waiting_states[:]
            waiting.clear()
            waiting_states.clear()
            try:
                report.new_stories += self.store.add_stories(batch)
                self.store.save_feed_states(batch_states)
            except StoreError as exc:
                failure = failure or exc
                lost_feeds += len(batch_states)
                raise
            ids = [story.id for story in batch]
            new_ids.extend(ids)
            if on_stories is not None:
                on_stories(ids)

        def write_later() -> None:
            # on the event loop, from a timer: an exception would only be logged there
            with contextlib.suppress(StoreError):
                write()  # `failure` holds it; the next feed to finish stops the refresh

        def on_feed(outcome: FeedOutcome) -> None:
            nonlocal timer, found
            if failure is not None:
                raise failure  # stop: the disk that failed a write will fail the next
            states.append(outcome.state)
            (report.failed if outcome.state.error else report.ok).append(outcome.state)
            if outcome.stories:
                waiting.extend(outcome.stories)
                waiting_states.append(outcome.state)
                found += len(outcome.stories)
                if len(waiting) >= STORE_BATCH:
                    write()
                elif timer is None:
                    timer = loop.call_later(STORE_DELAY, write_later)
            if on_progress is not None:
                progress = RefreshProgress(
                    len(states), len(specs), outcome.spec.url, found, outcome.state.error
                )
                on_progress(progress)

        try:
            await refresh_feeds(
                specs, self.store.feed_states(), self.store.is_known, settings, on_feed
            )
        except StoreError:
            pass  # `failure`: reported below
        finally:
            if failure is None:
                with contextlib.suppress(StoreError):
                    write()
            if failure is None:
                # feeds without new stories (304, failed, nothing new): their states alone
                pending = {id(state) for state in waiting_states}
                self.store.save_feed_states(s for s in states if id(s) not in pending)
        if failure is not None:
            raise StoreError(
                f"refresh stopped: {failure}; the new stories of {lost_feeds} "
                f"feed{'s' if lost_feeds != 1 else ''} were not stored and will be fetched "
                "again next time"
            ) from failure
        if annotate and self.config.annotate and new_ids:
            report.annotated = await asyncio.to_thread(self.annotate_pending, new_ids)
        if self.config.feeds:  # the seed stories are never pruned: they are all there is
            self.store.prune(self.config.keep_days)
        report.seconds = time.perf_counter() - started
        return report

    def ensure_seeded(self) -> bool:
        """With no configured feeds and an empty store, store the seed stories (no network).

        The stories are not annotated here; returns True when it seeded.
        """
        if self.config.feeds or self.store.read_only or self.store.rows(limit=1):
            return False
        coroutine = self.refresh(fulltext=False, annotate=False)
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            asyncio.run(coroutine)
        else:  # called from async code: run the refresh on a loop of its own
            errors: list[BaseException] = []

            def run() -> None:
                try:
                    asyncio.run(coroutine)
                except BaseException as exc:  # re-raised in the caller's thread
                    errors.append(exc)

            thread = threading.Thread(target=run, name="newsdesk-seed")
            thread.start()
            thread.join()
            if errors:
                raise errors[0]
        return True

    # --- annotation -----------------------------------------------------------------------------

    def annotate_pending(
        self,
        ids: Sequence[str] | None = None,
        priority: str | None = None,
        on_annotated: Callable[[str], None] | None = None,
        on_notice: Callable[[str], None] | None = None,
    ) -> int:
        """Annotate the stories of `ids` (all by default) that need it, `priority` first.

        Blocking (spaCy runs here): call it from a thread. Annotations are stored in batches
        (the priority story at once); `on_annotated(id)` is called once each story's annotation
        is stored. `prioritize()` from another thread moves a story to the front while this
        runs. A story whose annotation fails is stored with the reason (`Annotation.error`) and
        is not tried again until the pipeline version changes. `on_notice(message)` hears that
        the worker processes failed and annotation goes on in this process. Returns how many
        stories were annotated (0 when the data dir is read-only).
        """
        if self.store.read_only:
            return 0  # nothing could be stored: leave the stories for a writing newsdesk
        from newsdesk.nlp.analysis import PIPELINE_VERSION

        if priority is not None:
            self.prioritize(priority)
        with self._annotate_lock:
            pending = self.store.unannotated(PIPELINE_VERSION)
            if ids is not None:
                wanted = set(pending)
                pending = [i for i in dict.fromkeys(ids) if i in wanted]
            pending = self._not_ignored(pending)
            if not pending:
                return 0
            annotator = self._annotator(len(pending))
            queue = _Queue(pending)
            done = 0
            first = queue.next(self._take_urgent())
            if first is not None and first != pending[0]:  # the story being read: alone, now
                story = self.store.story(first)
                if story is not None:
                    annotation = annotator.annotate(
                        story.text, story.title or None, story.published
                    )
                    done += self._store_annotations({first: annotation}, on_annotated)
                first = queue.next(self._take_urgent())
            order: deque[str] = deque()  # ids handed to the annotator, in order
            hurry: set[str] = set()

            def items() -> Iterator[tuple[str, str | None, str | None]]:
                story_id = first
                while story_id is not None:
                    story = self.store.story(story_id)
                    if story is not None:
                        order.append(story_id)
                        yield story.text, story.title or None, story.published
                    urgent = self._take_urgent()
                    story_id = queue.next(urgent)
                    if story_id is not None and story_id == urgent:
                        hurry.add(story_id)

            batch: dict[str, Annotation] = {}
            last_flush = time.monotonic()
            for annotation in annotator.annotate_many(items(), on_fallback=on_notice):
                story_id = order.popleft()
                batch[story_id] = annotation
                now = time.monotonic()
                if story_id in hurry or len(batch) >= BATCH or now - last_flush > FLUSH_SECONDS:
                    done += self._store_annotations(batch, on_annotated)
                    batch, last_flush = {}, now
            done += self._store_annotations(batch, on_annotated)
            self.save_actor_index()
            return done

    # --- the store-wide actor index -------------------------------------------------------------

    def actor_registry(self, *, catch_up: bool = True) -> ActorRegistry:
        """The actor index, loaded once as saved; with `catch_up`, the annotated stories it
        lacks are added first (see `catch_up_actors`)."""
        with self._actors_lock:
            if self._actors is None:
                from newsdesk.nlp.identity import ActorRegistry

                self._actors = ActorRegistry.from_json(self.store.actor_index() or {})
                self._actors.changed = False
            registry = self._actors
        if catch_up:
            self.catch_up_actors()
        return registry

    def catch_up_actors(self, at_most: int | None = None) -> int:
        """Add the annotated stories the index lacks (stored by an older newsdesk, or the index
        was lost): it is saved with the next annotations, as only looking writes nothing.
        Returns how many were added (0 and nothing done when more than `at_most` are missing).
        Reads every such annotation: call it from a thread."""
        registry = self.actor_registry(catch_up=False)
        if self._caught_up:
            return 0
        missing = [
            row for row in self.store.rows() if row.annotated and row.id not in registry.stories
        ]
        if at_most is not None and len(missing) > at_most:
            return 0
        added = 0
        for row in missing:
            annotation = self.store.annotation(row.id)
            if annotation is not None:
                with self._actors_lock:
                    registry.add_story(row.id, annotation.actors)
                added += 1
        self._caught_up = True
        return added

    def actor_catalog(self, *, load: bool = True, catch_up: bool = True) -> ActorCatalog:
        """The actor index as the query layer uses it (a live view). With `load=False`, an
        empty catalog unless the index is in memory already (reading it takes a while); with
        `catch_up=False`, the stories it lacks keep their own names for now."""
        from newsdesk.query.actor_match import ActorCatalog

        if not load and self._actors is None:
            return ActorCatalog()
        return ActorCatalog.from_registry(self.actor_registry(catch_up=catch_up))

    def _index_actors(self, batch: Mapping[str, Annotation]) -> None:
        registry = self.actor_registry(catch_up=False)
        with self._actors_lock:
            for story_id, annotation in batch.items():
                registry.add_story(story_id, annotation.actors)
        if time.monotonic() - self._actors_saved > ACTORS_SAVE_SECONDS:
            self.save_actor_index()

    def save_actor_index(self) -> None:
        """Write the actor index if it changed (once a while during annotation, and at its end)."""
        registry = self._actors
        if registry is None or not registry.changed or self.store.read_only:
            return
        self.catch_up_actors()  # what it lacks goes in with what it gained
        with self._actors_lock:
            data = registry.to_json()
            registry.changed = False
        self.store.save_actor_index(data)
        self._actors_saved = time.monotonic()

    def _not_ignored(self, ids: list[str]) -> list[str]:
        """`ids` less the stories an [[ignore]] rule hides: those are never annotated."""
        if not self.config.ignore or not ids:
            return ids
        from newsdesk.query import FeedCatalog, IgnoreSet
        from newsdesk.query.stored import text_reader

        rows = [row for row in map(self.store.row, ids) if row is not None]
        hidden = IgnoreSet(self.config.ignore).hidden(
            rows, FeedCatalog(self.config.feeds), text_reader(self.store)
        )
        return [i for i in ids if i not in hidden]

    def prioritize(self, story_id: str | None) -> None:
        """Annotate this story next, if a running `annotate_pending` still has it to do."""
        self._urgent = story_id

    def _take_urgent(self) -> str | None:
        urgent, self._urgent = self._urgent, None
        return urgent

    def _store_annotations(
        self, batch: dict[str, Annotation], on_annotated: Callable[[str], None] | None
    ) -> int:
        if not batch:
            return 0
        self.store.set_annotations(batch)
        self._index_actors(batch)
        if on_annotated is not None:
            for story_id in batch:
                on_annotated(story_id)
        return len(batch)

    def _annotator(self, jobs: int) -> Annotator:
        from newsdesk.nlp.pipeline import Annotator

        processes = self.config.nlp_processes or os.cpu_count() or 1
        if jobs < SMALL_JOB:
            processes = 1  # starting worker processes costs more than it saves
        if processes not in self._annotators:
            self._annotators[processes] = Annotator(
                self.config.nlp_model,
                processes=processes,
                min_confidence=self.config.meeting_min_confidence,
            )
        return self._annotators[processes]

    def close(self) -> None:
        for annotator in self._annotators.values():
            annotator.close()
        self._annotators.clear()
        self.store.close()

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Queue:
    """Story ids to annotate, in order, where one may jump the queue."""

    def __init__(self, ids: Sequence[str]) -> None:
        self._ids = deque(ids)
        self._left = set(ids)

    def next(self, urgent: str | None) -> str | None:
        if urgent is not None and urgent in self._left:
            self._left.discard(urgent)
            return urgent
        while self._ids:
            story_id = self._ids.popleft()
            if story_id in self._left:
                self._left.discard(story_id)
                return story_id
        return None


__all__ = [
    "Desk",
    "ReadOnlyDesk",
    "RefreshProgress",
    "RefreshReport",
]
