"""The head of the story index: the first screen without reading index.json, and the index read
later, in steps, with the same result as reading it at once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsdesk.store import HEAD_ROWS, Store
from newsdesk.store.decoding import loads_in_steps
from newsdesk.store.head import HEAD_FILE
from tests.store_helpers import make_annotation, make_story

MORE = HEAD_ROWS + 40  # stories stored: more than the head holds


def _filled(data_dir: Path, count: int = MORE) -> list[str]:
    """Store `count` stories (the first one annotated); their ids, newest first."""
    stories = [make_story(i) for i in range(count)]  # make_story(0) is the newest
    with Store(data_dir) as store:
        store.add_stories(stories)
        store.set_annotations({stories[0].id: make_annotation()})
    return [s.id for s in stories]


def test_every_index_write_leaves_a_head_of_the_newest_rows(tmp_path: Path) -> None:
    ids = _filled(tmp_path)
    head = json.loads((tmp_path / HEAD_FILE).read_bytes())
    assert list(head["stories"]) == ids[:HEAD_ROWS]
    assert head["head"]["index"]["rows"] == MORE


def test_a_deferred_store_serves_the_first_screen_from_the_head(tmp_path: Path) -> None:
    ids = _filled(tmp_path)
    with Store(tmp_path) as plain:
        expected = plain.rows(limit=HEAD_ROWS)
        annotation = plain.annotation(ids[0])
    with Store(tmp_path, defer_index=True) as store:
        assert store.rows(limit=HEAD_ROWS) == expected
        assert store.rows(limit=3) == expected[:3]
        assert store.row(ids[0]) == expected[0]
        assert store.story(ids[0]) == make_story(0)
        assert store.annotation(ids[0]) == annotation is not None
        assert not store.index_loaded  # all of that came from the head
        assert store.rows(limit=HEAD_ROWS + 1)[-1].id == ids[HEAD_ROWS]  # more: the index
        assert store.index_loaded


def test_the_index_is_read_when_a_story_beyond_the_head_is_asked_for(tmp_path: Path) -> None:
    ids = _filled(tmp_path)
    with Store(tmp_path, defer_index=True) as store:
        assert store.story(ids[-1]) == make_story(MORE - 1)
        assert store.index_loaded
        assert [r.id for r in store.rows()] == ids


def test_load_index_reads_everything_and_nothing_is_lost(tmp_path: Path) -> None:
    ids = _filled(tmp_path)
    with Store(tmp_path, defer_index=True) as store:
        first = store.rows(limit=HEAD_ROWS)
        store.load_index()
        assert store.index_loaded
        rows = store.rows()
        assert [r.id for r in rows] == ids and rows[:HEAD_ROWS] == first
        store.add_stories([make_story(MORE)])  # writing works as before
    with Store(tmp_path) as store:
        assert len(store.rows()) == MORE + 1


def test_a_head_that_does_not_match_the_index_is_ignored(tmp_path: Path) -> None:
    ids = _filled(tmp_path)
    old_head = tmp_path / "old-head"
    shutil.copy(tmp_path / HEAD_FILE, old_head)
    newer = make_story(1, prefix="new", days_old=-1)  # newer than every stored story
    with Store(tmp_path) as store:
        store.add_stories([newer])
    shutil.copy(old_head, tmp_path / HEAD_FILE)  # as if the process died before the head
    with Store(tmp_path, defer_index=True) as store:
        assert [r.id for r in store.rows(limit=2)] == [newer.id, ids[0]]
        assert store.index_loaded
        assert store.messages == []


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b"[]", b'{"head": {"index": {"inode": 1}}}', b'{"stories": {}}'],
    ids=["empty", "not-json", "list", "no-stamp", "no-head"],
)
def test_a_damaged_head_is_ignored_quietly(tmp_path: Path, content: bytes) -> None:
    ids = _filled(tmp_path)
    (tmp_path / HEAD_FILE).write_bytes(content)
    with Store(tmp_path, defer_index=True) as store:
        assert [r.id for r in store.rows(limit=5)] == ids[:5]
        assert store.messages == []
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_a_head_row_of_the_wrong_shape_sends_the_store_to_the_index(tmp_path: Path) -> None:
    ids = _filled(tmp_path)
    head_path = tmp_path / HEAD_FILE
    head = json.loads(head_path.read_bytes())
    head["stories"][ids[0]]["title"] = 5  # the stamp still matches: the head itself is wrong
    head_path.write_text(json.dumps(head))
    with Store(tmp_path, defer_index=True) as store:
        assert store.rows(limit=1)[0].title == make_story(0).title
        assert store.index_loaded


def test_a_small_index_is_all_in_its_head(tmp_path: Path) -> None:
    ids = _filled(tmp_path, count=7)
    with Store(tmp_path, defer_index=True) as store:
        assert [r.id for r in store.rows(limit=50)] == ids
        assert store.row("s999999") is None and store.story("s999999") is None
        assert not store.index_loaded


def test_a_bookmark_the_index_lost_is_among_the_first_rows(tmp_path: Path) -> None:
    ids = _filled(tmp_path)
    newest = make_story(0, prefix="kept", days_old=-2)
    with Store(tmp_path) as store:
        store.add_stories([newest])
        store.add_bookmark(newest.id)
        store.add_bookmark(ids[-1])  # an old one: not among the first rows
    with Store(tmp_path) as store:  # the index loses the row; only the bookmark keeps it
        index = json.loads((tmp_path / "index.json").read_bytes())
        del index["stories"][newest.id]
        (tmp_path / "index.json").write_text(json.dumps(index))
        store.add_stories([make_story(MORE)])  # an index write: the head follows it
    with Store(tmp_path, defer_index=True) as store:
        first = store.rows(limit=3)
        assert [r.id for r in first] == [newest.id, ids[0], ids[1]]
        assert first[0].bookmarked and not store.index_loaded
        assert store.story(newest.id) == newest


def test_a_damaged_index_found_late_is_reported_through_on_message(tmp_path: Path) -> None:
    _filled(tmp_path)
    (tmp_path / "index.json").write_bytes(b'{"stories": {"a": ')
    heard: list[str] = []
    with Store(tmp_path, defer_index=True) as store:
        assert store.messages == []  # not read yet
        store.on_message = heard.append
        store.load_index()
        assert "index.json" in heard[0] and "rebuilt the story index" in heard[1]
        assert store.messages == heard
        assert len(store.rows()) == MORE  # rebuilt from the shards
    assert len(list(tmp_path.glob("index.json.corrupt-*"))) == 1


def test_a_read_only_store_uses_the_head_and_writes_none(tmp_path: Path) -> None:
    ids = _filled(tmp_path)
    (tmp_path / HEAD_FILE).unlink()
    with Store(tmp_path, read_only=True, defer_index=True) as store:
        assert [r.id for r in store.rows(limit=2)] == ids[:2]
    assert not (tmp_path / HEAD_FILE).exists()


@pytest.mark.parametrize(
    "raw",
    [
        b'{"t": {"a": {"x": [1, 2.5, null, true], "y": {"z": "\\u00e9"}}, "b": {}}, "u": {}}',
        b' \n{ "t" :\t{ "a" : { "k" : 1 } , "b":{"k":2} } }\r\n',
        b"{}",
        b'{"t": {"a": 1}}',  # a document that is not an object
        b'{"t": [1, 2]}',  # a table that is not an object
        b'[{"a": 1}]',
        "\ufeff".encode() + b'{"t": {}}',  # a byte order mark: json.loads refuses it
        '{"t": {"a": {"name": "caf\u00e9"}}}'.encode(),
        b'{"t": {"a": {"k": 1},}}',
        b'{"t": {"a": {"k": 1}}} trailing',
        b'{"t": {"a": {"k": 1}}',
        b"\xff\xfe garbage",
        b"",
    ],
)
def test_reading_in_steps_gives_what_json_loads_gives(raw: bytes) -> None:
    try:
        expected: object = json.loads(raw)
    except ValueError as error:
        with pytest.raises(ValueError) as raised:
            loads_in_steps(raw)
        assert str(raised.value) == str(error)
    else:
        assert loads_in_steps(raw) == expected


def test_documents_read_in_steps_share_their_field_names() -> None:
    data = loads_in_steps(b'{"t": {"a": {"title": 1}, "b": {"title": 2}}}')
    [first, second] = [next(iter(doc)) for doc in data["t"].values()]
    assert first == second == "title" and first is second  # one string, as json.loads keeps


def test_prune_with_nothing_due_reads_no_index_and_with_something_due_prunes(
    tmp_path: Path,
) -> None:
    from datetime import timedelta

    from tests.store_helpers import BASE

    recent = [make_story(i) for i in range(5)]  # all from BASE's day
    with Store(tmp_path) as store:
        store.add_stories(recent)
    # a reload where every feed answered 304: nothing is stored, prune asks the head only
    with Store(tmp_path, defer_index=True) as store:
        assert store.prune(30, now=BASE + timedelta(days=10)) == 0
        assert not store.index_loaded
    # thirty-one days on, the oldest story is due: the index is read and the stories go
    with Store(tmp_path, defer_index=True) as store:
        assert store.prune(30, now=BASE + timedelta(days=31)) == 5
        assert store.index_loaded
    # their tombstones are due 180 days after that: the head knows of them too
    with Store(tmp_path, defer_index=True) as store:
        assert store.prune(30, now=BASE + timedelta(days=100)) == 0
        assert not store.index_loaded
        assert store.is_known(recent[0].id)  # the tombstone keeps the story out
    with Store(tmp_path, defer_index=True) as store:
        assert store.prune(30, now=BASE + timedelta(days=31 + 181)) == 0
        assert store.index_loaded and not store.is_known(recent[0].id)


def test_prune_reads_the_index_when_the_head_does_not_match_it(tmp_path: Path) -> None:
    from datetime import timedelta

    from tests.store_helpers import BASE

    with Store(tmp_path) as store:
        store.add_stories([make_story(i) for i in range(3)])
    head = tmp_path / HEAD_FILE
    stale = head.read_bytes()  # says nothing is due ...
    old = make_story(9, prefix="old", days_old=60)
    with Store(tmp_path) as store:
        store.add_stories([old])
    head.write_bytes(stale)  # ... but it is the head of another index: ignored
    with Store(tmp_path, defer_index=True) as store:
        assert store.prune(30, now=BASE + timedelta(days=1)) == 1
        assert store.index_loaded and store.row(old.id) is None
