"""The store-wide actor index as the Desk keeps it: loaded once, added to as stories are
annotated, written now and then through the store (never by a command that only looks)."""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from newsdesk.models import Annotation, StoryRow
from newsdesk.store import Store

if TYPE_CHECKING:
    from newsdesk.nlp.identity import ActorRegistry
    from newsdesk.query.actor_match import ActorCatalog

ACTORS_SAVE_SECONDS = 30.0  # the actor index is written at most this often while annotating


class ActorIndexing:
    """The Desk's actor index (the Desk sets these attributes up)."""

    store: Store
    _actors: ActorRegistry | None
    _actors_lock: threading.RLock
    _caught_up: bool
    _actors_saved: float

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

    def catch_up_actors(
        self, at_most: int | None = None, rows: Sequence[StoryRow] | None = None
    ) -> int:
        """Add the annotated stories the index lacks (stored by an older newsdesk, or the index
        was lost): it is saved with the next annotations, as only looking writes nothing.
        Returns how many were added (0 and nothing done when more than `at_most` are missing).
        `rows`: the store's rows, when the caller has just read them. Reads every such
        annotation: call it from a thread."""
        registry = self.actor_registry(catch_up=False)
        if self._caught_up:
            return 0
        stored = self.store.rows() if rows is None else rows
        missing = [row for row in stored if row.annotated and row.id not in registry.stories]
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


__all__ = ["ACTORS_SAVE_SECONDS", "ActorIndexing"]
