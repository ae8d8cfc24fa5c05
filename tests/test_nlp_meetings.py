"""Meeting extraction on invented sentences (real spaCy model) and on the seed story."""

from __future__ import annotations

from pathlib import Path

import pytest
from nlp_meet_helpers import Analysed, analyse

PUBLISHED = "2019-04-05T12:00:00+00:00"  # a Friday
SEED = Path(__file__).resolve().parent.parent / "seeds" / "libya-guterres-haftar.txt"


def one(text: str) -> Analysed:
    return analyse(text, published=PUBLISHED)


def pair(*names: str) -> frozenset[str]:
    return frozenset(names)


# --- patterns that are meetings --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Prime Minister Jane Holloway met President Tomas Varga in Vienna on Tuesday.",
            ("Jane Holloway", "Tomas Varga"),
        ),
        ("Jane Holloway met with Tomas Varga in Vienna.", ("Jane Holloway", "Tomas Varga")),
        (
            "Foreign Minister Anna Berg held talks with Dutch Foreign Minister Piet Maas in Oslo.",
            ("Anna Berg", "Piet Maas"),
        ),
        (
            "Talks between Ahmed Karimi and Lena Sorensen took place in Geneva.",
            ("Ahmed Karimi", "Lena Sorensen"),
        ),
        (
            "Ahmed Karimi and Lena Sorensen met in Geneva last month.",
            ("Ahmed Karimi", "Lena Sorensen"),
        ),
        (
            "Secretary-General Maria Lopez visited the World Health Organization in Geneva.",
            ("Maria Lopez", "World Health Organization"),
        ),
        (
            "President Joseph Oduya hosted Chancellor Klaus Richter at the State House in Nairobi.",
            ("Joseph Oduya", "Klaus Richter"),
        ),
        (
            "King Faisal Rahman received the American envoy Pedro Alvarez in Riyadh.",
            ("Faisal Rahman", "Pedro Alvarez"),
        ),
        ("Klaus Richter sat down with Joseph Oduya in Nairobi.", ("Klaus Richter", "Joseph Oduya")),
        (
            "Ambassador Helen Marsh paid a courtesy call on President Joseph Oduya.",
            ("Helen Marsh", "Joseph Oduya"),
        ),
        (
            "Jane Holloway and Carla Mendes discussed the budget in Madrid on Thursday.",
            ("Jane Holloway", "Carla Mendes"),
        ),
    ],
)
def test_meeting_patterns(text: str, expected: tuple[str, ...]) -> None:
    result = one(text)
    assert result.pairs() == {frozenset(expected)}
    assert result.meetings[0].mode == "in_person"
    assert result.meetings[0].evidence == text


def test_place_country_and_date_are_resolved() -> None:
    m = one(
        "Prime Minister Jane Holloway met President Tomas Varga in Vienna on Tuesday."
    ).meetings[0]
    assert (m.place, m.country) == ("Vienna", "Austria")
    assert (m.when, m.date, m.status) == ("Tuesday", "2019-04-02", "happened")


def test_last_month_resolves_to_a_month() -> None:
    m = one("Ahmed Karimi and Lena Sorensen met in Geneva last month.").meetings[0]
    assert (m.when, m.date, m.country) == ("last month", "2019-03", "Switzerland")


def test_coordination_gives_a_multi_party_meeting() -> None:
    result = one("Maria Lopez, Li Wei and Omar Haddad met in Jakarta on Monday.")
    assert len(result.meetings) == 1
    assert set(result.meetings[0].participants) == {"Maria Lopez", "Li Wei", "Omar Haddad"}


def test_relative_clause_antecedents_are_participants_and_topic_is_kept() -> None:
    text = (
        "The deal was brokered by Anna Berg and Piet Maas, who met in Rome last month "
        "to discuss a ceasefire."
    )
    m = one(text).meetings[0]
    assert set(m.participants) == {"Anna Berg", "Piet Maas"}
    assert (m.place, m.topic) == ("Rome", "a ceasefire")


def test_officials_of_a_named_body_count_as_the_body() -> None:
    result = one("Carla Mendes met with Acme Corp officials in Chicago.")
    assert result.pairs() == {pair("Carla Mendes", "Acme Corp")}
    result = one("Carla Mendes met lawmakers of the National Assembly in Paris.")
    assert result.pairs() == {pair("Carla Mendes", "National Assembly (France)")}


