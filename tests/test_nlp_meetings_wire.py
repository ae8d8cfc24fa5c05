"""Wire copy's own ways of naming the parties of talks, on invented stories (real spaCy model):
an unlisted company in angle brackets right after the noun that describes it, and "the group"
or "the company" making a statement far from the name that opened the story; with the decoys
each reading must not fire on."""

from __future__ import annotations

from nlp_meet_helpers import Analysed, analyse

PUBLISHED = "1987-03-02"


def one(text: str) -> Analysed:
    return analyse(text, published=PUBLISHED)


ACME_ZENITH = frozenset({"Acme Holdings Plc", "Zenith Plc"})


# --- "talks with the high street chemist <Zenith Plc>" ----------------------------------------


def test_a_bracketed_name_after_a_describing_noun_is_the_party() -> None:
    found = one(
        "LONDON, March 2 - Acme Holdings Plc said that merger talks with the high street "
        "chemist <Zenith Plc> had been called off."
    )
    assert found.pairs() == {ACME_ZENITH}


def test_a_bracketed_name_after_a_noun_is_the_party_of_talks_held() -> None:
    found = one(
        "LONDON, March 2 - Acme Holdings Plc said it held talks with its bankers <Zenith Plc> "
        "on Monday."
    )
    assert found.pairs() == {ACME_ZENITH}


def test_a_bracketed_name_after_a_comma_is_not_the_described_party() -> None:
    # decoy: the bracketed body opens a new clause, it is not the chemist
    found = one(
        "LONDON, March 2 - Acme Holdings Plc said it held talks with the chemist, and "
        "<Zenith Plc> said it would buy shares."
    )
    assert not found.pairs()


def test_a_bracketed_name_after_a_time_is_not_the_party() -> None:
    # decoy: "on Monday" ends the phrase of talks; the bracketed body starts the next clause
    found = one(
        "LONDON, March 2 - Acme Holdings Plc said it held talks with the chemist on Monday "
        "and <Zenith Plc> said it would buy shares."
    )
    assert not found.pairs()


# --- "The group said talks with X had been called off": the body whose statement opens ---------


def test_the_group_making_a_statement_is_the_body_that_opens_the_story() -> None:
    found = one(
        "LONDON, March 2 - Acme Holdings Plc said profits rose 10 pct.\n\n"
        "Sales fell in the north.\n\n"
        "Earlier this month the group said that tentative merger talks with the high street "
        "chemist <Zenith Plc> had been called off."
    )
    assert found.pairs() == {ACME_ZENITH}


def test_the_group_is_no_one_when_two_bodies_made_statements() -> None:
    # decoy: Borden spoke too (not in the sentence just before), so "the group" is either
    found = one(
        "LONDON, March 2 - Acme Holdings Plc said profits rose 10 pct.\n\n"
        "Borden Inc said it would sell its stake in the retailer.\n\n"
        "Sales fell in the north.\n\n"
        "The group said that merger talks with Zenith Plc had been called off."
    )
    assert not any("Acme Holdings Plc" in p for p in found.pairs())


def test_the_group_is_no_one_when_the_story_opens_without_a_statement() -> None:
    # decoy: the lead names Acme as the object of another's act, not as the one speaking
    found = one(
        "LONDON, March 2 - Investors bought shares of Acme Holdings Plc on Monday.\n\n"
        "Sales fell in the north.\n\n"
        "The group said that merger talks with Zenith Plc had been called off."
    )
    assert not any("Acme Holdings Plc" in p for p in found.pairs())


def test_the_group_as_an_object_is_not_read_as_the_speaker() -> None:
    # decoy: "the group" here is not the subject of a statement
    found = one(
        "LONDON, March 2 - Acme Holdings Plc said profits rose 10 pct.\n\n"
        "Sales fell in the north.\n\n"
        "Zenith Plc held talks on Monday with the group of investors."
    )
    assert not found.pairs()


# --- "talks on a joint venture with Zenith": the other side of the deal the talks are about ----


def test_the_partner_of_the_deal_talked_about_is_the_other_side() -> None:
    found = one(
        "NEW YORK, March 2 - Acme Corp said it was in talks on a joint venture with Zenith Inc."
    )
    assert found.pairs() == {frozenset({"Acme Corp", "Zenith Inc"})}


def test_a_deal_partner_does_not_replace_the_named_side_of_the_talks() -> None:
    # decoy: the talks are with Borden; Zenith is only the other side of the merger discussed
    found = one(
        "NEW YORK, March 2 - Acme Corp said it held talks with Borden Inc on a merger with "
        "Zenith Inc."
    )
    assert frozenset({"Acme Corp", "Zenith Inc"}) not in found.pairs()


def test_a_deal_with_a_body_outside_the_talks_is_not_their_side() -> None:
    # decoy: the merger with Zenith is not what the talks are about ("after", not "on")
    found = one(
        "NEW YORK, March 2 - Acme Corp said it was in talks on the sale of its unit after its "
        "merger with Zenith Inc."
    )
    assert not found.pairs()
