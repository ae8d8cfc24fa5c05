"""The first screen of the story index, kept beside it so that a reader can open at once.

`index.head.json` holds copies of the newest `HEAD_ROWS` rows of index.json, and the stamp
(inode, modification time, size) index.json had when they were taken. It is rewritten after
every write of the index. With 10,000 stories index.json takes a tenth of a second or more to
parse and check; the head a millisecond or two, so the reader shows its first screen from it
and reads the index behind it.

The head is only ever a copy: it is used while its stamp is index.json's stamp now, and
otherwise (a crash between the two writes, an index edited or restored by hand, no head yet,
a head that is not what this module writes) it is ignored and the index is read, with no
message and no file moved aside. So it is written without an fsync: losing it costs time, never
data.
"""

from __future__ import annotations

import heapq
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from newsdesk.store import records as rec
from newsdesk.store.shapes import index_row_problem
from newsdesk.store.storage import encode, file_stamp, temp_path

HEAD_FILE = "index.head.json"
HEAD_ROWS = 200  # the reader's first screenful and more (ui/loading.py asks for these)
_STAMP_FIELDS = ("inode", "mtime_ns", "size")


@dataclass(frozen=True)
class Head:
    """The newest index documents by id (newest first) and whether they are all there are."""

    docs: dict[str, dict[str, Any]]
    complete: bool
    # The earliest moment of any story in the index and of any tombstone ("pruned" table), as
    # stored there (ISO, UTC): pruning has nothing to do before them. None: unknown (a head
    # written before these were kept, or a moment that does not parse).
    oldest_story: datetime | None = None
    oldest_tombstone: datetime | None = None
    no_tombstones: bool = False

    def oldest(self) -> tuple[str, str] | None:
        """The order key of the oldest document held (None when it holds none)."""
        return min(map(rec.newest_first, self.docs.values()), default=None)

    def nothing_to_prune(self, cutoff: datetime, tombstone_cutoff: datetime) -> bool:
        """Whether no story is older than `cutoff` and no tombstone than `tombstone_cutoff`,
        as far as this head knows (unknown: False, and the index is read to see)."""
        stories_ok = self.oldest_story is not None and self.oldest_story >= cutoff
        if self.complete and not self.docs:
            stories_ok = True  # an empty index
        tombs_ok = self.no_tombstones or (
            self.oldest_tombstone is not None and self.oldest_tombstone >= tombstone_cutoff
        )
        return stories_ok and tombs_ok


def write_head(
    path: Path,
    index_path: Path,
    rows: Mapping[str, dict[str, Any]],
    pruned: Mapping[str, dict[str, Any]] | None = None,
) -> None:
    """Write the head of `rows`, the "stories" table just written to `index_path` (and
    `pruned`, its tombstones). A failure is ignored: the head left behind no longer matches
    the index, so it is not used."""
    stamp = file_stamp(index_path)
    if stamp is None:
        return
    newest = heapq.nlargest(HEAD_ROWS, rows.values(), key=rec.newest_first)
    about: dict[str, Any] = dict(zip(_STAMP_FIELDS, stamp, strict=True))
    about["oldest_story"] = _oldest_story(rows)
    if pruned is not None:
        stamps = [at for doc in pruned.values() if isinstance(at := doc.get("at"), str)]
        about["oldest_tombstone"] = min(stamps, default=None)
        about["tombstones"] = len(pruned)
    data = {
        "head": {"index": {**about, "rows": len(rows)}},
        "stories": {str(doc["id"]): doc for doc in newest},
    }
    tmp = temp_path(path)
    try:
        tmp.write_bytes(encode(data).encode("ascii"))
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)


def _oldest_story(rows: Mapping[str, dict[str, Any]]) -> str | None:
    """The earliest sort key (ISO, UTC, written by rec.iso, so the strings compare as the
    moments do) of the stories that pruning may remove; None when unknown."""
    oldest: str | None = None
    for doc in rows.values():
        when = doc.get(rec.WHEN)
        if not isinstance(when, str) or not when:
            if rec.story_moment(doc.get("published"), doc.get("fetched")) is None:
                continue  # no moment: never pruned
            return None  # a moment without its sort key: unknown, the index is read
        if oldest is None or when < oldest:
            oldest = when
    return oldest


def read_head(path: Path, index_path: Path) -> Head | None:
    """The head, if it is the head of index.json as it is now and well formed; else None."""
    try:
        data = json.loads(path.read_bytes())
        about = data["head"]["index"]
        stamp = tuple(about[name] for name in _STAMP_FIELDS)
        docs = data["stories"]
        total = about["rows"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if stamp != file_stamp(index_path) or not isinstance(docs, dict) or type(total) is not int:
        return None
    if any(index_row_problem(key, doc) is not None for key, doc in docs.items()):
        return None
    tombstones = about.get("tombstones")
    return Head(
        docs,
        complete=total <= len(docs),
        oldest_story=_moment(about.get("oldest_story")),
        oldest_tombstone=_moment(about.get("oldest_tombstone")),
        no_tombstones=tombstones == 0 and type(tombstones) is int,
    )


def _moment(value: object) -> datetime | None:
    return rec.parse_iso(value) if isinstance(value, str) else None


__all__ = ["HEAD_FILE", "HEAD_ROWS", "Head", "read_head", "write_head"]
