"""Read a small input file (the config file, a feed list) without trusting what the path names.

A path can name a device (`/dev/zero` never ends), a FIFO (opening it waits for a writer), a
directory, or a file far larger than any config. `read_small_file` refuses everything but a
regular file and reads at most `limit + 1` bytes, so a wrong path costs one clear message, never
a hang or all of memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class UnreadableFile(Exception):
    """Why a file cannot be used as input; str() is the problem, without the path."""


# What a path names when it is not a regular file, for the message.
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a pipe"),
    (stat.S_ISSOCK, "a socket"),
)


def read_small_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file `path`, which must hold at most `limit` bytes.

    Raises FileNotFoundError when nothing is there (callers treat a missing file their own way)
    and UnreadableFile for anything else: not a regular file, too large, no permission.
    """
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise UnreadableFile(f"not a regular file ({_kind(mode)})")
        # O_NONBLOCK: should the path turn into a FIFO after the check, opening does not wait
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise UnreadableFile(exc.strerror or str(exc)) from None
    with os.fdopen(fd, "rb") as handle:
        try:
            mode = os.fstat(handle.fileno()).st_mode
            if not stat.S_ISREG(mode):
                raise UnreadableFile(f"not a regular file ({_kind(mode)})")
            data = handle.read(limit + 1)
        except OSError as exc:
            raise UnreadableFile(exc.strerror or str(exc)) from None
    if len(data) > limit:
        raise UnreadableFile(f"larger than {_size(limit)}")
    return data


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a file")


def _size(limit: int) -> str:
    if limit >= 1_000_000 and limit % 1_000_000 == 0:
        return f"{limit // 1_000_000} MB"
    return f"{limit} bytes"


__all__ = ["UnreadableFile", "read_small_file"]
