"""A full disk, an unusable data directory, an unreadable file: a clear message, nothing lost.

A full disk is simulated at the OS boundary: RLIMIT_FSIZE in a subprocess (the kernel cuts a
write short at the limit, then refuses the next), or a short-writing `os.write` in-process.
"""

from __future__ import annotations

import json
import os
import pathlib
import stat
from pathlib import Path

import pytest
from store_helpers import disk_fills_up, make_annotation, make_story, run_newsdesk

from newsdesk.store import Store, StoreError


def corrupt_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if ".corrupt-" in p.name)


# --- a bookmark is confirmed only once it is on disk -------------------------------------------


def test_bookmark_cut_short_by_a_full_disk_is_refused_and_the_journal_stays_whole(
    tmp_path: Path,
) -> None:
    first, second = make_story(1), make_story(2)
    with Store(tmp_path) as store:
        store.add_stories([first, second])
        assert store.add_bookmark(first.id)
        before = (tmp_path / "user.journal").read_bytes()
        with (
            disk_fills_up(tmp_path, room=40) as written,
            pytest.raises(StoreError, match="user.journal: No space left on device"),
        ):
            store.add_bookmark(second.id)
        assert written[0] == 40  # part of the line did reach the file ...
        assert (tmp_path / "user.journal").read_bytes() == before  # ... and was cut back off
        assert not store.is_bookmarked(second.id)  # never claimed
        assert store.add_bookmark(second.id)  # room again: the next line is whole
    with Store(tmp_path) as store:
        assert {s.id for s, _, _ in store.bookmarks()} == {first.id, second.id}
        assert store.messages == [] and corrupt_files(tmp_path) == []


