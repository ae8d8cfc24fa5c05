"""Meetings on unseen wire copy (real spaCy model, invented sentences): who a pronoun stands for,
plans left open, a past told with "later", calls by telephone, a body's officer, names after a
participle, surnames without their article, names in a dateline's lead; each with its decoy."""

from __future__ import annotations

from nlp_meet_helpers import Analysed, analyse

PUBLISHED = "1987-06-09"


def one(text: str) -> Analysed:
    return analyse(text, published=PUBLISHED)


def test_a_pronoun_in_a_later_clause_stands_for_the_subject_not_the_object() -> None:
    found = one(
        "French Foreign Minister Jean Dubois is due to meet Chancellor Anton Haas at the "
        "Chancellery on Tuesday before "
        "flying to Rome, where officials said he would be received by President Carla Bellini."
    )
    assert found.pairs() == {
        frozenset({"Jean Dubois", "Anton Haas"}),
        frozenset({"Jean Dubois", "Carla Bellini"}),
    }
    # decoy: the object of the first clause met no one in Rome
    assert frozenset({"Anton Haas", "Carla Bellini"}) not in found.pairs()


def test_an_object_pronoun_is_neither_its_own_clause_subject_nor_a_spokesman() -> None:
    found = one(
        "Vice President Tom Reed will meet union leader Jan Kowal in Lodz, and Archbishop "
        "Piotr Nowak is to receive him in Krakow, White House spokesman Dan Price said."
    )
    assert frozenset({"Piotr Nowak", "Tom Reed"}) in found.pairs()
    # decoys: the spokesman who reports the plan, and the host himself
    assert not any("Dan Price" in pair for pair in found.pairs())
    krakow = [m for m in found.meetings if m.place == "Krakow"]
    assert [m.status for m in krakow] == ["planned"]


def test_a_meeting_expected_with_no_date_fixed_is_not_set() -> None:
    found = one(
        "Officials said Foreign Minister Jean Dubois was expected to meet Chancellor Anton Haas "
        "before returning "
        "home, but no date had been set."
    )
    assert found.pairs() == set()


def test_a_meeting_expected_on_a_day_is_planned() -> None:
    # decoy of the rule above: nothing says the plan is open
    found = one(
        "Officials said Foreign Minister Jean Dubois was expected to meet Chancellor Anton Haas "
        "on Friday."
    )
    assert [(m.participants, m.status) for m in found.meetings] == [
        (("Jean Dubois", "Anton Haas"), "planned")
    ]


def test_later_in_the_day_with_a_past_verb_has_happened() -> None:
    found = one(
        "CAIRO, June 8 - President Omar Nasser telephoned King Idris on Sunday.\n\nNasser "
        "received Hamid Qureshi at the palace later in the day, the agency said.\n\nQureshi "
        "was also received by Prime Minister Ali Saber later in the day."
    )
    statuses = {frozenset(m.participants): m.status for m in found.meetings}
    assert statuses[frozenset({"Omar Nasser", "Hamid Qureshi"})] == "happened"
    assert statuses[frozenset({"Ali Saber", "Hamid Qureshi"})] == "happened"


def test_later_in_the_day_with_will_is_planned() -> None:
    # decoy: a future verb keeps "later" pointing ahead
    found = one("President Omar Nasser will receive Hamid Qureshi later in the day.")
    assert [m.status for m in found.meetings] == ["planned"]


def test_by_telephone_at_the_end_of_a_long_clause_is_a_call() -> None:
    found = one(
        "Italian Treasury Minister Gianni Dubois discussed the lira with West German Finance "
        "Minister Karl Weber by telephone on Tuesday, a ministry spokesman said."
    )
    assert [m.mode for m in found.meetings] == ["remote"]


def test_discussing_in_a_city_is_in_person() -> None:
    # decoy: no phone anywhere
    found = one(
        "Italian Treasury Minister Gianni Dubois discussed the lira with West German Finance "
        "Minister Karl Weber in Bonn on Tuesday, a ministry spokesman said."
    )
    assert [m.mode for m in found.meetings] == ["in_person"]


def test_a_name_after_a_participle_is_not_the_subject_of_talks() -> None:
    found = one(
        "A delegation of Dutch bankers accompanying Prime Minister Jan Vermeer held talks with "
        "the Zenith Trading Corporation, the agency said."
    )
    assert found.pairs() == set()


def test_a_subject_with_a_participle_after_it_still_holds_talks() -> None:
    # decoy: the named subject comes first, the participle after it
    found = one(
        "Prime Minister Jan Vermeer, accompanying a delegation of bankers, held talks with the "
        "Zenith Trading Corporation, the agency said."
    )
    assert found.pairs() == {frozenset({"Jan Vermeer", "Zenith Trading Corporation"})}