def test_officials_from_a_named_body_count_as_the_body() -> None:
    result = one("Finance Minister Carla Mendes is due to meet bankers from Acme Bank in Chicago.")
    assert result.pairs() == {pair("Carla Mendes", "Acme Bank")}
    assert result.meetings[0].status == "planned"
    result = one("Carla Mendes held talks with officials from Acme Corp in Paris.")
    assert result.pairs() == {pair("Carla Mendes", "Acme Corp")}
    # decoys: bankers from nowhere named, and a person who comes from a country
    assert one("Carla Mendes met bankers in Chicago on Monday.").meetings == []
    assert one("Carla Mendes met bankers from Brazil in Chicago on Monday.").meetings == []


def test_pronoun_subject_goes_to_the_person_in_focus() -> None:
    text = (
        "Chancellor Klaus Richter arrived in Nairobi on Monday. "
        "He met President Joseph Oduya on Tuesday."
    )
    assert one(text).pairs() == {pair("Klaus Richter", "Joseph Oduya")}


# --- planned ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Minister Carla Mendes will meet Chancellor Klaus Richter in Berlin next week.",
        "Carla Mendes is due to meet Jane Holloway in Berlin.",
        "Carla Mendes is to meet Jane Holloway in Berlin.",
        "Carla Mendes plans to meet Jane Holloway in Berlin.",
    ],
)
def test_future_meetings_are_planned(text: str) -> None:
    result = one(text)
    assert len(result.meetings) == 1
    assert result.meetings[0].status == "planned"
    assert result.meetings[0].place == "Berlin"


def test_flying_somewhere_for_talks_is_planned_with_the_destination_as_place() -> None:
    m = one("Carla Mendes flew to Cairo on Sunday for talks with President Omar Farouk.").meetings[
        0
    ]
    assert set(m.participants) == {"Carla Mendes", "Omar Farouk"}
    assert (m.place, m.country, m.status) == ("Cairo", "Egypt", "planned")
    assert m.date == "2019-04-07"  # the next Sunday, since the talks are ahead


# --- calls --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Carla Mendes spoke by telephone with Klaus Richter on Monday.",
        "Carla Mendes phoned Klaus Richter on Monday.",
        "Carla Mendes held a video call with Jane Holloway on Monday.",
        "Carla Mendes held a virtual meeting with Jane Holloway on Monday.",
    ],
)
def test_calls_are_remote(text: str) -> None:
    result = one(text)
    assert len(result.meetings) == 1
    assert result.meetings[0].mode == "remote"
    assert result.meetings[0].date == "2019-04-01"


# --- decoys -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Carla Mendes met reporters in Paris.",
        "Carla Mendes refused to meet Jane Holloway.",
        "Carla Mendes proposed a meeting with Jane Holloway.",
        "Carla Mendes hopes to meet Jane Holloway soon.",
        "Carla Mendes may meet Jane Holloway in Berlin.",
        "Carla Mendes did not meet Jane Holloway.",
        "The OPEC meeting ended in Vienna on Friday.",
        "Carla Mendes sent a letter to Jane Holloway.",
        "Carla Mendes said in a speech that Jane Holloway was wrong.",
        "Carla Mendes told Jane Holloway in an interview that she was happy.",
        "Carla Mendes met a delegation from the region.",
        "France and Germany held talks in Paris.",
        "Maria Lopez visited Geneva on Sunday.",
        "Carla Mendes met her target of cutting costs.",
        "No talks have been scheduled between Carla Mendes and Jane Holloway.",
        "Tomas Varga's meeting with Jane Holloway was postponed.",
        "Tomas Varga said the meeting with Jane Holloway would not take place.",
        "Tomas Varga and Jane Holloway criticized the plan at separate meetings.",
        "Tomas Varga rejected calls to meet Jane Holloway.",
        "Tomas Varga asked for a meeting with Jane Holloway.",
        "Tomas Varga sought a meeting with Jane Holloway.",
        "Tomas Varga called for talks with Jane Holloway.",
        "Tomas Varga wants to meet Jane Holloway.",
        "Tomas Varga and Jane Holloway have never met.",
        "Tomas Varga met with Jane Holloway's lawyers on Monday.",
    ],
)
def test_not_meetings(text: str) -> None:
    assert one(text).meetings == []


def test_press_beside_a_named_counterpart_is_dropped() -> None:
    result = one("Carla Mendes met Jane Holloway and reporters in Berlin.")
    assert result.pairs() == {pair("Carla Mendes", "Jane Holloway")}


def test_one_entry_per_encounter() -> None:
    text = (
        "Jane Holloway met Tomas Varga in Vienna on Tuesday. "
        "Holloway held talks with Varga in Vienna on Tuesday."
    )
    assert len(one(text).meetings) == 1


