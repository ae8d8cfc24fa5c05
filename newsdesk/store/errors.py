"""Exceptions raised by the store."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """The store cannot do what was asked (read-only, closed, disk error); str() says why."""


class StoreLocked(StoreError):
    """Another newsdesk process holds the data directory."""

    def __init__(self, data_dir: Path, pid: int | None) -> None:
        self.data_dir = data_dir
        self.pid = pid
        holder = f"pid {pid}" if pid is not None else "pid unknown"
        super().__init__(
            f"another newsdesk is using {data_dir} ({holder}); close it first, "
            "or open this one with --read-only"
        )
