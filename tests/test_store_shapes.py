"""Store files of valid JSON but the wrong shape: one message naming the file and the problem,
the bad records set aside (the original file kept), and the rest loads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from store_helpers import make_annotation, make_story, run_newsdesk

from newsdesk.store import Store
from tests.ui_helpers import make_desk, settle

GOOD, BAD = make_story(1), make_story(2)


def corrupt_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if ".corrupt-" in p.name)


def stored(tmp_path: Path) -> None:
    """Two stories, both annotated and bookmarked, folded into user.json."""
    with Store(tmp_path) as store:
        store.add_stories([GOOD, BAD])
        store.set_annotations({GOOD.id: make_annotation(), BAD.id: make_annotation()})
        store.add_bookmark(GOOD.id)
        store.add_bookmark(BAD.id)


def edit(path: Path, change: Any) -> bytes:
    data = json.loads(path.read_bytes())
    change(data)
    raw = json.dumps(data).encode()
    path.write_bytes(raw)
    return raw


def test_bookmark_without_its_story_is_set_aside_and_the_rest_loads(tmp_path: Path) -> None:
    stored(tmp_path)
    raw = edit(tmp_path / "user.json", lambda d: d["bookmarks"][BAD.id].pop("story"))
    with Store(tmp_path) as store:
        [message] = store.messages
        assert str(tmp_path / "user.json") in message
        assert f"table 'bookmarks' record {BAD.id!r}: no 'story'" in message
        [aside] = corrupt_files(tmp_path)
        assert aside.name in message and aside.read_bytes() == raw  # the original, kept
        assert [s.id for s, _, _ in store.bookmarks()] == [GOOD.id]
        assert {row.id for row in store.rows()} == {GOOD.id, BAD.id}
        assert store.add_bookmark(BAD.id)  # the story is still stored: bookmark it again
    assert BAD.id in json.loads((tmp_path / "user.json").read_bytes())["bookmarks"]
    with Store(tmp_path) as store:
        assert store.messages == [] and len(store.bookmarks()) == 2


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda row: row.pop("id"), "no 'id'"),
        (lambda row: row.update(shard="../../etc/x"), "'shard' is '../../etc/x', not a shard name"),
        (lambda row: row.update(title=["a", "list"]), "'title' is ['a', 'list']"),
    ],
    ids=["no-id", "shard-path", "title-type"],
)
def test_index_row_of_the_wrong_shape_is_set_aside_and_rebuilt_from_its_shard(
    tmp_path: Path, change: Any, problem: str
) -> None:
    stored(tmp_path)
    raw = edit(tmp_path / "index.json", lambda d: change(d["stories"][BAD.id]))
    with Store(tmp_path) as store:
        assert str(tmp_path / "index.json") in store.messages[0]
        assert f"record {BAD.id!r}: {problem}" in store.messages[0]
        assert "rebuilt the story index from 1 stored stories" in store.messages
        [aside] = corrupt_files(tmp_path)
        assert aside.read_bytes() == raw
        assert {row.id for row in store.rows()} == {GOOD.id, BAD.id}
        assert store.story(BAD.id) == BAD and store.annotation(BAD.id) == make_annotation()
    with Store(tmp_path) as store:  # repaired on disk
        assert store.messages == [] and len(store.rows()) == 2


def test_shard_record_of_the_wrong_shape_is_reported_when_read(tmp_path: Path) -> None:
    stored(tmp_path)
    [shard] = (tmp_path / "stories").glob("*.json")
    edit(shard, lambda d: d["stories"][BAD.id].update(text=None))
    seen: list[str] = []
    with Store(tmp_path) as store:
        store.on_message = seen.append
        assert store.messages == []  # shards are read on demand
        assert store.story(GOOD.id) == GOOD
        [message] = seen
        assert str(shard) in message and f"record {BAD.id!r}: 'text' is None" in message
        assert store.story(BAD.id) == BAD  # from the bookmark's full copy
        assert len(corrupt_files(tmp_path)) == 1


def test_read_only_leaves_a_bad_file_as_it_is_and_says_so(tmp_path: Path) -> None:
    stored(tmp_path)
    raw = edit(tmp_path / "user.json", lambda d: d["bookmarks"][BAD.id].update(story=5))
    with Store(tmp_path, read_only=True) as store:
        [message] = store.messages
        assert "user.json" in message and "read-only: file left as it is" in message
        assert [s.id for s, _, _ in store.bookmarks()] == [GOOD.id]
    assert (tmp_path / "user.json").read_bytes() == raw and corrupt_files(tmp_path) == []


def test_journal_line_with_a_bookmark_of_the_wrong_shape_is_set_aside(tmp_path: Path) -> None:
    stored(tmp_path)
    line = json.dumps({"t": "bookmarks", "put": {"x": {"added_at": "now"}}})
    (tmp_path / "user.journal").write_text(line + "\n")
    with Store(tmp_path) as store:
        assert any("journal" in m and "line 1" in m for m in store.messages)
        assert len(store.bookmarks()) == 2
        [aside] = corrupt_files(tmp_path)
        assert aside.read_text() == line + "\n"


def test_feed_state_of_the_wrong_shape_is_set_aside(tmp_path: Path) -> None:
    from newsdesk.models import FeedState

    with Store(tmp_path) as store:
        store.save_feed_states(
            [FeedState("https://a.example/rss"), FeedState("https://b.example/")]
        )
    edit(tmp_path / "feeds.json", lambda d: d["feeds"]["https://b.example/"].update(entries="x"))
    with Store(tmp_path) as store:
        assert list(store.feed_states()) == ["https://a.example/rss"]
        assert "feeds.json" in store.messages[0] and "'entries' is 'x'" in store.messages[0]


def test_cli_reports_bad_records_and_a_garbage_shard_in_one_line_each(tmp_path: Path) -> None:
    data = tmp_path / "data"
    stored(data)
    edit(data / "user.json", lambda d: d["bookmarks"][BAD.id].pop("story"))
    listed = run_newsdesk(["--data-dir", str(data), "bookmarks", "list"])
    assert listed.returncode == 0
    [line] = listed.stderr.splitlines()
    assert line.startswith(f"newsdesk: {data / 'user.json'}: ") and "no 'story'" in line
    assert GOOD.id[:8] in listed.stdout

    [shard] = (data / "stories").glob("*.json")
    shard.write_bytes(b"\x00garbage")
    shown = run_newsdesk(["--data-dir", str(data), "stories", "--json"])
    assert shown.returncode == 0 and "Traceback" not in shown.stderr
    assert f"{shard} is not valid JSON" in shown.stderr  # read-only: left in place, but said
    assert len(shown.stdout.splitlines()) == 2


async def test_reader_loads_the_stories_beside_a_bookmark_without_its_story(
    tmp_path: Path,
) -> None:
    from newsdesk.ui.app import NewsdeskApp
    from newsdesk.ui.widgets.story_list import StoryList

    data = tmp_path / "data"
    stored(data)
    edit(data / "user.json", lambda d: d["bookmarks"][BAD.id].pop("story"))
    edit(data / "index.json", lambda d: d["stories"][GOOD.id].pop("id"))
    with make_desk(data) as desk:
        app = NewsdeskApp(desk)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app)
            await pilot.pause()
            # both report one meeting, so the list shows them as one event: check what loaded
            assert {row.id for row in app.index.rows} == {GOOD.id, BAD.id}
            assert len(app.query_one(StoryList).rows) == 1
            notes = [str(n.message) for n in app._notifications]
            assert any("user.json" in n and "no 'story'" in n for n in notes)
            assert any("index.json" in n and "no 'id'" in n for n in notes)


async def test_reader_says_so_when_a_story_s_shard_is_garbage(tmp_path: Path) -> None:
    from newsdesk.ui.app import NewsdeskApp

    data = tmp_path / "data"
    stored(data)
    [shard] = (data / "stories").glob("*.json")
    shard.write_bytes(b"\x00garbage")
    with make_desk(data) as desk:
        app = NewsdeskApp(desk)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app)
            await pilot.press("enter")  # the story's text is read from its shard now
            await pilot.pause()
            await pilot.pause()
            notes = [str(n.message) for n in app._notifications]
            assert any(shard.name in n and "not valid JSON" in n for n in notes), notes
    assert [p.name.split(".corrupt-")[0] for p in corrupt_files(data)] == [shard.name]


def test_a_new_storys_index_document_is_its_rows_document() -> None:
    # index_doc builds the document without a StoryRow: it must be what plain() of the row
    # gives (every field, in order, lists for tuples), less the user flags, plus three fields
    from dataclasses import fields

    from newsdesk.fingerprint import simhash_hex
    from newsdesk.models import Story, StoryRow
    from newsdesk.store import records

    story = Story(
        id="s1",
        feed_url="http://h/feed.xml",
        title="Talks",
        link="http://h/1",
        feed_title="H",
        published="2026-01-01T10:00:00+00:00",
        fetched="2026-01-02T00:00:00+00:00",
        text="Delegations met on Friday to talk about grain exports and power lines. " * 3,
    )
    doc = records.index_doc(story, "2026-01-02-000")
    row = StoryRow(
        id=story.id,
        feed_url=story.feed_url,
        title=story.title,
        feed_title=story.feed_title,
        link=story.link,
        published=story.published,
        fetched=story.fetched,
        simhash=simhash_hex(story.text),
    )
    expected = {k: v for k, v in records.plain(row).items() if k not in ("read", "bookmarked")}
    expected.update(shard="2026-01-02-000", when="2026-01-01T10:00:00+00:00", version=None)
    assert list(doc.items()) == list(expected.items())
    assert len(doc) == len(fields(StoryRow)) - 2 + 3
    other = records.index_doc(story, "x")
    assert other["countries"] == [] and other["countries"] is not doc["countries"]
