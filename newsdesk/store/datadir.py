"""The files of one newsdesk data directory: locking it, opening and repairing its files, the
story index read at once or when first needed (its head meanwhile), and closing them.

Layout of the data directory:

- `index.json`  table "stories": one small row per story (a StoryRow without the user flags, plus
  its shard, sort key and annotation version): all that listing and filtering need.
  Table "pruned": ids removed by retention, so a feed still carrying them does not bring them back.
- `index.head.json`  a copy of the newest rows of index.json, rewritten with it: the first screen
  without reading the whole index (see head.py).
- `stories/<day>-<seq>.json`  bodies ("stories") and annotations ("annotations"); see shards.py.
- `feeds.json`  table "feeds": a FeedState per feed url.
- `user.json`  table "read" and table "bookmarks"; a bookmark holds a full copy of the story and
  its annotation, so nothing done to the story cache can lose it.
- `user.journal`  changes to user.json since it was last written (see journal.py).
- `newsdesk.lock`  held (flock) for the Store's lifetime unless read-only.

Every call that changes data writes each touched file once, in an order that keeps the files
consistent if the process dies between two of them (bodies before the index row that points to
them; index rows removed before their bodies).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from newsdesk.store.errors import StoreError
from newsdesk.store.head import HEAD_FILE, Head, read_head, write_head
from newsdesk.store.lock import DirLock
from newsdesk.store.shapes import FEEDS_CHECK, INDEX_CHECK
from newsdesk.store.shards import SHARD_DIR, ShardSet
from newsdesk.store.storage import (
    AtomicJSONStorage,
    KeyedDB,
    KeyedTable,
    RecordCheck,
    Tables,
    open_db,
    reason,
    remove_temp_files,
)
from newsdesk.store.sync import synchronized
from newsdesk.store.user import UserState

LOCK_FILE = "newsdesk.lock"


class DataDir:
    """The open files of one data directory, which the Store reads and writes. Thread-safe;
    one writing instance per directory.

    With `defer_index`, index.json is read when first needed (or by `load_index`) rather than
    on opening, and until then the newest stories come from the head (`rows(limit=...)`,
    `row`, `story`, `annotation` of those): problems found in the index are then noted when it
    is read, through `on_message`.
    """

    def __init__(
        self, data_dir: Path, *, read_only: bool = False, defer_index: bool = False
    ) -> None:
        self.data_dir = Path(data_dir).expanduser()
        self.read_only = read_only
        self.defer_index = defer_index
        self.messages: list[str] = []  # problems found (files set aside, ...), oldest first
        # Called with each message noted after it is set, e.g. to print those found later
        # (a damaged shard is only read when one of its stories is).
        self.on_message: Callable[[str], None] | None = None
        self._mutex = threading.RLock()
        self._lock: DirLock | None = None
        self._closed = False
        self._index_open = False  # index.json read (and repaired): the head is no longer used
        self._head: Head | None = None
        self._head_read = False
        if self.data_dir.exists() and not self.data_dir.is_dir():
            raise StoreError(f"the data directory {self.data_dir} is not a directory")
        if not read_only:
            self._lock = _lock_dir(self.data_dir)
        try:
            self._load()
        except BaseException:
            self._closed = True
            if self._lock is not None:
                self._lock.release()
            raise

    def _note(self, message: str) -> None:
        self.messages.append(message)
        if self.on_message is not None:
            self.on_message(message)

    def _load(self) -> None:
        """Read the files. Nothing is written unless something had to be repaired."""
        if not self.read_only:
            remove_temp_files(self.data_dir)
            remove_temp_files(self.data_dir / SHARD_DIR)
        self._index = open_db(
            self.data_dir / "index.json",
            read_only=self.read_only,
            on_corrupt=self._note,
            check=INDEX_CHECK,
            after_flush=None if self.read_only else self._write_head,
            in_steps=True,  # read in a thread while the reader's screen must stay quick
        )
        self._feeds = self._open("feeds.json", FEEDS_CHECK)
        self._user = UserState(self.data_dir, read_only=self.read_only, on_corrupt=self._note)
        self._shards = ShardSet(
            self.data_dir / SHARD_DIR, read_only=self.read_only, on_corrupt=self._note
        )
        # load now, so store.messages is complete after opening (the index: unless deferred)
        if not self.defer_index:
            self._index.atomic_storage.read()
        self._feeds.atomic_storage.read()
        self._user.load()
        if not self.defer_index:
            self._open_index()
        if not self.read_only:
            self._save_repairs(self._feeds.atomic_storage)

    @property
    def index_loaded(self) -> bool:
        """Whether index.json has been read (always, unless opening deferred it)."""
        return self._index_open

    def load_index(self) -> None:
        """Read index.json now if opening deferred it. The slow part (parsing and checking)
        holds no lock of the store's, so calls from other threads go on meanwhile."""
        if self._index_open or self._closed:
            return
        self._index.atomic_storage.preload()
        with self._mutex:
            if not self._closed:
                self._open_index()

    def _open_index(self) -> None:
        """Read index.json (at once, or when first needed) and rebuild what it lacks from the
        shards. Nothing is written unless something had to be repaired."""
        with self._mutex:
            if self._index_open:
                return
            storage = self._index.atomic_storage
            storage.read()
            self._index_open = True  # from here the tables are read as they are
            self._head = None
            if self.read_only:
                return
            if not self._rows.raw() or storage.set_aside.get("stories"):
                self._rebuild_index()
            self._save_repairs(storage)

    def _save_repairs(self, storage: AtomicJSONStorage) -> None:
        """Write a file whose records were set aside on reading (nothing otherwise)."""
        try:
            storage.flush()
        except StoreError as exc:  # a full disk: the repair waits, the reader opens
            self._note(str(exc))

    def _write_head(self, tables: Tables) -> None:
        write_head(
            self.data_dir / HEAD_FILE,
            self._index.atomic_storage.path,
            tables.get("stories", {}),
            tables.get("pruned", {}),
        )

    def _first_rows(self) -> Head | None:
        """The head of the index while the index itself is not read; None once it is, or when
        there is no head that matches it."""
        if self._index_open:
            return None
        if not self._head_read:
            self._head = read_head(self.data_dir / HEAD_FILE, self._index.atomic_storage.path)
            self._head_read = True
        return self._head

    def _index_doc(self, story_id: str) -> dict[str, Any] | None:
        """The index document of a story: from the head when it holds it."""
        head = self._first_rows()
        if head is not None:
            doc = head.docs.get(story_id)
            if doc is not None or head.complete:
                return doc
        return self._rows.raw().get(story_id)

    def _rebuild_index(self) -> None:
        """Index lost (corrupt, deleted, or a crash before the first index write), or some of
        its rows set aside: rebuild the missing rows from the shards, which hold every story
        and annotation."""
        pruned, rows = self._pruned.raw(), self._rows.raw()
        docs = {
            sid: doc
            for sid, doc in self._shards.index_docs().items()
            if sid not in pruned and sid not in rows
        }
        if docs:
            self._rows.put_many(docs)
            self._index.atomic_storage.flush()
            if any("index.json" in message for message in self.messages):
                self._note(f"rebuilt the story index from {len(docs)} stored stories")

    def _open(self, name: str, check: RecordCheck) -> KeyedDB:
        return open_db(
            self.data_dir / name, read_only=self.read_only, on_corrupt=self._note, check=check
        )

    # --- life cycle ------------------------------------------------------------------------------

    @synchronized
    def close(self) -> None:
        if self._closed:
            return
        try:
            if not self.read_only:  # normally nothing is left to write: each call writes
                self._shards.flush_all()
                for db in (self._index, self._feeds):
                    db.atomic_storage.flush()
        finally:
            self._closed = True
            try:
                self._user.close()
            finally:
                if self._lock is not None:
                    self._lock.release()
                    self._lock = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _writable(self) -> None:
        self._open_check()
        if self.read_only:
            raise StoreError(
                f"the store at {self.data_dir} is open read-only (another newsdesk may be "
                "using it); this change was not saved"
            )

    def _open_check(self) -> None:
        if self._closed:
            raise StoreError(f"the store at {self.data_dir} is closed")

    # --- tables ----------------------------------------------------------------------------------

    @property
    def _rows(self) -> KeyedTable:
        if not self._index_open:
            self._open_index()
        return self._index.keyed("stories")

    @property
    def _pruned(self) -> KeyedTable:
        if not self._index_open:
            self._open_index()
        return self._index.keyed("pruned")


def _lock_dir(data_dir: Path) -> DirLock:
    """Create the data directory if needed and lock it; StoreError says what is wrong."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the data directory {data_dir}: {reason(exc)}") from exc
    try:
        return DirLock(data_dir / LOCK_FILE)
    except OSError as exc:
        raise StoreError(
            f"cannot write to the data directory {data_dir}: {reason(exc)} "
            "(--read-only only looks at it)"
        ) from exc
