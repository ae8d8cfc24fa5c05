"""The CLI end to end: real feeds from a real HTTP server on 127.0.0.1, a real store on disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from ingest_helpers import FeedServer, Route, item, rss_feed

from newsdesk.cli import main
from newsdesk.models import Actor, Annotation, Meeting
from newsdesk.store import Store


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as srv:
        yield srv


@pytest.fixture
def feeds(server: FeedServer, config_file: Path) -> dict[str, str]:
    """Two good feeds, one failing with 500, one that is not a feed; written to the config."""
    urls = {
        "world": server.route(
            "/world.xml",
            Route(body=rss_feed("World Wire", [item(n) for n in range(1, 4)]), etag='"w1"'),
        ),
        "tricky": server.route(
            "/tricky.xml",
            Route(
                body=rss_feed(
                    "Tricky [bold]Feed[/bold]",
                    [
                        item(10, title="[red]Alarm[/red] \x1b[31mred\x1b[0m # *not* markdown"),
                        item(11, title="Second tricky story"),
                    ],
                )
            ),
        ),
        "broken": server.route("/broken.xml", Route(status=500, body=b"oops")),
        "html": server.route(
            "/page.html", Route(body=b"<html><body>hello</body></html>", content_type="text/html")
        ),
    }
    config_file.write_text(
        "[store]\nkeep_days = 36500  # the test items date from 2024\n\n"
        + "\n".join(f'[[feeds]]\nurl = "{url}"\ntags = ["{name}"]\n' for name, url in urls.items())
    )
    return urls


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_refresh_json_report_and_second_refresh(
    feeds: dict[str, str], server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "refresh", "--no-fulltext", "--no-annotate", "--json")
    assert status == 0
    report = json.loads(out)
    assert report["new_stories"] == 5
    assert report["annotated"] == 0
    assert {s["url"] for s in report["ok"]} == {feeds["world"], feeds["tricky"]}
    failed = {s["url"]: s["error"] for s in report["failed"]}
    assert set(failed) == {feeds["broken"], feeds["html"]}
    assert "500" in failed[feeds["broken"]]
    assert failed[feeds["html"]]
    # the second refresh sends the stored ETag and finds nothing new
    status, out, _ = run(capsys, "refresh", "--no-fulltext", "--no-annotate", "--json")
    assert status == 0 and json.loads(out)["new_stories"] == 0
    assert server.seen("/world.xml")[-1].headers.get("if-none-match") == '"w1"'
    assert server.seen("/world.xml")[-1].status == 304


def test_refresh_plain_summary_names_failures(
    feeds: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "refresh", "--no-fulltext", "--no-annotate")
    assert status == 0
    assert out.startswith("4 feeds: 2 ok, 2 failed; 5 new stories, 0 annotated;")
    assert f"failed  {feeds['broken']}:" in out
    assert "\r" not in err  # no progress bar when stderr is not a terminal


def test_feeds_lists_status_and_errors(
    feeds: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "feeds", "--json")
    assert status == 0
    before = [json.loads(line) for line in out.splitlines()]
    assert [f["url"] for f in before] == list(feeds.values())
    assert all(f["last_checked"] is None for f in before)
    run(capsys, "refresh", "--no-fulltext", "--no-annotate")
    status, out, _ = run(capsys, "feeds", "--json")
    after = {f["url"]: f for f in map(json.loads, out.splitlines())}
    assert after[feeds["world"]]["status"] == 200 and after[feeds["world"]]["error"] is None
    assert after[feeds["world"]]["tags"] == ["world"]
    assert "500" in after[feeds["broken"]]["error"]
    status, out, _ = run(capsys, "feeds")
    assert "FAILED" in out and feeds["broken"] in out


def test_stories_json_lines_and_plain_table(
    feeds: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "refresh", "--no-fulltext", "--no-annotate")
    status, out, _ = run(capsys, "stories", "--json")
    assert status == 0
    stories = [json.loads(line) for line in out.splitlines()]
    assert len(stories) == 5
    first = stories[0]
    for key in ("id", "title", "link", "feed", "published", "read", "bookmarked"):
        assert key in first
    assert [s["published"] for s in stories] == sorted(
        (s["published"] for s in stories), reverse=True
    )
    tricky = next(s for s in stories if "Alarm" in s["title"])
    assert "\x1b" not in tricky["title"] and "[red]Alarm[/red]" in tricky["title"]
    status, out, _ = run(capsys, "stories", "--limit", "2", "--json")
    assert len(out.splitlines()) == 2
    status, out, _ = run(capsys, "stories", "--limit", "3")
    lines = out.splitlines()
    assert len(lines) == 3
    assert all("\x1b" not in line for line in lines)
    assert lines[0].startswith(stories[0]["id"][:8])


def test_bad_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stories", "--limit", "zero"]) == 2
    assert "--limit" in capsys.readouterr().err
    assert main(["bookmarks", "export", "--format", "pdf"]) == 2
    assert main(["no-such-command"]) == 2


def test_bookmarks_by_prefix_export_and_remove(
    feeds: dict[str, str], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "refresh", "--no-fulltext", "--no-annotate")
    _, out, _ = run(capsys, "stories", "--json")
    stories = {s["title"]: s for s in map(json.loads, out.splitlines())}
    tricky = next(s for t, s in stories.items() if "Alarm" in t)
    status, out, _ = run(capsys, "bookmarks", "add", tricky["id"][:10])
    assert status == 0 and out.startswith(f"bookmarked: {tricky['id']}")
    status, _, err = run(capsys, "bookmarks", "add", "zzzz")
    assert status == 1 and "no story with id 'zzzz'" in err
    status, _, err = run(capsys, "bookmarks", "add", "")
    assert status == 1

    status, out, _ = run(capsys, "bookmarks", "export", "--format", "json")
    exported = json.loads(out)
    assert [b["id"] for b in exported] == [tricky["id"]]
    assert exported[0]["title"] == tricky["title"] and exported[0]["bookmarked_at"]

    status, out, _ = run(capsys, "bookmarks", "export", "--format", "markdown")
    assert out.startswith("# newsdesk bookmarks")
    assert "\\[red\\]Alarm\\[/red\\]" in out and "\\# \\*not\\* markdown" in out
    assert f"]({tricky['link']})" in out

    _, out, _ = run(capsys, "stories", "--bookmarked", "--json")
    assert [json.loads(line)["id"] for line in out.splitlines()] == [tricky["id"]]
    _, out, _ = run(capsys, "bookmarks", "list")
    assert out.startswith(tricky["id"][:8])

    status, out, _ = run(capsys, "bookmarks", "remove", tricky["id"][:6])
    assert status == 0 and tricky["id"] in out
    status, _, err = run(capsys, "bookmarks", "remove", tricky["id"])
    assert status == 1 and "no bookmarked story" in err
    _, out, _ = run(capsys, "bookmarks", "export")
    assert json.loads(out) == []


def test_bookmark_survives_the_story_being_pruned(
    feeds: dict[str, str], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "refresh", "--no-fulltext", "--no-annotate")
    _, out, _ = run(capsys, "stories", "--json", "--limit", "1")
    story = json.loads(out)
    run(capsys, "bookmarks", "add", story["id"])
    with Store(data_dir) as store:  # the feed items date from 2024: all are past keep_days
        assert store.prune(30) == 4
    _, out, _ = run(capsys, "stories", "--json")
    assert [json.loads(line)["id"] for line in out.splitlines()] == [story["id"]]
    _, out, _ = run(capsys, "bookmarks", "export")
    assert json.loads(out)[0]["id"] == story["id"]


def _annotate_by_hand(data_dir: Path) -> list[str]:
    """Store annotations for the first two stories directly (the filters are under test)."""
    with Store(data_dir) as store:
        ids = [row.id for row in store.rows()]
        store.set_annotations(
            {
                ids[0]: Annotation(
                    actors=(Actor("Khalifa Haftar", "PERSON", ("Haftar",), 3),),
                    countries=("Libya",),
                    regions=("Africa",),
                    subregions=("Northern Africa",),
                    meetings=(Meeting(("Khalifa Haftar", "Fayez al-Sarraj"), "Abu Dhabi"),),
                    summary="Khalifa Haftar met Fayez al-Sarraj in Abu Dhabi.",
                    pipeline_version="test",
                ),
                ids[1]: Annotation(
                    actors=(Actor("United Nations", "ORG", ("UN",), 2),),
                    countries=("Viet Nam",),
                    regions=("Asia",),
                    subregions=("South-eastern Asia",),
                    pipeline_version="test",
                ),
            }
        )
        store.set_read([ids[1]])
    return ids


def test_stories_filters(
    feeds: dict[str, str], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "refresh", "--no-fulltext", "--no-annotate")
    ids = _annotate_by_hand(data_dir)

    def listed(*argv: str) -> list[str]:
        status, out, _ = run(capsys, "stories", "--json", *argv)
        assert status == 0
        return [json.loads(line)["id"] for line in out.splitlines()]

    assert listed("--actor", "haftar") == [ids[0]]
    assert listed("--actor", "KHALIFA HAFTAR") == [ids[0]]
    assert listed("--actor", "un") == [ids[1]]
    assert listed("--region", "northern africa") == [ids[0]]
    assert listed("--region", "asia") == [ids[1]]
    assert listed("--country", "viet nam") == [ids[1]]
    assert listed("--country", "libya", "--actor", "un") == []
    assert listed("--unread", "--region", "Asia") == []
    assert len(listed("--unread")) == 4
    status, out, _ = run(capsys, "stories", "--json", "--actor", "Haftar")
    story = json.loads(out)
    assert story["countries"] == ["Libya"] and story["subregions"] == ["Northern Africa"]
    assert story["actors"][0].pop("id").startswith("a")  # the store-wide index's id
    assert story["actors"] == [
        {
            "name": "Khalifa Haftar",
            "kind": "PERSON",
            "aliases": ["Haftar"],
            "mentions": 3,
            "role": None,
        }
    ]
    assert story["meetings"][0]["participants"] == ["Khalifa Haftar", "Fayez al-Sarraj"]
    assert {"confidence", "rules"} <= set(story["meetings"][0])  # every meeting, with its trust
    assert story["summary"].startswith("Khalifa Haftar met")


def test_read_only_and_locked_data_dir(
    feeds: dict[str, str], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "refresh", "--no-fulltext", "--no-annotate")
    status, _, err = run(capsys, "--read-only", "refresh")
    assert status == 1 and "read-only" in err
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys
                from pathlib import Path
                from newsdesk.store import Store
                store = Store(Path({str(data_dir)!r}))
                print("locked", flush=True)
                sys.stdin.read()
                """
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        status, _, err = run(capsys, "refresh", "--no-fulltext")
        assert status == 1 and err.startswith("newsdesk: ") and str(data_dir) in err
        status, _, err = run(capsys, "bookmarks", "add", "abc")
        assert status == 1
        status, out, _ = run(capsys, "stories", "--json")  # reading still works
        assert status == 0 and len(out.splitlines()) == 5
    finally:
        holder.communicate("")
    assert holder.returncode == 0


