"""Story bodies and annotations, kept apart from the index in capped shard files.

A shard is `stories/<fetched UTC day>-<seq>.json`, a TinyDB with two tables, "stories" and
"annotations", holding at most `SHARD_CAP` stories. New stories fill the newest shard of their
fetch day, then open the next one. So a refresh (whose stories are all fetched "now") rewrites only
the one or two partly filled shards plus the new ones, however many stories are stored; annotating
those stories touches the same few shards; and retention, which drops old stories, empties whole old
shards and deletes their files. Each shard stays small (~0.4 MB at 50 stories of ~8 KB), so opening
one story or bookmarking it loads one small file.
"""

from __future__ import annotations

import os
from collections import Counter, OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsdesk.models import annotation_from_dict, story_from_dict
from newsdesk.store import records as rec
from newsdesk.store.errors import StoreError
from newsdesk.store.shapes import SHARD_CHECK, SHARD_NAME
from newsdesk.store.storage import CorruptHandler, KeyedDB, fsync_dir, open_db, reason

SHARD_CAP = 50
SHARD_DIR = "stories"
_NAME = SHARD_NAME


class ShardSet:
    """The shard files, loaded on demand.

    At most `keep_loaded` shards stay in memory, but a shard with unwritten changes is never
    dropped (its changes would be lost), and neither is the shard just handed out: its caller
    is about to read or change it. Changes go through `put` and `delete`, which mark the shard
    as changed before anything else can be opened.
    """

    def __init__(
        self,
        directory: Path,
        *,
        read_only: bool,
        on_corrupt: CorruptHandler,
        keep_loaded: int = 12,
    ) -> None:
        self.directory = directory
        self.read_only = read_only
        self.on_corrupt = on_corrupt
        self.keep_loaded = keep_loaded
        self._dbs: OrderedDict[str, KeyedDB] = OrderedDict()

    def db(self, name: str) -> KeyedDB:
        if not _NAME.match(name):
            raise ValueError(f"not a shard name: {name!r}")
        db = self._dbs.get(name)
        if db is None:
            db = open_db(
                self.path(name),
                read_only=self.read_only,
                on_corrupt=self.on_corrupt,
                check=SHARD_CHECK,
            )
            self._evict(room_for=1)  # before adding it: the new shard is never the one dropped
            self._dbs[name] = db
        else:
            self._dbs.move_to_end(name)
        return db

    def put(self, name: str, table: str, docs: dict[str, dict[str, Any]]) -> None:
        """Insert or replace documents in one table of a shard (written by `flush`)."""
        self.db(name).keyed(table).put_many(docs)

    def delete(self, name: str, table: str, keys: Iterable[str]) -> None:
        """Remove documents from one table of a shard (written by `flush`)."""
        self.db(name).keyed(table).delete_many(keys)

    def path(self, name: str) -> Path:
        return self.directory / f"{name}.json"

    def on_disk(self) -> set[str]:
        try:
            names = os.listdir(self.directory)
        except OSError:
            return set()
        return {n[:-5] for n in names if n.endswith(".json") and _NAME.match(n[:-5])}

    def flush(self, names: Iterable[str]) -> None:
        """Write the named shards that changed; an emptied shard's file is deleted.

        When one cannot be written, the unwritten changes of all the named shards are dropped
        (memory then holds what the disk holds) and StoreError is raised.
        """
        names = sorted(set(names))
        try:
            if names and not self.read_only:
                self.directory.mkdir(parents=True, exist_ok=True)
            changed = False
            writes: list[KeyedDB] = []
            for name in names:
                db = self._dbs.get(name)
                if db is None or not db.atomic_storage.dirty:
                    continue
                changed = True
                data = db.atomic_storage.read()
                if not any(data.values()):
                    self.path(name).unlink(missing_ok=True)
                    db.atomic_storage.dirty = False
                    del self._dbs[name]
                else:
                    writes.append(db)
            _write_all(writes)
            if changed:
                fsync_dir(self.directory)  # once for all the shards written above
        except (OSError, StoreError) as exc:
            for name in names:
                db = self._dbs.get(name)
                if db is not None and db.atomic_storage.dirty:
                    db.atomic_storage.forget()
            if isinstance(exc, StoreError):
                raise
            raise StoreError(f"could not write {self.directory}: {reason(exc)}") from exc
        self._evict()

    def flush_all(self) -> None:
        self.flush(list(self._dbs))

    def assign(self, fetched_days: dict[str, str], counts: Counter[str]) -> dict[str, str]:
        """Pick a shard for each new story id (id -> fetch day); `counts` = stories per shard."""
        known = set(counts) | self.on_disk()
        by_day: dict[str, list[str]] = {}
        for story_id, day in fetched_days.items():
            by_day.setdefault(day, []).append(story_id)
        chosen: dict[str, str] = {}
        for day, ids in by_day.items():
            seqs = [int(m.group(2)) for n in known if (m := _NAME.match(n)) and m.group(1) == day]
            seq = max(seqs, default=0)
            used = counts.get(shard_name(day, seq), 0)
            for story_id in ids:
                if used >= SHARD_CAP:
                    seq, used = seq + 1, 0
                chosen[story_id] = shard_name(day, seq)
                used += 1
        return chosen

    def index_docs(self) -> dict[str, dict[str, Any]]:
        """Index documents for every story the shard files hold (to rebuild a lost index)."""
        docs: dict[str, dict[str, Any]] = {}
        for shard in sorted(self.on_disk()):
            db = self.db(shard)
            annotations = db.keyed("annotations").raw()
            for sid, body in db.keyed("stories").raw().items():
                doc = rec.index_doc(story_from_dict(body), shard)
                if sid in annotations:
                    doc.update(rec.annotation_fields(annotation_from_dict(annotations[sid])))
                docs[sid] = doc
        return docs

    def _evict(self, room_for: int = 0) -> None:
        """Drop the least recently used clean shards beyond `keep_loaded` (less `room_for`).
        Shards with unwritten changes stay, however many there are."""
        for name in list(self._dbs):
            if len(self._dbs) + room_for <= self.keep_loaded:
                break
            if not self._dbs[name].atomic_storage.dirty:
                del self._dbs[name]


WRITERS = 8  # shard files written at once


def _write_all(dbs: list[KeyedDB]) -> None:
    """Write each shard (temp file, fsync, rename), several at once: the file system commits
    fsyncs that wait together in one journal commit, so twenty shards written at once cost
    about what one costs (measured: 20 shards of 30 KB, 6 ms at once, 90 ms one by one).
    Every write is finished before this returns; the first failure is raised then."""
    if len(dbs) < 2:
        for db in dbs:
            db.atomic_storage.flush(sync_dir=False)
        return
    from concurrent.futures import ThreadPoolExecutor

    def write(db: KeyedDB) -> BaseException | None:
        try:
            db.atomic_storage.flush(sync_dir=False)
        except (OSError, StoreError) as exc:
            return exc
        return None

    with ThreadPoolExecutor(max_workers=min(WRITERS, len(dbs))) as pool:
        failures = [exc for exc in pool.map(write, dbs) if exc is not None]
    if failures:
        raise failures[0]


def shard_name(day: str, seq: int) -> str:
    return f"{day}-{seq:03d}"
