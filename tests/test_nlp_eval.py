"""`newsdesk eval`: pair matching, country accuracy, story countries, actor recall."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from nlp_meet_helpers import annotate

from newsdesk.evaluation import names_match, report, rules_report, run_eval, score_story
from newsdesk.models import Actor, Annotation, Meeting


def test_names_match_only_by_canonical_name_or_alias() -> None:
    assert names_match("Khalifa Haftar", "Khalifa Haftar")
    assert names_match("the United Nations", "United Nations")
    assert names_match("Ann Smith", "Ann Smith.")  # a full stop is not part of a name
    assert names_match("Acme Widget Co", "Acme Widget")  # a legal form is not either
    assert names_match("Berg, Maas and Co", "Berg, Maas")  # nor the "and" that joins it
    assert names_match("Berg & Co Inc", "Berg")
    assert names_match("UN", "United Nations", aliases=["UN", "U.N."])
    assert names_match("Haftar", "Khalifa Haftar", aliases=["Haftar"])
    # strict: no shared surname, word prefix or initials without an alias
    assert not names_match("Khalifa Haftar", "Haftar")
    assert not names_match("Piet van der Berg", "Anna van der Berg")
    assert not names_match("Acme Widget Sales", "Acme Widget")
    assert not names_match("Berg and Maas", "Berg")  # "and" alone is part of the name
    assert not names_match("LNA", "Libyan National Army")
    assert not names_match("Khalifa Haftar", "Fayez al-Sarraj")


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


def test_score_story_counts_meetings_and_pairs_one_to_one() -> None:
    ann = Annotation(
        actors=(Actor("Anna Berg", "PERSON"), Actor("Piet Maas", "PERSON", ("Maas",))),
        meetings=(
            Meeting(("Anna Berg", "Piet Maas"), place="Oslo", country="Norway"),
            Meeting(("Piet Maas", "Anna Berg"), place="Oslo", country="Norway"),  # the same pair
            Meeting(("Anna Berg", "Karl Olsen"), country="Denmark"),  # false alarm
            Meeting(("Anna Berg", "Tomas Varga"), mode="remote"),  # remote: not scored
        ),
        countries=("Norway", "Sweden"),
    )
    s = score_story(gold_line(), ann)
    assert (s.tp, s.fp, s.fn) == (1, 1, 2)  # Berg-Maas hit; Berg-Sorensen, Maas-Sorensen missed
    # meetings: the gold three-party entry is not matched by a two-party one
    assert (s.m_tp, s.m_fp, s.m_fn) == (0, 3, 1)
    assert (s.country_ok, s.country_n) == (1, 1)
    assert (s.c_tp, s.c_fp, s.c_fn) == (1, 1, 1)
    assert (s.actors_found, s.actors_gold) == (2, 3)
    assert "Anna Berg -- Lena Sorensen" in s.misses
    assert any(f.startswith("Anna Berg -- Karl Olsen") for f in s.false_alarms)


def test_a_multi_party_meeting_matches_when_its_set_matches() -> None:
    ann = Annotation(
        actors=(Actor("Anna Berg", "PERSON"), Actor("Piet Maas", "PERSON", ("Maas",))),
        meetings=(Meeting(("Lena Sorensen", "Piet Maas", "Anna Berg"), country="Norway"),),
    )
    s = score_story(gold_line(), ann)
    assert (s.m_tp, s.m_fp, s.m_fn) == (1, 0, 0)
    assert (s.tp, s.fp, s.fn) == (3, 0, 0)


def test_only_meetings_at_or_above_the_threshold_are_scored_and_rules_are_judged() -> None:
    ann = Annotation(
        meetings=(
            Meeting(("Anna Berg", "Piet Maas"), confidence=0.9, rules=("verb.meet",)),
            Meeting(
                ("Anna Berg", "Karl Olsen"), confidence=0.3, rules=("verb.see", "headline-only")
            ),
        ),
        meeting_min_confidence=0.6,
    )
    s = score_story(gold_line(), ann)
    assert (s.tp, s.fp) == (1, 0)  # the hidden Berg-Olsen line is not a false alarm
    assert s.judged == [
        # its one pair is in the gold, but the gold meeting has three parties; placed nowhere
        (("verb.meet",), 0.9, False, True, False),
        (("verb.see", "headline-only"), 0.3, False, False, False),
    ]


def test_the_rule_table_counts_a_meeting_right_as_the_meeting_figures_do() -> None:
    whole = Meeting(
        ("Anna Berg", "Piet Maas", "Lena Sorensen"), country="Norway", rules=("noun.talks",)
    )
    part = Meeting(("Anna Berg", "Piet Maas"), rules=("verb.meet", "place.dateline"))
    s = score_story(gold_line(), Annotation(meetings=(whole, part)))
    assert (s.m_tp, s.m_fp) == (1, 1)  # the part told again is a false alarm of the figures
    out = io.StringIO()
    table = rules_report([s], out)
    assert table == {"noun.talks": (1, 1), "verb.meet": (1, 0), "place.dateline": (1, 0)}
    assert re.search(r"^noun\.talks\s+1\s+1\s+1\.000\s+1$", out.getvalue(), re.M)
    # the looser column: every pair of the part is in the gold
    assert re.search(r"^verb\.meet\s+1\s+0\s+0\.000\s+1$", out.getvalue(), re.M)
    assert re.search(r"^confidence 0\.9-1\.0\s+2\s+1\s+0\.500\s+2$", out.getvalue(), re.M)


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
    rows = dict(line.rsplit(None, 1) for line in text.splitlines()[-9:])
    assert rows["pair precision (in-person)"] == "1.000"
    assert rows["pair recall (in-person)"] == "1.000"
    assert rows["meeting precision (in-person)"] == "1.000"
    assert rows["meeting F1 (in-person)"] == "1.000"
    assert rows["story-country F1"] == "1.000"
    assert "country accuracy (matched meetings)" in text
    assert "stories: 2" in text


def test_run_eval_reports_an_unreadable_gold_file(tmp_path: Path) -> None:
    out = io.StringIO()
    assert run_eval(tmp_path / "missing.jsonl", False, out, annotate=annotate) == 2
    assert "cannot read gold file" in out.getvalue()


def test_run_eval_looks_texts_up_by_id(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        json.dumps(
            {
                "id": "c1",
                "title": "HOLLOWAY MEETS VARGA",
                "text": "VIENNA, March 3 - Prime Minister Jane Holloway met President Tomas "
                "Varga in Vienna on Tuesday.",
                "date": "3-MAR-1987 10:00:00.00",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    meeting = {"participants": ["Jane Holloway", "Tomas Varga"], "country": "Austria"}
    gold = tmp_path / "gold.jsonl"
    line = {"id": "c1", "meetings": [meeting], "countries": ["Austria"], "actors": []}
    gold.write_text(json.dumps(line) + "\n", encoding="utf-8")
    out = io.StringIO()
    assert run_eval(gold, False, out, annotate=annotate, texts=corpus, rules=True) == 0
    text = out.getvalue()
    assert "stories: 1" in text
    assert re.search(r"^meeting precision \(in-person\)\s+1\.000$", text, re.M)
    assert re.search(r"^verb\.meet\s+1\s+1\s+1\.000\s+1$", text, re.M)


@pytest.mark.parametrize(
    ("gold_lines", "corpus_lines", "problem"),
    [
        (['{"id": "c1"}', "{not json"], None, "gold file {gold}: line 2: not JSON"),
        (['{"id": "c1"}'], None, "gold file {gold}: line 1: 'text' must be a non-empty string"),
        (['{"id": "c1"}', '{"id": "c9"}'], [], "gold file {gold}: line 2: id 'c9' is not in"),
        (['{"id": "c1", "meetings": 3}'], [], "gold file {gold}: line 1: 'meetings' must be"),
        (['{"id": "c1"}'], ["[1]"], "texts file {corpus}: line 2: not an object with a 'text'"),
    ],
)
def test_a_bad_gold_or_texts_line_is_one_message_and_exit_2(
    tmp_path: Path, gold_lines: list[str], corpus_lines: list[str] | None, problem: str
) -> None:
    gold, corpus = tmp_path / "gold.jsonl", tmp_path / "corpus.jsonl"
    gold.write_text("\n".join(gold_lines) + "\n", encoding="utf-8")
    good = json.dumps({"id": "c1", "text": "Rain fell on Lima."})
    corpus.write_text("\n".join([good, *(corpus_lines or [])]) + "\n", encoding="utf-8")
    out = io.StringIO()
    texts = corpus if corpus_lines is not None else None
    assert run_eval(gold, False, out, annotate=annotate, texts=texts) == 2
    message = out.getvalue()
    assert message.startswith("cannot read " + problem.format(gold=gold, corpus=corpus))
    assert message.count("\n") == 1
