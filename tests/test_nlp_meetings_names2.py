"""Names of meeting parties the tagger glues to a title, each with the decoys the repair must not
fire on (invented sentences, real spaCy model)."""

from __future__ import annotations

from nlp_meet_helpers import Analysed, analyse

PUBLISHED = "2019-04-05T12:00:00+00:00"


def one(text: str) -> Analysed:
    return analyse(text, published=PUBLISHED)


def names(result: Analysed) -> set[str]:
    return {a.name for a in result.actors.actors}


# --- a portfolio glued to its holder's name ("Minister of X and Y Name") ----------------------


def test_a_portfolio_glued_to_its_holders_name_leaves_the_person() -> None:
    result = one(
        "OSLO, May 3 - Minister of International Trade and Industry Haruki Tomoda will meet "
        "the chairman of Nordvik Steel on Friday.\n\n"
        "Tomoda met Danish Trade Minister Lars Eskildsen in Copenhagen last week, officials said."
    )
    assert "Haruki Tomoda" in names(result)
    assert not any("Industry" in name for name in names(result))
    assert frozenset({"Haruki Tomoda", "Lars Eskildsen"}) in result.shown_pairs()


def test_a_portfolio_after_a_coordinated_title_leaves_the_person() -> None:
    result = one(
        "Minister of Finance and Economy Kenzo Arakawa met Rita Delmont in Paris on Monday."
    )
    assert "Kenzo Arakawa" in names(result)
    assert not any("Economy" in name for name in names(result))


def test_a_ministry_is_no_portfolio_holder() -> None:
    # decoy: a ministry's full name ends in portfolio words, not in a person's name
    result = one(
        "The Ministry of International Trade and Industry said it would meet car makers soon."
    )
    assert not any(a.kind == "PERSON" for a in result.actors.actors)


def test_a_body_named_after_a_title_of_a_bank_is_not_cut() -> None:
    # decoy: "Governor of" a bank is no portfolio; the name after the bank is left to the tagger
    result = one("Governor of Bank of Norland Petra Vance met the finance minister on Monday.")
    assert "Vance" not in {a.name for a in result.actors.actors if a.kind == "ORG"}
    assert not any(name.startswith("Norland Petra") for name in names(result))


# --- a savings institution's short name beside its full name ----------------------------------


def test_a_thrifts_short_name_is_the_full_name_and_gives_no_second_meeting() -> None:
    result = one(
        "FRESNO, May 3 - Orchard Federal Savings and Loan Association held talks with Granite "
        "Savings Bank on Monday about a merger.\n\n"
        "Orchard Federal said it met Granite Savings again on Tuesday."
    )
    assert "Orchard Federal" not in names(result)
    assert "Granite Savings" not in names(result)
    assert result.shown_pairs() == {
        frozenset({"Orchard Federal Savings and Loan Association", "Granite Savings Bank"})
    }


def test_a_body_whose_longer_name_adds_no_thrift_words_stays_apart() -> None:
    # decoy: "Commission" is no thrift's word, so the community and its commission stay two
    result = one(
        "BRUSSELS, May 3 - The Nordic Community met the Arctic Fund on Monday. The Nordic "
        "Community Commission said it was not told."
    )
    assert {"Nordic Community", "Nordic Community Commission"} <= names(result)


def test_two_thrifts_a_short_name_opens_keep_it_apart() -> None:
    # decoy: "Harbor Federal" opens two names, so it joins neither
    result = one(
        "Harbor Federal Savings Bank and Harbor Federal Savings and Loan Association were "
        "both sold. Harbor Federal said nothing."
    )
    assert "Harbor Federal" in names(result)


# --- "On Friday X met Y": the parser's "Friday X" as the object of "On" -----------------------


def test_the_doer_after_a_day_that_opens_the_clause_is_a_party() -> None:
    result = one(
        "LIMA, March 30 - Finance Minister Tomas Berrio met the bankers on Monday.\n\n"
        "On Friday Berrio held talks in Washington with World Bank President Ada Kessler."
    )
    assert frozenset({"Tomas Berrio", "Ada Kessler"}) in result.shown_pairs()


def test_a_speaker_after_a_day_is_no_party_of_the_meeting_he_reports() -> None:
    # decoy: "On Friday Ruiz said ..." opens a clause whose verb is no meeting
    result = one("On Friday Pablo Ruiz said Carla Mendes met Omar Haddad in Quito.")
    assert result.shown_pairs() == {frozenset({"Carla Mendes", "Omar Haddad"})}


# --- "representatives of" a body and countries ------------------------------------------------


def test_representatives_of_a_body_and_countries_give_the_body_alone() -> None:
    result = one(
        "VIENNA, May 3 - The Danube Relief Fund hosted representatives of the Nordic Council, "
        "Norway and Iceland at its headquarters today to plan grain shipments."
    )
    assert result.shown_pairs() == {frozenset({"Danube Relief Fund", "Nordic Council"})}


def test_representatives_of_a_body_and_a_person_give_no_meeting() -> None:
    # decoy: a person in the "of" list is no body represented, so the list is not read
    result = one(
        "VIENNA, May 3 - The Danube Relief Fund hosted representatives of the Nordic Council "
        "and Karl Berger today."
    )
    assert frozenset({"Danube Relief Fund", "Nordic Council"}) not in result.shown_pairs()


def test_representatives_of_countries_alone_give_no_meeting() -> None:
    # decoy: countries alone are no actors of a meeting
    result = one("VIENNA, May 3 - The Danube Relief Fund hosted representatives of Norway today.")
    assert result.shown_pairs() == set()


# --- the dateline is not the place of a meeting after a journey abroad ------------------------

_LEAD = (
    "PARIS, May 3 - French Foreign Minister Jean Dubois said on Monday trade talks would resume."
)


def test_a_journey_abroad_in_the_paragraph_keeps_the_dateline_off_the_meeting() -> None:
    result = one(
        _LEAD + "\n\nThe French delegation travelled to Bonn on Sunday. Dubois met Helmut Kohl "
        "on Monday."
    )
    (meeting,) = result.meetings
    assert meeting.place != "Paris"
    assert meeting.country != "France"


def test_a_journey_at_home_leaves_the_dateline_as_the_place() -> None:
    # decoy: a journey inside the dateline's country says nothing against it
    result = one(
        _LEAD + "\n\nThe French delegation travelled to Lyon on Sunday. Dubois met Helmut Kohl "
        "on Monday."
    )
    (meeting,) = result.meetings
    assert meeting.country == "France"


def test_a_meeting_of_the_leads_person_with_no_journey_is_at_the_dateline() -> None:
    # decoy: no journey at all, the lead's person met at the dateline
    result = one(_LEAD + "\n\nDubois met Helmut Kohl on Monday.")
    (meeting,) = result.meetings
    assert (meeting.place, meeting.country) == ("Paris", "France")


# --- a day glued to a company's name --------------------------------------------------------------


def test_a_day_after_a_preposition_is_no_part_of_a_companys_name() -> None:
    result = one("BOSTON, March 30 - On Tuesday Orlen Widget Corp met Zenith Tools Inc in Boston.")
    assert "Orlen Widget Corp" in names(result)
    assert frozenset({"Orlen Widget Corp", "Zenith Tools Inc"}) in result.shown_pairs()


def test_a_day_word_that_opens_a_companys_name_stays() -> None:
    # decoy: "Friday Mills Inc" opens the sentence with no preposition before it
    result = one("BOSTON, March 30 - Friday Mills Inc met Zenith Tools Inc in Boston.")
    assert "Friday Mills Inc" in names(result)
