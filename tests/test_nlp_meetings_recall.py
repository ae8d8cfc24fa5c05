"""Meeting constructions common on wire news that the first rules missed, each with the decoys
it must not fire on (invented sentences, real spaCy model)."""

from __future__ import annotations

from nlp_meet_helpers import Analysed, analyse, nlp
from spacy.tokens import Doc, Span

from newsdesk.nlp.meetings.refs import untagged_name

PUBLISHED = "2019-04-05T12:00:00+00:00"


def one(text: str) -> Analysed:
    return analyse(text, published=PUBLISHED)


# --- "the group" / "it": a chain of such subjects leads back to the named body ---------------


def test_the_group_follows_a_chain_of_it_subjects_back_to_its_named_body() -> None:
    text = (
        "NEW YORK, May 4 - A group of investment firms told regulators it had bought 6 pct of "
        "Brightline Freight Inc.\n\n"
        "The group, led by Halvorsen Capital Corp, said it bought the stock for investment.\n\n"
        "It also said it is studying an offer made by Corwin Partners Inc. The group said it has "
        "held talks with Corwin Partners Inc before."
    )
    result = one(text)
    assert result.shown_pairs() == {frozenset({"Halvorsen Capital Corp", "Corwin Partners Inc"})}


def test_the_chain_stops_at_a_person_subject() -> None:
    text = (
        "NEW YORK, May 4 - Halvorsen Capital Corp bought 6 pct of Brightline Freight Inc.\n\n"
        "Chairman John Reed said the outlook was good.\n\n"
        "The group said it has held talks with Corwin Partners Inc."
    )
    assert one(text).meetings == []


# --- a one-word mention tagged as a place, the same word tagged as a body elsewhere ----------


class _Actors:
    """The story's actors as the meeting rules see them: token index -> canonical name."""

    def __init__(
        self, spans: dict[int, str], kinds: dict[str, str], aliases: dict[str, str] | None = None
    ) -> None:
        self.spans, self.kinds, self.aliases = spans, kinds, aliases or {}

    def at(self, token_index: int) -> str | None:
        return self.spans.get(token_index)

    def kind(self, name: str) -> str | None:
        return self.kinds.get(name)

    def canonical(self, text: str) -> str | None:
        return self.aliases.get(text)

    def holders(self, title: str) -> list[str]:
        return []


def _tagged(text: str, labels: list[tuple[str, str]]) -> Doc:
    """The parsed text with these (word, label) entities, in order of the words."""
    doc = nlp()(text)
    ents, start = [], 0
    for word, label in labels:
        i = next(t.i for t in doc if t.text == word and t.i >= start)
        ents.append(Span(doc, i, i + 1, label=label))
        start = i + 1
    doc.ents = ents
    return doc


def test_a_word_tagged_as_a_place_is_the_body_the_story_tags_by_that_word() -> None:
    text = "Brackley had been in talks with Purdy Read, a Brackley spokesman said."
    doc = _tagged(text, [("Brackley", "GPE"), ("Brackley", "ORG")])
    second = [t.i for t in doc if t.text == "Brackley"][1]
    kinds = {"Brackley Holdings Inc": "ORG"}
    aliases = {"Brackley": "Brackley Holdings Inc"}
    actors = _Actors({second: "Brackley Holdings Inc"}, kinds, aliases)
    assert untagged_name(actors, doc[0]) == "Brackley Holdings Inc"
    # a word no actor goes by stays unread
    assert untagged_name(_Actors({second: "Brackley Holdings Inc"}, kinds), doc[0]) is None


def test_a_place_word_never_tagged_as_a_body_stays_a_place() -> None:
    text = "Brackley had been in talks with Purdy Read, a Brackley spokesman said."
    doc = _tagged(text, [("Brackley", "GPE"), ("Brackley", "GPE")])
    actors = _Actors({}, {})
    assert untagged_name(actors, doc[0]) is None


# --- lists the parser breaks: "talks between A, B and C", "a meeting of A, B and Minister C" --


