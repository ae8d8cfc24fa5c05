"""The newsdesk service: refresh feeds, store stories, annotate them. The CLI and the UI use it.

A `Desk` owns the `Store` of one data directory. `refresh()` fetches every feed (the bundled
seed feed when the config names none) through overlapping stages: stories are stored as their
texts are ready and annotated while later pages are still being fetched (see refreshing.py);
then it saves the feeds' states and prunes old stories. Progress is reported through plain
callbacks, so a terminal progress bar and a Textual worker can both
follow it. Annotation is desk_annotation.py's and the actor index desk_actors.py's. Nothing
here imports Textual; spaCy is imported only when annotation starts.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from newsdesk.config import Config
from newsdesk.desk_annotation import Annotating
from newsdesk.ingest.seeds import seed_spec
from newsdesk.models import FeedSpec
from newsdesk.refreshing import RefreshProgress, RefreshReport, RefreshRun
from newsdesk.store import Store, StoreError

if TYPE_CHECKING:
    from newsdesk.nlp.pipeline import Annotator


class ReadOnlyDesk(Exception):
    """Raised by operations that must write when the data directory is open read-only."""


class Desk(Annotating):
    """Feeds in, annotated stories out, all through one Store."""

    def __init__(self, config: Config, *, read_only: bool = False) -> None:
        self.config = config
        # the story index is read when first needed: the reader shows the newest stories first
        self.store = Store(config.data_dir, read_only=read_only, defer_index=True)
        self._annotators: dict[int, Annotator] = {}
        self._annotate_lock = threading.Lock()
        self._urgent: str | None = None
        self._actors = None
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
        on_annotated: Callable[[str], None] | None = None,
        on_notice: Callable[[str], None] | None = None,
    ) -> RefreshReport:
        """Fetch every feed; store, and annotate, new stories while the rest still arrive.

        The stages overlap: stories are stored in batches as their texts are ready, and each
        stored batch goes on to annotation (a thread driving the annotator's worker processes)
        while later pages are still downloaded. `on_stories(ids)` hears each stored batch and
        `on_annotated(id)` each stored annotation (from the annotating thread);
        `on_progress` is called on the event loop. Old stories are pruned at the end.
        """
        from newsdesk.ingest.refresh import refresh_feeds

        if self.store.read_only:
            raise ReadOnlyDesk("the data directory is open read-only: cannot refresh")
        flows = self.annotate_flow if annotate and self.config.annotate else None
        run = RefreshRun(self.store, self.feed_specs(), flows, on_progress, on_stories)
        settings = self.config.fetch
        if fulltext is not None:
            settings = replace(settings, fulltext=fulltext)
        flow = run.start_annotation(on_annotated, on_notice)
        try:
            await refresh_feeds(
                run.specs,
                self.store.feed_states(),
                self.store.is_known,
                settings,
                run.on_feed,
                on_parsed=run.on_parsed,
                on_story=run.on_story,
                beside_annotation=flow is not None and self._leaves_a_core(on_annotated is None),
            )
        except StoreError:
            pass  # `run.failure`: reported below
        finally:
            run.finish_storing()
            await run.finish_annotation(flow)
        if run.failure is not None:
            lost = run.lost_feeds
            raise StoreError(
                f"refresh stopped: {run.failure}; the new stories of {lost} "
                f"feed{'s' if lost != 1 else ''} were not stored and will be fetched "
                "again next time"
            ) from run.failure
        if self.config.feeds:  # the seed stories are never pruned: they are all there is
            self.store.prune(self.config.keep_days)
        return run.report()

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

    def close(self) -> None:
        for annotator in self._annotators.values():
            annotator.close()
        self._annotators.clear()
        self.store.close()

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = [
    "Desk",
    "ReadOnlyDesk",
    "RefreshProgress",
    "RefreshReport",
]
