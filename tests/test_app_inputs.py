"""What the command line prints is strict JSON and valid UTF-8, whatever the stored data holds."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from store_helpers import make_story

from newsdesk.cli import main
from newsdesk.output import json_text
from newsdesk.store import Store


def strict(text: str) -> Any:
    def refuse(name: str) -> Any:
        raise AssertionError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def test_json_text_is_strict_and_valid_utf8() -> None:
    value = {"n": math.nan, "list": [math.inf, 1.5, -math.inf], "s": "a\ud800b", "ok": "é"}
    text = json_text(value)
    assert strict(text) == {"n": None, "list": [None, 1.5, None], "s": "a\ufffdb", "ok": "é"}
    text.encode("utf-8")
    assert json_text({"a": [1]}, indent=2) == '{\n  "a": [\n    1\n  ]\n}'


def test_a_stored_lone_surrogate_never_breaks_the_output(
    data_dir: Path, config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A story stored before feed text was cleaned of surrogates made `stories --json` crash."""
    config_file.write_text('[[feeds]]\nurl = "https://news.example.org/feed.xml"\n')
    story = replace(make_story(1), title="Talks \ud800 in Tripoli", text="Body \udfff text.")
    with Store(data_dir) as store:
        store.add_stories([story])
        store.add_bookmark(story.id)
    assert main(["stories", "--json"]) == 0
    out = capsys.readouterr().out
    assert strict(out)["title"] == "Talks \ufffd in Tripoli"
    assert main(["stories"]) == 0
    assert "Talks \ufffd in Tripoli" in capsys.readouterr().out
    assert main(["bookmarks", "export", "--format", "json"]) == 0
    exported = strict(capsys.readouterr().out)
    assert exported[0]["text"] == "Body \ufffd text."
    assert main(["bookmarks", "export", "--format", "markdown"]) == 0
    assert "Body \ufffd text." in capsys.readouterr().out


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("[1]", "line 2: not a JSON object"),
        ('{"id": "x", "text": 5}', "line 2: 'text' must be a non-empty string"),
        ('{"id": "x", "text": "Rain.", "meetings": 3}', "line 2: 'meetings' must be a list"),
        (
            '{"id": "x", "text": "Rain.", "meetings": [{"participants": "Ann"}]}',
            "line 2: meeting 1: 'participants' must be a list of strings",
        ),
        ('{"id": "x", "text": "Rain.", "countries": [1]}', "line 2: 'countries' must be a list"),
        ('{"id": "x", "text": "Rain.", "actors": "Ann"}', "line 2: 'actors' must be a list"),
    ],
)
def test_a_gold_line_of_the_wrong_shape_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, problem: str
) -> None:
    """Such lines crashed `newsdesk eval` with AttributeError or TypeError."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "ok", "text": "Rain fell on Lima."}\n' + line + "\n")
    assert main(["eval", str(gold)]) == 2
    out = capsys.readouterr().out
    assert out.startswith(f"cannot read gold file {gold}: {problem}") and out.count("\n") == 1


def test_annotate_processes_are_bounded(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["annotate", "--processes", "100000"]) == 2
    assert "--processes: must be at most 256, not '100000'" in capsys.readouterr().err


def test_a_surrogate_reference_in_one_item_does_not_fail_the_feed(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Over real HTTP: `&#xD800;` in one item failed the whole feed at refresh."""
    from ingest_helpers import FeedServer, Route, item, rss_feed

    doc = rss_feed("Wire", [item(1, title="Bad XXX title"), item(2), item(3)])
    doc = doc.replace(b"Bad XXX title", b"Bad &#xD800; title")
    with FeedServer() as server:
        url = server.route("/wire.xml", Route(body=doc))
        config_file.write_text(f'[store]\nkeep_days = 36500\n\n[[feeds]]\nurl = "{url}"\n')
        assert main(["refresh", "--no-fulltext", "--no-annotate"]) == 0
        out = capsys.readouterr().out
        assert "1 ok, 0 failed; 3 new stories" in out
    assert main(["stories", "--json"]) == 0
    titles = {strict(line)["title"] for line in capsys.readouterr().out.splitlines()}
    assert titles == {"Bad \ufffd title", "Story 2", "Story 3"}