def test_talks_between_three_listed_bodies_are_one_meeting_of_all_three() -> None:
    text = (
        "The price was agreed after three months of talks between <Halvorsen Mining Corp>, "
        "<Corwin Coal Ltd> and <Brightline Resources Inc>."
    )
    (m,) = one(text).meetings
    assert set(m.participants) == {
        "Halvorsen Mining Corp",
        "Corwin Coal Ltd",
        "Brightline Resources Inc",
    }


def test_a_meeting_of_a_union_an_association_and_a_minister_has_all_three() -> None:
    text = (
        "NICOSIA, June 2 - The Cyprus Bank Workers Union called off a strike after a meeting of "
        "the union's executive committee, the Shipowners Association and Labour Minister "
        "Petros Kallis."
    )
    (m,) = one(text).meetings
    assert set(m.participants) == {
        "Cyprus Bank Workers Union",
        "Shipowners Association",
        "Petros Kallis",
    }


def test_a_name_after_a_comma_without_an_and_is_no_further_party() -> None:
    text = (
        "NICOSIA, June 2 - The Cyprus Bank Workers Union called off a strike after a meeting of "
        "the union's executive committee, Shipowners Association chairman Petros Kallis said."
    )
    assert one(text).meetings == []


def test_the_union_names_no_one_when_the_story_has_two_unions() -> None:
    text = (
        "NICOSIA, June 2 - The Cyprus Bank Workers Union and the Hotel Workers Union called off "
        "a strike after a meeting of the union's executive committee and Labour Minister "
        "Petros Kallis."
    )
    assert one(text).meetings == []


# --- "talks have been held with X, he said": the speaker's body holds them -------------------


def test_passive_talks_reported_by_a_bodys_chairman_are_the_bodys_talks() -> None:
    text = (
        "TAIPEI, March 5 - Halvorsen Shipbuilding Corp plans to expand into ship repair, "
        "chairman Daniel Wu said.\n\n"
        "Talks on similar projects have been held with other firms, including Corwin Heavy "
        "Industries Ltd and Brightline Marine Ltd, he said."
    )
    (m,) = one(text).shown()
    assert set(m.participants) == {
        "Halvorsen Shipbuilding Corp",
        "Corwin Heavy Industries Ltd",
        "Brightline Marine Ltd",
    }
    assert "speakers-body" in m.rules
    assert m.place is None  # bodies' talks are not placed at the dateline


def test_passive_talks_reported_by_an_analyst_are_not_shown() -> None:
    text = (
        "TAIPEI, March 5 - Halvorsen Shipbuilding Corp plans to expand into ship repair, "
        "analyst Daniel Wu of Corwin Securities said.\n\n"
        "Talks on similar projects have been held with Brightline Marine Ltd, he said."
    )
    result = one(text)
    assert result.shown() == []
    assert all("Halvorsen Shipbuilding Corp" not in m.participants for m in result.meetings)


# --- the dateline places a lead meeting of people, not one of bodies -------------------------


def test_the_dateline_does_not_place_talks_between_bodies() -> None:
    bodies = one(
        "MOLINE, March 27 - Acme Tractor Co held talks with Zenith Motors Corp on Tuesday on a "
        "joint venture."
    )
    (m,) = bodies.meetings
    assert set(m.participants) == {"Acme Tractor Co", "Zenith Motors Corp"}
    assert (m.place, m.country) == (None, None)
    people = one(
        "MOLINE, March 27 - Acme Tractor Co chairman Robert Hale held talks with Zenith Motors "
        "Corp president Anne Marsh on Tuesday on a joint venture."
    )
    (m,) = people.meetings
    assert (m.place, m.country) == ("Moline", "United States")


def test_here_places_a_meeting_of_bodies_at_the_dateline() -> None:
    text = (
        "LONDON, March 30 - Officials of the Acme Metals Council met with representatives of the "
        "Zenith Commodity Exchange here today to discuss claims, both sides said."
    )
    (m,) = one(text).meetings
    assert set(m.participants) == {"Acme Metals Council", "Zenith Commodity Exchange"}
    assert (m.place, m.country) == ("London", "United Kingdom")


# --- company and labour negotiations ---------------------------------------------------------


