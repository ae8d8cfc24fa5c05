"""Parties told apart from their meeting, on invented stories (real spaCy model): a companion
("X was accompanied by Z", "Z, who accompanied X last week"), a latecomer ("X and Y were later
joined by Z", one encounter of the three), and "separate talks with A and with B" (two
encounters); each with decoys the reading must not fire on."""

from __future__ import annotations

from nlp_meet_helpers import Analysed, analyse

PUBLISHED = "1987-03-09"


def one(text: str) -> Analysed:
    return analyse(text, published=PUBLISHED)


def shown(found: Analysed) -> set[frozenset[str]]:
    return found.shown_pairs()


# --- a companion told in a sentence of its own -----------------------------------------------


def test_a_companion_told_after_the_meeting_joins_it() -> None:
    found = one(
        "OSLO, March 9 - Ruritanian Finance Minister Tomas Vellar met Norwegian Finance Minister "
        "Gro Sundby here today to discuss a bridging loan, officials said.\n\n"
        "Vellar was accompanied by central bank governor Anton Kreisler."
    )
    assert frozenset({"Tomas Vellar", "Gro Sundby", "Anton Kreisler"}) in shown(found)
    assert frozenset({"Tomas Vellar", "Gro Sundby"}) not in found.pairs()


def test_a_companion_in_a_relative_clause_joins_the_meeting_of_that_time() -> None:
    found = one(
        "LIMA, March 9 - Peruvian Economy Minister Luis Carrasco met Orlan Bank chairman Peter "
        "Haig in London last week, his office said.\n\n"
        "Central bank president Jorge Maldano, who accompanied Carrasco last week, told "
        "reporters the country would keep paying its trade debt."
    )
    trio = frozenset({"Luis Carrasco", "Peter Haig", "Jorge Maldano"})
    assert trio in shown(found)


def test_a_companion_at_another_time_joins_nothing() -> None:
    # decoy: the companion went with the minister on another journey
    found = one(
        "LIMA, March 9 - Peruvian Economy Minister Luis Carrasco met Orlan Bank chairman Peter "
        "Haig in London last week, his office said.\n\n"
        "Central bank president Jorge Maldano, who accompanied Carrasco in January, told "
        "reporters the country would keep paying its trade debt."
    )
    assert frozenset({"Luis Carrasco", "Peter Haig"}) in shown(found)
    assert not any("Jorge Maldano" in m.participants for m in found.meetings)


def test_a_companion_of_someone_else_joins_nothing() -> None:
    # decoy: the companion went with a party of no meeting told
    found = one(
        "LIMA, March 9 - Peruvian Economy Minister Luis Carrasco met Orlan Bank chairman Peter "
        "Haig in London on Friday, his office said.\n\n"
        "President Alan Garcia was accompanied by Foreign Minister Allan Wagner on a tour of "
        "the southern provinces."
    )
    assert frozenset({"Luis Carrasco", "Peter Haig"}) in shown(found)
    assert not any("Allan Wagner" in m.participants for m in found.meetings)


def test_a_companion_who_did_not_go_joins_nothing() -> None:
    # decoy: negated
    found = one(
        "OSLO, March 9 - Ruritanian Finance Minister Tomas Vellar met Norwegian Finance Minister "
        "Gro Sundby here today to discuss a bridging loan, officials said.\n\n"
        "Vellar was not accompanied by central bank governor Anton Kreisler, who stayed home."
    )
    assert frozenset({"Tomas Vellar", "Gro Sundby"}) in shown(found)
    assert not any("Anton Kreisler" in m.participants for m in found.meetings)


# --- "X and Y were later joined by Z": one encounter of the three ----------------------------


def test_a_latecomer_joins_the_meeting_told_before_and_keeps_its_place() -> None:
    found = one(
        "PARIS, March 9 - Dutch central bank president Wim Kessel held talks with Swiss "
        "National Bank chairman Markus Leutwyler in Basle on Monday, bankers said.\n\n"
        "Kessel and Leutwyler were later joined by Bank of Italy Governor Carlo Rienzi, they "
        "said."
    )
    trio = frozenset({"Wim Kessel", "Markus Leutwyler", "Carlo Rienzi"})
    assert found.pairs() == {trio}
    meeting = found.meetings[0]
    assert meeting.place == "Basle"
    assert meeting.country == "Switzerland"


def test_a_latecomer_on_another_day_stays_apart() -> None:
    # decoy: the joining is told on its own, different, day
    found = one(
        "PARIS, March 9 - Dutch central bank president Wim Kessel held talks with Swiss "
        "National Bank chairman Markus Leutwyler in Basle on March 2, bankers said.\n\n"
        "On March 5 Kessel and Leutwyler were joined by Bank of Italy Governor Carlo Rienzi "
        "in Rome, they said."
    )
    assert frozenset({"Wim Kessel", "Markus Leutwyler"}) in found.pairs()


# --- "separate talks with A and with B": two encounters ---------------------------------------


def test_separate_talks_with_a_and_with_b_are_two_meetings() -> None:
    found = one(
        "WASHINGTON, March 9 - Ruritanian Finance Minister Tomas Vellar held separate talks "
        "with World Bank President Barber Conable and with Treasury Secretary James Baker on "
        "Friday, officials said."
    )
    assert frozenset({"Tomas Vellar", "Barber Conable"}) in shown(found)
    assert frozenset({"Tomas Vellar", "James Baker"}) in shown(found)
    assert frozenset({"Tomas Vellar", "Barber Conable", "James Baker"}) not in found.pairs()


