"""Tuning set 2: invented wire stories in the style of 1980s news agency copy.

First run as a held-out check, then tuned on (see tests/test_nlp_tuning_invented1.py): a tuning
set, whose thresholds guard the repairs, not a measure of unseen stories.

`tests/data/tuning-invented-2.jsonl` holds twelve short stories written for this test (ALL-CAPS
datelines, ministers, central bankers, oil and trade talks), annotated by hand before the system
was run on them: meetings in varied wording ("held talks here with", "after talks with", "who met
... on Monday", "is due to meet", "received", "hosted", "conferred with", "discussions with", "a
meeting between", "in talks here with", "during a meeting with", "visited ... and met") and decoys
(a telephone interview, a letter, a news conference, a body convening, a hoped-for meeting, "may
see"). The thresholds are the figures after the fixes less a margin of 0.05 (higher than the
first honest run less the same margin), so a change that overfits other examples shows here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from nlp_meet_helpers import eval_table, figure

GOLD = Path(__file__).resolve().parent / "data" / "tuning-invented-2.jsonl"

# first honest run: P 0.900, R 0.750, F1 0.818, country accuracy 0.667, story-country F1 0.979,
# actor recall 1.000. After the fixes: P 1.000, R 0.917, F1 0.957, country accuracy 0.909.
# With the strict scorer: meetings P 1.000, R 0.846, F1 0.917; thresholds are less 0.05.
# Now (company talks and delegation heads tuned since): meetings P 1.000, R 0.923, F1 0.960.
MIN_MEETING_PRECISION = 0.95
MIN_MEETING_F1 = 0.86
MIN_PAIR_PRECISION = 0.95
MIN_PAIR_RECALL = 0.86
MIN_PAIR_F1 = 0.90
MIN_COUNTRY_ACCURACY = 0.85
MIN_STORY_COUNTRY_F1 = 0.92
MIN_ACTOR_RECALL = 0.95


@pytest.fixture(scope="module")
def table() -> str:
    return eval_table(GOLD)


def test_gold_file_is_well_formed() -> None:
    lines = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 12
    for gold in lines:
        assert re.match(r"^[A-Z][A-Z .]+, [A-Z][a-z]+ \d+ - ", gold["text"]), gold["id"]
        assert gold["countries"] and gold["actors"]
        for meeting in gold["meetings"]:
            assert meeting["evidence"] in gold["text"], gold["id"]
            assert meeting["status"] in ("happened", "planned")
            assert len(meeting["participants"]) >= 2
    assert sum(1 for gold in lines if not gold["meetings"]) >= 1  # a story of decoys only


def test_tuning2_meetings_and_pairs(table: str) -> None:
    assert figure(table, "meeting precision (in-person)") >= MIN_MEETING_PRECISION
    assert figure(table, "meeting F1 (in-person)") >= MIN_MEETING_F1
    assert figure(table, "pair precision (in-person)") >= MIN_PAIR_PRECISION
    assert figure(table, "pair recall (in-person)") >= MIN_PAIR_RECALL
    assert figure(table, "pair F1 (in-person)") >= MIN_PAIR_F1


def test_tuning2_places_countries_and_actors(table: str) -> None:
    assert figure(table, "country accuracy (matched meetings)") >= MIN_COUNTRY_ACCURACY
    assert figure(table, "story-country F1") >= MIN_STORY_COUNTRY_F1
    assert figure(table, "actor recall (top 8)") >= MIN_ACTOR_RECALL
