"""Tuning set 1: meetings, story countries and actors on invented stories.

These stories were first run as a held-out check, but the rules were then repaired on what they
showed, so they are a *tuning* set now: high figures here say the repairs still hold, not that
results carry over to unseen stories (that is measured on gold nobody tuned on, by the lead).

`tests/data/tuning-invented-1.jsonl` holds short news stories written for this test (present-day
style, several regions), annotated by hand before the system was run on them: in-person meetings in
varied wording, planned ones, phone and video calls, and decoys (reporters, refusals, hopes,
proposals, a cabinet meeting, speeches, letters, interviews). The thresholds are the first honest
run's figures less a margin, so a change that overfits other examples shows here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from nlp_meet_helpers import analyse, eval_table, figure, nlp

GOLD = Path(__file__).resolve().parent / "data" / "tuning-invented-1.jsonl"

# first honest run (stories 01-18): P 0.727, R 0.533, F1 0.615, story-country F1 0.985, actor
# recall 0.983; stories 19-20, written later and first run after the fixes: P 1.000, R 0.667.
# Tuned on since; with the strict scorer: meetings P 1.000, R 1.000; pairs P 1.000, R 1.000. The
# thresholds are those figures less 0.05 (guards for the repairs, not a claim about new text).
MIN_MEETING_PRECISION = 0.95
MIN_MEETING_F1 = 0.95
MIN_PAIR_F1 = 0.95
MIN_PAIR_PRECISION = 0.95
MIN_STORY_COUNTRY_F1 = 0.93
MIN_ACTOR_RECALL = 0.93


@pytest.fixture(scope="module")
def table() -> str:
    return eval_table(GOLD)


def test_gold_file_is_well_formed() -> None:
    lines = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert 15 <= len(lines) <= 20
    modes = set()
    for gold in lines:
        assert 80 <= len(gold["text"].split()) <= 250, gold["id"]
        assert gold["countries"] and gold["actors"]
        for meeting in gold["meetings"]:
            assert meeting["evidence"] in gold["text"], gold["id"]
            assert meeting["status"] in ("happened", "planned")
            modes.add(meeting["mode"])
    assert modes == {"in_person", "remote"}
    assert sum(1 for gold in lines if not gold["meetings"]) >= 3  # stories of decoys only


def test_tuning1_meetings_and_pairs(table: str) -> None:
    assert figure(table, "meeting precision (in-person)") >= MIN_MEETING_PRECISION
    assert figure(table, "meeting F1 (in-person)") >= MIN_MEETING_F1
    assert figure(table, "pair F1 (in-person)") >= MIN_PAIR_F1
    assert figure(table, "pair precision (in-person)") >= MIN_PAIR_PRECISION


def test_tuning1_story_countries_and_actors(table: str) -> None:
    assert figure(table, "story-country F1") >= MIN_STORY_COUNTRY_F1
    assert figure(table, "actor recall (top 8)") >= MIN_ACTOR_RECALL


# --- general patterns the held-out stories showed missing (invented sentences) -----------------


def test_appositive_after_a_role_of_a_body_is_the_party() -> None:
    a = analyse(
        "The head of the United Auto Workers, Daniel Kowalski, sat down with Redline Motors "
        "chief executive Sarah Whitfield in Detroit on Monday."
    )
    assert [set(m.participants) for m in a.meetings] == [{"Daniel Kowalski", "Sarah Whitfield"}]


def test_people_listed_after_plural_roles_are_the_parties() -> None:
    a = analyse(
        "The leaders of Latvia, Estonia and Finland, Janis Ozols, Kadri Tamm and Mikko "
        "Laine, met in Riga on Friday to discuss power links."
    )
    assert [set(m.participants) for m in a.meetings] == [
        {"Janis Ozols", "Kadri Tamm", "Mikko Laine"}
    ]


def test_a_named_bodys_own_meeting_is_not_an_encounter_of_the_subjects() -> None:
    a = analyse(
        "Farm Minister Ruth Adler and Trade Minister Olek Brandt agreed on Monday to settle "
        "their differences before a Grain Council meeting in Oslo."
    )
    assert a.meetings == []


def test_a_call_has_no_venue() -> None:
    a = analyse(
        "Trade Minister Olek Brandt spoke by telephone with his counterpart Ruth Adler on "
        "Monday about grain ships stuck in the Black Sea."
    )
    assert [(m.mode, m.place, m.country) for m in a.meetings] == [("remote", None, None)]


def test_visit_to_a_body_where_its_head_held_talks_is_one_encounter() -> None:
    a = analyse(
        "Farm Minister Ruth Adler visited the Nordic Seed Institute in Uppsala on Tuesday, "
        "where she held talks with its director, Olek Brandt, about drought-resistant barley."
    )
    assert [set(m.participants) for m in a.meetings] == [{"Ruth Adler", "Olek Brandt"}]
    assert a.meetings[0].place == "Uppsala"


def test_a_venue_unknown_to_the_gazetteer_takes_the_country_of_its_city() -> None:
    a = analyse(
        "Prime Minister Anna Berg met President Piet Maas at the Amber Palace in Vilnius on Friday."
    )
    assert [(m.place, m.country) for m in a.meetings] == [("Amber Palace", "Lithuania")]


def test_two_titled_people_joined_by_and_both_meet() -> None:
    a = analyse(
        "Chile's Trade Minister Paula Reyes and Peru's Trade Minister Hugo Salas met in "
        "Santiago on Tuesday to discuss copper tariffs, officials said."
    )
    assert [set(m.participants) for m in a.meetings] == [{"Paula Reyes", "Hugo Salas"}]


def test_a_place_tagged_as_a_date_is_the_venue_not_the_time() -> None:
    from newsdesk.nlp.meetings.where import date_tagged_place

    doc = nlp()("The ministers met in Montevideo on Tuesday.")
    spans = [e for e in doc.ents if e.label_ == "DATE"]
    assert not any(date_tagged_place(e) for e in spans if e.text == "Tuesday")
    montevideo = [e for e in spans if e.text == "Montevideo"]
    assert all(date_tagged_place(e) for e in montevideo)


def test_a_meeting_in_a_where_clause_takes_the_visits_place_and_day() -> None:
    a = analyse(
        "President Lena Moreau visited Rabat on Sunday, where she met Prime Minister Karim "
        "Idrissi to discuss fishing rights."
    )
    assert [(m.place, m.country, m.when) for m in a.meetings] == [("Rabat", "Morocco", "Sunday")]


def test_the_place_of_a_meeting_talked_about_is_not_the_venue() -> None:
    a = analyse(
        "Later on Monday, Foreign Minister Lena Moreau visited the secretariat of the Andean "
        "Council, where she held talks with its secretary-general, Karim Idrissi, about "
        "preparations for next year's leaders' meeting in Quito."
    )
    assert [(m.place, m.country) for m in a.meetings] == [(None, None)]


def test_a_restated_planned_meeting_is_still_one_planned_encounter() -> None:
    a = analyse(
        "Finance Minister Ruth Adler is due to meet Polish Finance Minister Olek Brandt in "
        "Warsaw next week to prepare a summit. The talks, the first full bilateral meeting of "
        "the two ministers since Brandt took office in the spring, are expected to cover bank "
        "rules and energy."
    )
    assert [(set(m.participants), m.status) for m in a.meetings] == [
        ({"Ruth Adler", "Olek Brandt"}, "planned")
    ]


def test_the_leader_of_a_received_delegation_is_the_party() -> None:
    a = analyse(
        "Interior Minister Paula Reyes received a delegation led by Foreign Minister Hugo "
        "Salas in Lima on Friday."
    )
    assert [set(m.participants) for m in a.meetings] == [{"Paula Reyes", "Hugo Salas"}]


def test_an_envoy_for_a_country_named_in_apposition_joins_a_working_lunch() -> None:
    a = analyse(
        "French Foreign Minister Claire Dubois and Italian Foreign Minister Marco Ferri were "
        "joined by the United Nations envoy for Libya, Hanna Lindqvist, at a working lunch in "
        "Rome on Tuesday to discuss a plan for elections."
    )
    assert [set(m.participants) for m in a.meetings] == [
        {"Claire Dubois", "Marco Ferri", "Hanna Lindqvist"}
    ]
    assert a.meetings[0].place == "Rome"