# --- the seed story -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> Analysed:
    title = "UN chief Guterres flies to eastern Libya for talks with Haftar"
    return analyse(SEED.read_text(encoding="utf-8"), title=title, published="2019-04-05T10:00:00Z")


def test_seed_meetings(seed: Analysed) -> None:
    by_pair = {frozenset(m.participants): m for m in seed.meetings}
    gh = by_pair[pair("Antonio Guterres", "Khalifa Haftar")]
    assert (gh.place, gh.country, gh.status) == ("eastern Libya", "Libya", "planned")
    assert gh.when == "Friday"
    gr = by_pair[pair("Antonio Guterres", "House of Representatives (Libya)")]
    assert (gr.place, gr.country, gr.status) == ("Tobruk", "Libya", "planned")
    hs = by_pair[pair("Khalifa Haftar", "Fayez al-Sarraj")]
    assert (hs.place, hs.country, hs.status) == ("Abu Dhabi", "United Arab Emirates", "happened")
    assert (hs.when, hs.date, hs.topic) == ("last month", "2019-03", "a power-sharing deal")
    assert len(seed.meetings) == 3
    assert all(m.mode == "in_person" for m in seed.meetings)


def test_a_prepositional_phrase_under_a_request_verb_is_still_a_meeting() -> None:
    result = one("In talks with Jane Holloway yesterday, Tomas Varga asked for more aid.")
    assert result.pairs() == {pair("Tomas Varga", "Jane Holloway")}
    assert result.meetings[0].date == "2019-04-04"


def test_passive_receive_and_raised_subjects() -> None:
    received = one("Tomas Varga was received by Pope Francis at the Vatican on Monday.")
    assert received.pairs() == {pair("Tomas Varga", "Pope Francis")}
    expected = one("Jane Holloway is expected to meet Tomas Varga in Vienna on Monday.")
    assert expected.pairs() == {pair("Jane Holloway", "Tomas Varga")}
    assert expected.meetings[0].status == "planned"
    assert expected.meetings[0].date == "2019-04-08"


def test_time_of_the_journey_dates_the_meeting() -> None:
    m = one(
        "Tomas Varga will travel to Paris next week to meet President Emmanuel Macron."
    ).meetings[0]
    assert (m.place, m.when, m.status) == ("Paris", "next week", "planned")


def test_dateline_places_a_lead_meeting_and_is_not_an_actor() -> None:
    text = (
        "VIENNA, March 3 - Prime Minister Jane Holloway met President Tomas Varga today.\n\n"
        "Holloway later flew home."
    )
    result = analyse(text, title="HOLLOWAY MEETS VARGA", published="2019-03-03T18:00:00Z")
    m = result.meetings[0]
    assert (m.place, m.country, m.when, m.date) == ("Vienna", "Austria", "today", "2019-03-03")
    names = [a.name for a in result.actors.actors]
    assert "VIENNA" not in names and "HOLLOWAY MEETS VARGA" not in names


def test_a_later_sentence_can_say_where_a_meeting_is_held() -> None:
    text = (
        "The offer will be made at a meeting between Jane Holloway and Tomas Varga next week. "
        "Diplomats said the Holloway-Varga meeting will take place in Vienna."
    )
    m = one(text).meetings[0]
    assert (m.place, m.country, m.status) == ("Vienna", "Austria", "planned")


def test_plural_titles_stand_for_the_people_who_hold_them() -> None:
    text = (
        "Sen. John Carver said on Monday he was confident. Sen. Paula Dunmore agreed. "
        "The senators met with Commerce Secretary Malcolm Reid in Washington on Monday."
    )
    (m,) = one(text).meetings
    assert set(m.participants) == {"John Carver", "Paula Dunmore", "Malcolm Reid"}


def test_a_count_that_does_not_fit_the_named_holders_names_nobody() -> None:
    text = (
        "Sen. John Carver said on Monday he was confident. Sen. Paula Dunmore agreed. "
        "Three senators met with Commerce Secretary Malcolm Reid in Washington on Monday."
    )
    assert one(text).meetings == []


def test_remote_patterns() -> None:
    held = one("Jane Holloway and Tomas Varga held a phone call on Friday.")
    assert [m.mode for m in held.meetings] == ["remote"]
    during = one("In a telephone call with Tomas Varga, Jane Holloway said the plan was fair.")
    assert during.pairs() == {pair("Jane Holloway", "Tomas Varga")}
    assert during.meetings[0].mode == "remote"
    assert (
        one("Jane Holloway told Reuters in a telephone interview that Varga was wrong.").meetings
        == []
    )


