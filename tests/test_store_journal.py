"""The user-state journal: one fsync per change, replayed and folded into user.json on open."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from store_helpers import make_annotation, make_story

from newsdesk.store import Store, journal

REPO = Path(__file__).resolve().parents[1]


def user_tables(data_dir: Path) -> dict[str, dict[str, object]]:
    tables: dict[str, dict[str, object]] = json.loads((data_dir / "user.json").read_bytes())
    return tables


def test_changes_survive_a_process_that_never_closes(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.add_stories([make_story(i) for i in range(3)])
        store.set_annotations({make_story(0).id: make_annotation()})
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from newsdesk.store import Store\n"
        "s = Store(Path(sys.argv[1]))\n"
        f"s.add_bookmark({make_story(0).id!r}); s.add_bookmark({make_story(1).id!r})\n"
        f"s.remove_bookmark({make_story(1).id!r}); s.set_read([{make_story(2).id!r}])\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True, cwd=REPO, timeout=60)
    journaled = (tmp_path / "user.journal").read_bytes()
    assert journaled
    assert not (tmp_path / "user.json").exists()  # only the journal has them
    with Store(tmp_path) as store:
        assert [s.id for s, _, _ in store.bookmarks()] == [make_story(0).id]
        assert store.bookmarks()[0][1] == make_annotation()
        assert store.is_read(make_story(2).id)
        assert store.messages == []
    # opening (and closing without a change) writes nothing: the journal is replayed again
    assert (tmp_path / "user.journal").read_bytes() == journaled
    assert not (tmp_path / "user.json").exists()
    with Store(tmp_path) as store:
        store.set_read([make_story(1).id])
    # the next close after a change folds everything into user.json
    assert (tmp_path / "user.journal").stat().st_size == 0
    assert list(user_tables(tmp_path)["bookmarks"]) == [make_story(0).id]
    assert set(user_tables(tmp_path)["read"]) == {make_story(1).id, make_story(2).id}


def test_a_last_line_cut_short_is_dropped_quietly(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.add_stories([make_story(1)])
        store.add_bookmark(make_story(1).id)
    with (tmp_path / "user.journal").open("ab") as fh:
        fh.write(b'{"t":"bookmarks","del":["' + make_story(1).id.encode())  # no newline: cut
    with Store(tmp_path) as store:
        assert store.is_bookmarked(make_story(1).id)
        assert store.messages == []
        assert not list(tmp_path.glob("*.corrupt-*"))
        store.set_read([make_story(1).id])  # appends after the dropped tail, not glued to it
    with Store(tmp_path) as store:
        assert store.is_read(make_story(1).id) and store.messages == []


def test_a_damaged_line_moves_the_journal_aside(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.add_stories([make_story(1), make_story(2)])
    good = json.dumps({"t": "read", "put": {make_story(1).id: {"at": "2026-01-01T00:00:00+00:00"}}})
    later = json.dumps({"t": "read", "put": {make_story(2).id: {"at": "x"}}})
    content = f"{good}\n{{garbage\n{later}\n".encode()
    (tmp_path / "user.journal").write_bytes(content)
    with Store(tmp_path) as store:
        assert store.is_read(make_story(1).id) and not store.is_read(make_story(2).id)
        [aside] = tmp_path.glob("user.journal.corrupt-*")
        assert aside.read_bytes() == content
        assert any("journal" in m and "line 2" in m for m in store.messages)


def test_reader_sees_journaled_changes_of_the_writer(tmp_path: Path) -> None:
    with Store(tmp_path) as writer:
        writer.add_stories([make_story(1)])
        reader = Store(tmp_path, read_only=True)
        assert not reader.is_bookmarked(make_story(1).id)
        writer.add_bookmark(make_story(1).id)
        assert reader.is_bookmarked(make_story(1).id)
        assert reader.bookmarks()[0][0] == make_story(1)


def test_journal_is_folded_into_user_json_when_it_grows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal, "COMPACT_ENTRIES", 3)
    with Store(tmp_path) as store:
        store.add_stories([make_story(i) for i in range(5)])
        for i in range(3):
            store.set_read([make_story(i).id])
        assert (tmp_path / "user.journal").stat().st_size == 0
        assert len(user_tables(tmp_path)["read"]) == 3
        store.set_read([make_story(3).id])
        assert (tmp_path / "user.journal").stat().st_size > 0
