"""The Store: what newsdesk keeps in one data directory, read and written through the files
`DataDir` opens (see datadir.py for the layout): feed states, stories and their annotations,
listing, search and pruning of the story cache, the actor index, read marks and bookmarks.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from newsdesk.models import (
    Annotation,
    FeedState,
    Story,
    StoryRow,
    annotation_from_dict,
    feed_state_from_dict,
    story_from_dict,
)
from newsdesk.store import records as rec
from newsdesk.store.datadir import DataDir
from newsdesk.store.documents import load_document, save_document
from newsdesk.store.errors import StoreError
from newsdesk.store.sync import synchronized

ACTORS_FILE = "actors.json"  # the store-wide actor index (its content is the desk's)
TOMBSTONE_DAYS = 180


class Store(DataDir):
    """One newsdesk data directory. Thread-safe; one writing Store per directory (see DataDir
    for opening it, and for `defer_index`)."""

    # --- feeds -----------------------------------------------------------------------------------

    @synchronized
    def feed_states(self) -> dict[str, FeedState]:
        self._open_check()
        return {
            url: feed_state_from_dict(doc) for url, doc in self._feeds.keyed("feeds").raw().items()
        }

    @synchronized
    def save_feed_states(self, states: Iterable[FeedState]) -> None:
        self._writable()
        docs = {state.url: rec.plain(state) for state in states}
        if docs:
            self._feeds.keyed("feeds").put_many(docs)
            self._feeds.atomic_storage.flush()

    # --- stories ---------------------------------------------------------------------------------

    @synchronized
    def is_known(self, story_id: str) -> bool:
        self._open_check()
        return story_id in self._rows.raw() or story_id in self._pruned.raw()

    @synchronized
    def add_stories(self, stories: Sequence[Story]) -> int:
        self._writable()
        now = rec.iso(rec.utc_now())
        new: dict[str, Story] = {}
        rows, pruned = self._rows.raw(), self._pruned.raw()  # what is_known asks, read once
        for story in stories:
            if story.id in new or story.id in rows or story.id in pruned:
                continue
            new[story.id] = story if story.fetched else replace(story, fetched=now)
        if not new:
            return 0
        days = {sid: _day(story.fetched, now) for sid, story in new.items()}
        counts = Counter(str(doc.get(rec.SHARD)) for doc in rows.values())
        chosen = self._shards.assign(days, counts)
        by_shard: dict[str, dict[str, dict[str, Any]]] = {}
        for sid, story in new.items():
            by_shard.setdefault(chosen[sid], {})[sid] = rec.plain(story)
        self._write_bodies("stories", by_shard)  # first: an index row never points at nothing
        self._rows.put_many({sid: rec.index_doc(s, chosen[sid]) for sid, s in new.items()})
        self._index.atomic_storage.flush()
        return len(new)

    @synchronized
    def set_annotations(self, items: Mapping[str, Annotation]) -> None:
        self._writable()
        rows = self._rows.raw()
        docs = {sid: rec.plain(annotation) for sid, annotation in items.items()}
        by_shard: dict[str, dict[str, dict[str, Any]]] = {}
        patches: dict[str, dict[str, Any]] = {}
        for sid, annotation in items.items():
            row = rows.get(sid)
            if row is not None:
                by_shard.setdefault(str(row[rec.SHARD]), {})[sid] = docs[sid]
                patches[sid] = rec.annotation_fields(annotation)
        self._write_bodies("annotations", by_shard)
        if patches:
            self._rows.put_many({sid: {**rows[sid], **patch} for sid, patch in patches.items()})
            self._index.atomic_storage.flush()
        self._user.update_annotations(docs)

    def _write_bodies(self, table: str, by_shard: dict[str, dict[str, dict[str, Any]]]) -> None:
        """Put documents into `table` of their shards and write each shard touched, once."""
        for shard, docs in by_shard.items():
            self._shards.put(shard, table, docs)
        self._shards.flush(by_shard)

    @synchronized
    def actor_index(self) -> dict[str, Any] | None:
        """The saved actor index document, or None (none yet, or damaged: set aside)."""
        self._open_check()
        data: dict[str, Any] | None = load_document(
            self.data_dir / ACTORS_FILE, self._note, read_only=self.read_only
        )
        return data

    @synchronized
    def save_actor_index(self, data: dict[str, Any]) -> None:
        self._writable()
        save_document(self.data_dir / ACTORS_FILE, data)

    @synchronized
    def rows(self, *, limit: int | None = None) -> list[StoryRow]:
        self._open_check()
        docs = self._head_row_docs(limit) if limit is not None else None
        if docs is None:
            docs = self._all_row_docs()
        if limit is None:
            chosen = sorted(docs, key=rec.newest_first, reverse=True)
        else:
            chosen = heapq.nlargest(max(limit, 0), docs, key=rec.newest_first)
        read, marks = self._user.read_ids(), self._user.bookmark_docs()
        return [
            rec.row_from_doc(doc, read=doc["id"] in read, bookmarked=doc["id"] in marks)
            for doc in chosen
        ]

    def _head_row_docs(self, limit: int) -> list[dict[str, Any]] | None:
        """Documents among which the newest `limit` rows are, from the head alone; None when
        the head cannot tell (the index is read, there is no head, or it holds too few)."""
        head = self._first_rows()
        if head is None or (limit > len(head.docs) and not head.complete):
            return None
        docs = list(head.docs.values())
        # bookmarked stories the index lost: those newer than the head's oldest row (an older
        # one, lost or not, cannot be among the newest `limit`)
        oldest = None if head.complete else head.oldest()
        for sid, mark in self._user.bookmark_docs().items():
            if sid in head.docs:
                continue
            story = mark["story"]
            when = rec.sort_key(story.get("published"), story.get("fetched"))
            if oldest is None or (when, sid) > oldest:
                docs.append(rec.bookmark_index_doc(mark))
        return docs

    def _all_row_docs(self) -> list[dict[str, Any]]:
        rows = self._rows.raw()
        docs = list(rows.values())
        for sid, mark in self._user.bookmark_docs().items():
            if sid not in rows:  # bookmarked, but the story cache lost it: show the copy
                docs.append(rec.bookmark_index_doc(mark))
        return docs

    @synchronized
    def row(self, story_id: str) -> StoryRow | None:
        self._open_check()
        doc = self._index_doc(story_id)
        read = story_id in self._user.read_ids()
        mark = self._user.bookmark_docs().get(story_id)
        if doc is not None:
            return rec.row_from_doc(doc, read=read, bookmarked=mark is not None)
        return rec.bookmark_row(mark, read=read) if mark is not None else None

    @synchronized
    def story(self, story_id: str) -> Story | None:
        self._open_check()
        doc = self._body(story_id, "stories")
        if doc is not None:
            return story_from_dict(doc)
        mark = self._user.bookmark_docs().get(story_id)
        return rec.bookmark_parts(mark)[0] if mark is not None else None

    @synchronized
    def annotation(self, story_id: str) -> Annotation | None:
        self._open_check()
        doc = self._body(story_id, "annotations")
        if doc is not None:
            return annotation_from_dict(doc)
        mark = self._user.bookmark_docs().get(story_id)
        return rec.bookmark_parts(mark)[1] if mark is not None else None

    def _body(self, story_id: str, table: str) -> dict[str, Any] | None:
        row = self._index_doc(story_id)
        if row is None:
            return None
        return self._shards.db(str(row[rec.SHARD])).keyed(table).raw().get(story_id)

    @synchronized
    def unannotated(self, pipeline_version: str) -> list[str]:
        self._open_check()
        docs = [d for d in self._rows.raw().values() if d.get(rec.VERSION) != pipeline_version]
        return [d["id"] for d in sorted(docs, key=rec.newest_first, reverse=True)]

    @synchronized
    def search(self, query: str, ids: Iterable[str] | None = None) -> list[str]:
        """Ids of the stories (newest first) whose title and text hold every word of `query`,
        ignoring case."""
        self._open_check()
        words = query.casefold().split()
        if not words:
            return []

        def holds(*texts: str) -> bool:
            joined = "\n".join(texts).casefold()
            return all(word in joined for word in words)

        docs = self._all_row_docs()
        if ids is not None:
            wanted = set(ids)
            docs = [d for d in docs if d["id"] in wanted]
        docs.sort(key=rec.newest_first, reverse=True)
        hits = {d["id"] for d in docs if holds(str(d.get("title") or ""))}
        by_shard: dict[str, list[dict[str, Any]]] = {}
        for d in docs:
            if d["id"] not in hits:
                by_shard.setdefault(str(d.get(rec.SHARD) or ""), []).append(d)
        marks = self._user.bookmark_docs()
        for shard, shard_docs in by_shard.items():
            bodies = self._shards.db(shard).keyed("stories").raw() if shard else {}
            for d in shard_docs:
                sid = d["id"]
                body = bodies.get(sid) or (marks.get(sid) or {}).get("story") or {}
                if holds(str(d.get("title") or ""), str(body.get("text") or "")):
                    hits.add(sid)
        return [d["id"] for d in docs if d["id"] in hits]

    @synchronized
    def prune(self, keep_days: int, now: datetime | None = None) -> int:
        self._writable()
        moment = now if now is not None else rec.utc_now()
        cutoff = moment - timedelta(days=keep_days)
        tomb_cutoff = moment - timedelta(days=max(TOMBSTONE_DAYS, keep_days))
        head = self._first_rows()  # index.json not read yet (a reload where all was 304)
        if head is not None and head.nothing_to_prune(cutoff, tomb_cutoff):
            return 0  # the head says so: the index need not be read
        marks = self._user.bookmark_docs()
        doomed: dict[str, str] = {}
        for sid, doc in self._rows.raw().items():
            when = rec.story_moment(doc.get("published"), doc.get("fetched"))
            if sid not in marks and when is not None and when < cutoff:
                doomed[sid] = str(doc.get(rec.SHARD))
        stamp = rec.iso(moment)
        expired = [
            sid
            for sid, doc in self._pruned.raw().items()
            if (rec.parse_iso(doc.get("at")) or moment) < tomb_cutoff
        ]
        if not doomed and not expired:
            return 0
        # Index rows go first: a leftover body is harmless, a row without its body is not.
        self._rows.delete_many(doomed)
        self._pruned.delete_many(expired)
        self._pruned.put_many({sid: {"at": stamp} for sid in doomed})
        self._index.atomic_storage.flush()
        by_shard: dict[str, list[str]] = {}
        for sid, shard in doomed.items():
            by_shard.setdefault(shard, []).append(sid)
        for shard, shard_ids in by_shard.items():
            self._shards.delete(shard, "stories", shard_ids)
            self._shards.delete(shard, "annotations", shard_ids)
        self._shards.flush(by_shard)
        self._user.mark_unread(doomed)
        return len(doomed)

    # --- user state ------------------------------------------------------------------------------

    @synchronized
    def set_read(self, ids: Iterable[str], read: bool = True) -> None:
        self._writable()
        if read:
            self._user.mark_read(ids, rec.iso(rec.utc_now()))
        else:
            self._user.mark_unread(ids)

    @synchronized
    def is_read(self, story_id: str) -> bool:
        self._open_check()
        return story_id in self._user.read_ids()

    @synchronized
    def add_bookmark(self, story_id: str) -> bool:
        """Bookmark a stored story; False when it is already bookmarked or not stored.

        Raises StoreError when the story is listed but its text is missing (a damaged shard)
        or when the bookmark could not be written: True means it is on disk.
        """
        self._writable()
        if story_id in self._user.bookmark_docs():
            return False
        story = self._body(story_id, "stories")
        if story is None:
            row = self._rows.raw().get(story_id)
            if row is None:
                return False
            shard = self._shards.path(str(row.get(rec.SHARD)))
            raise StoreError(
                f"cannot bookmark story {story_id}: it is listed but its text is missing "
                f"from {shard}"
            )
        annotation = self._body(story_id, "annotations")
        doc = {"story": story, "annotation": annotation, "added_at": rec.iso(rec.utc_now())}
        return self._user.add_bookmark(story_id, doc)

    @synchronized
    def remove_bookmark(self, story_id: str) -> bool:
        self._writable()
        return self._user.remove_bookmark(story_id)

    @synchronized
    def is_bookmarked(self, story_id: str) -> bool:
        self._open_check()
        return story_id in self._user.bookmark_docs()

    @synchronized
    def bookmarks(self) -> list[tuple[Story, Annotation | None, str]]:
        """Every bookmark, newest first: (story copy, annotation copy, added_at)."""
        self._open_check()
        items = [rec.bookmark_parts(doc) for doc in self._user.bookmark_docs().values()]
        items.sort(key=lambda item: (item[2], item[0].id), reverse=True)
        return items


def _day(fetched: str | None, fallback: str) -> str:
    moment = rec.parse_iso(fetched) or rec.parse_iso(fallback)
    return rec.iso(moment)[:10] if moment is not None else fallback[:10]
