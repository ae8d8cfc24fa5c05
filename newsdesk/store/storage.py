"""A crash-safe TinyDB storage and a TinyDB whose document ids are our own string keys.

TinyDB asks its storage for the whole database on every operation and hands the whole database
back on every change. `AtomicJSONStorage` keeps the parsed data in memory after the first read (the
store is the only writer, under the directory lock) and only records changes; `flush()` puts them
on disk with a temporary file in the same directory, fsync, `os.replace` and an fsync of the
directory, so a crash at any moment leaves either the old file or the new one, never a mix.

A file that is not JSON, or not TinyDB tables of documents, is moved aside to
`<name>.corrupt-<UTC timestamp>` (never overwritten) and reported through `on_corrupt`. A file
whose tables hold some records of the wrong shape (`check`, see shapes.py) keeps its good
records: the bad ones are left out and reported, the original file is kept beside it as
`<name>.corrupt-<stamp>` (a hard link: no copy), and the file is rewritten without them. A
file that cannot be read at all (permission denied, an I/O error) is an error: it is never
moved aside.

A write that fails (a full disk) leaves the file as it was, forgets the unwritten changes (the
next read loads the file again, so memory never claims more than the disk holds) and raises
StoreError.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import shutil
import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from newsdesk.store.decoding import loads_in_steps
from newsdesk.store.errors import StoreError

Tables = dict[str, dict[str, Any]]
CorruptHandler = Callable[[str], None]
# (table, key, document) -> what is wrong with the document, or None when it is fine
RecordCheck = Callable[[str, str, Any], str | None]

TEMP_MARK = ".tmp-"
CORRUPT_MARK = ".corrupt-"

encode = json.JSONEncoder(
    ensure_ascii=True,  # pure ASCII output: a lone surrogate from a feed can never break a write
    check_circular=False,
    separators=(",", ":"),
).encode


class AtomicJSONStorage(Storage):
    """TinyDB storage: in-memory after the first read, atomic durable writes on `flush()`."""

    def __init__(
        self,
        path: str | Path,
        *,
        read_only: bool = False,
        on_corrupt: CorruptHandler | None = None,
        after_load: Callable[[Tables], None] | None = None,
        companions: tuple[Path, ...] = (),
        check: RecordCheck | None = None,
        after_flush: Callable[[Tables], None] | None = None,
        in_steps: bool = False,
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.on_corrupt = on_corrupt
        self.after_load = after_load  # e.g. replay a journal onto what was read
        self.companions = companions  # files whose change means a reader must reload too
        self.check = check
        self.after_flush = after_flush  # called with the data just written
        # parse one document at a time (a large file read while another thread must stay quick)
        self.in_steps = in_steps
        self.set_aside: dict[str, list[str]] = {}  # table -> keys of records left out on load
        self.dirty = False
        self._data: Tables | None = None
        self._loading = threading.Lock()  # one parse at a time: `preload` and `read`
        self._preloaded: tuple[Tables, bool] | None = None
        self._stamp: tuple[tuple[int, int, int] | None, ...] = ()
        self._fragments: dict[int, tuple[dict[str, Any], str, str]] = {}

    # --- the TinyDB Storage interface ---------------------------------------------------------

    def read(self) -> Tables:
        if self._data is None or (self.read_only and self._changed_on_disk()):
            with self._loading:  # a parse `preload` began in another thread is waited for
                loaded, self._preloaded = self._preloaded, None
            if loaded is None or self._data is not None:  # a reader saw the file change
                loaded = self._load()
            data, repaired = loaded
            if self.after_load is not None:
                self.after_load(data)
            self._data = data
            self.dirty = repaired  # records set aside: the file is rewritten without them
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only")
        self._data = data
        self.dirty = True

    def close(self) -> None:
        """Nothing to release: files are only open while they are read or written."""

    # --- ours -----------------------------------------------------------------------------------

    def preload(self) -> None:
        """Parse and check the file now, for the next `read` to take up. Needs none of the
        caller's locks, so that a thread can do the slow part while others go on using what
        they hold (TinyDB only sees the data at that next `read`)."""
        with self._loading:
            if self._data is None and self._preloaded is None:
                self._preloaded = self._load()

    def flush(self, *, sync_dir: bool = True) -> None:
        """Write the data to disk if it changed since the last flush.

        `sync_dir=False` leaves the directory fsync to the caller, who writes several files of
        one directory and syncs it once before anything that depends on them is written.
        """
        if not self.dirty or self._data is None:
            return
        try:
            payload = self._serialize(self._data)
            atomic_write(self.path, payload, sync_dir=sync_dir)
        except OSError as exc:
            self.forget()
            raise StoreError(f"could not write {self.path}: {reason(exc)}") from exc
        self.dirty = False
        if self.after_flush is not None:
            self.after_flush(self._data)

    def forget(self) -> None:
        """Drop unwritten changes: the next read loads the file again."""
        self._data = None
        self.dirty = False
        self._fragments = {}

    def _serialize(self, data: Tables) -> bytes:
        """Compact JSON of `data`, re-encoding only the documents that changed since last time.

        Encoding dominates a write (a 1.5 MB file of bookmarks takes ~20 ms), while a call changes
        a few documents. Stored documents are never modified in place (KeyedTable replaces them),
        so a document object seen before still has the encoding cached for it.
        """
        seen = self._fragments
        fresh: dict[int, tuple[dict[str, Any], str, str]] = {}
        tables = []
        for name, table in data.items():
            docs = []
            for key, doc in table.items():
                entry = seen.get(id(doc))
                if entry is None or entry[0] is not doc or entry[1] != key:
                    entry = (doc, key, f"{encode(key)}:{encode(doc)}")
                fresh[id(doc)] = entry
                docs.append(entry[2])
            tables.append(f"{encode(name)}:{{{','.join(docs)}}}")
        self._fragments = fresh
        return f"{{{','.join(tables)}}}".encode("ascii")

    def _load(self) -> tuple[Tables, bool]:
        """The file's tables, and whether records were set aside (so it must be rewritten)."""
        self._stamp = self._stat()
        self.set_aside = {}
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}, False
        except OSError as exc:  # unreadable is not corrupt: never move it aside
            raise StoreError(f"cannot read {self.path}: {reason(exc)}") from exc
        try:
            data = loads_in_steps(raw) if self.in_steps else json.loads(raw)
        except ValueError as exc:  # includes UnicodeDecodeError
            return self._corrupt(f"is not valid JSON: {exc}"), False
        if not _well_shaped(data):
            return self._corrupt("does not hold TinyDB tables of documents"), False
        tables: Tables = data
        return tables, self._check_records(tables)

    def _check_records(self, tables: Tables) -> bool:
        if self.check is None:
            return False
        problems: list[str] = []
        for name, table in tables.items():
            for key, doc in list(table.items()):
                problem = self.check(name, key, doc)
                if problem is not None:
                    del table[key]
                    self.set_aside.setdefault(name, []).append(key)
                    problems.append(f"table {name!r} record {key!r}: {problem}")
        if not problems:
            return False
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        what = f"{len(problems)} record{'s' if len(problems) > 1 else ''} of the wrong shape"
        if self.read_only:
            note = f"{self.path}: {what} left out (read-only: file left as it is): "
        else:
            try:
                aside = keep_copy(self.path)
            except OSError as exc:
                raise StoreError(
                    f"{self.path}: {what}, and no copy could be kept: {reason(exc)}"
                ) from exc
            note = f"{self.path}: set aside {what}; the original is kept as {aside.name}: "
        if self.on_corrupt is not None:
            self.on_corrupt(f"{note}{problems[0]}{more}")
        return not self.read_only

    def _corrupt(self, problem: str) -> Tables:
        if self.read_only:
            note = f"{self.path} {problem}; shown as empty (read-only: left in place)"
        else:
            try:
                aside = move_aside(self.path)
            except OSError as exc:  # never write over it: stop instead
                raise StoreError(
                    f"{self.path} {problem}, and it could not be moved aside: {reason(exc)}"
                ) from exc
            note = f"moved corrupt file aside: {self.path} {problem}; kept as {aside.name}"
        if self.on_corrupt is not None:
            self.on_corrupt(note)
        return {}

    def _stat(self) -> tuple[tuple[int, int, int] | None, ...]:
        return tuple(file_stamp(p) for p in (self.path, *self.companions))

    def _changed_on_disk(self) -> bool:
        return self._stat() != self._stamp


