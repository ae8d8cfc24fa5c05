"""An append-only journal in front of user.json, so a bookmark or read mark costs one fsync.

Rewriting user.json (which holds full copies of every bookmarked story) for each bookmark costs an
fsync of the new file, a rename and an fsync of the directory. Instead each change is appended to
`user.journal` as one JSON line ({"t": table, "put": {key: doc}} or {"t": table, "del": [keys]})
and the journal is fsynced; user.json is rewritten (atomically, as every file) only now and then,
and the journal emptied after. Every entry sets or deletes whole documents, so replaying entries
that user.json already holds changes nothing: a crash between the rewrite and the emptying is
harmless. A last line cut short by a crash was never confirmed to the caller and is dropped.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from newsdesk.store.errors import StoreError
from newsdesk.store.storage import CorruptHandler, Tables, encode, fsync_dir, move_aside

_datasync = getattr(os, "fdatasync", os.fsync)  # macOS has no fdatasync

COMPACT_BYTES = 2_000_000
COMPACT_ENTRIES = 500


class Journal:
    def __init__(self, path: Path, *, read_only: bool, on_corrupt: CorruptHandler) -> None:
        self.path = path
        self.read_only = read_only
        self.on_corrupt = on_corrupt
        self.entries = 0
        self.bytes = 0
        self._fd: int | None = None

    def replay(self, data: Tables) -> None:
        """Apply the journal's entries to `data` (the parsed user.json) in place."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {exc}") from exc
        lines = raw.split(b"\n")
        complete, tail = lines[:-1], lines[-1]  # tail: b"" or a line cut short by a crash
        for number, line in enumerate(complete, 1):
            entry = _parse(line)
            if entry is None:
                if self.read_only:
                    self.on_corrupt(f"{self.path} line {number} is damaged; later lines ignored")
                else:
                    aside = move_aside(self.path)
                    self.on_corrupt(
                        f"moved damaged journal aside: {self.path} line {number}; "
                        f"kept as {aside.name}"
                    )
                return
            _apply(data, entry)
        del tail  # never confirmed to anyone: dropped

    def open_for_append(self) -> None:
        """Start an empty journal (call after its content is safely in user.json)."""
        existed = self.path.exists()
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.ftruncate(fd, 0)
        os.fsync(fd)
        if not existed:
            fsync_dir(self.path.parent)
        self._fd, self.entries, self.bytes = fd, 0, 0

    def put(self, table: str, docs: Mapping[str, Any]) -> None:
        self._append({"t": table, "put": dict(docs)})

    def delete(self, table: str, keys: Iterable[str]) -> None:
        self._append({"t": table, "del": list(keys)})

    def _append(self, entry: dict[str, Any]) -> None:
        if self._fd is None:
            raise StoreError(f"{self.path} is not open for writing")
        line = encode(entry).encode("ascii") + b"\n"  # ASCII JSON: no raw newline inside
        try:
            os.write(self._fd, line)
            _datasync(self._fd)
        except OSError as exc:
            raise StoreError(f"could not write {self.path}: {exc}") from exc
        self.entries += 1
        self.bytes += len(line)

    def wants_compaction(self) -> bool:
        return self.entries >= COMPACT_ENTRIES or self.bytes >= COMPACT_BYTES

    def clear(self) -> None:
        """Empty the journal (its entries are now in user.json)."""
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
            os.fsync(self._fd)
        except OSError as exc:
            raise StoreError(f"could not write {self.path}: {exc}") from exc
        self.entries, self.bytes = 0, 0

    def close(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)


def _parse(line: bytes) -> dict[str, Any] | None:
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
    if gone is not None and not isinstance(gone, list):
        return None
    return entry


def _apply(data: Tables, entry: dict[str, Any]) -> None:
    table = data.setdefault(entry["t"], {})
    for key, doc in (entry.get("put") or {}).items():
        table[key] = doc
    for key in entry.get("del") or ():
        table.pop(str(key), None)
