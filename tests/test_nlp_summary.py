"""Summary wording, and resolving a meeting's `when` against the story date."""

from __future__ import annotations

import pytest
from nlp_meet_helpers import analyse

from newsdesk.models import Actor, Meeting, Place
from newsdesk.nlp.meetings.when import resolve_date
from newsdesk.nlp.places import PlaceAnalysis
from newsdesk.nlp.summary import meeting_sentence, summarize

NO_PLACES = PlaceAnalysis(places=[], countries=[], regions=[], subregions=[])
ACTORS = [
    Actor("Antonio Guterres", "PERSON"),
    Actor("Khalifa Haftar", "PERSON"),
    Actor("House of Representatives", "ORG"),
]


def test_planned_meeting_is_worded_as_planned() -> None:
    m = Meeting(
        ("Antonio Guterres", "Khalifa Haftar"),
        place="eastern Libya",
        country="Libya",
        when="Friday",
        status="planned",
    )
    assert (
        meeting_sentence(m)
        == "Antonio Guterres is to meet Khalifa Haftar in eastern Libya on Friday."
    )


def test_happened_meeting_names_place_country_time_and_topic() -> None:
    m = Meeting(
        ("Khalifa Haftar", "Fayez al-Sarraj"),
        place="Abu Dhabi",
        country="United Arab Emirates",
        when="last month",
        topic="a power-sharing deal",
    )
    assert meeting_sentence(m) == (
        "Khalifa Haftar met Fayez al-Sarraj in Abu Dhabi, United Arab Emirates last month "
        "to discuss a power-sharing deal."
    )


def test_phone_calls_are_worded_as_calls() -> None:
    done = Meeting(("Carla Mendes", "Jane Holloway"), when="Monday", mode="remote")
    ahead = Meeting(("Carla Mendes", "Jane Holloway"), mode="remote", status="planned")
    assert (
        summarize([done], [], NO_PLACES)
        == "Carla Mendes spoke by phone with Jane Holloway on Monday."
    )
    assert "is to speak by phone with" in summarize([ahead], [], NO_PLACES)


def test_organisations_take_an_article_and_lists_are_joined() -> None:
    m = Meeting(
        ("Antonio Guterres", "House of Representatives", "Khalifa Haftar"),
        place="Tobruk",
        country="Libya",
        status="planned",
    )
    text = summarize([m], ACTORS, NO_PLACES)
    assert text == (
        "Antonio Guterres is to meet the House of Representatives and Khalifa Haftar "
        "in Tobruk, Libya."
    )


def test_at_most_three_sentences() -> None:
    meetings = [Meeting((f"Person {i}", f"Other {i}")) for i in range(5)]
    assert summarize(meetings, [], NO_PLACES).count(".") == 3


def test_without_meetings_the_key_actors_and_places_are_named() -> None:
    places = PlaceAnalysis(
        places=[Place("Tripoli", "Libya", "Africa", "Northern Africa", 0, 7)],
        countries=["Libya", "United Arab Emirates"],
        regions=["Africa", "Asia"],
        subregions=["Northern Africa", "Western Asia"],
    )
    text = summarize([], ACTORS, places)
    assert text == (
        "Key actors: Antonio Guterres, Khalifa Haftar and the House of Representatives; "
        "places: Libya and the United Arab Emirates."
    )
    assert summarize([], [], NO_PLACES) == ""


def test_summary_of_a_story() -> None:
    result = analyse(
        "Prime Minister Jane Holloway met President Tomas Varga in Vienna on Tuesday.",
        published="2019-04-05T12:00:00+00:00",
    )
    assert result.summary == "Jane Holloway met Tomas Varga in Vienna, Austria on Tuesday."


@pytest.mark.parametrize(
    ("when", "planned", "expected"),
    [
        ("Friday", False, "2019-04-05"),  # published on a Friday: that day
        ("Wednesday", False, "2019-04-03"),
        ("Wednesday", True, "2019-04-10"),
        ("last Friday", False, "2019-03-29"),
        ("today", False, "2019-04-05"),
        ("yesterday", False, "2019-04-04"),
        ("tomorrow", True, "2019-04-06"),
        ("last month", False, "2019-03"),
        ("later this month", True, "2019-04"),
        ("next month", True, "2019-05"),
        ("March 20", False, "2019-03-20"),
        ("December 20", False, "2018-12-20"),
        ("20 May 2017", False, "2017-05-20"),
        ("June 2018", False, "2018-06"),
        ("the weekend", False, None),
        (None, False, None),
    ],
)
def test_resolve_date(when: str | None, planned: bool, expected: str | None) -> None:
    assert resolve_date(when, "2019-04-05T10:00:00+00:00", planned) == expected


def test_resolve_date_without_publication_date() -> None:
    assert resolve_date("Friday", None, False) is None
    assert resolve_date("20 May 2017", None, False) == "2017-05-20"


def test_a_pair_of_days_is_kept_whole() -> None:
    result = analyse(
        "Jane Holloway will meet Tomas Varga on Thursday and Friday.",
        published="2019-04-05T12:00:00+00:00",
    )
    (m,) = result.meetings
    assert (m.when, m.date, m.status) == ("Thursday and Friday", "2019-04-11", "planned")
    assert result.summary == "Jane Holloway is to meet Tomas Varga on Thursday and Friday."