def test_no_subcommand_without_a_terminal_lists_stories(
    feeds: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "refresh", "--no-fulltext", "--no-annotate")
    status, out, _ = run(capsys)
    assert status == 0
    assert len(out.splitlines()) == 5 and "Second tricky story" in out


def test_eval_and_annotate_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "eval", str(tmp_path / "missing.jsonl"))
    assert status == 1 and "missing.jsonl: no such file" in err
    status, _, err = run(capsys, "annotate", str(tmp_path / "missing.jsonl"))
    assert status == 1 and "missing.jsonl: cannot read" in err


def test_progress_bar_only_on_a_terminal(feeds: dict[str, str]) -> None:
    import pty

    controller, terminal = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "newsdesk", "refresh", "--no-fulltext", "--no-annotate"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=terminal,
            text=True,
            timeout=120,
        )
    finally:
        os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal is closed and drained
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    assert done.returncode == 0
    # one bar per stage: feeds, then the pages of the 5 new stories (no annotation asked)
    assert b"\rfeeds [############] 4/4  pages [############] 5/5" in shown
    assert b"annotated" not in shown
    assert "\r" not in done.stdout and done.stdout.startswith("4 feeds: 2 ok, 2 failed")


def test_corrupt_file_is_reported_and_moved_aside_not_overwritten(
    feeds: dict[str, str], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "refresh", "--no-fulltext", "--no-annotate")
    (data_dir / "user.json").write_text("garbage{")
    status, out, err = run(capsys, "stories", "--json")
    assert status == 0 and len(out.splitlines()) == 5
    assert "user.json" in err and (data_dir / "user.json").read_text() == "garbage{"
    story_id = json.loads(out.splitlines()[0])["id"]
    status, out, err = run(capsys, "bookmarks", "add", story_id)
    assert status == 0 and "user.json" in err
    (aside,) = data_dir.glob("user.json.corrupt-*")
    assert aside.read_text() == "garbage{"
    _, out, _ = run(capsys, "bookmarks", "export")
    assert [b["id"] for b in json.loads(out)] == [story_id]


def test_global_options_also_after_the_command(
    feeds: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    status, out, _ = run(
        capsys, "refresh", "--no-fulltext", "--no-annotate", "--data-dir", str(elsewhere)
    )
    assert status == 0 and "5 new stories" in out
    assert (elsewhere / "index.json").exists()
    _, out, _ = run(capsys, "--data-dir", str(elsewhere), "stories", "--json")
    assert len(out.splitlines()) == 5
    _, out, _ = run(capsys, "bookmarks", "list", "--data-dir", str(elsewhere))
    assert out.startswith("no bookmarks yet")
    status, _, err = run(capsys, "bookmarks", "add", "abc", "--read-only")
    assert status == 1 and "--read-only" in err
