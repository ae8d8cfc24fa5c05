"""Junk kept out of the actor list by general rules (real model): headline fragments, tickers
and units, a news agency cited as the source, generic words; names cleaned of titles and glue."""

from __future__ import annotations

from nlp_meet_helpers import analyse

from newsdesk.nlp.actors_junk import is_shouted, split_glued


def names(text: str, title: str = "") -> set[str]:
    return {a.name for a in analyse(text, title=title).actors.actors}


def test_title_case_headline_fragments_are_no_actors() -> None:
    found = names(
        "Treasury Secretary James Baker said on Monday that he saw no risk of a trade war "
        "with Japan over the new tariffs.",
        title="Baker Sees No Trade War Over Tariffs",
    )
    assert "James Baker" in found
    assert not any("Sees" in n or "Tariffs" in n for n in found)


def test_a_name_in_a_shouted_headline_stays_when_the_body_confirms_it() -> None:
    found = names(
        "The Organization of Petroleum Exporting Countries will meet in Vienna next week, "
        "delegates said.",
        title="OPEC TO MEET IN VIENNA",
    )
    assert any("Petroleum" in n for n in found)


def test_tickers_and_units_are_no_actors() -> None:
    found = names(
        "New Jersey Resources Corp <NJR> said it would offer 1.3 mln shares at 20 U.S. Dlrs "
        "each through Merrill Lynch and Co. <Bank of New Zealand> said profits rose 12 Pct.",
    )
    assert not any("<" in n or ">" in n for n in found)
    assert not any("Dlrs" in n or n in ("Co", "Pct", "NJR") for n in found)
    assert "Merrill Lynch and Co." in found  # the name with its legal form, not "Co" alone


def test_a_news_agency_cited_as_the_source_is_no_actor() -> None:
    found = names(
        "Brazilian Finance Minister Dilson Funaro told Reuters that the talks with the banks "
        "would resume. A Reuters survey of traders showed prices falling.",
    )
    assert "Reuters" not in found
    assert any("Funaro" in n for n in found)


def test_titles_and_portfolios_stay_out_of_names() -> None:
    found = names(
        "Treasurer Paul Keating said the budget would be tight. Secretary of Trade and "
        "Industry Jose Concepcion met him later.",
    )
    assert "Paul Keating" in found
    assert not any(n.startswith(("Treasurer", "Trade", "Industry")) for n in found)


def test_glued_names_are_split() -> None:
    assert split_glued("MargaretThatcher") == "Margaret Thatcher"
    assert split_glued("McDonald") == "McDonald"
    assert split_glued("Ronald MacArthur") == "Ronald MacArthur"


def test_shouted_headlines() -> None:
    assert is_shouted("NEW JERSEY RESOURCES FILES TO OFFER STOCK")
    assert is_shouted("Baker Sees No Trade War Over Tariffs")
    assert not is_shouted("Baker sees no trade war over tariffs, he tells reporters")


def test_a_company_name_is_no_place() -> None:
    from newsdesk.nlp.pipeline import Annotator

    annotation = Annotator().annotate(
        "CALGARY, March 3 - Dome Petroleum Ltd said it sold its stake in the field. Dome said "
        "the sale would cut its debt, and the tanker Bahia sailed on.",
        "Dome Petroleum sells stake",
    )
    assert "Ghana" not in annotation.countries
    assert annotation.countries == ("Canada",)


def test_possessive_and_split_company_names() -> None:
    found = names(
        "Moody's Investors Service Inc cut the ratings. Standard and Poor's Corp agreed. "
        "Moody's said more cuts may follow."
    )
    assert "Moody" not in found
    assert "Standard and Poor's Corp" in found


def test_a_bodys_name_with_s_before_a_conjunction_or_a_full_stop_keeps_it() -> None:
    found = names("The notes are rated A-2 by Acmeco's and AA by the agency.")
    assert "Acmeco's" in found and "Acmeco" not in found
    found = names("The bonds were rated AAA by Moody's and Standard and Poor's Corp.")
    assert "Moody" not in found
    # a possessive stays one: what follows is owned
    assert "Acme Bank" in names("Acme Bank's profits rose. Acme Bank's chairman said so.")


def test_an_agency_asked_or_interviewing_is_the_source_not_an_actor() -> None:
    for text in (
        "A Tesco spokesman said so in answer to questions from Reuters.",
        "Finance Minister Ann Holt spoke in a telephone interview with Reuters on Monday.",
        "Another OECF official told Reuters Japan is likely to approve the loan.",
    ):
        assert not any("Reuters" in name for name in names(text)), text
    # the agency's own business is a story about it: its products stay
    assert "Reuter Monitor" in names("Dealers see prices through the Reuter Monitor, it said.")
