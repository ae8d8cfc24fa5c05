"""`newsdesk eval`: pair matching, country accuracy, story countries, actor recall."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from nlp_meet_helpers import annotate

from newsdesk.models import Actor, Annotation, Meeting
from newsdesk.nlp.evaluate import names_match, report, run_eval, score_story


def test_names_match_on_surname_alias_prefix_and_initials() -> None:
    assert names_match("Khalifa Haftar", "Haftar")
    assert names_match("Reagan", "Ronald Reagan")
    assert names_match("Acme Widget Co", "Acme Widget")
    assert names_match("LNA", "Libyan National Army")
    assert names_match("United Nations", "UN Secretariat", aliases=["United Nations"])
    assert not names_match("Khalifa Haftar", "Fayez al-Sarraj")
    assert not names_match("OPEC", "European Community")


def gold_line(**extra: Any) -> dict[str, Any]:
    line: dict[str, Any] = {
        "id": "s1",
        "title": "t",
        "text": "x",
        "meetings": [
            {
                "participants": ["Anna Berg", "Piet Maas", "Lena Sorensen"],
                "place": "Oslo",
                "country": "Norway",
                "when": None,
                "status": "happened",
                "mode": "in_person",
                "evidence": "",
            },
            {
                "participants": ["Anna Berg", "Tomas Varga"],
                "place": None,
                "country": None,
                "when": None,
                "status": "happened",
                "mode": "remote",
                "evidence": "",
            },
        ],
        "actors": ["Anna Berg", "Piet Maas", "Nordic Council"],
        "countries": ["Norway", "Netherlands"],
    }
    line.update(extra)
    return line


def test_score_story_counts_pairs_one_to_one() -> None:
    ann = Annotation(
        actors=(Actor("Anna Berg", "PERSON"), Actor("Piet Maas", "PERSON", ("Maas",))),
        meetings=(
            Meeting(("Anna Berg", "Maas"), place="Oslo", country="Norway"),
            Meeting(("Maas", "Anna Berg"), place="Oslo", country="Norway"),  # the same pair
            Meeting(("Anna Berg", "Karl Olsen"), country="Denmark"),  # false alarm
            Meeting(("Anna Berg", "Tomas Varga"), mode="remote"),  # remote: not scored
        ),
        countries=("Norway", "Sweden"),
    )
    s = score_story(gold_line(), ann)
    assert (s.tp, s.fp, s.fn) == (1, 1, 2)  # Berg-Maas hit; Berg-Sorensen, Maas-Sorensen missed
    assert (s.country_ok, s.country_n) == (1, 1)
    assert (s.c_tp, s.c_fp, s.c_fn) == (1, 1, 1)
    assert (s.actors_found, s.actors_gold) == (2, 3)
    assert "Anna Berg -- Lena Sorensen" in s.misses
    assert any(f.startswith("Anna Berg -- Karl Olsen") for f in s.false_alarms)


def test_report_prints_the_table_and_misses() -> None:
    ann = Annotation(meetings=(Meeting(("Anna Berg", "Piet Maas"), country="Sweden"),))
    out = io.StringIO()
    figures = report([score_story(gold_line(), ann)], True, out)
    text = out.getvalue()
    assert "pair F1 (in-person)" in text and "actor recall (top 8)" in text
    assert "miss         Anna Berg -- Lena Sorensen" in text
    assert "country: gold 'Norway', predicted 'Sweden'" in text
    assert figures["pair_precision"] == 1.0
    assert abs(figures["pair_recall"] - 1 / 3) < 1e-9
    assert figures["country_accuracy"] == 0.0


def test_run_eval_on_a_tiny_gold_file(tmp_path: Path) -> None:
    stories = [
        {
            "id": "a",
            "title": "Holloway meets Varga",
            "text": "Prime Minister Jane Holloway met President Tomas Varga in Vienna on Tuesday.",
            "meetings": [
                {
                    "participants": ["Jane Holloway", "Tomas Varga"],
                    "place": "Vienna",
                    "country": "Austria",
                    "when": "Tuesday",
                    "status": "happened",
                    "mode": "in_person",
                    "evidence": "",
                }
            ],
            "actors": ["Jane Holloway", "Tomas Varga"],
            "countries": ["Austria"],
        },
        {
            "id": "b",
            "title": "No meeting",
            "text": "Carla Mendes refused to meet Jane Holloway in Berlin.",
            "meetings": [],
            "actors": ["Carla Mendes"],
            "countries": ["Germany"],
        },
    ]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(s) for s in stories) + "\n", encoding="utf-8")
    out = io.StringIO()
    assert run_eval(gold, True, out, annotate=annotate) == 0
    text = out.getvalue()
    rows = dict(line.rsplit(None, 1) for line in text.splitlines()[-6:])
    assert rows["pair precision (in-person)"] == "1.000"
    assert rows["pair recall (in-person)"] == "1.000"
    assert rows["story-country F1"] == "1.000"
    assert "country accuracy (matched meetings)" in text
    assert "stories: 2" in text


def test_run_eval_reports_an_unreadable_gold_file(tmp_path: Path) -> None:
    out = io.StringIO()
    assert run_eval(tmp_path / "missing.jsonl", False, out, annotate=annotate) == 2
    assert "cannot read gold file" in out.getvalue()
