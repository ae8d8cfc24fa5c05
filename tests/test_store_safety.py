"""The data directory lock, read-only mode, and corrupt files moved aside (never overwritten)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from store_helpers import make_annotation, make_story

from newsdesk.store import Store, StoreError, StoreLocked

REPO = Path(__file__).resolve().parents[1]


def corrupt_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if ".corrupt-" in p.name)


def test_second_store_in_the_same_process_is_refused(tmp_path: Path) -> None:
    with Store(tmp_path):
        with pytest.raises(StoreLocked) as info:
            Store(tmp_path)
        message = str(info.value)
        assert str(tmp_path) in message
        assert f"pid {os.getpid()}" in message and "--read-only" in message
    with Store(tmp_path) as again:  # released on close
        assert again.rows() == []


def test_second_store_in_another_process_is_refused(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from newsdesk.store import Store, StoreLocked\n"
        "try:\n"
        "    Store(Path(sys.argv[1]))\n"
        "except StoreLocked as exc:\n"
        "    print(exc)\n"
        "    sys.exit(3)\n"
    )
    with Store(tmp_path) as store:
        store.add_stories([make_story(1)])
        done = subprocess.run(
            [sys.executable, "-c", code, str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=REPO,
        )
        assert done.returncode == 3, done.stderr
        assert f"another newsdesk is using {tmp_path} (pid {os.getpid()})" in done.stdout
        assert store.rows()[0].id == make_story(1).id


def test_lock_is_released_when_the_holder_dies(tmp_path: Path) -> None:
    code = "import sys, os\nfrom pathlib import Path\nfrom newsdesk.store import Store\n"
    code += "s = Store(Path(sys.argv[1]))\nos._exit(0)\n"  # dies without closing
    subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True, timeout=60, cwd=REPO)
    with Store(tmp_path) as store:
        assert store.messages == []


def test_read_only_store_works_beside_the_writer_and_refuses_writes(tmp_path: Path) -> None:
    story = make_story(1)
    with Store(tmp_path) as writer:
        writer.add_stories([story])
        writer.add_bookmark(story.id)
        before = {p.name: p.read_bytes() for p in tmp_path.glob("*.json")}
        reader = Store(tmp_path, read_only=True)
        assert reader.read_only
        assert [r.id for r in reader.rows()] == [story.id]
        assert reader.story(story.id) == story and reader.is_bookmarked(story.id)
        for attempt in (
            lambda: reader.add_stories([make_story(2)]),
            lambda: reader.set_annotations({story.id: make_annotation()}),
            lambda: reader.set_read([story.id]),
            lambda: reader.add_bookmark(story.id),
            lambda: reader.remove_bookmark(story.id),
            lambda: reader.prune(0),
            lambda: reader.save_feed_states([]),
        ):
            with pytest.raises(StoreError, match="read-only"):
                attempt()
        reader.close()
        after = {p.name: p.read_bytes() for p in tmp_path.glob("*.json")}
        assert after == before
        writer.add_stories([make_story(2)])  # the writer still holds its lock and writes
    assert len(Store(tmp_path, read_only=True).rows()) == 2


def test_read_only_store_sees_the_writers_later_changes(tmp_path: Path) -> None:
    with Store(tmp_path) as writer:
        reader = Store(tmp_path, read_only=True)
        assert reader.rows() == []
        writer.add_stories([make_story(1)])
        assert [r.id for r in reader.rows()] == [make_story(1).id]


def test_read_only_on_a_missing_directory_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here"
    store = Store(missing, read_only=True)
    assert store.rows() == [] and store.bookmarks() == []
    assert not missing.exists()


@pytest.mark.parametrize(
    "content",
    [b'{"stories": {"a": {"id": "a"', b"\x00\xff\xfe garbage", b"[1, 2, 3]", b'{"stories": [1]}'],
    ids=["truncated", "binary", "list", "wrong-table-shape"],
)
def test_corrupt_index_is_moved_aside_with_a_message(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "index.json").write_bytes(content)
    with Store(tmp_path) as store:
        [aside] = corrupt_files(tmp_path)
        assert aside.read_bytes() == content
        assert aside.name.startswith("index.json.corrupt-")
        assert len(store.messages) == 1
        assert "index.json" in store.messages[0] and aside.name in store.messages[0]
        assert store.rows() == []
        store.add_stories([make_story(1)])  # the database works again
    with Store(tmp_path) as store:
        assert len(store.rows()) == 1 and store.messages == []


def test_corrupt_user_file_keeps_its_bytes_and_is_never_overwritten(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.add_stories([make_story(1), make_story(2)])
        store.add_bookmark(make_story(1).id)
    user = tmp_path / "user.json"
    original = user.read_bytes()
    damaged = original[: len(original) // 2]
    user.write_bytes(damaged)
    with Store(tmp_path) as store:
        [aside] = corrupt_files(tmp_path)
        assert aside.read_bytes() == damaged
        assert any("user.json" in m for m in store.messages)
        store.add_bookmark(make_story(2).id)  # writes a fresh user.json beside the kept one
        assert aside.read_bytes() == damaged
        assert make_story(1).id.encode() in aside.read_bytes()  # the old bookmark is recoverable


def test_corrupt_shard_is_moved_aside_and_bookmark_copy_survives(tmp_path: Path) -> None:
    story = make_story(1)
    with Store(tmp_path) as store:
        store.add_stories([story, make_story(2)])
        store.add_bookmark(story.id)
    [shard] = (tmp_path / "stories").glob("*.json")
    shard.write_text('{"stories": {"x": 5}}')
    with Store(tmp_path) as store:
        assert store.story(make_story(2).id) is None
        assert store.story(story.id) == story  # from the bookmark's copy
        assert [p.name.split(".corrupt-")[0] for p in corrupt_files(tmp_path)] == [shard.name]
        assert any(shard.name in m for m in store.messages)


def test_corrupt_file_in_read_only_mode_is_reported_and_left_alone(tmp_path: Path) -> None:
    (tmp_path / "feeds.json").write_text("{not json")
    store = Store(tmp_path, read_only=True)
    assert store.feed_states() == {}
    assert any("feeds.json" in m and "read-only" in m for m in store.messages)
    assert corrupt_files(tmp_path) == []
    assert (tmp_path / "feeds.json").read_text() == "{not json"


def test_leftover_temp_files_are_cleaned_on_open(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.add_stories([make_story(1)])
    stray = tmp_path / ".index.json.tmp-999-abcd"
    stray.write_bytes(b'{"half": ')
    with Store(tmp_path) as store:
        assert not stray.exists()
        assert len(store.rows()) == 1 and store.messages == []


def test_closed_store_refuses_calls(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.close()
    store.close()  # twice is fine
    with pytest.raises(StoreError, match="closed"):
        store.rows()
    with pytest.raises(StoreError, match="closed"):
        store.add_stories([make_story(1)])


def test_files_written_are_valid_json_documents(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.add_stories([make_story(1)])
        store.set_annotations({make_story(1).id: make_annotation()})
        store.set_read([make_story(1).id])
    for path in [*tmp_path.glob("*.json"), *(tmp_path / "stories").glob("*.json")]:
        data = json.loads(path.read_bytes())
        assert isinstance(data, dict) and all(isinstance(t, dict) for t in data.values())


def test_lost_index_is_rebuilt_from_the_shards(tmp_path: Path) -> None:
    stories = [make_story(i) for i in range(120)]
    with Store(tmp_path) as store:
        store.add_stories(stories)
        store.set_annotations({stories[0].id: make_annotation("v1")})
        expected = store.rows()
    (tmp_path / "index.json").write_bytes(b"\x00" * 64)
    with Store(tmp_path) as store:
        assert store.rows() == expected
        assert store.unannotated("v1") == [s.id for s in stories[1:]]
        assert any("rebuilt the story index from 120" in m for m in store.messages)
        assert len(corrupt_files(tmp_path)) == 1
