"""Debt talks with the creditor banks' committee, a party although it has no capitalised name,
and the committees that are not it (invented sentences, real spaCy model)."""

from __future__ import annotations

from nlp_meet_helpers import Analysed, analyse

from newsdesk.nlp.meetings.names import canonical_participants

PUBLISHED = "1987-03-10T12:00:00+00:00"


def one(text: str) -> Analysed:
    return analyse(text, published=PUBLISHED)


def parties(result: Analysed) -> set[str]:
    return {p for m in result.meetings for p in m.participants}


# --- the creditor banks' committee --------------------------------------------------------------


def test_a_minister_meeting_the_numbered_bank_advisory_committee() -> None:
    result = one(
        "LIMA, March 9 - Peruvian Finance Minister Rosa Quintero met the 11-bank advisory "
        "committee for Peru's commercial bank creditors on Monday, bankers said."
    )
    assert result.pairs() == {frozenset({"Rosa Quintero", "bank advisory committee"})}
    assert "party.creditor-committee" in result.meetings[0].rules
    assert result.shown() == result.meetings  # named in its own sentence: shown on the card


def test_the_committee_later_in_the_story_is_the_creditor_committee() -> None:
    result = one(
        "QUITO, March 9 - Ecuador's 9-bank advisory committee asked for a new payment plan, "
        "bankers said. Finance Minister Tomas Arenal will meet the committee again on Friday, "
        "they said."
    )
    assert frozenset({"Tomas Arenal", "bank advisory committee"}) in result.pairs()


def test_the_full_panel_stands_for_the_committee_told_before() -> None:
    result = one(
        "NEW YORK, March 9 - Chile's 12-bank advisory committee voiced concern over the payments "
        "freeze. Chilean negotiator Pablo Irarrazaval met the full panel on Monday."
    )
    assert frozenset({"Pablo Irarrazaval", "bank advisory committee"}) in result.pairs()


def test_members_of_a_debt_negotiating_committee_representing_creditors() -> None:
    result = one(
        "MADRID, March 9 - The power company Electrica Norte will hold talks with members of a "
        "new debt negotiating committee representing its creditors on Tuesday, bankers said."
    )
    assert frozenset({"Electrica Norte", "debt negotiating committee"}) in result.pairs()


def test_the_steering_committee_for_creditor_banks() -> None:
    result = one(
        "CARACAS, March 9 - Venezuelan Finance Minister Hector Azpurua held talks with the "
        "steering committee for the country's creditor banks in New York on Monday."
    )
    assert frozenset({"Hector Azpurua", "steering committee"}) in result.pairs()


# --- decoys: committees that are not the creditors' ---------------------------------------------


def test_a_central_bank_committee_convening_alone_is_no_party() -> None:
    result = one(
        "LIMA, March 9 - A committee of the central bank met on Monday to review interest "
        "rates, central bank president Luis Ortega said."
    )
    assert result.meetings == []


def test_the_central_banks_own_committee_met_by_a_minister_is_no_creditor_committee() -> None:
    result = one(
        "LIMA, March 9 - Finance Minister Rosa Quintero met the central bank's monetary committee "
        "on Monday. She later met the committee again."
    )
    assert not any("committee" in p for p in parties(result))


def test_the_committee_said_is_no_meeting() -> None:
    result = one(
        "NEW YORK, March 9 - Brazil's 14-bank advisory committee said it would not grant new "
        "loans. The committee said talks would resume later."
    )
    assert result.meetings == []


def test_a_parliamentary_committee_is_not_the_creditor_committee() -> None:
    result = one(
        "BRASILIA, March 9 - Finance Minister Joao Pereira met the parliamentary finance committee "
        "on Monday. He will meet the committee again on Friday."
    )
    assert not any("committee" in p for p in parties(result))


def test_a_bare_committee_in_a_story_that_never_says_whose_is_no_party() -> None:
    result = one(
        "MANILA, March 9 - Finance Minister Jaime Ongpin met the committee on Monday to discuss "
        "the budget, officials said."
    )
    assert not any("committee" in p for p in parties(result))


def test_a_unions_own_executive_committee_is_not_the_creditor_committee() -> None:
    result = one(
        "NEW YORK, March 9 - Brazil's 14-bank advisory committee rejected the plan. The "
        "Bankworkers Union's executive committee met Acme Bank officials on Monday."
    )
    assert not any("committee" in p for p in parties(result))


# --- a party's name that ends in an abbreviation ------------------------------------------------


def test_a_company_name_ending_in_an_abbreviation_keeps_its_last_dot() -> None:
    named = canonical_participants(["Acme Electrica S.A.", "Ann Smith.", "Zenith N.V.,"], [])
    assert named == ["Acme Electrica S.A.", "Ann Smith", "Zenith N.V."]


# --- "the Venezuelan minister": the minister the story styled so --------------------------------


def test_the_nationality_and_title_find_the_minister_named_with_them() -> None:
    result = one(
        "LAGOS, June 8 - Nigeria's oil output rose in May, officials said. Chilean Energy and "
        "Mines Minister Ana Ruiz Tagle conferred with Nigerian Petroleum Minister Bello Adamu "
        "on Monday, the agency said. The Chilean minister was also "
        "received by President Musa Danjuma at the state house, the agency said."
    )
    assert frozenset({"Ana Ruiz Tagle", "Musa Danjuma"}) in result.pairs()


def test_a_nationality_no_minister_was_styled_with_finds_no_one() -> None:
    result = one(
        "LAGOS, June 8 - Nigeria's oil output rose in May, officials said. Chilean Energy and "
        "Mines Minister Ana Ruiz Tagle conferred with Nigerian Petroleum Minister Bello Adamu "
        "on Monday, the agency said. The Peruvian minister was also received by President "
        "Musa Danjuma at the state house, the agency said."
    )
    assert not any("Musa Danjuma" in p for p in result.pairs())


# --- "leaves for X with Y to join the talks": Y is on the traveller's side ----------------------


def test_a_person_travelling_with_the_negotiator_joins_the_talks() -> None:
    result = one(
        "QUITO, March 9 - Ecuador's 9-bank advisory committee asked for a new payment plan. "
        "Central bank president Carlos Julio Emanuel leaves for New York tomorrow with Finance "
        "Minister Domingo Cordovez to complete Ecuador's team at negotiations with the committee."
    )
    assert frozenset({"Carlos Julio Emanuel", "Domingo Cordovez", "bank advisory committee"}) in (
        result.pairs()
    )


def test_leaving_with_a_body_brings_no_party() -> None:
    result = one(
        "QUITO, March 9 - Ecuador's 9-bank advisory committee asked for a new payment plan. "
        "Central bank president Carlos Julio Emanuel leaves for New York tomorrow with "
        "Petroecuador to complete Ecuador's team at negotiations with the committee."
    )
    assert frozenset({"Carlos Julio Emanuel", "bank advisory committee"}) in result.pairs()
    assert all("Petroecuador" not in p for p in result.pairs())