def test_sides_that_remain_far_apart_in_talks_are_in_the_talks_together() -> None:
    text = (
        "TORONTO, Oct 20 - Acme Motors of Canada Ltd and the Canadian Steel Workers union remain "
        "far apart in contract talks, a union spokesman said."
    )
    (m,) = one(text).shown()
    assert set(m.participants) == {"Acme Motors of Canada Ltd", "Canadian Steel Workers"}
    assert m.status == "happened"


def test_remaining_interested_in_talks_is_no_meeting() -> None:
    assert one("Acme Motors Corp and Zenith Steel Corp remain interested in talks.").meetings == []


def test_negotiations_to_sell_a_unit_to_a_named_buyer_are_with_the_buyer() -> None:
    text = (
        "BIRMINGHAM, June 19 - Halvorsen Health Plans Inc said it ended negotiations to sell its "
        "Alabama unit to Corwin Health Inc."
    )
    (m,) = one(text).shown()
    assert set(m.participants) == {"Halvorsen Health Plans Inc", "Corwin Health Inc"}
    assert m.status == "happened"


def test_a_unit_sold_to_no_named_buyer_makes_no_meeting() -> None:
    text = (
        "BIRMINGHAM, June 19 - Halvorsen Health Plans Inc said it ended negotiations to sell its "
        "Alabama unit to a group of doctors."
    )
    assert one(text).meetings == []


def test_agreeing_with_a_body_to_discontinue_negotiations_says_they_were_held() -> None:
    text = (
        "MOLINE, March 27 - Acme Tractor Co said it agreed with Zenith Motors Corp to discontinue "
        "negotiations on a joint venture."
    )
    (m,) = one(text).shown()
    assert set(m.participants) == {"Acme Tractor Co", "Zenith Motors Corp"}
    assert m.status == "happened"
    planned = one(
        "Acme Tractor Co said it agreed with Zenith Motors Corp to hold talks on a joint venture "
        "next week."
    )
    (m,) = planned.shown()
    assert m.status == "planned"


def test_agreeing_with_unnamed_lenders_to_end_talks_is_no_meeting() -> None:
    text = "Acme Tractor Co said it agreed with its lenders to discontinue negotiations."
    assert one(text).meetings == []


# --- a call whose medium the parser takes for the agent; a stated place beats the dateline ---


def test_conferring_by_telephone_is_a_call_even_when_the_medium_is_parsed_as_agent() -> None:
    text = (
        "FRANKFURT, Jan 23 - Bundesbank President Karl Otto Brandt conferred by telephone with "
        "Federal Reserve Board Chairman Paul Vance today about the dollar's slide, Bundesbank "
        "sources said."
    )
    (m,) = one(text).meetings
    assert set(m.participants) == {"Karl Otto Brandt", "Paul Vance"}
    assert m.mode == "remote"


def test_conferring_by_telephone_with_unnamed_bankers_is_no_call() -> None:
    text = (
        "FRANKFURT, Jan 23 - Bundesbank President Karl Otto Brandt conferred by telephone with "
        "bankers today about the dollar's slide, Bundesbank sources said."
    )
    assert one(text).meetings == []


def test_a_place_the_text_states_wins_over_the_dateline_for_one_encounter() -> None:
    text = (
        "TOKYO, April 14 - Japanese Finance Minister Taro Ishida said after talks with U.S. "
        "Treasury Secretary Robert Hale that the two countries would cooperate.\n\n"
        "Ishida, who met Hale in Washington on Monday, told reporters on his return that no "
        "targets had been set."
    )
    (m,) = one(text).meetings
    assert (m.place, m.country) == ("Washington", "United States")
    assert "place.dateline" not in m.rules


# --- "called in the president of X": a summons, with "in" parsed as a preposition -----------


def test_calling_in_a_bodys_president_is_a_meeting_with_the_body() -> None:
    result = one("The Zenith Trade Agency called in the president of Acme Corp last week.")
    (m,) = result.shown()
    assert set(m.participants) == {"Zenith Trade Agency", "Acme Corp"}
    assert m.rules[0] == "verb.call-in"