def test_cli_bookmark_on_a_full_disk_fails_with_a_message_and_is_not_lost_later(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    story = make_story(1, text="The text to keep. " * 40)
    with Store(data) as store:
        store.add_stories([story])
    full = run_newsdesk(
        ["--data-dir", str(data), "bookmarks", "add", story.id], file_size_limit=300
    )
    assert full.returncode == 1, full.stdout
    assert "bookmarked" not in full.stdout
    [line] = full.stderr.splitlines()
    assert line.startswith("newsdesk: could not write ") and "user.journal" in line
    assert "not saved" in line and "Traceback" not in full.stderr

    listed = run_newsdesk(["--data-dir", str(data), "bookmarks", "list"])
    assert listed.returncode == 0 and "no bookmarks yet" in listed.stdout
    assert listed.stderr == ""  # the journal was left whole: no damaged line

    again = run_newsdesk(["--data-dir", str(data), "bookmarks", "add", story.id])
    assert again.returncode == 0 and again.stdout.startswith(f"bookmarked: {story.id}")
    export = run_newsdesk(["--data-dir", str(data), "bookmarks", "export"])
    [exported] = json.loads(export.stdout)
    assert exported["text"] == story.text


# --- opening writes nothing -------------------------------------------------------------------


def test_reader_opens_on_a_full_disk_and_lists_the_stories(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Store(data) as store:
        store.add_stories([make_story(i) for i in range(3)])
        store.add_bookmark(make_story(0).id)
    files = {
        p: p.read_bytes() for p in data.rglob("*") if p.is_file() and p.name != "newsdesk.lock"
    }
    shown = run_newsdesk(["--data-dir", str(data)], file_size_limit=0)  # not a terminal: lists
    assert shown.returncode == 0, shown.stderr
    assert shown.stderr == ""
    assert "Story 0" in shown.stdout and "Story 2" in shown.stdout
    after = {
        p: p.read_bytes() for p in data.rglob("*") if p.is_file() and p.name != "newsdesk.lock"
    }
    assert after == files


def test_opening_and_closing_without_a_change_writes_no_file(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.add_stories([make_story(1)])
        store.set_annotations({make_story(1).id: make_annotation()})
        store.add_bookmark(make_story(1).id)
    stamps = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*.json*")}
    stamps |= {p: p.stat().st_mtime_ns for p in tmp_path.glob("user.journal")}
    with Store(tmp_path) as store:
        assert store.is_bookmarked(make_story(1).id) and len(store.rows()) == 1
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps


# --- unreadable is not corrupt ---------------------------------------------------------------


def test_unreadable_user_file_is_an_error_and_is_never_moved_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(tmp_path) as store:
        store.add_stories([make_story(1)])
        store.add_bookmark(make_story(1).id)
    user = tmp_path / "user.json"
    content = user.read_bytes()
    real = pathlib.Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path == user:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    with pytest.raises(StoreError) as info:
        Store(tmp_path)
    assert str(info.value) == f"cannot read {user}: Permission denied"
    monkeypatch.undo()
    assert corrupt_files(tmp_path) == [] and user.read_bytes() == content
    with Store(tmp_path) as store:  # readable again: every bookmark is there
        assert store.is_bookmarked(make_story(1).id) and store.messages == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_user_file_without_read_permission_gives_a_message(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Store(data) as store:
        store.add_stories([make_story(1)])
        store.add_bookmark(make_story(1).id)
    (data / "user.json").chmod(0)
    try:
        done = run_newsdesk(["--data-dir", str(data), "bookmarks", "list"])
    finally:
        (data / "user.json").chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert done.returncode == 1
    assert done.stderr == f"newsdesk: cannot read {data / 'user.json'}: Permission denied\n"
    assert corrupt_files(data) == []


# --- the data directory ----------------------------------------------------------------------


@pytest.mark.parametrize("read_only", [False, True], ids=["writing", "read-only"])
def test_data_dir_that_is_a_file_is_a_clear_error(tmp_path: Path, read_only: bool) -> None:
    data = tmp_path / "data"
    data.write_text("not a directory")
    with pytest.raises(StoreError, match=f"^the data directory {data} is not a directory$"):
        Store(data, read_only=read_only)
    assert data.read_text() == "not a directory"


@pytest.mark.parametrize(
    "args",
    [["refresh"], ["stories"], ["bookmarks", "list"], []],
    ids=["refresh", "stories", "bookmarks", "reader"],
)
def test_cli_on_a_data_dir_that_is_a_file_gives_one_line(tmp_path: Path, args: list[str]) -> None:
    data = tmp_path / "data"
    data.write_text("not a directory")
    done = run_newsdesk(["--data-dir", str(data), *args])
    assert done.returncode == 1
    assert done.stderr == f"newsdesk: the data directory {data} is not a directory\n"
    assert data.read_text() == "not a directory"


def test_data_dir_below_a_file_cannot_be_created(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x")
    data = tmp_path / "plain" / "data"
    done = run_newsdesk(["--data-dir", str(data), "bookmarks", "add", "abc"])
    assert done.returncode == 1
    assert done.stderr == (f"newsdesk: cannot create the data directory {data}: Not a directory\n")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes whatever a directory's mode")
def test_data_dir_that_is_not_writable_gives_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Store(data) as store:
        store.add_stories([make_story(1)])
    (data / "newsdesk.lock").unlink()
    data.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        done = run_newsdesk(["--data-dir", str(data), "refresh", "--no-fulltext"])
    finally:
        data.chmod(stat.S_IRWXU)
    assert done.returncode == 1, done.stdout
    assert done.stderr == (
        f"newsdesk: cannot write to the data directory {data}: Permission denied "
        "(--read-only only looks at it)\n"
    )


def test_data_dir_where_no_file_can_be_created_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(tmp_path) as store:
        store.add_stories([make_story(1)])
    (tmp_path / "newsdesk.lock").unlink()
    real = os.open

    def refuse(path: str | os.PathLike[str], flags: int, *args: int, **kw: int) -> int:
        if Path(path).parent == tmp_path and flags & os.O_CREAT:  # as in a read-only directory
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, flags, *args, **kw)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(StoreError) as info:
        Store(tmp_path)
    assert str(info.value) == (
        f"cannot write to the data directory {tmp_path}: Permission denied "
        "(--read-only only looks at it)"
    )
    monkeypatch.undo()
    with Store(tmp_path, read_only=True) as store:  # looking still works
        assert len(store.rows()) == 1


def test_a_full_disk_while_many_shards_are_written_at_once_stores_none_of_the_batch(
    tmp_path: Path,
) -> None:
    # 300 stories fill several shards, written at once (threads): the disk fills up during
    # that; the batch is refused whole and memory forgets it, as the disk never held its index.
    first = [make_story(n) for n in range(10)]
    batch = [make_story(n) for n in range(100, 400)]
    with Store(tmp_path) as store:
        store.add_stories(first)
        with disk_fills_up(tmp_path, room=60_000), pytest.raises(StoreError, match="No space"):
            store.add_stories(batch)
        assert not any(store.is_known(s.id) for s in batch)
        assert len(store.rows()) == 10
        assert store.add_stories(batch) == 300  # room again: the same batch is stored whole
    with Store(tmp_path) as store:
        assert len(store.rows()) == 310 and store.messages == []
        assert all(store.story(s.id) is not None for s in batch)
        assert len(list((tmp_path / "stories").glob("*.json"))) > 3
        assert not [p for p in tmp_path.rglob("*") if ".tmp-" in p.name]
