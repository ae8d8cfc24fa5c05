"""Generic bodies get their country from the story, cut-off company names join their full name,
and credit ratings are no actors (real model, invented stories)."""

from __future__ import annotations

from nlp_meet_helpers import analyse

from newsdesk.models import Actor
from newsdesk.nlp.body_countries import generic_base, is_bare_generic, qualified_name
from newsdesk.nlp.identity import ActorRegistry
from newsdesk.query.actor_match import matching_keys
from newsdesk.text import fold


def actors(text: str, title: str | None = None) -> dict[str, Actor]:
    return {a.name: a for a in analyse(text, title=title).actors.actors}


def test_a_country_word_attached_to_a_generic_body_gives_its_country() -> None:
    found = actors(
        "WASHINGTON, March 3 - West Germany's Parliament approved the tax reform bill on "
        "Friday, U.S. officials said. The vote in Parliament came after weeks of debate."
    )
    # a former state continued by one state is named as that state, like the regions tree
    assert "Parliament (Germany)" in found
    assert "Parliament" in found["Parliament (Germany)"].aliases
    assert "Parliament" not in found


def test_a_generic_body_takes_the_story_s_one_clear_country() -> None:
    found = actors(
        "CANBERRA, March 3 - The Senate passed the budget bill on Thursday, Australian "
        "officials said. The Senate vote ends a long dispute."
    )
    assert "Senate (Australia)" in found
    tokyo = actors(
        "TOKYO, March 3 - The Japanese Finance Ministry said it would ask banks to limit "
        "dollar buying. The Finance Ministry told U.S. officials of the plan."
    )
    assert "Finance Ministry (Japan)" in tokyo


def test_a_generic_body_of_no_clear_country_is_no_actor() -> None:
    found = actors(
        "The Senate approved the measure on Tuesday, a spokesman said. The vote was close."
    )
    assert not any("Senate" in name for name in found)


def test_the_same_generic_name_in_two_countries_is_two_entries_one_filter() -> None:
    reg = ActorRegistry()
    stories = {
        "jp": "TOKYO, March 3 - The Finance Ministry said it would ask Japanese banks to limit "
        "dollar buying. The Finance Ministry gave no date.",
        "fr": "PARIS, March 3 - The Finance Ministry said the French budget deficit narrowed in "
        "February. The Finance Ministry gave no figures for March.",
    }
    ids = {}
    for sid, text in stories.items():
        ministry = [a for a in analyse(text).actors.actors if "Ministry" in a.name]
        ids[sid] = reg.add_story(sid, ministry)
    names = {reg.entities[reg.resolve(i)].name for found in ids.values() for i in found}
    assert names == {"Finance Ministry (Japan)", "Finance Ministry (France)"}
    folded = {fold(n) for e in reg.entities.values() for n in e.all_names}
    # the generic name still finds both, as a word of their names and as their other name
    assert len(matching_keys("Finance Ministry", folded, folded)) >= 2
    assert matching_keys("finance ministry (japan)", folded, folded) == [
        fold("Finance Ministry (Japan)")
    ]


def test_generic_names_and_their_written_forms() -> None:
    assert generic_base("U.S. Senate") == ("United States", "Senate")
    assert generic_base("Japanese Finance Ministry") == ("Japan", "Finance Ministry")
    assert generic_base("Ministry of Finance") == (None, "Finance Ministry")
    assert generic_base("Department of the Treasury") == (None, "Treasury")
    assert generic_base("Bank of Japan") == (None, None)  # a named central bank
    assert generic_base("Central Bank of Chile") == ("Chile", "Central Bank")
    assert generic_base("U.S. Agriculture Department") == (None, None)  # in the bundled table
    assert generic_base("Senate Finance Committee") == (None, None)
    assert is_bare_generic("Parliament") and not is_bare_generic("Parliament (Japan)")
    assert qualified_name("Politburo", "Soviet Union") == "Politburo (Soviet Union)"


def test_a_one_word_company_name_joins_the_one_longer_name_holding_it() -> None:
    found = actors(
        "Southwestern Bell Corp <SBC> said on Monday that its earnings would be diluted by the "
        "purchase. Bell said the dilution would last a year."
    )
    assert "Bell" not in found
    assert "Bell" in found["Southwestern Bell Corp"].aliases
    hyphen = actors(
        "Allied-Signal Inc said it sold its metals unit for 90 mln dlrs. Allied said the sale "
        "would close in May."
    )
    assert "Allied" not in hyphen and "Allied-Signal Inc" in hyphen


def test_a_company_name_cut_at_its_and_is_one_name() -> None:
    found = actors(
        "The company said it had sued American Telephone and Telegraph Co <T> over its prices."
    )
    assert "American Telephone and Telegraph Co" in found
    assert not any(n in found for n in ("American Telephone", "Telephone and Telegraph Co"))
    broker = actors(
        "Oracle said the offering would be managed by Alex. Brown and Sons Inc <ABSB.O>."
    )
    assert "Alex. Brown and Sons Inc" in broker and "Alex. Brown" not in broker


def test_a_lone_name_start_joins_its_name_or_is_no_actor() -> None:
    found = actors(
        "Acme Holdings Corp said it cut its stake in United Coasts Corp to 5 pct. United said "
        "it had no comment."
    )
    assert "United" not in found and "United" in found["United Coasts Corp"].aliases
    alone = actors("Shares of Zenith Corp fell. United, the airline, said it had no comment.")
    assert "United" not in alone and "Zenith Corp" in alone


def test_credit_ratings_are_no_actors() -> None:
    found = actors(
        "Moody's said it raised the rating of the bonds to AAA from AA. Standard and Poor's "
        "rates them BBB."
    )
    assert not {"AAA", "AA", "BBB"} & set(found)
    assert "Moody's" in found