def test_the_body_named_after_a_comma_is_the_one_whose_president_was_called_in() -> None:
    text = (
        "The Zenith Trade Agency called in the president of the country's largest chip maker, "
        "Acme Corp, last week."
    )
    (m,) = one(text).shown()
    assert set(m.participants) == {"Zenith Trade Agency", "Acme Corp"}


def test_a_name_that_starts_a_new_clause_after_the_comma_is_not_in_apposition() -> None:
    text = (
        "The Zenith Trade Agency called in the president of the largest chip maker, Acme Corp said."
    )
    assert one(text).meetings == []


def test_calling_someone_in_a_city_is_a_call_and_calling_in_a_city_is_nothing() -> None:
    (m,) = one("Jane Holloway called Tomas Karlsson in Vienna on Monday.").meetings
    assert m.mode == "remote"
    assert one("Jane Holloway called in Vienna on Monday.").meetings == []


# --- told at a meeting; negotiators for two bodies; sides agreeing after talks ---------------


def test_telling_someone_at_a_meeting_is_shown_as_a_meeting() -> None:
    text = (
        "Jane Holloway told Tomas Karlsson at a meeting in Paris last week that the plan was dead."
    )
    (m,) = one(text).shown()
    assert set(m.participants) == {"Jane Holloway", "Tomas Karlsson"}
    assert "told-at-meeting" in m.rules
    assert (m.place, m.status) == ("Paris", "happened")


def test_telling_someone_in_a_letter_after_a_meeting_is_not() -> None:
    text = (
        "Jane Holloway told Tomas Karlsson in a letter after a meeting in Paris that the plan was "
        "dead."
    )
    assert one(text).shown() == []


def test_negotiators_for_two_bodies_stand_for_both() -> None:
    text = "Negotiators for the Steel Workers Union and Acme Steel Corp resumed talks on Monday."
    (m,) = one(text).shown()
    assert set(m.participants) == {"Steel Workers Union", "Acme Steel Corp"}


def test_two_bodies_agreeing_after_talks_were_the_sides_of_the_talks() -> None:
    text = (
        "Acme Steel Corp and the Steel Workers Union reached a tentative agreement after talks "
        "that lasted all night."
    )
    (m,) = one(text).shown()
    assert set(m.participants) == {"Acme Steel Corp", "Steel Workers Union"}


def test_co_subjects_of_talks_with_an_unnamed_side_did_not_meet_each_other() -> None:
    assert one("Jane Holloway and Tomas Karlsson held talks with bankers.").meetings == []
    text = (
        "Acme Steel Corp and the Steel Workers Union reached a tentative agreement after talks "
        "with federal mediators."
    )
    assert one(text).meetings == []
    text = "Acme Steel Corp and Zenith Motors Corp shares rose after talks on a merger."
    assert one(text).meetings == []


def test_talks_started_by_one_body_with_another_are_theirs_and_under_way() -> None:
    text = (
        "Ownership of the unit will now be brought into the talks started by Acme Airlines last "
        "week with Zenith Shipping Plc."
    )
    (m,) = one(text).shown()
    assert set(m.participants) == {"Acme Airlines", "Zenith Shipping Plc"}
    assert m.status == "happened"
    text = (
        "The talks to be held by Acme Airlines next week with Zenith Shipping Plc will cover the "
        "unit."
    )
    (m,) = one(text).shown()
    assert m.status == "planned"


def test_a_participles_meeting_is_not_planned_by_the_agreement_it_sets() -> None:
    (m,) = one("Jane Holloway and Tomas Karlsson, meeting in Paris, agreed to cut rates.").shown()
    assert (m.status, m.place) == ("happened", "Paris")
    (m,) = one("Jane Holloway agreed to meet Tomas Karlsson in Paris.").shown()
    assert m.status == "planned"


# --- a named party as the subject around "in X for talks"; "who is visiting X" frames -------


def test_a_named_subject_around_in_x_for_talks_holds_the_talks() -> None:
    text = "Jane Holloway, in Bonn for talks with Tomas Karlsson, said trade was discussed."
    (m,) = one(text).shown()
    assert set(m.participants) == {"Jane Holloway", "Tomas Karlsson"}
    assert m.place == "Bonn"


