"""Meetings a reader can trust, on invented sentences (real spaCy model): titled names, a body
beside its own head, meetings told twice, and the decoys each rule must not fire on."""

from __future__ import annotations

from nlp_meet_helpers import Analysed, analyse

PUBLISHED = "1987-11-19"


def one(text: str) -> Analysed:
    return analyse(text, published=PUBLISHED)


def names(found: Analysed) -> set[str]:
    return {a.name for a in found.actors.actors}


# --- a style of rank is part of a one-word name ---------------------------------------------------


def test_a_style_of_rank_stays_on_a_one_word_name() -> None:
    found = one(
        "BRUSSELS, Nov 19 - NATO Secretary-General Lord Penhallow received Spanish Defence "
        "Minister Arvid Lunde at the ministry here today.\n\nLunde told reporters after meeting "
        "Penhallow that the talks had gone well."
    )
    assert "Lord Penhallow" in names(found)
    assert found.pairs() == {frozenset({"Lord Penhallow", "Arvid Lunde"})}


def test_a_style_before_a_given_name_is_a_title() -> None:
    found = one("King Faisal Rahman received the envoy Pedro Alvarez in Riyadh on Monday.")
    assert "Faisal Rahman" in names(found)
    assert "King Faisal Rahman" not in names(found)


# --- the dateline is never a party; "met separately with the envoys, A and B" ---------------------


def test_a_dateline_body_is_not_taken_as_a_subject() -> None:
    found = one(
        "UNITED NATIONS, Aug 4 - U.N. Secretary-General Marta Quiroga met separately today with "
        "the Chilean and Peruvian ambassadors to the United Nations, Luis Arrau and Jorge "
        "Salcedo, to discuss the border dispute, a U.N. spokesman said."
    )
    assert found.pairs() == {
        frozenset({"Marta Quiroga", "Luis Arrau"}),
        frozenset({"Marta Quiroga", "Jorge Salcedo"}),
    }


def test_people_set_off_after_an_unnamed_counterpart_are_not_taken_from_another_clause() -> None:
    # decoy: the names after the comma belong to a new clause with its own verb
    found = one(
        "Marta Quiroga met with the ambassadors on Monday, and Luis Arrau and Jorge Salcedo "
        "said later that the dispute was settled."
    )
    assert found.pairs() == set()


# --- "X's meeting with Y agreed that ...": the same encounter told again --------------------------


def test_a_meeting_that_agreed_something_was_held_and_is_told_once() -> None:
    found = one(
        "ROME, Sept 29 - Defence Minister Paolo Benedetti and his Austrian counterpart Karl "
        "Moser met at the Palazzo Baracchini here on Tuesday.\n\nA ministry statement said "
        "Benedetti's meeting with Moser, the second this year, agreed that the joint exercise "
        "would go ahead in May."
    )
    assert found.pairs() == {frozenset({"Paolo Benedetti", "Karl Moser"})}
    assert [m.status for m in found.meetings] == ["happened"]


def test_a_meeting_agreed_on_is_still_planned() -> None:
    # decoy: the meeting is what was agreed, not the one agreeing
    found = one("Paolo Benedetti agreed to a meeting with Anna Lind in Vienna next month.")
    assert [m.status for m in found.meetings] == ["planned"]


# --- "was received by": a passive with its doer named keeps its own subject ----------------------


def test_received_by_a_named_host_with_a_speaker_after_is_shown() -> None:
    found = one(
        "PARIS, Sept 29 - Karl Moser, who arrived in Paris on Monday evening, was also received "
        "by Prime Minister Jean Varenne, the statement said."
    )
    assert found.shown_pairs() == {frozenset({"Karl Moser", "Jean Varenne"})}


def test_a_speaker_is_not_taken_as_a_party_of_a_passive_without_doer() -> None:
    # decoy: "talks were held with X, he said": the speaker's side stays weak (not shown)
    found = one(
        "Talks have been held with Orbis Steel, Paolo Benedetti of Lanza Holdings said on Monday."
    )
    assert found.pairs() == {frozenset({"Paolo Benedetti", "Orbis Steel"})}
    assert found.shown_pairs() == set()


# --- "the two ministers, meeting at ...": the two named together just before ----------------------


THE_TWO = (
    "CANBERRA, Aug 25 - Foreign Minister Ian Corrigan and Malaysian Foreign Minister Rahman "
    "Yusof, who is here on a four-day visit, have agreed to speed up talks on fishing rights, "
    "officials said today.\n\nThe officials said the two ministers, {verb} at Parliament House "
    "on Monday, set up a working group.\n\nYusof also saw Trade Minister Paul Keane."
)