def test_a_topic_with_and_with_is_no_party() -> None:
    # decoy: the second "with" is in what the talks were about, not whom they were with
    found = one(
        "WASHINGTON, March 9 - Ruritanian Finance Minister Tomas Vellar held talks with "
        "Treasury Secretary James Baker on Friday on trade with Canada and with Mexico, "
        "officials said."
    )
    assert frozenset({"Tomas Vellar", "James Baker"}) in shown(found)
    assert all(len(m.participants) == 2 for m in found.meetings)


# --- "expected X to telephone him": a hope about another's act ------------------------------


def test_expecting_another_to_call_is_no_call() -> None:
    found = one(
        "BRUSSELS, March 9 - EC farm commissioner Piet Vandam met U.S. Agriculture Secretary "
        "Ron Lassiter here today, officials said.\n\n"
        "Vandam said he expected U.S. Trade Representative Carl Hollis to telephone him over "
        "the weekend."
    )
    assert frozenset({"Piet Vandam", "Ron Lassiter"}) in shown(found)
    assert not any(m.mode == "remote" for m in found.meetings)
    assert len(found.meetings) == 1


def test_a_meeting_expected_in_the_passive_is_still_planned() -> None:
    # decoy: "X is expected to meet Y on Friday" is a plan the story states
    found = one(
        "BRUSSELS, March 9 - EC farm commissioner Piet Vandam is expected to meet U.S. "
        "Agriculture Secretary Ron Lassiter in Brussels on Friday, officials said."
    )
    planned = [m for m in found.meetings if m.status == "planned"]
    assert {frozenset(m.participants) for m in planned} == {
        frozenset({"Piet Vandam", "Ron Lassiter"})
    }


# --- the bodies' talks told again by their heads: one encounter ------------------------------


def test_talks_of_two_bodies_told_again_by_their_chairmen_are_one_meeting() -> None:
    found = one(
        "LONDON, March 9 - Harwood Shipping Plc said it held talks today with Castlemere Lines "
        "Plc on a possible merger.\n\n"
        "HS chairman John Ambler met Castlemere Lines chairman Hugh Penrose at the "
        "Savoy Hotel this morning, a spokesman said."
    )
    four = frozenset(
        {"Harwood Shipping Plc", "Castlemere Lines Plc", "John Ambler", "Hugh Penrose"}
    )
    assert four in shown(found)
    assert frozenset({"John Ambler", "Hugh Penrose"}) not in found.pairs()


def test_a_meeting_of_people_not_heading_both_bodies_stays_apart() -> None:
    # decoy: only one of the two people is titled as a head of a body of the talks
    found = one(
        "LONDON, March 9 - Harwood Shipping Plc said it held talks today with Castlemere Lines "
        "Plc on a possible merger.\n\n"
        "Harwood Shipping chairman John Ambler met Transport Secretary Hugh Penrose at "
        "the ministry this morning, a spokesman said."
    )
    assert frozenset({"John Ambler", "Hugh Penrose"}) in found.pairs()
    assert not any(len(m.participants) > 2 for m in found.meetings)


def test_the_heads_meeting_on_another_day_stays_apart() -> None:
    # decoy: the chairmen met on a day of their own, before the talks
    found = one(
        "LONDON, March 9 - Harwood Shipping Plc said it held talks today with Castlemere Lines "
        "Plc on a possible merger.\n\n"
        "Harwood Shipping chairman John Ambler met Castlemere Lines chairman "
        "Hugh Penrose on March 2, a spokesman said."
    )
    assert frozenset({"John Ambler", "Hugh Penrose"}) in found.pairs()
    assert frozenset({"Harwood Shipping Plc", "Castlemere Lines Plc"}) in found.pairs()


# --- "the bank committee headed by X": the committee and the person at its head ---------------


def test_a_creditor_committee_headed_by_a_person_brings_its_head() -> None:
    found = one(
        "NEW YORK, March 9 - Ruritanian Finance Minister Tomas Vellar met here today with the "
        "12-bank advisory committee headed by Orlan Bank's Peter Haig, bankers said."
    )
    assert frozenset({"Tomas Vellar", "bank advisory committee", "Peter Haig"}) in shown(found)


def test_a_committee_of_a_parliament_headed_by_a_person_is_no_party() -> None:
    # decoy: a committee that is not the creditors' names no side, nor does its head join
    found = one(
        "NEW YORK, March 9 - Ruritanian Finance Minister Tomas Vellar met here today with "
        "Orlan Bank chairman Peter Haig, bankers said. The finance committee headed by Senator "
        "Ann Cole will review the loans."
    )
    assert found.pairs() == {frozenset({"Tomas Vellar", "Peter Haig"})}


# --- a lone surname tagged as a place, that someone is to meet, is a person ------------------


def test_a_surname_tagged_as_a_place_that_is_met_is_a_person() -> None:
    found = one(
        "GENEVA, March 9 - Mexican Commerce Minister Hector Hernandez will meet Yeutter in "
        "Geneva on Thursday, officials said."
    )
    kinds = {a.name: a.kind for a in found.actors.actors}
    assert kinds.get("Yeutter") == "PERSON"
    assert frozenset({"Hector Hernandez", "Yeutter"}) in shown(found)


def test_a_known_place_that_is_met_stays_a_place() -> None:
    # decoy: a country "met" (a match, a team) is never a person
    found = one(
        "GENEVA, March 9 - The Kuwaiti squad will meet Iraq in Geneva on Thursday, officials said."
    )
    assert "Iraq" not in {a.name for a in found.actors.actors if a.kind == "PERSON"}
    assert not found.meetings
