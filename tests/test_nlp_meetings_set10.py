"""Sides and names of meetings on invented wire stories (real spaCy model): a short form made of
a company's initials without its legal form, officials headed by a named person, a plural noun
with an appositive list of people, "X and the head of the body, Y," and a body's name inside a
person's title; with the decoys each reading must not fire on."""

from __future__ import annotations

from nlp_meet_helpers import Analysed, analyse

PUBLISHED = "1987-05-04"


def one(text: str) -> Analysed:
    return analyse(text, published=PUBLISHED)


def _sides(found: Analysed) -> list[set[str]]:
    return [set(m.participants) for m in found.meetings]


# --- "GM" after "General Motors Corp": initials of the name without its legal form ------------


def test_initials_without_the_legal_form_name_the_company() -> None:
    found = one(
        "CHICAGO, May 4 - The machinists union said it would now turn to <Granite Mills Corp>, "
        "where 9,000 workers are covered.\n\n"
        "Union President Carl Ostrowski will meet GM negotiators on Monday, the union said."
    )
    assert {"Carl Ostrowski", "Granite Mills Corp"} in _sides(found)
    assert not any("GM" in side for side in _sides(found))


def test_initials_of_another_company_are_not_taken_for_it() -> None:
    # decoy: "HT" is not the initials of Granite Mills Corp
    found = one(
        "CHICAGO, May 4 - The machinists union said it would now turn to <Granite Mills Corp>, "
        "where 9,000 workers are covered.\n\n"
        "Union President Carl Ostrowski will meet HT negotiators on Monday, the union said."
    )
    assert not any("Granite Mills Corp" in side for side in _sides(found))


# --- "Acme negotiators headed by X": the body and its head ------------------------------------


def test_officials_headed_by_a_person_give_the_body_and_the_person() -> None:
    found = one(
        "DETROIT, May 4 - Union leader Carl Ostrowski will meet <Halvorsen Steel Co> negotiators "
        "headed by Martin Quayle on Monday to open bargaining, the union said."
    )
    assert {"Carl Ostrowski", "Halvorsen Steel Co", "Martin Quayle"} in _sides(found)


def test_officials_with_no_head_named_give_the_body_alone() -> None:
    # decoy: nobody heads them by name, so no person is added
    found = one(
        "DETROIT, May 4 - Union leader Carl Ostrowski will meet <Halvorsen Steel Co> negotiators "
        "on Monday to open bargaining, the union said."
    )
    assert {"Carl Ostrowski", "Halvorsen Steel Co"} in _sides(found)
    assert all(len(side) == 2 for side in _sides(found))


# --- "inspectors Ann Lee and Bo Tan": every person of the appositive list ---------------------


def test_a_plural_noun_with_an_appositive_list_gives_every_person() -> None:
    found = one(
        "LONDON, May 4 - Hallmore Biscuit said its acting chairman Sir Hugh Pellew met Department "
        "of Trade and Industry inspectors Moira Fenwick and Alan Crossley at its offices in "
        "Leeds yesterday."
    )
    assert {"Hugh Pellew", "Moira Fenwick", "Alan Crossley"} in _sides(found)


def test_a_plural_noun_with_one_person_gives_that_person() -> None:
    # decoy: a single appositive name stays a single counterpart
    found = one(
        "LONDON, May 4 - Chairman Hugh Pellew met Treasury auditor Moira Fenwick at the bank's "
        "offices in London yesterday, the bank said."
    )
    assert {"Hugh Pellew", "Moira Fenwick"} in _sides(found)
    assert all(len(side) == 2 for side in _sides(found))


# --- "X and the head of the Y delegation, Z,": Z is that head, Y no further party ---------------


def test_the_head_of_a_body_named_in_apposition_is_the_person_only() -> None:
    found = one(
        "GENEVA, May 4 - Council chairman Pierre Duval met Ghana Trade Minister Kwame Asante and "
        "the head of the European Community delegation, Hans Riedel, to discuss quotas, "
        "delegates said."
    )
    [meeting] = found.meetings
    assert set(meeting.participants) == {"Pierre Duval", "Kwame Asante", "Hans Riedel"}


def test_the_head_of_a_body_with_no_name_stands_for_the_body() -> None:
    # decoy: with no appositive name the head still stands for the body
    found = one(
        "GENEVA, May 4 - Council chairman Pierre Duval met Ghana Trade Minister Kwame Asante and "
        "the head of the European Community delegation to discuss quotas, delegates said."
    )
    sides = _sides(found)
    assert any({"Pierre Duval", "Kwame Asante"} <= side for side in sides)
    assert not any("Hans Riedel" in side for side in sides)