def file_stamp(path: Path) -> tuple[int, int, int] | None:
    """(inode, mtime in ns, size) of a file, None when it is missing: files are replaced, never
    changed in place, so a new stamp means new content."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _well_shaped(data: Any) -> bool:
    if not isinstance(data, dict):
        return False
    for table in data.values():
        if not isinstance(table, dict):
            return False
        for doc in table.values():
            if not isinstance(doc, dict):
                return False
    return True


def reason(exc: OSError) -> str:
    """An OSError as a short phrase: "No space left on device"."""
    return exc.strerror or str(exc)


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of `data` (os.write may write only part); OSError when it cannot."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]


def temp_path(path: Path) -> Path:
    """A fresh hidden name beside `path` for a file that will replace it (left-overs of a
    crash are recognised by TEMP_MARK)."""
    return path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")


def atomic_write(path: Path, payload: bytes, *, sync_dir: bool = True) -> None:
    """Temp file in the same directory -> fsync -> os.replace -> fsync the directory."""
    tmp = temp_path(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            write_all(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if sync_dir:
        fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _aside_name(path: Path) -> Path:
    """`<name>.corrupt-<UTC timestamp>`, not yet taken."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}{CORRUPT_MARK}{stamp}")
    n = 1
    while aside.exists():
        aside = path.with_name(f"{path.name}{CORRUPT_MARK}{stamp}-{n}")
        n += 1
    return aside


