"""The worker processes of the annotation pool: each loads the pipeline once and annotates
chunks of stories. They start whatever sys.stderr is (the reader captures it), and say nothing
on a screen they do not own."""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from newsdesk.models import Annotation
from newsdesk.nlp.analysis import Failure, Item, annotate_batch, load_nlp
from newsdesk.nlp.places import warm_up

log = logging.getLogger(__name__)


_worker_model: str | None = None


def _worker_init(model: str | None, quiet: bool = False) -> None:
    global _worker_model
    if quiet:
        _silence_stdio()
    _worker_model = model
    load_nlp(model)
    warm_up()


def _silence_stdio() -> None:
    """Point this process's stdin, stdout and stderr at the null device.

    Used in the worker processes (and their forkserver) of a parent whose own stderr is not a
    file, such as the reader, which draws on the terminal: whatever a worker printed there (a
    warning, a traceback) would scribble over the screen.
    """
    null = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in (0, 1, 2):
            os.dup2(null, fd)
    finally:
        os.close(null)


def _has_file(stream: object) -> bool:
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


_stderr_lock = threading.Lock()


@contextmanager
def _stderr_with_a_file() -> Iterator[None]:
    """Make sure sys.stderr has a file descriptor while worker processes start.

    multiprocessing gives the resource-tracker process it starts the descriptor of sys.stderr;
    when sys.stderr is an object with none (a UI capturing output answers fileno() with -1),
    the start fails with "bad value(s) in fds_to_keep". Meanwhile sys.stderr writes to the null
    device; it is put back afterwards unless someone else replaced it in the meantime.
    """
    if _has_file(sys.stderr):
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


def _worker_run(items: list[Item], batch_size: int) -> list[Annotation | Failure]:
    return annotate_batch(load_nlp(_worker_model), items, batch_size)


def start_method() -> str:
    """fork when it is safe (one thread, Linux): fastest, the loaded model is shared.

    A process with other threads (the UI runs annotation in a worker thread) forks from a clean
    forkserver instead, since forking a threaded process can deadlock the child.
    """
    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and threading.active_count() == 1 and "fork" in methods:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


_PRELOAD_ENV = "NEWSDESK_NLP_PRELOAD"
_QUIET_ENV = "NEWSDESK_NLP_QUIET"


def _start_forkserver(model: str | None, quiet: bool) -> None:
    """Start the forkserver with the pipeline loaded in it, so its workers start at once and
    share the model's memory. (Only the forkserver sees the variables: they are set just for
    its start; if a forkserver already runs, the workers load the pipeline themselves.)"""
    from multiprocessing import forkserver

    multiprocessing.set_forkserver_preload([__name__])
    os.environ[_PRELOAD_ENV] = model or ""
    if quiet:
        os.environ[_QUIET_ENV] = "1"
    try:
        forkserver.ensure_running()
    finally:
        os.environ.pop(_PRELOAD_ENV, None)
        os.environ.pop(_QUIET_ENV, None)


def _preload_in_forkserver() -> None:
    model = os.environ.pop(_PRELOAD_ENV, None)
    quiet = os.environ.pop(_QUIET_ENV, None)
    if model is None:
        return
    if quiet:
        _silence_stdio()
    try:
        load_nlp(model or None)
        warm_up()
    except Exception:  # the workers will report it when they load the pipeline themselves
        log.debug("forkserver preload failed", exc_info=True)


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# in the forkserver started by _start_forkserver (and nowhere else) this loads the pipeline
_preload_in_forkserver()