def test_the_dateline_does_not_date_the_meeting() -> None:
    text = (
        "BRUSSELS, May 4 - Prime Minister Jane Holloway met President Tomas Varga on Tuesday "
        "to discuss steel tariffs."
    )
    (m,) = analyse(text, published="2019-05-04T12:00:00Z").meetings
    assert (m.when, m.date, m.topic) == ("Tuesday", "2019-04-30", "steel tariffs")
    assert (m.place, m.country) == ("Brussels", "Belgium")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "President Tomas Varga welcomed Prime Minister Jane Holloway to Vienna on Monday.",
            ("Tomas Varga", "Jane Holloway"),
        ),
        (
            "A meeting of Jane Holloway and Tomas Varga is planned for May.",
            ("Jane Holloway", "Tomas Varga"),
        ),
        (
            "Jane Holloway's visit to the World Health Organization lasted two hours.",
            ("Jane Holloway", "World Health Organization"),
        ),
        (
            "Jane Holloway called on Tomas Varga at his office on Monday.",
            ("Jane Holloway", "Tomas Varga"),
        ),
    ],
)
def test_more_meeting_patterns(text: str, expected: tuple[str, ...]) -> None:
    result = one(text)
    assert result.pairs() == {frozenset(expected)}
    assert result.meetings[0].mode == "in_person"


@pytest.mark.parametrize(
    "text",
    [
        "Tomas Varga welcomed the decision.",
        "The meeting of OPEC oil ministers ended in Vienna.",
        "During his visit to Washington, Tomas Varga praised the plan.",
        "Jane Holloway called on Tomas Varga to resign.",
    ],
)
def test_more_decoys(text: str) -> None:
    assert one(text).meetings == []


def test_a_named_body_coordinated_with_a_person_is_a_counterpart() -> None:
    result = one("Jane Holloway met with Tomas Varga and World Bank officials in Vienna.")
    (m,) = result.meetings
    assert set(m.participants) == {"Jane Holloway", "Tomas Varga", "World Bank"}


def test_a_countrys_group_and_several_bodies_officials_are_unnamed() -> None:
    assert one("In separate talks with Tomas Varga, the U.S. Group urged action.").meetings == []
    text = (
        "Jane Holloway held talks with the trade ministers of the United States, "
        "the European Union and Canada in Tokyo."
    )
    assert one(text).meetings == []


def test_people_joined_by_a_person_meet_all_together() -> None:
    text = (
        "After the talks, Jane Holloway and Tomas Varga were joined by Karen Lee for the signing."
    )
    (m,) = one(text).meetings
    assert set(m.participants) == {"Jane Holloway", "Tomas Varga", "Karen Lee"}
    assert one("Tomas Varga joined NATO in 1999.").meetings == []


def test_they_in_a_dependent_clause_are_the_people_named_above_it() -> None:
    text = (
        "Jane Holloway said she would raise the matter with President Tomas Varga "
        "when they meet in Vienna next month."
    )
    (m,) = one(text).meetings
    assert set(m.participants) == {"Jane Holloway", "Tomas Varga"}
    assert (m.place, m.status, m.date) == ("Vienna", "planned", "2019-05")


def test_a_meal_together_is_a_meeting_but_a_dinner_alone_is_not() -> None:
    lunch = one("Jane Holloway had lunch with President Tomas Varga in Vienna on Monday.")
    assert lunch.pairs() == {pair("Jane Holloway", "Tomas Varga")}
    assert one("Jane Holloway and Tomas Varga spoke at a dinner in Vienna.").meetings == []


CORPORATE = (
    "NEW YORK, June 3 - Acme Holdings Inc said its board met on Tuesday and approved a plan to "
    "sell its chemicals unit to Borden Chemical Corp.\n\n"
    "The company said first-quarter results met analysts' expectations. Chairman Robert Hale "
    "told shareholders at the annual meeting in Chicago that talks with potential buyers were "
    "continuing.\n\n"
    "Hale said he had met with Borden chief executive Anne Marsh twice in May to discuss the "
    "sale.\n\n"
    "Acme will hold a special shareholders meeting in August to vote on the deal. Hale also said "
    "he would meet union leaders next week, and that he hoped to meet Labor Secretary Tom Reyes "
    "before the vote."
)


def test_corporate_story_keeps_only_the_named_encounter() -> None:
    result = analyse(
        CORPORATE, title="Acme to sell chemicals unit", published="2019-06-03T12:00:00Z"
    )
    (m,) = result.meetings
    assert set(m.participants) == {"Robert Hale", "Anne Marsh"}
    assert (m.place, m.when, m.date, m.topic) == (None, "May", "2019-05", "the sale")
    assert result.summary == "Robert Hale met Anne Marsh in May to discuss the sale."
    borden = {a.name: a for a in result.actors.actors}["Borden Chemical Corp."]
    assert "Borden" in borden.aliases


