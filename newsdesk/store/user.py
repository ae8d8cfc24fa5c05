"""Read marks and bookmarks: `user.json` (TinyDB) with its journal, apart from the story cache.

A bookmark is a full copy of the story document and its annotation document, so pruning, a lost
index or a damaged shard can never take it away. Every change is made durable through the journal
(one fsync) before the call returns; user.json itself is rewritten when the journal grows, when the
store opens (folding in what a killed process left) and when it closes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from newsdesk.store.journal import Journal
from newsdesk.store.storage import CorruptHandler, KeyedTable, open_db

READ = "read"
BOOKMARKS = "bookmarks"


class UserState:
    def __init__(self, data_dir: Path, *, read_only: bool, on_corrupt: CorruptHandler) -> None:
        self.read_only = read_only
        self.journal = Journal(
            data_dir / "user.journal", read_only=read_only, on_corrupt=on_corrupt
        )
        self.db = open_db(
            data_dir / "user.json",
            read_only=read_only,
            on_corrupt=on_corrupt,
            after_load=self.journal.replay,
            companions=(self.journal.path,),
        )

    def load(self) -> None:
        """Read user.json and the journal; when writable, fold the journal into user.json."""
        storage = self.db.atomic_storage
        storage.read()
        if not self.read_only:
            if self.journal.path.exists():
                storage.dirty = True
                storage.flush()
            self.journal.open_for_append()

    def close(self) -> None:
        try:
            if not self.read_only:
                self.db.atomic_storage.flush()
                self.journal.clear()
        finally:
            self.journal.close()

    # --- reading --------------------------------------------------------------------------------

    @property
    def _read(self) -> KeyedTable:
        return self.db.keyed(READ)

    @property
    def _bookmarks(self) -> KeyedTable:
        return self.db.keyed(BOOKMARKS)

    def read_ids(self) -> Mapping[str, Any]:
        return self._read.raw()

    def bookmark_docs(self) -> Mapping[str, dict[str, Any]]:
        """Bookmark documents by story id: {"story", "annotation" (or None), "added_at"}."""
        return self._bookmarks.raw()

    # --- changing -------------------------------------------------------------------------------

    def mark_read(self, ids: Iterable[str], when: str) -> None:
        known = self._read.raw()
        fresh = {sid: {"at": when} for sid in dict.fromkeys(ids) if sid not in known}
        if fresh:
            self._read.put_many(fresh)
            self._changed(READ, put=fresh)

    def mark_unread(self, ids: Iterable[str]) -> None:
        gone = self._read.delete_many(ids)
        if gone:
            self._changed(READ, delete=gone)

    def add_bookmark(self, story_id: str, doc: dict[str, Any]) -> bool:
        if story_id in self._bookmarks.raw():
            return False
        self._bookmarks.put_many({story_id: doc})
        self._changed(BOOKMARKS, put={story_id: doc})
        return True

    def remove_bookmark(self, story_id: str) -> bool:
        if not self._bookmarks.delete_many([story_id]):
            return False
        self._changed(BOOKMARKS, delete=[story_id])
        return True

    def update_annotations(self, annotations: Mapping[str, dict[str, Any]]) -> None:
        """Give bookmarked stories among `annotations` (story id -> annotation doc) the new one."""
        marks = self._bookmarks.raw()
        copies = {
            sid: {**marks[sid], "annotation": doc}
            for sid, doc in annotations.items()
            if sid in marks
        }
        if copies:
            self._bookmarks.put_many(copies)  # replaced, never changed in place
            self._changed(BOOKMARKS, put=copies)

    def _changed(
        self,
        table: str,
        *,
        put: Mapping[str, dict[str, Any]] | None = None,
        delete: Sequence[str] = (),
    ) -> None:
        """Make a change already applied to the tables durable through the journal."""
        if put:
            self.journal.put(table, put)
        if delete:
            self.journal.delete(table, delete)
        if self.journal.wants_compaction():
            self.db.atomic_storage.flush()
            self.journal.clear()