def test_the_two_ministers_meeting_are_the_two_named_before() -> None:
    found = one(THE_TWO.format(verb="meeting"))
    assert frozenset({"Ian Corrigan", "Rahman Yusof"}) in found.shown_pairs()


def test_the_two_ministers_doing_something_else_is_no_meeting() -> None:
    # decoy: "the two ministers, speaking at ..." resolves them but is no meeting predicate
    found = one(THE_TWO.format(verb="speaking"))
    assert frozenset({"Ian Corrigan", "Rahman Yusof"}) not in found.pairs()


def test_the_two_ministers_after_three_named_together_stay_unresolved() -> None:
    # decoy: three ministers named in the sentence before: "the two" could be any two
    found = one(
        "Foreign Minister Ian Corrigan, Trade Minister Paul Keane and Malaysian Foreign Minister "
        "Rahman Yusof attended the opening on Sunday.\n\nThe officials said the two ministers, "
        "meeting at Parliament House on Monday, set up a working group."
    )
    assert found.pairs() == set()


# --- "for a seventh round with X": a round of talks ----------------------------------------------


def test_a_planned_round_with_a_named_counterpart_in_a_story_of_talks() -> None:
    found = one(
        "The talks on the air base broke off last week after a sixth round without agreement."
        "\n\nU.S. negotiator Walter Briggs is to return to Lisbon on December 2 for a seventh "
        "round with Portuguese negotiator Rui Fontes, the ministry said."
    )
    assert found.shown_pairs() == {frozenset({"Walter Briggs", "Rui Fontes"})}
    assert [m.status for m in found.meetings] == ["planned"]
    assert found.meetings[0].country == "Portugal"


def test_a_round_of_talks_is_one_meeting() -> None:
    found = one("Walter Briggs will hold a new round of talks with Rui Fontes in Lisbon on Monday.")
    assert len(found.meetings) == 1
    assert found.pairs() == {frozenset({"Walter Briggs", "Rui Fontes"})}


def test_a_round_in_a_story_without_talks_is_no_meeting() -> None:
    # decoy: a sports round
    found = one(
        "Walter Briggs beat the defending champion in straight sets.\n\nHe plays a third round "
        "with Rui Fontes on Thursday."
    )
    assert found.pairs() == set()


# --- a body's team led by a person; "the team" named before; "the talks, chaired by X" ------------


TEAM = (
    "ACCRA, June 3 - Ghana's Finance Minister Kwesi Mensah held talks in Accra on Tuesday with "
    "a World Bank team led by its vice-president for Africa, Robert Halloran, on a new loan, the "
    "ministry said.\n\nA ministry statement said the talks went well and that the team would "
    "also meet Central Bank Governor Kofi Asante before leaving on Friday."
)


def test_a_body_team_led_by_a_person_is_both_and_the_team_is_named_before() -> None:
    found = one(TEAM)
    assert found.shown_pairs() == {
        frozenset({"Kwesi Mensah", "World Bank", "Robert Halloran"}),
        frozenset({"World Bank", "Kofi Asante"}),
    }


def test_the_team_with_no_named_team_before_is_no_party() -> None:
    # decoy: a team of experts of no named body
    found = one(
        "A team of experts arrived in Accra on Tuesday to study the railway.\n\nThe team would "
        "also meet Central Bank Governor Kofi Asante before leaving on Friday."
    )
    assert found.pairs() == set()


def test_the_talks_chaired_by_a_person_add_the_chair() -> None:
    found = one(
        "PARIS, May 20 - A delegation led by central bank president Pedro Arriaga began talks "
        "here today with the Paris Club on rescheduling debt.\n\nThe official said the talks at "
        "the Finance Ministry, chaired by Treasury director Michel Gautier, were expected to last "
        "two days."
    )
    assert found.shown_pairs() == {frozenset({"Pedro Arriaga", "Paris Club", "Michel Gautier"})}


def test_a_committee_chaired_by_a_person_adds_no_one() -> None:
    # decoy: "chaired by" on a body, not on a meeting noun
    found = one(
        "PARIS, May 20 - A delegation led by central bank president Pedro Arriaga began talks "
        "here today with the Paris Club on rescheduling debt.\n\nThe committee, chaired by "
        "Treasury director Michel Gautier, will report next month."
    )
    assert found.pairs() == {frozenset({"Pedro Arriaga", "Paris Club"})}


# --- where: "arrived here", "also" ties a meeting to the stay before, a conjoined act's place