# --- "Ethiopian Relief and Rehabilitation Commissioner X": a body's name in a title ----------


def test_a_body_name_in_a_coordinated_title_is_not_a_party() -> None:
    # the tagger takes "Ethiopian Relief" for a name hung on the person's title
    found = one(
        "ROME, May 4 - Colin Marsh said he had met Ethiopian Relief and Resettlement "
        "Commissioner Osman Taha in Addis Ababa last month."
    )
    assert {"Colin Marsh", "Osman Taha"} in _sides(found)
    assert all(len(side) == 2 for side in _sides(found))


def test_a_person_coordinated_before_a_title_is_still_a_party() -> None:
    # decoy: a plain name before "and <title> X" is a person at the meeting
    found = one(
        "ROME, May 4 - Colin Marsh said he had met Osman Taha and Relief Commissioner Ali Nur in "
        "Addis Ababa last month."
    )
    assert any({"Colin Marsh", "Osman Taha", "Ali Nur"} <= side for side in _sides(found))


# --- "will travel to La Paz for talks" with the city tagged as a person ----------------------


def test_a_city_tagged_as_a_person_after_travel_to_places_the_talks() -> None:
    found = one(
        "SINGAPORE, May 4 - Rubber council director Hamid Ismail will travel to La Paz next week "
        "for talks with Bolivian Trade Minister Carlos Rojas on quotas, the council said."
    )
    [meeting] = found.meetings
    assert (meeting.place, meeting.country) == ("La Paz", "Bolivia")
    assert meeting.status == "planned"


def test_a_listener_after_speak_to_is_no_place() -> None:
    # decoy: "speak to Jackson" names a listener, though a city bears the name
    found = one(
        "SINGAPORE, May 4 - Council director Hamid Ismail will speak to Jackson next week and "
        "hold talks with Bolivian Trade Minister Carlos Rojas on quotas, the council said."
    )
    [meeting] = found.meetings
    assert meeting.place is None
    assert meeting.country is None


# --- "X of India and Y of Pakistan met": Y hangs on India in the parse -----------------------


def test_people_each_of_a_country_coordinated_are_both_parties() -> None:
    found = one(
        "ISLAMABAD, May 4 - Trade secretaries Ravi Menon of India and Tariq Aziz of Pakistan met "
        "to settle the cotton quota, officials said."
    )
    assert {"Ravi Menon", "Tariq Aziz"} in _sides(found)


def test_a_country_coordinated_with_a_country_adds_no_party() -> None:
    # decoy: "of India and Pakistan" coordinates two countries, and countries are no parties
    found = one(
        "ISLAMABAD, May 4 - Envoy Ravi Menon of India and Pakistan met the World Bank's Tariq "
        "Aziz to settle the canal dispute, officials said."
    )
    sides = _sides(found)
    assert all(side <= {"Ravi Menon", "Tariq Aziz", "World Bank"} for side in sides)
    assert not any("Pakistan" in side or "India" in side for side in sides)


# --- "The talks were chaired by X.": the chair of the talks told before is there too ----------


def test_talks_chaired_by_a_person_in_the_next_sentence_add_the_chair() -> None:
    found = one(
        "PERTH, May 4 - Officials of the Maritime Workers Federation met the Association of "
        "Shipping Employers here today to try to end a 24-hour strike, a federation official "
        "said.\n\n"
        "The talks were chaired by Industrial Relations Commission member Lionel Pratt."
    )
    [meeting] = found.meetings
    assert "Lionel Pratt" in meeting.participants
    assert len(meeting.participants) == 3


def test_talks_not_chaired_by_a_person_add_nobody() -> None:
    # decoy: a negated chair, and a critic of the talks, were not at them
    found = one(
        "PERTH, May 4 - Officials of the Maritime Workers Federation met the Association of "
        "Shipping Employers here today to try to end a 24-hour strike, a federation official "
        "said.\n\n"
        "The talks were not chaired by Industrial Relations Commission member Lionel Pratt.\n\n"
        "The talks were criticised by Employment Minister Ralph Dunn."
    )
    [meeting] = found.meetings
    assert "Lionel Pratt" not in meeting.participants
    assert "Ralph Dunn" not in meeting.participants
    assert len(meeting.participants) == 2
