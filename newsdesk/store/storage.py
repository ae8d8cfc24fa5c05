"""A crash-safe TinyDB storage and a TinyDB whose document ids are our own string keys.

TinyDB asks its storage for the whole database on every operation and hands the whole database
back on every change. `AtomicJSONStorage` keeps the parsed data in memory after the first read (the
store is the only writer, under the directory lock) and only records changes; `flush()` puts them
on disk with a temporary file in the same directory, fsync, `os.replace` and an fsync of the
directory, so a crash at any moment leaves either the old file or the new one, never a mix.

A file that cannot be read, parsed, or has the wrong shape is moved aside to
`<name>.corrupt-<UTC timestamp>` (never overwritten) and reported through `on_corrupt`.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from newsdesk.store.errors import StoreError

Tables = dict[str, dict[str, Any]]
CorruptHandler = Callable[[str], None]

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
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.on_corrupt = on_corrupt
        self.after_load = after_load  # e.g. replay a journal onto what was read
        self.companions = companions  # files whose change means a reader must reload too
        self.dirty = False
        self._data: Tables | None = None
        self._stamp: tuple[tuple[int, int, int] | None, ...] = ()
        self._fragments: dict[int, tuple[dict[str, Any], str, str]] = {}

    # --- the TinyDB Storage interface ---------------------------------------------------------

    def read(self) -> Tables:
        if self._data is None or (self.read_only and self._changed_on_disk()):
            data = self._load()
            if self.after_load is not None:
                self.after_load(data)
            self._data = data
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only")
        self._data = data
        self.dirty = True

    def close(self) -> None:
        """Nothing to release: files are only open while they are read or written."""

    # --- ours -----------------------------------------------------------------------------------

    def flush(self, *, sync_dir: bool = True) -> None:
        """Write the data to disk if it changed since the last flush.

        `sync_dir=False` leaves the directory fsync to the caller, who writes several files of
        one directory and syncs it once before anything that depends on them is written.
        """
        if not self.dirty or self._data is None:
            return
        payload = self._serialize(self._data)
        try:
            atomic_write(self.path, payload, sync_dir=sync_dir)
        except OSError as exc:
            raise StoreError(f"could not write {self.path}: {exc}") from exc
        self.dirty = False

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

    def _load(self) -> Tables:
        self._stamp = self._stat()
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            return self._corrupt(f"cannot be read: {exc}")
        try:
            data = json.loads(raw)
        except ValueError as exc:  # includes UnicodeDecodeError
            return self._corrupt(f"is not valid JSON: {exc}")
        if not _well_shaped(data):
            return self._corrupt("does not hold TinyDB tables of documents")
        tables: Tables = data
        return tables

    def _corrupt(self, reason: str) -> Tables:
        if self.read_only:
            note = f"{self.path} {reason}; shown as empty (read-only: left in place)"
        else:
            aside = move_aside(self.path)
            note = f"moved corrupt file aside: {self.path} {reason}; kept as {aside.name}"
        if self.on_corrupt is not None:
            self.on_corrupt(note)
        return {}

    def _stat(self) -> tuple[tuple[int, int, int] | None, ...]:
        return tuple(_stat(p) for p in (self.path, *self.companions))

    def _changed_on_disk(self) -> bool:
        return self._stat() != self._stamp


def _stat(path: Path) -> tuple[int, int, int] | None:
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


def atomic_write(path: Path, payload: bytes, *, sync_dir: bool = True) -> None:
    """Temp file in the same directory -> fsync -> os.replace -> fsync the directory."""
    tmp = path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")
    try:
        with open(tmp, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
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


def move_aside(path: Path) -> Path:
    """Rename a bad file to `<name>.corrupt-<UTC timestamp>` (never replacing an earlier one)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}{CORRUPT_MARK}{stamp}")
    n = 1
    while aside.exists():
        aside = path.with_name(f"{path.name}{CORRUPT_MARK}{stamp}-{n}")
        n += 1
    os.rename(path, aside)
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
        present = [key for key in docs if key in self.raw()]
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
    return KeyedDB(
        path, storage=AtomicJSONStorage, read_only=read_only, on_corrupt=on_corrupt, **extra
    )