def test_who_arrived_here_places_a_later_meeting_at_the_dateline() -> None:
    found = one(
        "OSLO, Oct 6 - Foreign Minister Pavel Roudny, who arrived here on Monday for a two-day "
        "visit, held talks with Foreign Minister Arne Lunde, a spokesman said.\n\nRoudny is due "
        "to call on Prime Minister Eva Holm on Tuesday morning before flying on to Stockholm."
    )
    holm = [m for m in found.meetings if "Eva Holm" in m.participants]
    assert [(m.place, m.country, m.status) for m in holm] == [("Oslo", "Norway", "planned")]


def test_said_here_is_no_stay() -> None:
    # decoy: "here" said of a statement, not of a party's stay; Tuesday's meeting has no place
    found = one(
        "OSLO, Oct 6 - Foreign Minister Pavel Roudny said here on Monday that trade was "
        "growing.\n\nRoudny is due to meet Prime Minister Eva Holm on Tuesday, officials said."
    )
    assert [m.place for m in found.meetings] == [None]


def test_also_ties_a_meeting_to_the_place_of_the_one_before() -> None:
    found = one(
        "ACCRA, June 3 - Finance Minister Kwesi Mensah held talks in Kumasi on Tuesday with "
        "World Bank vice-president Robert Halloran.\n\nHalloran would also meet Central Bank "
        "Governor Kofi Asante before leaving on Friday."
    )
    asante = [m for m in found.meetings if "Kofi Asante" in m.participants]
    assert [(m.place, m.country) for m in asante] == [("Kumasi", "Ghana")]


def test_without_also_or_with_a_time_apart_no_place_is_borrowed() -> None:
    # decoys: no "also"; "also ... last year" is another stay
    found = one(
        "ACCRA, June 3 - Finance Minister Kwesi Mensah held talks in Kumasi on Tuesday with "
        "World Bank vice-president Robert Halloran.\n\nHalloran will meet Central Bank "
        "Governor Kofi Asante on Friday.\n\nHalloran also met Trade Minister Ama Owusu last year."
    )
    others = [m for m in found.meetings if "Robert Halloran" in m.participants]
    assert {m.place for m in others if "Kwesi Mensah" not in m.participants} == {None}


def test_a_place_of_a_conjoined_act_does_not_place_the_meeting() -> None:
    found = one(
        "Erich Vogel is due to see President Karl Brandt on Tuesday and will visit his home town "
        "of Selm in the Saarland on Thursday."
    )
    assert [m.place for m in found.meetings] == [None]


# --- a name the model cut inside its particles ----------------------------------------------------


def test_a_name_cut_inside_its_particles_is_made_whole() -> None:
    found = one(
        "THE HAGUE, April 7 - Dutch Foreign Minister Hans van den Broek received a senior "
        "official of the Palestine Liberation Organisation, Farouk Kaddoumi, at his ministry "
        "here on Monday, a ministry spokesman said."
    )
    assert "Hans van den Broek" in names(found)
    assert found.shown_pairs() == {frozenset({"Hans van den Broek", "Farouk Kaddoumi"})}


def test_a_lower_case_word_after_a_particle_is_no_surname() -> None:
    # decoy: "de facto" is no name
    found = one("Prime Minister Carla Mendes de facto controls the party, officials said.")
    assert "Carla Mendes" in names(found)
    assert not any("facto" in n for n in names(found))


# --- negotiators headed by X; banks led by a named bank; "X, who chairs the committee," -----------


BANK_TALKS = (
    "FRANKFURT, Oct 12 - Hungarian negotiators headed by Deputy Finance Minister Laszlo Nagy "
    "opened talks here today with the coordinating committee of Western commercial banks, led "
    "by Nordbank AG, on rescheduling debt, bankers said.\n\n{chair}"
)


def test_negotiators_headed_by_a_person_meet_the_bank_leading_a_committee() -> None:
    found = one(
        BANK_TALKS.format(
            chair="Nordbank board member Ernst Keller, who chairs the committee, declined comment."
        )
    )
    assert found.shown_pairs() == {frozenset({"Laszlo Nagy", "Nordbank AG", "Ernst Keller"})}


def test_a_chair_of_another_body_does_not_join() -> None:
    # decoy: he chairs "the board", which the talks never mentioned
    found = one(
        BANK_TALKS.format(
            chair="Nordbank executive Ernst Keller, who chairs the board, declined comment."
        )
    )
    assert found.shown_pairs() == {frozenset({"Laszlo Nagy", "Nordbank AG"})}