def move_aside(path: Path) -> Path:
    """Rename a bad file to `<name>.corrupt-<UTC timestamp>` (never replacing an earlier one)."""
    aside = _aside_name(path)
    os.rename(path, aside)
    return aside


def keep_copy(path: Path) -> Path:
    """Keep the file as it is now under `<name>.corrupt-<UTC timestamp>`: a hard link (files
    are replaced, never changed in place, so the link keeps these bytes), else a copy."""
    aside = _aside_name(path)
    try:
        os.link(path, aside)
    except OSError:
        shutil.copy2(path, aside)
    return aside


def remove_temp_files(directory: Path) -> None:
    """Delete temp files a killed writer left behind (only call while holding the lock)."""
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") and TEMP_MARK in entry.name and entry.is_file():
            Path(entry.path).unlink(missing_ok=True)


class KeyedTable(Table):
    """A TinyDB table whose document ids are our string keys (story id, feed url).

    Documents are replaced (`put_many`), never modified in place: AtomicJSONStorage caches the
    encoding of each document object it has written.
    """

    document_id_class = str  # type: ignore[assignment]  # TinyDB's stubs say int

    def _get_next_id(self) -> str:
        raise StoreError("documents in newsdesk tables are always stored under an explicit key")

    def put_many(self, docs: Mapping[str, Mapping[str, Any]]) -> None:
        """Insert or replace documents by key."""
        raw = self.raw()
        present = [key for key in docs if key in raw]
        if present:
            self.remove(doc_ids=cast(Any, present))
        self.insert_multiple(Document(doc, doc_id=cast(Any, key)) for key, doc in docs.items())

    def delete_many(self, keys: Iterable[str]) -> list[str]:
        """Remove the documents that exist among `keys`; returns the keys removed."""
        raw = self.raw()
        present = list(dict.fromkeys(key for key in keys if key in raw))
        if present:
            self.remove(doc_ids=cast(Any, present))
        return present

    def raw(self) -> Mapping[str, dict[str, Any]]:
        """The stored documents by key, without copies. Never modify what it returns."""
        return cast(Mapping[str, dict[str, Any]], self._read_table())


class KeyedDB(TinyDB):
    table_class = KeyedTable

    def keyed(self, name: str) -> KeyedTable:
        return cast(KeyedTable, self.table(name))

    @property
    def atomic_storage(self) -> AtomicJSONStorage:
        return cast(AtomicJSONStorage, self.storage)


def open_db(path: Path, *, read_only: bool, on_corrupt: CorruptHandler, **extra: Any) -> KeyedDB:
    """A KeyedDB on an AtomicJSONStorage (extra: after_load, companions, check, after_flush,
    in_steps)."""
    return KeyedDB(
        path, storage=AtomicJSONStorage, read_only=read_only, on_corrupt=on_corrupt, **extra
    )
