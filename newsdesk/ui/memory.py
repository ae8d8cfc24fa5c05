"""The reader's one piece of garbage-collector tuning.

With 10,000 stories the reader holds a few hundred thousand long-lived objects (the rows, their
inverted indexes, the modules imported late). CPython's full collections walk all of them, which
stalled a keystroke by 25-35 ms. `gc.freeze()` moves everything alive at that moment into a
permanent generation that full passes skip; objects are still freed by reference counting, and
anything created later is collected as usual. So the reader calls `keep_out_of_full_passes` when
such objects have just been made: the stored rows are loaded, the indexes are installed, the
actor box (and its imports) are entered.

The annotation pool (newsdesk.nlp.pipeline) freezes and unfreezes only around a fork, which the
reader never does (it starts its workers from a thread, through a forkserver), so nothing here is
undone by it.
"""

from __future__ import annotations

import gc


def keep_out_of_full_passes(*, collect_first: bool = False) -> None:
    """Leave what is alive now out of the collector's full passes (see the module docstring).
    `collect_first` frees the garbage of a large load before the rest is frozen."""
    if collect_first:
        gc.collect()
    gc.freeze()


__all__ = ["keep_out_of_full_passes"]