# --- a full name after a title that the model left untagged ---------------------------------------


def test_an_untagged_name_after_a_title_is_a_person() -> None:
    found = one(
        "Poehl will meet Bank of Japan Governor Satoshi Sumita in Basle on Sunday, the sources "
        "added."
    )
    assert "Satoshi Sumita" in names(found)


def test_a_body_after_a_title_is_no_person() -> None:
    # decoy: capitalised words after a title that name a body (checked even where the model
    # tags nothing, by asking the rule alone)
    from nlp_meet_helpers import nlp

    from newsdesk.nlp.entity_names import untagged_titled_names

    doc = nlp()("The letter from Chairman Harbour Street Holdings was read out on Monday.")
    assert untagged_titled_names(doc, []) == []
    doc = nlp()("The letter from Chairman Arvid Lunde was read out on Monday.")
    assert [s.text for s in untagged_titled_names(doc, [])] == ["Arvid Lunde"]


# --- "X, on a week-long visit,": a visit with no goal named is to the dateline city ---------------


def test_on_a_visit_with_no_goal_frames_the_dateline() -> None:
    found = one(
        "DHAKA, Sept 9 - World Bank vice-president Attila Korvath, on a week-long visit, is due "
        "to meet Finance Minister Rahim Uddin on Saturday, a spokesman said."
    )
    assert [(m.place, m.country) for m in found.meetings] == [("Dhaka", "Bangladesh")]


def test_on_a_visit_to_somewhere_else_or_without_a_dateline_is_not_the_dateline() -> None:
    # decoys: the visit names its goal; a story without a dateline
    found = one(
        "DHAKA, Sept 9 - World Bank vice-president Attila Korvath, on a visit to Chittagong, is "
        "due to meet Finance Minister Rahim Uddin on Saturday, a spokesman said."
    )
    assert [m.place for m in found.meetings] == ["Chittagong"]
    found = one(
        "World Bank vice-president Attila Korvath, on a week-long visit, is due to meet Finance "
        "Minister Rahim Uddin on Saturday, a spokesman said."
    )
    assert [m.place for m in found.meetings] == [None]


def test_setting_out_on_a_mission_to_a_city_frames_the_talks_there() -> None:
    found = one(
        "TOKYO, April 27 - Prime Minister Kenji Mori sets out Wednesday on a mission to Ottawa."
        "\n\nTwo rounds of talks between Prime Minister Anne Leclerc and Mori, scheduled for "
        "Thursday and Friday, come after new tariffs."
    )
    assert [(m.place, m.country) for m in found.meetings] == [("Ottawa", "Canada")]


def test_a_mission_of_someone_else_frames_no_one() -> None:
    # decoy: the mission is a third party's; the talks have no place
    found = one(
        "TOKYO, April 27 - A trade delegation sets out Wednesday on a mission to Ottawa.\n\nTalks "
        "between Prime Minister Anne Leclerc and Prime Minister Kenji Mori are scheduled for "
        "Thursday."
    )
    assert [m.place for m in found.meetings] == [None]


# --- bodies alone "in talks" are not placed at the dateline; bodies that "met" are ----------------


def test_companies_in_talks_are_not_placed_where_the_statement_was_filed() -> None:
    found = one(
        "HARTFORD, Conn., April 3 - Acme Insurance Group Inc said it was in talks to acquire "
        "Zenith Mutual Fire Insurance Co, a property insurer."
    )
    assert [(m.place, m.country) for m in found.meetings] == [(None, None)]


def test_officials_of_two_bodies_who_met_are_placed_at_the_dateline() -> None:
    found = one(
        "LONDON, March 30 - Officials of the International Zinc Council met with "
        "representatives of the London Metal Exchange today to discuss outstanding claims, both "
        "sides said."
    )
    assert [(m.place, m.country) for m in found.meetings] == [("London", "United Kingdom")]


# --- a city of a divided state is placed in its own part ------------------------------------------


def test_a_west_german_city_in_a_story_naming_east_germany_more_often() -> None:
    found = one(
        "BONN, Sept 7 - Chancellor Helmut Kohl welcomed East German leader Erich Honecker "
        "outside the Chancellery today.\n\nThe visit, the first to West Germany by an East "
        "German head of state, was postponed twice.\n\nHonecker later flew to Leipzig."
    )
    places = {p.text: p.country for p in found.places.places}
    assert places["BONN"] == "West Germany"
    assert places["Leipzig"] == "East Germany"
    assert [m.country for m in found.meetings] == ["West Germany"]
