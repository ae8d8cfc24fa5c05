"""`newsdesk annotate` and `newsdesk eval` wired to the real pipeline and model."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newsdesk.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
KENYA = (SEEDS / "kenya-tanzania-border-trade.txt").read_text(encoding="utf-8")


@pytest.mark.slow
def test_annotate_jsonl_from_stdin_with_a_bad_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        json.dumps({"id": "kenya", "title": "Kenya and Tanzania talks", "text": KENYA}),
        "{not json",
        json.dumps({"id": "short", "text": "Rain fell on Lima on Tuesday."}),
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["annotate", "-"]) == 1  # one line failed (and says so)
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(out) == 3
    assert out[0]["id"] == "kenya"
    assert {"Kenya", "Tanzania"} <= set(out[0]["countries"])
    pairs = [set(m["participants"]) for m in out[0]["meetings"]]
    assert {"Samuel Kiprono", "Neema Mushi"} in pairs
    assert "error" in out[1]
    assert out[2]["id"] == "short" and out[2]["countries"] == ["Peru"]


@pytest.mark.slow
def test_eval_scores_a_gold_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = {
        "id": "kenya",
        "title": "Kenya and Tanzania agree to scrap trade barriers after Dar es Salaam talks",
        "text": KENYA,
        "published": "2026-11-21T17:40:00+00:00",
        "meetings": [
            {
                "participants": ["Samuel Kiprono", "Neema Mushi"],
                "place": "Dar es Salaam",
                "country": "Tanzania",
                "when": "Saturday",
                "status": "happened",
                "mode": "in_person",
                "evidence": KENYA.split("\n")[0],
            }
        ],
        "actors": ["Samuel Kiprono", "Neema Mushi"],
        "countries": ["Kenya", "Tanzania"],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n")
    assert main(["eval", str(path), "--verbose"]) == 0
    out = capsys.readouterr().out
    assert "stories: 1" in out
    recall = next(line for line in out.splitlines() if line.startswith("pair recall"))
    assert float(recall.split()[-1]) == 1.0


@pytest.mark.slow
def test_annotate_stories_json_and_bookmark_export_share_one_schema(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same story through `annotate`, `stories --json` and `bookmarks export`: the same keys
    for the annotation, its actors and its meetings."""
    assert main(["stories", "--json"]) == 0  # the embedded default: seeds, annotated
    stories = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    libya = next(s for s in stories if "libya" in (s["link"] or ""))
    assert main(["bookmarks", "add", libya["id"]]) == 0
    capsys.readouterr()
    assert main(["bookmarks", "export", "--format", "json"]) == 0
    exported = json.loads(capsys.readouterr().out)[0]
    text = (SEEDS / "libya-guterres-haftar.txt").read_text(encoding="utf-8")
    line = json.dumps({"id": "x", "title": libya["title"], "text": text})
    monkeypatch.setattr("sys.stdin", io.StringIO(line + "\n"))
    assert main(["annotate", "-"]) == 0
    annotated = json.loads(capsys.readouterr().out)

    shared = ("countries", "regions", "subregions", "actors", "meetings", "summary")
    for view in (libya, exported, annotated):
        assert all(key in view for key in shared)
        assert view["actors"] and view["meetings"]
    actor_keys = {frozenset(v["actors"][0]) for v in (libya, exported, annotated)}
    meeting_keys = {frozenset(v["meetings"][0]) for v in (libya, exported, annotated)}
    assert len(actor_keys) == 1 and {"name", "kind", "aliases", "mentions"} <= set(*actor_keys)
    assert len(meeting_keys) == 1 and {"participants", "place", "when"} <= set(*meeting_keys)
    assert libya["meetings"] == exported["meetings"]
    assert "entities" in annotated and "entities" not in libya


def test_eval_looks_texts_up_and_prints_the_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "kenya", "title": "Talks", "text": KENYA}) + "\n")
    meeting = {"participants": ["Samuel Kiprono", "Neema Mushi"], "mode": "in_person"}
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "kenya", "meetings": [meeting]}) + "\n")
    args = ["eval", str(gold), "--texts", str(corpus), "--rules", "--min-confidence", "0"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "stories: 1" in out
    recall = next(line for line in out.splitlines() if line.startswith("meeting recall"))
    assert float(recall.split()[-1]) == 1.0
    assert "rule" in out and "precision" in out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--texts", "missing.jsonl"], "missing.jsonl: no such file"),
        (["--min-confidence", "2"], "--min-confidence: must be a number from 0 to 1, not 2.0"),
    ],
)
def test_eval_bad_options_get_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "x", "meetings": []}\n')
    extra = [str(tmp_path / e) if e.endswith(".jsonl") else e for e in extra]
    assert main(["eval", str(gold), *extra]) != 0
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err and "Traceback" not in err
