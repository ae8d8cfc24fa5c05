"""Names of the parties of a meeting that the tagger loses at the dateline or cuts at a bracket,
each with the decoys the repair must not fire on (invented sentences, real spaCy model)."""

from __future__ import annotations

from nlp_meet_helpers import Analysed, analyse

PUBLISHED = "2019-04-05T12:00:00+00:00"


def one(text: str) -> Analysed:
    return analyse(text, published=PUBLISHED)


def names(result: Analysed) -> set[str]:
    return {a.name for a in result.actors.actors}


# --- a person's name right after the dateline's dash ------------------------------------------


def test_a_person_named_right_after_the_dateline_is_a_party() -> None:
    result = one(
        "WARSAW, June 8 - Jane Holloway met Polish Prime Minister Tadeusz Mazowiecki on Tuesday "
        "to discuss trade credits."
    )
    assert "Jane Holloway" in names(result)
    assert result.shown_pairs() == {frozenset({"Jane Holloway", "Tadeusz Mazowiecki"})}


def test_capitalised_words_after_the_dateline_that_hold_a_title_are_no_person() -> None:
    result = one("PARIS, June 8 - Foreign Ministers met on Monday to discuss farm prices.")
    assert not any(a.kind == "PERSON" for a in result.actors.actors)
    assert result.meetings == []


def test_a_place_after_the_dateline_is_no_person() -> None:
    result = one("BONN, June 8 - West German banks said on Monday that rates would stay firm.")
    assert "West German" not in names(result)
    assert not any(a.kind == "PERSON" for a in result.actors.actors)


# --- an organisation's name cut by the dateline -----------------------------------------------


def test_a_short_form_the_dateline_cut_off_rejoins_the_organisations_name() -> None:
    result = one(
        "AMSTERDAM, March 20 - KLM Royal Dutch Airways said it would sell a stake in its courier "
        "arm to Brixton Freight Plc.\n\n"
        "The talks started by KLM last week with Brixton Freight Plc will now cover the stake."
    )
    assert "KLM Royal Dutch Airways" in names(result)
    assert "Royal Dutch Airways" not in names(result)
    assert "KLM" not in names(result)  # the later "KLM" is the same airline


def test_an_acronym_stays_apart_from_a_longer_name_that_is_no_body() -> None:
    result = one(
        "LONDON, March 20 - Trade Secretary Paul Channon met KLM officials on Monday.\n\n"
        "The KLM Cup sailing race starts next week."
    )
    assert not any(a.name == "KLM Cup" and "KLM" in a.aliases for a in result.actors.actors)


# --- a subsidiary's country in brackets is part of its name ------------------------------------


def test_a_bracketed_country_inside_a_company_name_is_kept() -> None:
    result = one(
        "TOKYO, June 18 - An official said the price was agreed after five months of talks "
        "between <Haldane Corp>, <Bexley Mining Corp Ltd> and <Orimura Coal Development "
        "(Canada) Ltd>."
    )
    assert "Orimura Coal Development (Canada) Ltd" in names(result)
    assert (
        frozenset(
            {"Haldane Corp", "Bexley Mining Corp Ltd", "Orimura Coal Development (Canada) Ltd"}
        )
        in result.pairs()
    )


def test_a_bracket_after_a_finished_company_name_is_no_part_of_it() -> None:
    result = one(
        "TORONTO, June 18 - Bexley Mining Corp Ltd (Canada) said it held talks with Haldane Corp "
        "on Monday."
    )
    assert "Bexley Mining Corp Ltd" in names(result)
    assert not any("(Canada)" in n for n in names(result))