def test_phone_call_counterpart_under_the_medium_and_spoke_to() -> None:
    by_phone = one("Last month, Jane Holloway spoke by telephone with President Tomas Varga.")
    (m,) = by_phone.meetings
    assert (m.mode, m.date) == ("remote", "2019-03")
    assert set(m.participants) == {"Jane Holloway", "Tomas Varga"}
    assert (
        one("Jane Holloway spoke to Tomas Varga by phone on Monday.").meetings[0].mode == "remote"
    )
    assert one("Jane Holloway spoke to reporters in Vienna.").meetings == []


def test_including_names_members_of_an_unnamed_group() -> None:
    text = (
        "On Sunday, Jane Holloway is due to meet business leaders, including Acme chairman "
        "Tomas Varga, in Vienna."
    )
    (m,) = one(text).meetings
    assert set(m.participants) == {"Jane Holloway", "Tomas Varga"}
    assert (m.status, m.when, m.date) == ("planned", "Sunday", "2019-04-07")


def test_separately_gives_one_encounter_per_counterpart() -> None:
    result = one("Jane Holloway met separately with Tomas Varga and Karen Lee in Vienna.")
    assert result.pairs() == {
        pair("Jane Holloway", "Tomas Varga"),
        pair("Jane Holloway", "Karen Lee"),
    }
    assert all(m.place == "Vienna" for m in result.meetings)


def test_set_to_meet_is_planned() -> None:
    (m,) = one("Jane Holloway and Tomas Varga are set to meet in Vienna on Friday.").meetings
    assert (m.status, m.date) == ("planned", "2019-04-05")


def test_agreeing_on_something_during_talks_is_not_a_plan_to_meet() -> None:
    m = one("Carla Mendes said she and Jane Holloway had agreed on tariffs during talks today.")
    assert m.pairs() == {pair("Carla Mendes", "Jane Holloway")}
    assert m.meetings[0].status == "happened"
    # decoy for the status: agreeing to hold talks is still a plan
    m = one("Carla Mendes and Jane Holloway agreed to hold talks in Berlin next week.")
    assert [x.status for x in m.meetings] == ["planned"]


@pytest.mark.parametrize(
    "text",
    [
        "Carla Mendes saw Jane Holloway in Berlin on Monday.",
        "Carla Mendes negotiated with Jane Holloway in Berlin on Monday.",
        "Carla Mendes lunched with Jane Holloway in Berlin.",
        "Carla Mendes discussed tariffs with Jane Holloway in Berlin on Monday.",
    ],
)
def test_seeing_negotiating_lunching_and_discussing_with_a_named_party(text: str) -> None:
    assert one(text).pairs() == {pair("Carla Mendes", "Jane Holloway")}


@pytest.mark.parametrize(
    "text",
    [
        "Carla Mendes saw Acme Corp shares fall on Monday.",
        "Carla Mendes has seen Jane Holloway's proposal.",
        "Carla Mendes may see Jane Holloway in Berlin.",
        "Carla Mendes negotiated a deal for Acme Corp.",
        "Carla Mendes discussed the Acme Corp offer with reporters.",
    ],
)
def test_seeing_a_thing_or_negotiating_for_a_body_is_not_a_meeting(text: str) -> None:
    assert one(text).meetings == []


def test_the_goal_of_the_journey_during_which_they_met_places_the_meeting() -> None:
    m = one("Carla Mendes said she had talks with Jane Holloway during her visit to Cairo.")
    assert [(x.place, x.country) for x in m.meetings] == [("Cairo", "Egypt")]
    # decoy: a journey before or after the meeting does not place it
    m = one("Carla Mendes met Jane Holloway on Monday before her visit to Cairo.")
    assert [x.place for x in m.meetings] == [None]


def test_it_in_a_named_bodys_report_is_the_body() -> None:
    result = one("Acme Corp said on Monday that it had held talks with Zenith Bank.")
    assert result.pairs() == {pair("Acme Corp", "Zenith Bank")}
    result = one("Acme Corp said it was in talks with Zenith Bank about a merger.")
    assert result.pairs() == {pair("Acme Corp", "Zenith Bank")}
    # decoys: "it" said by a person, an empty "it", a refusal
    assert one("Carla Mendes said it held talks with Zenith Bank.").meetings == []
    assert one("Carla Mendes said it was time for talks with Zenith Bank.").meetings == []
    assert one("Acme Corp said it would not hold talks with Zenith Bank.").meetings == []


