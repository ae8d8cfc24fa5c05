"""Annotation as the Desk runs it: the stored stories that need it (`annotate_pending`, the
story being read first) and the stories a refresh stores, as they are stored (`annotate_flow`),
in this process or in worker processes, their annotations stored in batches and taken into the
actor index. spaCy is imported only when annotation starts.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from newsdesk.config import Config
from newsdesk.desk_actors import ActorIndexing
from newsdesk.models import Annotation, Story
from newsdesk.refreshing import StoryFlow

if TYPE_CHECKING:
    from newsdesk.nlp.pipeline import Annotator

SMALL_JOB = 40  # stories: fewer than this are annotated in this process (no worker start-up)
BATCH = 64  # annotations stored per write
FLUSH_SECONDS = 1.0  # ... or after this long, so that a reader sees progress
QUIET_BATCH = 256  # a refresh nobody watches story by story (the command line) stores
QUIET_SECONDS = 5.0  # annotations less often: each write rewrites shards and the index


Job = tuple[str, str | None, str | None]  # what the annotator reads of a story


def _job(story: Story) -> Job:
    """The text, title (None when empty) and date the annotator reads of a story."""
    return story.text, story.title or None, story.published


class Annotating(ActorIndexing):
    """The Desk's annotation (the Desk sets these attributes up)."""

    config: Config
    _annotators: dict[int, Annotator]
    _annotate_lock: threading.Lock
    _urgent: str | None

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
                    annotation = annotator.annotate(*_job(story))
                    done += self._store_annotations({first: annotation}, on_annotated)
                first = queue.next(self._take_urgent())
            order: deque[str] = deque()  # ids handed to the annotator, in order
            hurry: set[str] = set()

            def items() -> Iterator[Job]:
                story_id = first
                while story_id is not None:
                    story = self.store.story(story_id)
                    if story is not None:
                        order.append(story_id)
                        yield _job(story)
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

    def annotate_flow(
        self,
        flow: StoryFlow,
        on_annotated: Callable[[str], None] | None = None,
        on_notice: Callable[[str], None] | None = None,
        on_begin: Callable[[], None] | None = None,
        quiet: bool = False,
    ) -> int:
        """Annotate stories as a refresh stores them, until the flow is closed (blocking).

        The annotator is chosen once the first stories are stored and either SMALL_JOB stories
        are on their way (worker processes) or every feed is parsed with fewer (this process);
        stories then stream through it while later ones are still being fetched. Returns how
        many were annotated. `quiet`: nobody shows annotations as they land, so they are
        stored in fewer, larger writes.
        """
        batches = flow.batches()
        most, every = (QUIET_BATCH, QUIET_SECONDS) if quiet else (BATCH, FLUSH_SECONDS)
        waiting: deque[Story] = deque()
        ended = False
        with self._annotate_lock:
            for batch in batches:  # an empty batch: more stories were found
                waiting.extend(self._not_ignored_stories(batch))
                if not (waiting or flow.expected):
                    continue
                if len(waiting) >= SMALL_JOB or flow.expected >= SMALL_JOB or flow.complete:
                    break
            else:
                ended = True
            if not waiting and ended:
                return 0
            jobs = len(waiting) if ended else max(len(waiting), flow.expected)
            # On the command line one core is left to fetching and extraction, which run
            # alongside; the reader keeps every core's worker, so that its screen stays quick.
            annotator = self._annotator(jobs, spare=1 if quiet else 0)
            if annotator.processes <= 1 and not waiting:
                annotator.nlp  # noqa: B018 - load the model while the first pages come in
            order: deque[str] = deque()
            handed = 0  # stories handed to the annotator so far
            spare_cores = self._processes(spare=0) - annotator.processes

            def helpers() -> int:
                """Helper processes that may join an annotator working in this process: the
                cores it left to extraction, once the last page is in, if enough stories are
                still to come to repay a helper's start (it loads the model: ~2 s)."""
                if not flow.closed or flow.expected - handed < SMALL_JOB:
                    return 0
                return spare_cores

            def items(wait: bool) -> Iterator[Job]:
                """The waiting stories; with `wait`, later ones too as they are stored."""
                nonlocal ended, handed
                while True:
                    while waiting:
                        story = waiting.popleft()
                        order.append(story.id)
                        handed += 1
                        if on_begin is not None and len(order) == 1:
                            on_begin()
                        yield _job(story)
                    later = None if ended or not wait else next(iter(batches), None)
                    if later is None:
                        ended = ended or wait
                        return
                    waiting.extend(self._not_ignored_stories(later))

            done = 0
            stored: dict[str, Annotation] = {}
            last_flush = time.monotonic()

            def annotate(source: Iterator[Job]) -> None:
                nonlocal done, stored, last_flush
                for annotation in annotator.annotate_many(source, on_notice, helpers):
                    stored[order.popleft()] = annotation
                    now = time.monotonic()
                    if len(stored) >= most or now - last_flush > every:
                        done += self._store_annotations(stored, on_annotated)
                        stored, last_flush = {}, now

            if annotator.processes > 1:  # one stream: the pool's chunks fill as stories come
                annotate(items(wait=True))
            else:  # in this process, batch by batch: a batch never waits for the next one
                while True:  # (once every story is in, one stream: helpers may join it)
                    annotate(items(wait=flow.closed))
                    if ended:  # the helper processes are done: gone before the last write
                        annotator.close()
                    done += self._store_annotations(stored, on_annotated)
                    stored, last_flush = {}, time.monotonic()
                    later = None if ended else next(iter(batches), None)
                    if later is None:
                        break
                    waiting.extend(self._not_ignored_stories(later))
            done += self._store_annotations(stored, on_annotated)
            if annotator.processes <= 1:
                annotator.close()  # its helper processes, if any (the model stays loaded)
            self.save_actor_index()
            return done

    def _not_ignored_stories(self, stories: list[Story]) -> list[Story]:
        if not self.config.ignore or not stories:
            return stories  # no rule: no set of ids built and looked up for each batch
        kept = set(self._not_ignored([story.id for story in stories]))
        return [story for story in stories if story.id in kept]

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

    def _leaves_a_core(self, quiet: bool) -> bool:
        """Whether a refresh's annotation (quiet: on the command line) leaves a core free: only
        then may extraction yield the CPU to it (on every core, it would starve its feeder)."""
        return self._processes(spare=1 if quiet else 0) < (os.cpu_count() or 1)

    def _processes(self, spare: int) -> int:
        return self.config.nlp_processes or max(1, (os.cpu_count() or 1) - spare)

    def _annotator(self, jobs: int, spare: int = 0) -> Annotator:
        """The annotator for `jobs` stories; with processes = 0 (one per core), `spare` cores
        are left to other work."""
        from newsdesk.nlp.pipeline import Annotator

        processes = self._processes(spare)
        if jobs < SMALL_JOB:
            processes = 1  # starting worker processes costs more than it saves
        if processes not in self._annotators:
            self._annotators[processes] = Annotator(
                self.config.nlp_model,
                processes=processes,
                min_confidence=self.config.meeting_min_confidence,
            )
        return self._annotators[processes]


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
