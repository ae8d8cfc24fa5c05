"""Store behaviour on real TinyDB files: round trips, dedup, listing, search, retention."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from store_helpers import BASE, make_annotation, make_story

from newsdesk.models import FeedState
from newsdesk.store import Store
from newsdesk.store.shards import SHARD_CAP


def test_story_and_annotation_round_trip_through_files(tmp_path: Path) -> None:
    story = make_story(1, text="Line one\n\nLine two with \x1b[31m escape kept as text [b]x[/b]")
    annotation = make_annotation("v1")
    with Store(tmp_path) as store:
        assert store.add_stories([story]) == 1
        store.set_annotations({story.id: annotation})
    with Store(tmp_path) as store:
        assert store.story(story.id) == story
        assert store.annotation(story.id) == annotation
        assert store.messages == []


def test_fetched_is_filled_when_missing(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.add_stories([replace(make_story(1), fetched=None)])
        stored = store.story(make_story(1).id)
        assert stored is not None and stored.fetched is not None
        assert stored.fetched.endswith("+00:00")


def test_add_stories_deduplicates_within_and_across_calls(tmp_path: Path) -> None:
    a, b = make_story(1), make_story(2)
    with Store(tmp_path) as store:
        assert store.add_stories([a, b, a]) == 2
        assert store.add_stories([b, make_story(3)]) == 1
        assert store.is_known(a.id) and not store.is_known("nope")
        assert sorted(r.id for r in store.rows()) == [a.id, b.id, make_story(3).id]


def test_rows_newest_first_by_published_else_fetched(tmp_path: Path) -> None:
    old = make_story(1, days_old=3)
    new = make_story(2, days_old=0)
    undated = replace(make_story(3), published=None, fetched=(BASE + timedelta(days=1)).isoformat())
    with Store(tmp_path) as store:
        store.add_stories([old, undated, new])
        assert [r.id for r in store.rows()] == [undated.id, new.id, old.id]
        assert [r.id for r in store.rows(limit=2)] == [undated.id, new.id]
        assert store.rows(limit=0) == []


def test_rows_carry_read_and_bookmarked_flags(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.add_stories([make_story(i) for i in range(3)])
        store.set_read([make_story(0).id, make_story(1).id])
        store.set_read([make_story(1).id], read=False)
        assert store.add_bookmark(make_story(2).id)
    with Store(tmp_path) as store:
        flags = {r.id: (r.read, r.bookmarked) for r in store.rows()}
        assert flags == {
            make_story(0).id: (True, False),
            make_story(1).id: (False, False),
            make_story(2).id: (False, True),
        }
        assert store.is_read(make_story(0).id) and not store.is_read(make_story(1).id)
        row = store.row(make_story(2).id)
        assert row is not None and row.bookmarked and not row.read
        assert store.row("missing") is None


def test_set_annotations_fills_the_index_row(tmp_path: Path) -> None:
    story = make_story(1)
    with Store(tmp_path) as store:
        store.add_stories([story])
        before = store.row(story.id)
        assert before is not None and not before.annotated and before.actors == ()
        store.set_annotations({story.id: make_annotation("v1"), "unknown-id": make_annotation()})
    with Store(tmp_path) as store:
        row = store.row(story.id)
        assert row is not None
        assert row.annotated and row.meetings == 1
        assert row.countries == ("Libya",) and row.regions == ("Africa",)
        assert row.subregions == ("Northern Africa",)
        assert row.actors == ("Antonio Guterres", "Khalifa Haftar")
        assert row.actor_aliases == ("Guterres", "UN chief", "Haftar")
        assert store.annotation("unknown-id") is None


def test_unannotated_follows_the_pipeline_version(tmp_path: Path) -> None:
    s1, s2, s3 = make_story(1), make_story(2), make_story(3)
    with Store(tmp_path) as store:
        store.add_stories([s1, s2, s3])
        assert store.unannotated("v2") == [s1.id, s2.id, s3.id]  # newest first
        store.set_annotations({s1.id: make_annotation("v2"), s2.id: make_annotation("v1")})
    with Store(tmp_path) as store:
        assert store.unannotated("v2") == [s2.id, s3.id]
        assert store.unannotated("v1") == [s1.id, s3.id]


def test_search_titles_and_text_case_insensitively(tmp_path: Path) -> None:
    a = replace(make_story(1), title="Summit in GENEVA")
    b = make_story(2, text="Ministers met in geneva on Monday.")
    c = make_story(3, text="Nothing to see.")
    with Store(tmp_path) as store:
        store.add_stories([a, b, c])
    with Store(tmp_path) as store:
        assert store.search("Geneva") == [a.id, b.id]
        assert store.search("geneva", ids=[b.id, c.id]) == [b.id]
        assert store.search("zanzibar") == []


def test_feed_states_round_trip_and_update(tmp_path: Path) -> None:
    first = FeedState(url="https://a.example/feed", etag='"x"', status=200, entries=20)
    with Store(tmp_path) as store:
        store.save_feed_states([first, FeedState(url="https://b.example/feed", error="timeout")])
        store.save_feed_states([replace(first, etag='"y"', status=304)])
    with Store(tmp_path) as store:
        states = store.feed_states()
        assert states["https://a.example/feed"] == replace(first, etag='"y"', status=304)
        assert states["https://b.example/feed"].error == "timeout"


def test_prune_drops_old_stories_but_never_bookmarked_ones(tmp_path: Path) -> None:
    old, kept_old, fresh = make_story(1, days_old=40), make_story(2, days_old=40), make_story(3)
    with Store(tmp_path) as store:
        store.add_stories([old, kept_old, fresh])
        store.set_annotations({old.id: make_annotation(), kept_old.id: make_annotation()})
        store.set_read([old.id])
        store.add_bookmark(kept_old.id)
        assert store.prune(30, now=BASE) == 1
        assert store.prune(30, now=BASE) == 0
    with Store(tmp_path) as store:
        assert [r.id for r in store.rows()] == [fresh.id, kept_old.id]
        assert store.story(old.id) is None and store.annotation(old.id) is None
        assert not store.is_read(old.id)
        assert store.is_known(old.id)  # remembered, so a feed still carrying it is not re-fetched
        assert store.add_stories([old]) == 0
        assert store.story(kept_old.id) == kept_old


def test_prune_deletes_emptied_shard_files(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.add_stories([make_story(i, days_old=60) for i in range(5)])
        shard_files = list((tmp_path / "stories").glob("*.json"))
        assert shard_files
        assert store.prune(30, now=BASE) == 5
        assert list((tmp_path / "stories").glob("*.json")) == []


def test_bookmark_is_a_full_copy_that_outlives_the_story(tmp_path: Path) -> None:
    story, annotation = make_story(1, days_old=90), make_annotation("v1")
    with Store(tmp_path) as store:
        store.add_stories([story])
        store.set_annotations({story.id: annotation})
        assert store.add_bookmark(story.id) is True
        assert store.add_bookmark(story.id) is False
        assert store.add_bookmark("not-stored") is False
        assert store.prune(1, now=BASE) == 0
        newer = make_annotation("v2", actor="Ghassan Salame")
        store.set_annotations({story.id: newer})  # the bookmark's copy follows
    # The story cache is lost entirely (index and bodies): the bookmark still has everything.
    (tmp_path / "index.json").unlink()
    for shard in (tmp_path / "stories").glob("*.json"):
        shard.unlink()
    with Store(tmp_path) as store:
        [(copy, copied_annotation, added_at)] = store.bookmarks()
        assert copy == story and copied_annotation == newer and added_at
        assert store.story(story.id) == story and store.annotation(story.id) == newer
        [row] = store.rows()
        assert row.id == story.id and row.bookmarked and row.actors[0] == "Ghassan Salame"
        assert store.search("story 1") == [story.id]
        assert store.remove_bookmark(story.id) is True
        assert store.remove_bookmark(story.id) is False
        assert store.bookmarks() == [] and store.rows() == []


def test_each_call_writes_compact_json_once_per_file(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.add_stories([make_story(i) for i in range(450)])
        shards = sorted(p.name for p in (tmp_path / "stories").glob("*.json"))
        assert len(shards) == -(-450 // SHARD_CAP)  # filled up to the cap, one day's shards
        raw = (tmp_path / "index.json").read_text()
        index = json.loads(raw)
        compact = raw == json.dumps(index, separators=(",", ":"))
        assert compact
        assert len(index["stories"]) == 450
        assert "text" not in next(iter(index["stories"].values()))  # bodies stay out of the index


def test_store_is_safe_to_call_from_many_threads(tmp_path: Path) -> None:
    errors: list[BaseException] = []
    with Store(tmp_path) as store:

        def work(t: int) -> None:
            try:
                for i in range(10):
                    story = make_story(t * 100 + i)
                    store.add_stories([story])
                    store.set_annotations({story.id: make_annotation()})
                    store.set_read([story.id])
                    store.add_bookmark(story.id)
                    store.rows(limit=5)
            except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(t,)) for t in range(6)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    assert errors == []
    with Store(tmp_path) as store:
        rows = store.rows()
        assert len(rows) == 60 and all(r.read and r.bookmarked and r.annotated for r in rows)
        assert len(store.bookmarks()) == 60


def test_files_on_disk_match_the_store_after_mixed_calls(tmp_path: Path) -> None:
    stories = [make_story(i) for i in range(30)]
    with Store(tmp_path) as store:
        store.add_stories(stories[:20])
        store.add_bookmark(stories[0].id)
        store.set_annotations({s.id: make_annotation("v1") for s in stories[:10]})
        store.add_stories(stories[20:])
        store.set_annotations(
            {s.id: make_annotation("v2", actor="Ghassan Salame") for s in stories}
        )
        store.set_read([s.id for s in stories[::2]])
        store.set_read([stories[0].id], read=False)
        expected_rows = store.rows()
        expected_bookmarks = store.bookmarks()
    with Store(tmp_path) as store:
        assert store.rows() == expected_rows
        assert store.bookmarks() == expected_bookmarks
        assert all(r.actors[0] == "Ghassan Salame" for r in expected_rows)
        assert expected_bookmarks[0][1] == make_annotation("v2", actor="Ghassan Salame")
        assert all(store.annotation(s.id) == expected_bookmarks[0][1] for s in stories)


def test_store_serialises_exactly_like_the_models() -> None:
    from newsdesk.models import to_dict
    from newsdesk.store.records import plain

    state = FeedState(url="https://a.example/feed", etag='"x"')
    for obj in (make_story(1), make_annotation("v3"), state):
        assert plain(obj) == to_dict(obj)
        assert json.dumps(plain(obj)) == json.dumps(to_dict(obj))


def test_pruned_ids_are_forgotten_after_the_tombstone_period(tmp_path: Path) -> None:
    from newsdesk.store.store import TOMBSTONE_DAYS

    old = make_story(1, days_old=40)
    with Store(tmp_path) as store:
        store.add_stories([old, make_story(2)])
        assert store.prune(30, now=BASE) == 1
        assert store.is_known(old.id)
        later = BASE + timedelta(days=TOMBSTONE_DAYS + 1)
        store.prune(30, now=later)
        assert not store.is_known(old.id)
        assert store.add_stories([old]) == 1