def test_a_named_member_of_a_countrys_officials_is_a_counterpart() -> None:
    result = one(
        "Carla Mendes is in Tokyo for talks with Japanese officials, including Farm Minister "
        "Kenji Mori."
    )
    assert result.pairs() == {pair("Carla Mendes", "Kenji Mori")}
    # decoy: a country's officials with nobody named
    assert one("Carla Mendes met Japanese officials in Tokyo on Monday.").meetings == []


def test_host_to_a_named_guest_is_a_meeting() -> None:
    result = one("Jane Holloway was host to Carla Mendes at a dinner in Berlin.")
    assert result.pairs() == {pair("Jane Holloway", "Carla Mendes")}
    # decoys: a town hosting a conference, the host of a conference
    assert one("Berlin will be host to the Acme Corp meeting in June.").meetings == []
    assert one("Jane Holloway was host of the conference.").meetings == []


def test_those_who_attended_a_meeting_met() -> None:
    result = one("The meeting, attended by Carla Mendes and Jane Holloway, ended on Monday.")
    assert result.pairs() == {pair("Carla Mendes", "Jane Holloway")}
    # decoy: one outsider attending a body's own meeting
    assert one("A meeting of OPEC ministers, attended by Carla Mendes, opened.").meetings == []


def test_the_title_stands_for_the_one_person_named_earlier_with_it() -> None:
    text = (
        "Japanese Prime Minister Kenji Mori said on Monday that tariffs would fall. "
        "Carla Mendes met the prime minister in Tokyo on Tuesday."
    )
    assert one(text).pairs() == {pair("Carla Mendes", "Kenji Mori")}
    # decoys: two people hold the title, or the holder is named only later
    text = (
        "Oil Minister Kenji Mori and Oil Minister Ali Hamad arrived on Sunday. "
        "Carla Mendes met the minister on Monday."
    )
    assert one(text).meetings == []
    text = "Carla Mendes met the prime minister on Tuesday. Prime Minister Kenji Mori said no."
    assert one(text).meetings == []


def test_a_named_companion_is_at_the_meeting_too() -> None:
    result = one("Carla Mendes, accompanied by Kenji Mori, met Jane Holloway in Berlin.")
    assert result.pairs() == {pair("Carla Mendes", "Kenji Mori", "Jane Holloway")}
    # decoy: an unnamed companion adds nobody
    result = one("Carla Mendes, accompanied by her husband, met Jane Holloway in Berlin.")
    assert result.pairs() == {pair("Carla Mendes", "Jane Holloway")}


def test_telling_a_named_person_face_to_face_is_a_meeting() -> None:
    result = one('"We want open markets," Carla Mendes told Prime Minister Kenji Mori.')
    assert result.pairs() == {pair("Carla Mendes", "Kenji Mori")}
    assert result.meetings[0].mode == "in_person"
    result = one("Carla Mendes told Kenji Mori by telephone that tariffs must fall.")
    assert [m.mode for m in result.meetings] == ["remote"]


@pytest.mark.parametrize(
    "text",
    [
        "Carla Mendes told Kenji Mori in a letter that tariffs must fall.",
        "Carla Mendes told reporters that tariffs must fall.",
        "Carla Mendes told Acme Corp shareholders that profits would rise.",
    ],
)
def test_telling_by_letter_the_press_or_a_crowd_is_not_a_meeting(text: str) -> None:
    assert one(text).meetings == []


def test_a_meeting_told_in_the_paragraph_after_the_lead_is_at_the_dateline() -> None:
    lead = "OSLO, March 3 - Trade ministers called for lower tariffs, officials said.\n\n"
    result = one(lead + "Before the session, Carla Mendes conferred with Kenji Mori for an hour.")
    assert [(m.place, m.country, m.when) for m in result.meetings] == [("Oslo", "Norway", None)]
    # decoy: dated apart from the lead, it may have been anywhere
    result = one(lead + "Officials said Carla Mendes met Kenji Mori last week.")
    assert [(m.place, m.when) for m in result.meetings] == [(None, "last week")]


def test_a_visit_begun_for_talks_places_them() -> None:
    result = one("Carla Mendes began a visit to Cairo on Monday for talks with Kenji Mori.")
    assert [(m.place, m.country) for m in result.meetings] == [("Cairo", "Egypt")]
    # decoy: a visit begun after the meeting elsewhere
    result = one("Carla Mendes met Kenji Mori in Bonn and then began a visit to Cairo.")
    assert [m.place for m in result.meetings] == ["Bonn"]


