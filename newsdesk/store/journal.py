"""An append-only journal in front of user.json, so a bookmark or read mark costs one fsync.

Rewriting user.json (which holds full copies of every bookmarked story) for each bookmark costs an
fsync of the new file, a rename and an fsync of the directory. Instead each change is appended to
`user.journal` as one JSON line ({"t": table, "put": {key: doc}} or {"t": table, "del": [keys]})
and the journal is fsynced; user.json is rewritten (atomically, as every file) only now and then,
and the journal emptied after. Every entry sets or deletes whole documents, so replaying entries
that user.json already holds changes nothing: a crash between the rewrite and the emptying is
harmless. A last line cut short by a crash was never confirmed to the caller and is dropped.

A change is confirmed only once every byte of its line is written and synced. A write that
fails part way (a full disk) is cut back off the file, so the next line never joins onto half
of one, and the caller gets a StoreError. Opening writes nothing: the file is opened for
appending (and a cut-short tail removed) only when the first change comes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from newsdesk.store.errors import StoreError
from newsdesk.store.storage import (
    CorruptHandler,
    RecordCheck,
    Tables,
    encode,
    fsync_dir,
    move_aside,
    reason,
    write_all,
)

_datasync = getattr(os, "fdatasync", os.fsync)  # macOS has no fdatasync

COMPACT_BYTES = 2_000_000
COMPACT_ENTRIES = 500


class Journal:
    def __init__(
        self,
        path: Path,
        *,
        read_only: bool,
        on_corrupt: CorruptHandler,
        check: RecordCheck | None = None,
    ) -> None:
        self.path = path
        self.check = check  # a put of a document of the wrong shape makes its line damaged
        self.read_only = read_only
        self.on_corrupt = on_corrupt
        self.entries = 0  # entries in the file
        self.bytes = 0  # bytes of complete lines in the file
        self.appended = False  # this process wrote an entry
        self.set_aside = False  # replay moved the file aside: its good entries are only in memory
        self._fd: int | None = None
        self._broken: str | None = None  # why appending is no longer safe

    def replay(self, data: Tables) -> None:
        """Apply the journal's entries to `data` (the parsed user.json) in place."""
        self.entries = self.bytes = 0
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {reason(exc)}") from exc
        lines = raw.split(b"\n")
        complete = lines[:-1]  # the last piece is b"" or a line cut short: never confirmed
        for number, line in enumerate(complete, 1):
            entry = _parse(line, self.check)
            if entry is None:
                if self.read_only:
                    self.on_corrupt(f"{self.path} line {number} is damaged; later lines ignored")
                else:
                    aside = move_aside(self.path)
                    self.entries = self.bytes = 0
                    self.set_aside = True
                    self.on_corrupt(
                        f"moved damaged journal aside: {self.path} line {number}; "
                        f"kept as {aside.name}"
                    )
                return
            _apply(data, entry)
            self.entries += 1
            self.bytes += len(line) + 1

    def _open(self) -> int:
        """The journal open for appending, any cut-short tail removed (on the first change)."""
        if self._fd is not None:
            return self._fd
        existed = self.path.exists()
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            if os.fstat(fd).st_size != self.bytes:
                os.ftruncate(fd, self.bytes)
                os.fsync(fd)
            if not existed:
                fsync_dir(self.path.parent)
        except OSError:
            os.close(fd)
            raise
        self._fd = fd
        return fd

    def put(self, table: str, docs: Mapping[str, Any]) -> None:
        self._append({"t": table, "put": dict(docs)})

    def delete(self, table: str, keys: Iterable[str]) -> None:
        self._append({"t": table, "del": list(keys)})

    def _append(self, entry: dict[str, Any]) -> None:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only")
        if self._broken is not None:
            raise StoreError(self._broken)
        line = encode(entry).encode("ascii") + b"\n"  # ASCII JSON: no raw newline inside
        try:
            fd = self._open()
        except OSError as exc:
            raise StoreError(f"could not write {self.path}: {reason(exc)}") from exc
        try:
            write_all(fd, line)
            _datasync(fd)
        except OSError as exc:
            self._cut_back(fd)
            raise StoreError(
                f"could not write {self.path}: {reason(exc)}; the change was not saved"
            ) from exc
        self.entries += 1
        self.bytes += len(line)
        self.appended = True

    def _cut_back(self, fd: int) -> None:
        """Remove what a failed append left (part of a line) so the file ends on a whole line."""
        try:
            os.ftruncate(fd, self.bytes)
        except OSError as exc:
            self._broken = (
                f"could not write {self.path}: {reason(exc)}; the journal ends with part of "
                "a line: restart newsdesk to save changes again"
            )

    def wants_compaction(self) -> bool:
        return self.entries >= COMPACT_ENTRIES or self.bytes >= COMPACT_BYTES

    def clear(self) -> None:
        """Empty the journal (its entries are now in user.json)."""
        if self.bytes == 0 and self._fd is None:
            return
        try:
            fd = self._open()
            os.ftruncate(fd, 0)
            os.fsync(fd)
        except OSError as exc:
            raise StoreError(f"could not write {self.path}: {reason(exc)}") from exc
        self.entries, self.bytes = 0, 0

    def close(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)


def _parse(line: bytes, check: RecordCheck | None) -> dict[str, Any] | None:
    try:
        entry = json.loads(line)
    except ValueError:
        return None
    if not isinstance(entry, dict) or not isinstance(entry.get("t"), str):
        return None
    put, gone = entry.get("put"), entry.get("del")
    if put is not None and not (
        isinstance(put, dict) and all(isinstance(d, dict) for d in put.values())
    ):
        return None
    if gone is not None and not (isinstance(gone, list) and all(isinstance(k, str) for k in gone)):
        return None
    table = entry["t"]
    if put and check is not None and any(check(table, k, d) is not None for k, d in put.items()):
        return None  # a document of the wrong shape: the line is damaged
    return entry


def _apply(data: Tables, entry: dict[str, Any]) -> None:
    table = data.setdefault(entry["t"], {})
    for key, doc in (entry.get("put") or {}).items():
        table[key] = doc
    for key in entry.get("del") or ():
        table.pop(str(key), None)
