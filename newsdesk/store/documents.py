"""Whole JSON documents beside the tables (the actor index): read whole, written whole through
the same temp-file, fsync and rename as every other file, a damaged one set aside."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsdesk.store.errors import StoreError
from newsdesk.store.storage import atomic_write, move_aside, reason


def load_document(path: Path, on_problem: Callable[[str], None], *, read_only: bool) -> Any:
    """The document at `path`, or None when there is none. A damaged one is moved aside (left
    in place when read-only) with a message; one that cannot be read is a message too."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        on_problem(f"{path}: cannot read: {reason(exc)}")
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
    except (ValueError, UnicodeDecodeError) as exc:
        if read_only:
            on_problem(f"{path}: damaged ({exc}); ignored")
            return None
        try:
            aside = move_aside(path)
        except OSError as err:
            on_problem(f"{path}: damaged and cannot be moved aside: {reason(err)}")
            return None
        on_problem(f"{path}: damaged ({exc}); moved aside as {aside.name}, rebuilt")
        return None
    return data


def save_document(path: Path, data: Any) -> None:
    """Write the document whole, atomically. Raises StoreError when the disk refuses."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    try:
        atomic_write(path, payload)
    except OSError as exc:
        raise StoreError(f"{path}: cannot write: {reason(exc)}") from None