def test_a_dinner_in_a_named_guests_honour_and_briefing_a_named_person() -> None:
    result = one("Carla Mendes gave a dinner for Kenji Mori in Berlin.")
    assert result.pairs() == {pair("Carla Mendes", "Kenji Mori")}
    result = one("Carla Mendes briefed Kenji Mori on the talks on Monday.")
    assert result.pairs() == {pair("Carla Mendes", "Kenji Mori")}
    # decoys: a dinner for unnamed guests, briefing the press
    assert one("Carla Mendes gave a dinner for 200 guests in Berlin.").meetings == []
    assert one("Carla Mendes briefed reporters on the talks.").meetings == []


def test_representatives_of_two_named_bodies_and_they_who_say_so() -> None:
    result = one("Representatives of Acme Corp and Zenith Bank met on Monday to discuss a merger.")
    assert result.pairs() == {pair("Acme Corp", "Zenith Bank")}
    assert "Representatives of Acme Corp" not in [a.name for a in result.actors.actors]
    result = one("Acme Corp and Zenith Bank said they were in talks about a merger.")
    assert result.pairs() == {pair("Acme Corp", "Zenith Bank")}
    # decoys: countries' ministers are unnamed; a refusal
    assert one("Ministers of Japan and Canada met on Monday.").meetings == []
    assert one("Acme Corp and Zenith Bank said they would not hold talks.").meetings == []


def test_the_named_reporter_of_talks_is_a_party_to_them() -> None:
    result = one("Acme Corp said talks with Zenith Bank had ended without agreement.")
    assert result.pairs() == {pair("Acme Corp", "Zenith Bank")}
    # decoys: an unnamed spokesman, talks that are only called unlikely or necessary
    assert one("A spokesman said talks with Zenith Bank had ended.").meetings == []
    assert one("Carla Mendes said talks with Zenith Bank were unlikely.").meetings == []
    assert one("Carla Mendes said talks with Zenith Bank were necessary.").meetings == []


def test_a_party_who_arrived_here_met_at_the_dateline() -> None:
    lead = "BONN, March 3 - Officials said trade would rise.\n\nThey gave no figures.\n\n"
    text = lead + "Kenji Mori, who arrived here on Sunday, met Carla Mendes on Monday."
    assert [m.place for m in one(text).meetings] == ["Bonn"]
    # decoy: one who left here met somewhere else
    text = lead + "Kenji Mori, who left here on Sunday, met Carla Mendes on Monday."
    assert [m.place for m in one(text).meetings] == [None]


def test_talks_set_for_a_day_are_planned() -> None:
    result = one("Carla Mendes's talks with Kenji Mori are set for Friday.")
    assert [(m.status, m.when) for m in result.meetings] == [("planned", "Friday")]


# --- lists, heads of delegations, one encounter told twice -------------------------------------


def test_a_company_form_ending_one_body_is_not_the_start_of_the_next() -> None:
    a = one(
        "Ann Smith met again on Monday with representatives from committee members "
        "Acme Trust Co and Zenith Bank Plc."
    )
    assert a.pairs() == {pair("Ann Smith", "Acme Trust Co", "Zenith Bank Plc")}
    assert "Co and Zenith Bank Plc" not in {x.name for x in a.actors.actors}


def test_names_listed_after_a_stock_ticker_are_all_counterparts() -> None:
    a = one("Acme Corp said it has held talks with Zenith Inc <ZEN> and Apex Ltd <APX> on a plan.")
    assert a.pairs() == {pair("Acme Corp", "Zenith Inc", "Apex Ltd")}


def test_heads_of_delegations_to_a_conference_or_after_talks_meet() -> None:
    a = one(
        "The delegations to the conference are headed by Trade Minister Ann Smith and "
        "Trade Minister Tom Jones."
    )
    assert a.pairs() == {pair("Ann Smith", "Tom Jones")}
    b = one(
        "OSLO, April 2 - Trade Minister Ann Smith begins two days of talks in Oslo.\n\n"
        "Smith and Economics Minister Tom Jones are heading their respective delegations to "
        "the joint commission on trade."
    )
    assert [(m.participants, m.place, m.rules[0]) for m in b.meetings] == [
        (("Ann Smith", "Tom Jones"), "Oslo", "verb.lead-sides")
    ]