def test_progress_in_talks_is_still_held_by_no_one() -> None:
    text = "He said further progress in talks with Tomas Karlsson was expected this year."
    assert one(text).meetings == []


def test_who_is_visiting_a_country_places_the_meeting_there() -> None:
    (m,) = one("Jane Holloway, who is visiting Tokyo, met Tomas Karlsson.").shown()
    assert (m.place, m.country) == ("Tokyo", "Japan")
    assert "place.visit-frame" in m.rules


def test_a_visit_still_ahead_places_no_earlier_meeting() -> None:
    text = "Jane Holloway will visit Tokyo next month. She met Tomas Karlsson on Monday."
    (m,) = one(text).shown()
    assert m.place is None


# --- a body reporting its own talks; "the union" in a list; private visits; things received -


def test_a_body_reporting_its_own_talks_is_a_party_and_shown() -> None:
    (m,) = one("Acme Corp said talks with Zenith Inc were continuing.").shown()
    assert set(m.participants) == {"Acme Corp", "Zenith Inc"}
    assert "reporter-body" in m.rules


def test_a_person_reporting_talks_is_kept_below_the_card() -> None:
    result = one("Analyst Jane Holloway said talks with Zenith Inc were continuing.")
    assert result.shown() == []


def test_the_union_in_a_list_of_talks_sides_is_the_union_the_story_names() -> None:
    text = (
        "Contract talks between the union and Acme Steel Corp resumed on Monday, the Steel "
        "Workers Union said."
    )
    (m,) = one(text).shown()
    assert set(m.participants) == {"Steel Workers Union", "Acme Steel Corp"}
    text = text.replace("the union", "the new union")
    assert one(text).meetings == []


def test_visiting_ones_wife_is_a_private_visit() -> None:
    text = "Jane Holloway left the office to visit her husband Karl Holloway at the hospital."
    assert one(text).meetings == []
    (m,) = one("Jane Holloway visited Tomas Karlsson at the hospital.").shown()
    assert set(m.participants) == {"Jane Holloway", "Tomas Karlsson"}


def test_receiving_an_approval_is_no_guest() -> None:
    text = "Acme Corp said it received Drug Agency approval to market Zenitol, a generic drug."
    assert one(text).meetings == []
    (m,) = one("Jane Holloway received Tomas Karlsson at her office.").shown()
    assert set(m.participants) == {"Jane Holloway", "Tomas Karlsson"}


def test_two_people_telling_each_other_spoke_face_to_face() -> None:
    text = (
        'TOKYO, April 13 - "We have come to seek open markets," Senator Jack Garner told Prime '
        "Minister Taro Ishida.\n\n"
        '"But I promise to open Tokyo\'s markets," Ishida told Garner and three other '
        "legislators."
    )
    (m,) = one(text).shown()
    assert set(m.participants) == {"Jack Garner", "Taro Ishida"}
    assert "told-each-other" in m.rules


def test_one_person_telling_another_twice_stays_below_the_card() -> None:
    text = (
        "Senator Jack Garner told Prime Minister Taro Ishida that markets must open.\n\n"
        "Garner told Ishida again that time was short."
    )
    assert one(text).shown() == []


# --- "the company" as the subject of talks: the body the sentence before is about ------------


def test_the_company_holding_talks_is_the_body_the_story_just_named() -> None:
    text = (
        "NEW YORK, May 4 - Acme Corp reported higher profits for the year.\n\n"
        "The company is holding talks with Zenith Inc on a merger."
    )
    (m,) = one(text).shown()
    assert set(m.participants) == {"Acme Corp", "Zenith Inc"}
    said = (
        "NEW YORK, May 4 - Acme Corp reported higher profits for the year.\n\n"
        "The company also said talks with Zenith Inc were continuing."
    )
    (m,) = one(said).shown()
    assert set(m.participants) == {"Acme Corp", "Zenith Inc"}


def test_the_company_after_two_bodies_is_neither() -> None:
    text = (
        "NEW YORK, May 4 - Acme Corp and Borden Inc reported higher profits for the year.\n\n"
        "The company is holding talks with Zenith Inc on a merger."
    )
    assert one(text).meetings == []


