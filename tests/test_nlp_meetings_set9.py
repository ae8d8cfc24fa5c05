"""Places, sides, names and status of meetings on invented stories (real spaCy model): a place
qualified after a comma, a meeting held "there", a body named in its officer's title, a styled
name, a past time inside a plan, talks held before an act told in the past, and a body named
after a noun for a body; with the decoys each reading must not fire on."""

from __future__ import annotations

from nlp_meet_helpers import Analysed, analyse

PUBLISHED = "1987-05-04"


def one(text: str) -> Analysed:
    return analyse(text, published=PUBLISHED)


def _by_pair(found: Analysed) -> dict[frozenset[str], object]:
    return {frozenset(m.participants): m for m in found.meetings}


# --- "in Paris, Ontario": the qualifier after the comma says which namesake ------------------


def test_a_place_qualified_after_a_comma_takes_the_qualifiers_country() -> None:
    found = one(
        "TORONTO, May 4 - Trade Minister Ann Carver met U.S. Commerce Secretary Bob Yates in "
        "Paris, Ontario, on Saturday to review lumber duties."
    )
    [meeting] = found.meetings
    assert meeting.place == "Paris"
    assert meeting.country == "Canada"


def test_a_place_with_no_qualifier_keeps_its_own_country() -> None:
    # decoy: the same name unqualified is the best-known namesake
    found = one(
        "TORONTO, May 4 - Trade Minister Ann Carver met U.S. Commerce Secretary Bob Yates in "
        "Paris on Saturday to review lumber duties."
    )
    [meeting] = found.meetings
    assert meeting.country == "France"


# --- "held a meeting there": the place told before, never the dateline ------------------------


def test_a_meeting_held_there_takes_the_place_of_the_meeting_before() -> None:
    found = one(
        "BONN, May 4 - Finance Minister Karl Brandt met Dutch Finance Minister Pieter Smit in "
        "Lisbon on Saturday to discuss currencies.\n\n"
        "Brandt and Smit held a second meeting there on Sunday to discuss farm prices, "
        "officials said."
    )
    places = [m.place for m in found.meetings]
    assert places and all(p == "Lisbon" for p in places)
    assert "Bonn" not in places


def test_a_meeting_held_there_with_nothing_before_is_not_put_at_the_dateline() -> None:
    # decoy: no earlier meeting says where "there" is, so the place stays empty
    found = one(
        "BONN, May 4 - Finance Minister Karl Brandt flew south on Saturday.\n\n"
        "Brandt and Dutch Finance Minister Pieter Smit held talks there on Sunday to discuss "
        "farm prices, officials said."
    )
    assert [m.place for m in found.meetings] == [None]


# --- "Acme Holdings Plc chairman Sir John Reed": the body is his side ------------------------


def test_a_body_named_in_its_officers_title_is_not_a_co_subject() -> None:
    found = one(
        "LONDON, Jan 5 - Acme Holdings Plc <ACME.L> chairman Sir John Reed met representatives "
        "of the company's institutional shareholders here today to discuss the board's future, "
        "a spokesman said."
    )
    assert frozenset({"Acme Holdings Plc", "John Reed"}) not in found.pairs()


def test_a_body_before_and_is_still_a_co_subject_of_talks() -> None:
    # decoy: "Zenith Plc and Acme chairman John Reed": Zenith is set off by "and"
    found = one(
        "LONDON, Jan 5 - Zenith Plc and Acme Holdings Plc chairman John Reed held talks here "
        "today on a merger of the two groups, a spokesman said."
    )
    assert frozenset({"Zenith Plc", "John Reed"}) in found.pairs()


def test_a_styled_name_is_an_alias_of_the_person() -> None:
    found = one(
        "LONDON, Jan 5 - Acme Holdings Plc chairman Sir John Reed met Trade Secretary Paul "
        "Hale today. Reed said the talks went well."
    )
    [reed] = [a for a in found.actors.actors if a.name == "John Reed"]
    assert "Sir John Reed" in reed.aliases


# --- a past time inside a plan; talks put before an act told in the past ---------------------


def test_a_meeting_with_a_past_time_inside_a_plan_has_happened() -> None:
    found = one(
        "OSLO, May 4 - A spokesman said the state visit had been agreed when Foreign Minister "
        "Ana Ruiz met Premier Tomas Lind in Oslo last Friday."
    )
    [meeting] = found.meetings
    assert meeting.status == "happened"


