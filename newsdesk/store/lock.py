"""An exclusive, non-blocking lock on the data directory.

`flock` is used (not `lockf`): its locks belong to the open file, so a second Store in the same
process is refused just like a second process, and the kernel drops the lock when the holder dies
(even by SIGKILL), so a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from newsdesk.store.errors import StoreLocked


class DirLock:
    """Holds `path` locked until `release()`; the file records the holder's pid for messages."""

    def __init__(self, path: Path) -> None:
        self.path = path
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            pid = _read_pid(fd)
            os.close(fd)
            raise StoreLocked(path.parent, pid) from None
        try:  # the pid only makes a second newsdesk's message clearer: a full disk is no bar
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except OSError:
            pass
        self._fd: int | None = fd

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            os.close(fd)  # closing the file drops the flock


def _read_pid(fd: int) -> int | None:
    try:
        raw = os.pread(fd, 32, 0)
        return int(raw.decode("ascii").strip())
    except (OSError, ValueError):
        return None