# --- separate talks; a stay under way told after the meeting in the same sentence -----------


def test_separate_talks_with_two_counterparts_are_two_encounters() -> None:
    result = one("Jane Holloway held separate talks with Tomas Karlsson and Karl Brandt.")
    assert result.shown_pairs() == {
        frozenset({"Jane Holloway", "Tomas Karlsson"}),
        frozenset({"Jane Holloway", "Karl Brandt"}),
    }
    (m,) = one("Jane Holloway held talks with Tomas Karlsson and Karl Brandt.").shown()
    assert len(m.participants) == 3


def test_a_counterpart_visiting_a_city_places_the_meeting_there() -> None:
    (m,) = one("Jane Holloway met Tomas Karlsson, who is visiting Tokyo.").shown()
    assert (m.place, m.country) == ("Tokyo", "Japan")


def test_a_journey_after_the_meeting_does_not_place_it() -> None:
    text = "Jane Holloway met Tomas Karlsson on Monday and will fly to Paris on Tuesday."
    (m,) = one(text).shown()
    assert m.place is None


# --- "call on | President X" split by the parser; first person in quoted words --------------


def test_due_to_call_on_a_president_is_a_planned_visit_not_a_call() -> None:
    text = "Secretary Ann Weber is due to call on President Tomas Karlsson on Thursday."
    (m,) = one(text).shown()
    assert set(m.participants) == {"Ann Weber", "Tomas Karlsson"}
    assert (m.mode, m.status) == ("in_person", "planned")


def test_we_in_quoted_words_is_the_speaker() -> None:
    text = '"We met Tomas Karlsson twice in Stockholm," Jane Holloway said.'
    (m,) = one(text).shown()
    assert set(m.participants) == {"Jane Holloway", "Tomas Karlsson"}
    assert m.place == "Stockholm"


def test_we_with_no_named_speaker_is_no_one() -> None:
    assert one("We met Tomas Karlsson twice.").meetings == []
    text = '"We met Tomas Karlsson twice," a spokesman said.'
    assert one(text).meetings == []


# --- decoys: readiness to meet is no meeting -------------------------------------------------


def test_willingness_or_readiness_to_meet_is_no_meeting() -> None:
    for text in (
        "Jane Holloway said she was willing to meet Tomas Karlsson.",
        "Jane Holloway is ready to meet Tomas Karlsson.",
        "Jane Holloway said she was open to talks with Tomas Karlsson.",
        "The Steel Workers Union said it was ready for talks with Acme Steel Corp.",
    ):
        assert one(text).meetings == [], text


def test_being_pleased_with_talks_held_is_still_a_meeting() -> None:
    text = "Jane Holloway said she was happy with her talks with Tomas Karlsson."
    (m,) = one(text).shown()
    assert set(m.participants) == {"Jane Holloway", "Tomas Karlsson"}
    (m,) = one("Jane Holloway is due to meet Tomas Karlsson on Monday.").shown()
    assert m.status == "planned"


# --- the sayer's own meeting: "after his talks with X, Y said"; "said after a meeting that" ---


def test_his_before_the_subject_is_that_subject() -> None:
    text = "After his meeting with Tomas Karlsson, Karl Brandt said trade was discussed."
    (m,) = one(text).shown()
    assert set(m.participants) == {"Karl Brandt", "Tomas Karlsson"}


def test_a_meeting_between_said_and_that_is_the_sayers_own() -> None:
    text = "Jane Holloway said after a meeting with Tomas Karlsson that trade was discussed."
    (m,) = one(text).shown()
    assert set(m.participants) == {"Jane Holloway", "Tomas Karlsson"}
    assert "reporter" not in m.rules


def test_talks_inside_the_words_said_stay_below_the_card() -> None:
    text = "Jane Holloway said talks with Tomas Karlsson showed that trade mattered."
    assert one(text).shown() == []
    text = "Jane Holloway said that after a meeting with Tomas Karlsson trade was discussed."
    assert one(text).shown() == []