def test_an_encounter_told_again_with_more_parties_is_one_meeting() -> None:
    a = one(
        "WASHINGTON, March 20 - Sanctions are likely, senators said today after a private "
        'meeting with Commerce Secretary Tom Jones.\n\n"I am sure," Sen. Ann Smith said. '
        '"We will act," Sen. Bo Brown said.\n\nThe senators and Acme Institute officials met '
        "with Jones to discuss the dispute."
    )
    assert a.pairs() == {pair("Ann Smith", "Bo Brown", "Acme Institute", "Tom Jones")}
    assert "noun.talks" in a.meetings[0].rules  # the first telling joined the fuller one


def test_a_surname_before_a_second_surname_is_the_person() -> None:
    from newsdesk.nlp.meetings.names import canonical_participants

    people = ["Arturo Hernandez Grisanti", "Tom Jones"]
    assert canonical_participants(["Hernandez", "Hernandez of Venezuela"], people) == [
        "Arturo Hernandez Grisanti"
    ]
    assert canonical_participants(["Bank of England"], people) == ["Bank of England"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Apex Corp said it was in talks to acquire Zenith Insurance Co, a property insurer.",
            ("Apex Corp", "Zenith Insurance Co"),
        ),
        (
            "Apex Corp held negotiations with the Allied Pilots Association on Monday.",
            ("Apex Corp", "Allied Pilots Association"),
        ),
    ],
)
def test_company_talks_and_the_body_a_purchase_is_negotiated_with(
    text: str, expected: tuple[str, ...]
) -> None:
    assert one(text).shown_pairs() == {pair(*expected)}


def test_negotiating_to_buy_a_bodys_assets_is_kept_with_that_body_below_the_card() -> None:
    a = one("Acme Holdings Inc is negotiating to buy the property assets of Zenith Group Inc.")
    assert a.pairs() == {pair("Acme Holdings Inc", "Zenith Group Inc")}
    assert a.shown_pairs() == set()


def test_the_government_or_the_company_in_a_speakers_words_is_the_speakers() -> None:
    a = one(
        "MEXICO CITY, June 4 - Mexican Finance Minister Ana Ortiz said on Thursday that the "
        "government was in talks here with Bank of America on new loans."
    )
    assert [(m.participants, m.place) for m in a.shown()] == [
        (("Ana Ortiz", "Bank of America"), "Mexico City")
    ]
    b = one("Acme Corp said the company has held talks with Zenith Inc on a merger.")
    assert b.shown_pairs() == {pair("Acme Corp", "Zenith Inc")}


def test_a_body_the_tagger_missed_in_one_mention_is_found_by_its_name() -> None:
    a = one(
        "Shares of Dome Petroleum Ltd rose sharply. Dome said it was still talking to buyers. "
        "An analyst said Amoco Corp has also been in talks with Dome."
    )
    assert a.shown_pairs() == {pair("Amoco Corp", "Dome Petroleum Ltd")}


def test_the_group_or_the_company_is_the_body_the_sentence_before_is_about() -> None:
    a = one(
        "The group, led by Acme Shares Corp, said it bought the stock for investment. "
        "The group said it has held talks with Zenith Holdings Inc before."
    )
    assert a.shown_pairs() == {pair("Acme Shares Corp", "Zenith Holdings Inc")}
    b = one(
        "Acme Corp, which bought Zenith Inc last year, reported a loss. "
        "The company said it held talks with Apex Ltd on a merger."
    )
    assert b.shown_pairs() == {pair("Acme Corp", "Apex Ltd")}


def test_unions_and_employers_in_talks_and_two_parties_written_as_one() -> None:
    a = one("The United Auto Workers union and General Motors Corp resumed contract talks.")
    assert a.shown_pairs() == {pair("United Auto Workers", "General Motors Corp")}
    b = one("The Allied Pilots Association and Apex Airlines Inc broke off negotiations on Friday.")
    assert b.shown_pairs() == {pair("Allied Pilots Association", "Apex Airlines Inc")}
    from newsdesk.nlp.meetings.names import canonical_participants

    bodies = ["Edelman/Dominion", "Dominion Textile Inc", "Morgan Stanley"]
    assert canonical_participants(
        ["Edelman/Dominion", "Morgan Stanley"], ["Asher Edelman"], bodies
    ) == [
        "Asher Edelman",
        "Dominion Textile Inc",
        "Morgan Stanley",
    ]
    assert canonical_participants(["US/Japan"], [], bodies) == ["US/Japan"]


def test_it_is_the_body_the_sentence_before_is_about() -> None:
    a = one("Acme Corp reported a loss for 1986. It is in talks with Zenith Inc on a merger.")
    assert a.shown_pairs() == {pair("Acme Corp", "Zenith Inc")}