def test_a_body_named_before_its_officer_gives_the_officer() -> None:
    found = one(
        "LONDON, May 19 - Mines Minister Ana Costa met Global Tin Council (GTC) buffer stock "
        "manager Pierre Lamont here today to discuss prices, delegates said."
    )
    assert found.pairs() == {frozenset({"Ana Costa", "Pierre Lamont"})}


def test_a_body_met_through_its_officials_stays_the_body() -> None:
    # decoy: no officer is named after the body
    found = one(
        "LONDON, May 19 - Mines Minister Ana Costa met Global Tin Council officials here today "
        "to discuss prices, delegates said."
    )
    assert found.pairs() == {frozenset({"Ana Costa", "Global Tin Council"})}


def test_a_surname_without_its_article_is_the_full_name() -> None:
    found = one(
        "AMMAN, Oct 19 - Foreign Minister Karim al-Haddad held talks here on Monday with "
        "Iraqi envoy Rami Saleh.\n\nEgyptian envoy Samir Fawzi met Haddad in Amman last week."
    )
    assert frozenset({"Samir Fawzi", "Karim al-Haddad"}) in found.pairs()
    assert not any("Haddad" in pair for pair in found.pairs())


def test_two_ministers_in_the_lead_after_a_dateline_held_talks() -> None:
    found = one(
        "JAKARTA, July 28 - Thai Foreign Minister Somchai Wongsa and Malaysian Foreign Minister "
        "Ahmad Razak held talks here on Tuesday on trade, an Indonesian spokesman said."
    )
    assert [(set(m.participants), m.place) for m in found.meetings] == [
        ({"Somchai Wongsa", "Ahmad Razak"}, "Jakarta")
    ]


def test_two_ministers_in_the_lead_holding_talks_with_bankers_are_one_side() -> None:
    # decoy: the other side of the talks is unnamed
    found = one(
        "JAKARTA, July 28 - Thai Foreign Minister Somchai Wongsa and Malaysian Foreign Minister "
        "Ahmad Razak held talks with bankers here on Tuesday, an Indonesian spokesman said."
    )
    assert found.pairs() == set()


def test_a_pair_that_met_again_at_another_time_met_twice() -> None:
    found = one(
        "MOSCOW, April 14 - Polish Foreign Minister Jan Kowal arrived here on Sunday.\n\n"
        "Kowal and Ivan Orlov held a first round of talks on Monday at the Foreign Ministry "
        "and met again this morning, the spokesman, Oleg Petrov, said."
    )
    assert sorted(m.when or "" for m in found.meetings) == ["Monday", "this morning"]


def test_a_meeting_told_twice_at_two_times_of_one_day_is_one() -> None:
    # decoy: no "again", so the second time word is the same encounter told again
    found = one(
        "MOSCOW, April 14 - Foreign Minister Jan Kowal held talks with his Soviet counterpart "
        "Ivan Orlov on Monday.\n\nKowal said after meeting Orlov this morning that the talks "
        "had gone well."
    )
    assert len(found.meetings) == 1


def test_a_visitor_who_arrived_for_a_visit_called_on_the_president() -> None:
    found = one(
        "LIMA, April 6 - Spanish Defence Minister Carlos Ibarra, who arrived in Lima on Sunday "
        "for a three-day visit, called on President Hugo Salinas today and assured him that "
        "Madrid would keep its aid, a presidential spokesman said."
    )
    assert frozenset({"Carlos Ibarra", "Hugo Salinas"}) in found.pairs()


def test_a_visitor_who_called_on_a_government_to_act_met_no_one() -> None:
    # decoy: "called on X to act" is urging, whatever the parse of the clause above
    found = one(
        "LIMA, April 6 - Spanish Defence Minister Carlos Ibarra, who arrived in Lima on Sunday "
        "for a three-day visit, called on President Hugo Salinas to release the prisoners, a "
        "presidential spokesman said."
    )
    assert found.pairs() == set()


def test_a_purpose_put_before_a_summons_does_not_make_it_urging() -> None:
    # decoy of the urging rule: the infinitive comes before the verb, not after "called on X"
    found = one(
        "TOKYO, April 2 - To help ensure that the output cuts are made, the Ministry of "
        "Industry and Energy (MIE) called in the president of Japan's largest steel maker, "
        "Kurata Steel Corp, last week, he said."
    )
    assert len(found.pairs()) == 1
    assert any("Kurata Steel Corp" in pair for pair in found.pairs())
