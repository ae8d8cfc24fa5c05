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