def test_a_meeting_planned_for_a_coming_day_stays_planned() -> None:
    # decoy: no past time, and a future verb
    found = one(
        "OSLO, May 4 - A spokesman said Foreign Minister Ana Ruiz will meet Premier Tomas Lind "
        "in Oslo next Friday."
    )
    [meeting] = found.meetings
    assert meeting.status == "planned"


def test_talks_before_an_act_told_in_the_past_were_held() -> None:
    found = one(
        "VIENNA, May 4 - The Valdoran Creditors Club agreed to reschedule four billion dlrs of "
        "debt after three days of talks with a delegation led by Finance Minister Omar Haddad, "
        "an official said."
    )
    assert [m.status for m in found.meetings] == ["happened"]


def test_talks_before_an_act_still_to_come_are_planned() -> None:
    # decoy: the act is in the future, so are the talks before it
    found = one(
        "VIENNA, May 4 - The Valdoran Creditors Club will agree to reschedule four billion dlrs "
        "of debt after talks with Finance Minister Omar Haddad next week, an official said."
    )
    assert [m.status for m in found.meetings] in ([], ["planned"])


# --- "the growers' association Agrima": a body named after a noun for a body ----------------


def test_a_name_after_a_noun_for_a_body_is_that_body() -> None:
    found = one(
        "LISBON, May 4 - The National Dockers Union held talks with the shipowners' "
        "association Navimar here today in an effort to end a strike, union officials said."
    )
    assert frozenset({"National Dockers Union", "Navimar"}) in found.pairs()


def test_a_known_place_after_a_noun_for_a_body_stays_a_place() -> None:
    # decoy: a place the gazetteer knows is not read as the body
    found = one(
        "LISBON, May 4 - The National Dockers Union held talks with the shipowners' association "
        "Lisbon branch chief Rui Costa here today, union officials said."
    )
    assert "Lisbon" not in {a.name for a in found.actors.actors}


# --- a divided city's halves ------------------------------------------------------------------


def test_a_meeting_in_east_berlin_is_in_east_germany() -> None:
    found = one(
        "BONN, May 4 - A spokesman said West German envoy Karl Brandt met East German Foreign "
        "Minister Otto Weiss in East Berlin last Thursday."
    )
    assert [m.country for m in found.meetings] == ["East Germany"]


def test_a_meeting_in_berlin_unqualified_is_not_put_in_east_germany() -> None:
    # decoy: the city named without its eastern half
    found = one(
        "BONN, May 4 - A spokesman said West German envoy Karl Brandt met East German Foreign "
        "Minister Otto Weiss in Berlin last Thursday."
    )
    assert "East Germany" not in [m.country for m in found.meetings]


# --- "the king": the one person the story named with that style ------------------------------


def test_the_king_is_the_one_king_named_before() -> None:
    found = one(
        "AMMAN, May 4 - King Hassan met Prime Minister Zaid Haddad on Friday.\n\n"
        "The king had hosted Egyptian Foreign Minister Amr Fathy earlier in the week, "
        "officials said."
    )
    assert frozenset({"King Hassan", "Amr Fathy"}) in found.pairs()


def test_the_king_with_two_kings_named_is_no_one() -> None:
    # decoy: two people carry the style, so "the king" names neither
    found = one(
        "AMMAN, May 4 - King Hassan met King Fahd on Friday.\n\n"
        "The king had hosted Egyptian Foreign Minister Amr Fathy earlier in the week, "
        "officials said."
    )
    assert not any("Amr Fathy" in pair for pair in found.pairs())


# --- "reached agreement with X after five rounds of talks": X was across the table ------------


def test_the_partner_of_an_agreement_reached_after_talks_held_them() -> None:
    found = one(
        "TOKYO, May 4 - Acme Steel Corp reached agreement with the Zenith Workers Union on job "
        "cuts after five rounds of talks, the company said."
    )
    assert found.pairs() == {frozenset({"Acme Steel Corp", "Zenith Workers Union"})}


def test_talks_with_a_third_party_keep_their_own_partner() -> None:
    # decoy: the talks name their own counterpart, who is the one met
    found = one(
        "TOKYO, May 4 - Acme Steel Corp reached agreement with the Zenith Workers Union on job "
        "cuts after five rounds of talks with the Kappa Bank, the company said."
    )
    assert frozenset({"Acme Steel Corp", "Zenith Workers Union"}) not in found.pairs()


def test_an_agreement_reached_after_a_strike_is_no_meeting() -> None:
    # decoy: no talks at all
    found = one(
        "TOKYO, May 4 - Acme Steel Corp reached agreement with the Zenith Workers Union after "
        "a two-week strike, the company said."
    )
    assert not found.pairs()
