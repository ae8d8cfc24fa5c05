"""Starting worker processes from anywhere, the reader included.

The annotation pool (newsdesk/nlp) and the page extractor (newsdesk/ingest) both start worker
processes. Under the reader, sys.stderr is Textual's capture, which has no file descriptor:
multiprocessing hands that descriptor to the processes it starts and fails without one, and
whatever a worker printed on the terminal would scribble over the screen. These helpers are the
one answer to both.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor


def cpu_count() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def has_file(stream: object) -> bool:
    """Whether `stream` (sys.stderr) is backed by an open file descriptor."""
    try:
        fd = stream.fileno()  # type: ignore[attr-defined]
    except Exception:  # None, closed, or no file at all (io.UnsupportedOperation)
        return False
    if not isinstance(fd, int) or fd < 0:
        return False
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def silence_stdio() -> None:
    """Point this process's stdin, stdout and stderr at the null device: for the workers of a
    parent whose own stderr is not a file (the reader, which draws on the terminal)."""
    null = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in (0, 1, 2):
            os.dup2(null, fd)
    finally:
        os.close(null)


_stderr_lock = threading.Lock()


@contextlib.contextmanager
def stderr_with_a_file() -> Iterator[None]:
    """Make sure sys.stderr has a file descriptor while worker processes start.

    multiprocessing gives the processes it starts (the resource tracker first) the descriptor of
    sys.stderr; when it has none (fileno() is -1 under a UI's capture) the start fails with "bad
    value(s) in fds_to_keep". Meanwhile sys.stderr writes to the null device; it is put back
    afterwards unless someone else replaced it in the meantime.
    """
    if has_file(sys.stderr):
        yield
        return
    with _stderr_lock, open(os.devnull, "w", encoding="utf-8") as null:
        saved = sys.stderr
        sys.stderr = null
        try:
            yield
        finally:
            if sys.stderr is null:
                sys.stderr = saved


def release_free_memory() -> None:
    """Give the heap memory this process has freed back to the system, where the C library
    allows it (glibc's malloc_trim; elsewhere nothing happens).

    glibc keeps freed heap pages for later allocations, so a process's resident memory stays
    near its peak. A refresh calls this when its pages are done and a helper process, which
    loads a model of its own, is about to start beside it: the freed page buffers and parse
    results (some 50-100 MB) are returned first.
    """
    import ctypes
    import gc

    gc.collect()
    try:  # the C library this process already runs on
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, TypeError, AttributeError):  # not glibc, or no such library handle
        return
    trim(0)


def stop_pool(pool: ProcessPoolExecutor, wait: bool = True) -> None:
    """Shut `pool` down, cancel what it has not started, and end its processes at once.

    For pools whose work is done or no longer wanted: a worker still in a call is not left to
    finish it, and an idle one does not linger while it tears its interpreter down (a worker
    with a low CPU priority on a busy machine took seconds to, holding its memory). The
    executor has no public way to end its processes, hence its `_processes`.
    """
    with contextlib.suppress(Exception):  # a pool that broke while starting may refuse
        pool.shutdown(wait=False, cancel_futures=True)
    try:
        workers = list((getattr(pool, "_processes", None) or {}).values())
    except RuntimeError:  # changed by the executor's thread meanwhile: they are ending
        workers = []
    for worker in workers:
        with contextlib.suppress(Exception):
            if worker.is_alive():
                worker.terminate()
    if wait:
        for worker in workers:
            with contextlib.suppress(Exception):
                worker.join(timeout=5)


__all__ = [
    "cpu_count",
    "has_file",
    "release_free_memory",
    "silence_stdio",
    "stderr_with_a_file",
    "stop_pool",
]
