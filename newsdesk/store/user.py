"""Read marks and bookmarks: `user.json` (TinyDB) with its journal, apart from the story cache.

A bookmark is a full copy of the story document and its annotation document, so pruning, a lost
index or a damaged shard can never take it away. Every change is written to the journal (one
fsync) before it is made in memory: when the write fails, the call raises StoreError and nothing
changed, so a change is confirmed only once it is on disk. user.json itself is rewritten when the
journal grows and when a store that changed something closes. Opening writes nothing (the journal
a killed process left is replayed, and folded in at the next close that changed something),
unless records of the wrong shape had to be set aside.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from newsdesk.store.errors import StoreError
from newsdesk.store.journal import Journal
from newsdesk.store.shapes import USER_CHECK
from newsdesk.store.storage import CorruptHandler, KeyedTable, open_db

READ = "read"
BOOKMARKS = "bookmarks"


class UserState:
    def __init__(self, data_dir: Path, *, read_only: bool, on_corrupt: CorruptHandler) -> None:
        self.read_only = read_only
        self.on_corrupt = on_corrupt
        self.journal = Journal(
            data_dir / "user.journal",
            read_only=read_only,
            on_corrupt=on_corrupt,
            check=USER_CHECK,
        )
        self.db = open_db(
            data_dir / "user.json",
            read_only=read_only,
            on_corrupt=on_corrupt,
            after_load=self.journal.replay,
            companions=(self.journal.path,),
            check=USER_CHECK,
        )

    def load(self) -> None:
        """Read user.json and replay the journal. Nothing is written unless something had to be
        set aside: then user.json is rewritten without it (the original is kept)."""
        storage = self.db.atomic_storage
        storage.read()
        if not self.read_only and (storage.dirty or self.journal.set_aside):
            storage.dirty = True
            try:
                self._fold()
            except StoreError as exc:  # a full disk: the repair waits, the reader opens
                self.on_corrupt(str(exc))

    def _fold(self) -> None:
        """Write user.json with everything, then empty the journal."""
        self.db.atomic_storage.flush()
        self.journal.clear()
        self.journal.set_aside = False

    def close(self) -> None:
        """Fold the journal into user.json if this process changed something. A failure here
        loses nothing: the journal still holds every change and is replayed next time."""
        try:
            if not self.read_only and (self.journal.appended or self.db.atomic_storage.dirty):
                try:
                    self._fold()
                except StoreError as exc:
                    self.on_corrupt(f"{exc}; the changes are kept in {self.journal.path}")
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
            self.journal.put(READ, fresh)
            self._read.put_many(fresh)
            self._after_change()

    def mark_unread(self, ids: Iterable[str]) -> None:
        known = self._read.raw()
        gone = [sid for sid in dict.fromkeys(ids) if sid in known]
        if gone:
            self.journal.delete(READ, gone)
            self._read.delete_many(gone)
            self._after_change()

    def add_bookmark(self, story_id: str, doc: dict[str, Any]) -> bool:
        if story_id in self._bookmarks.raw():
            return False
        self.journal.put(BOOKMARKS, {story_id: doc})
        self._bookmarks.put_many({story_id: doc})
        self._after_change()
        return True

    def remove_bookmark(self, story_id: str) -> bool:
        if story_id not in self._bookmarks.raw():
            return False
        self.journal.delete(BOOKMARKS, [story_id])
        self._bookmarks.delete_many([story_id])
        self._after_change()
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
            self.journal.put(BOOKMARKS, copies)
            self._bookmarks.put_many(copies)  # replaced, never changed in place
            self._after_change()

    def _after_change(self) -> None:
        """The change is in the journal and in memory; fold the journal in when it is long.
        A failed fold loses nothing (the journal has it all): it is tried again later."""
        if self.journal.wants_compaction():
            try:
                self._fold()
            except StoreError as exc:
                self.on_corrupt(f"{exc}; the changes are kept in {self.journal.path}")
