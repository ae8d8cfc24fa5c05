"""Companies named with a legal form: the lead company after a dateline, short forms joining
the full name, and the decoys these rules must leave alone (invented stories, real model)."""

from __future__ import annotations

from nlp_meet_helpers import Analysed, analyse, nlp

from newsdesk.models import Actor
from newsdesk.nlp.actors_companies import _short_forms_in_full
from newsdesk.nlp.actors_keys import OrgKeys
from newsdesk.nlp.actors_mentions import Mention
from newsdesk.nlp.pipeline import Annotator


def by_name(result: Analysed) -> dict[str, Actor]:
    return {a.name: a for a in result.actors.actors}


def names(result: Analysed) -> list[str]:
    return [a.name for a in result.actors.actors]


def test_lead_company_after_a_dateline_is_an_actor() -> None:
    text = (
        "WASHINGTON, April 2 - Quillmore Co, a Dorset, Vt.,-based maker of valves, said it "
        "raised its stake in Tarnley Inc to 13.9 pct of the total outstanding stock.\n\n"
        "Quillmore, a privately held company, said it bought 102,000 Tarnley common shares on "
        "April 1. Quillmore also said it has met Tarnley management to discuss a merger."
    )
    result = analyse(text, title="VALVE MAKER BOOSTS TARNLEY <TRN> STAKE")
    actors = by_name(result)
    assert "Quillmore Co" in actors
    quillmore = actors["Quillmore Co"]
    assert quillmore.kind == "ORG"
    assert quillmore.mentions >= 3  # the untagged "Quillmore" later count for it
    assert "Quillmore Co" in names(result)[:3]
    assert result.actors.canonical("Quillmore") == "Quillmore Co"


def test_untagged_lead_company_and_its_short_form_meet() -> None:
    text = (
        "DETROIT, June 29 - Brannock Motors Corp is negotiating with Velden Autoworks Inc "
        "about a project to build engines.\n\n"
        "It said Brannock is discussing the supply of engines with Velden. "
        "Brannock said it held talks with Velden Autoworks Inc in Detroit last week."
    )
    result = analyse(text, title="BRANNOCK IN ENGINE TALKS")
    actors = by_name(result)
    assert "Brannock" in actors["Brannock Motors Corp"].aliases
    assert "Brannock" not in actors
    assert frozenset({"Brannock Motors Corp", "Velden Autoworks Inc"}) in result.pairs()


def test_partnership_name_across_its_comma() -> None:
    text = (
        "NEW YORK, March 2 - Harwick Holdings Inc said it had been in talks with its adviser, "
        "Dalby, Rook and Co, since late December.\n\n"
        "Dalby, Rook and Co declined to comment."
    )
    actors = by_name(analyse(text))
    assert "Dalby, Rook and Co" in actors
    assert "Rook and Co" not in actors and "Dalby" not in actors


def test_opening_words_of_a_company_name_join_it() -> None:
    text = (
        "AMSTERDAM, March 20 - Norvik Air said it will offer a minority stake in its parcel "
        "service to Aldous and Penhallow Shipping Plc.\n\n"
        "Norvik started talks last week with Aldous and Penhallow on the stake. "
        "A Norvik spokeswoman said Aldous and Penhallow had not yet replied."
    )
    result = analyse(text)
    actors = by_name(result)
    full = actors["Aldous and Penhallow Shipping Plc"]
    assert "Aldous and Penhallow" in full.aliases
    assert full.mentions >= 3
    assert "Aldous and Penhallow" not in actors


def test_acronym_like_first_word_joins_its_company() -> None:
    text = (
        "LONDON, May 4 - Norvik Air said it is negotiating a one-third stake in "
        "KVX Courier Services Group Ltd, a parcel carrier.\n\n"
        "Buying a minority stake in KVX could involve a convertible loan, Norvik said."
    )
    actors = by_name(analyse(text))
    assert "KVX" in actors["KVX Courier Services Group Ltd"].aliases
    assert "KVX" not in actors


def test_company_named_after_a_person_keeps_the_short_form() -> None:
    text = (
        "MOLINE, Ill., March 27 - Hollister and Co said it ended talks with Brandt Motors Corp "
        "on a joint venture to make diesel engines.\n\n"
        "The company said Arthur Hollister engines will still be sold through Brandt. "
        "Hollister said the talks had ended on friendly terms."
    )
    result = analyse(text)
    actors = by_name(result)
    company = actors["Hollister and Co"]
    assert company.kind == "ORG"
    assert "Hollister" in company.aliases
    assert result.actors.canonical("Hollister") == "Hollister and Co"


# --- decoys ------------------------------------------------------------------------------------


def test_two_companies_joined_by_and_stay_two() -> None:
    text = (
        "LONDON, May 4 - Representatives of Fenwick Trust Co and Ardley Bank Plc met the "
        "finance minister on Monday to discuss the country's debt."
    )
    actors = by_name(analyse(text))
    assert "Fenwick Trust Co and Ardley Bank Plc" not in actors
    assert "Ardley Bank Plc" in actors


def test_a_person_of_a_company_is_not_part_of_its_name() -> None:
    text = (
        "CHICAGO, May 4 - John Pelham of Orrin Widget Corp said the company would cut jobs. "
        "Chairman Orrin Widget Corp shares fell."
    )
    result = analyse(text)
    actors = names(result)
    assert not any("Pelham of" in name for name in actors)
    assert "Chairman Orrin Widget Corp" not in actors


def test_dateline_city_is_not_part_of_the_lead_company() -> None:
    text = "NEW YORK, March 3 - Pemberly Foods Inc said it agreed to buy Castlor Ltd."
    actors = names(analyse(text))
    assert "Pemberly Foods Inc" in actors
    assert not any(name.startswith(("NEW YORK", "March")) for name in actors)


def test_common_first_word_is_no_short_form() -> None:
    text = (
        "TORONTO, Oct 20 - General Foundry Corp said it will close a plant. "
        "The General Assembly of the province said it would study the closure. "
        "General conditions in the industry remain weak, General Foundry said."
    )
    result = analyse(text)
    foundry = by_name(result)["General Foundry Corp"]
    assert result.actors.canonical("General") != "General Foundry Corp"
    assert foundry.mentions <= 3


def test_short_form_in_another_name_or_after_a_given_name_is_not_the_company() -> None:
    text = (
        "BIRMINGHAM, Ala., June 19 - Corvane Health Plans Inc said it sold its unit Corvane "
        "Alabama to Lister Care Inc. Mary Corvane, a nurse, said she welcomed the sale."
    )
    result = analyse(text)
    company = by_name(result)["Corvane Health Plans Inc"]
    assert company.mentions == 1  # neither "Corvane Alabama" nor "Mary Corvane" counts
    assert result.actors.canonical("Mary Corvane") != "Corvane Health Plans Inc"


def test_headline_capitals_of_a_real_acronym_keep_their_meaning() -> None:
    text = (
        "NEW YORK, March 3 - Natoward Steel Corp said the North Atlantic Treaty Organization "
        "ordered steel plates from it. NATO officials said the order was routine."
    )
    result = analyse(text, title="NATO ORDERS STEEL")
    assert result.actors.canonical("NATO") != "Natoward Steel Corp"


def test_headline_capitals_join_the_one_body_name_they_open() -> None:
    body = ["Woolworth Holdings Plc", "Woolworth", "Dixons Group Plc"]
    assert OrgKeys(body).shouted_short_form("WOOLWORTH") == "Woolworth Holdings Plc"
    assert OrgKeys(["Central Maine Power Co"]).shouted_short_form("CENTRAL MAINE") == (
        "Central Maine Power Co"
    )
    # two names open with the word, a short acronym, a known body: no join
    assert OrgKeys(["Acme Foods Inc", "Acme Steel Corp"]).shouted_short_form("ACME") is None
    assert OrgKeys(["GM Canada"]).shouted_short_form("GM") is None
    assert OrgKeys(["NATO Supply Agency"]).shouted_short_form("NATO") is None


# --- the name glued to the dateline's date ------------------------------------------------------


def test_body_glued_to_the_dateline_date_is_an_actor() -> None:
    text = (
        "NEW YORK, March 3 - Tollard Commodities Exchange said it has adequate trade "
        "practices. The exchange met regulators on Monday."
    )
    assert "Tollard Commodities Exchange" in names(analyse(text))


def test_one_word_lead_repeated_in_the_story_is_an_actor_and_meets() -> None:
    text = (
        "NEW YORK, March 3 - Quorvex said it agreed to buy a stake in Lindell Foods Inc, a "
        "grocer. Quorvex said it held talks with Lindell Foods Inc last week."
    )
    result = analyse(text)
    assert by_name(result)["Quorvex"].mentions == 2
    assert frozenset({"Quorvex", "Lindell Foods Inc"}) in result.pairs()


def test_common_words_places_and_nationalities_after_a_dateline_are_no_actors() -> None:
    decoys = [
        "LONDON, April 3 - Cocoa futures fell to session lows on Monday as cocoa dealers sold.",
        "ROME, April 9 - Italian Prime Minister Bettino Craxi met union leaders.",
        "JOHANNESBURG, March 25 - South Africa's new foreign debt agreement was signed.",
        "CHICAGO, March 23 - Shr profit seven cts vs loss 16 cts. Shr figures were restated.",
    ]
    for text in decoys:
        found = names(analyse(text))
        assert not any(n in ("Cocoa", "Italian", "South Africa", "Shr") for n in found), found


def test_a_person_whose_name_opens_a_firm_name_stays_a_person() -> None:
    text = (
        "WASHINGTON, March 16 - The regulator approved a request by two firms controlled by "
        "investor Ivor Maskell. Noteholders of Ivor Maskell and Co LP may lose money. "
        "Later, the firm said it would repay Maskell and Co, and Ivor Maskell declined to "
        "comment on Maskell's plans."
    )
    result = analyse(text)
    actors = by_name(result)
    assert actors["Ivor Maskell"].kind == "PERSON"
    assert result.actors.canonical("Maskell") == "Ivor Maskell"
    assert not any(" and " in n and n.count(" and ") > 1 for n in actors)


def test_a_body_ending_on_an_organisation_word_before_and_is_another_body() -> None:
    text = "The Harrow Pilots Association and Quell Airlines Inc broke off negotiations."
    found = names(analyse(text))
    assert "Quell Airlines Inc" in found
    assert not any("Association and" in n for n in found)


def test_a_union_with_a_plural_possessive_glued_to_the_dateline_keeps_its_whole_name() -> None:
    text = (
        "NICOSIA, June 2 - The Cyprus Dock Employees' Union called off a threatened strike "
        "after talks with the port authority."
    )
    found = names(analyse(text))
    assert "Cyprus Dock Employees' Union" in found
    assert "Cyprus Dock Employees" not in found


def test_an_untagged_body_after_the_is_an_actor() -> None:
    text = (
        "Peter Dunmore spoke at a meeting of the Southeast-Midwest Growers Coalition, an "
        "organization of U.S. legislators."
    )  # the tagger leaves the coalition's name untagged
    result = analyse(text)
    assert by_name(result)["Southeast-Midwest Growers Coalition"].kind == "ORG"


def test_a_lone_body_word_or_a_tagged_place_is_no_untagged_body() -> None:
    text = (
        "MOSCOW, April 2 - The Board said the Soviet Union would buy more grain. "
        "The Union said members would vote."
    )
    found = names(analyse(text))
    assert not any(n in ("Board", "The Board", "Soviet Union", "Union") for n in found), found


def test_a_firm_name_cut_at_its_and_by_the_dateline_date_is_one_name() -> None:
    text = "NEW YORK, March 3 - Standard and Bramble's Corp said it lowered its rating of Acme Inc."
    names = [a.name for a in Annotator().annotate(text, "Ratings cut").actors]
    assert "Standard and Bramble's Corp" in names
    assert "Bramble's Corp" not in names


def test_org_keys_of_one_story_are_the_same_asked_once_or_again() -> None:
    names = ["Borden Chemical Corp.", "Borden", "Southwestern Bell Corp", "Bell Canada Inc"]
    keys = OrgKeys(names)
    assert keys.key("Borden") == "Borden Chemical Corp."
    assert keys.key("Borden") == "Borden Chemical Corp."  # the second answer comes from memory
    assert keys.key("Bell") == "Bell"  # two longer names hold it: it stays apart
    assert keys.key("BCC", {"BCC": "Borden Chemical Corp."}) == "Borden Chemical Corp."
    assert keys.key("SBC") == "Southwestern Bell Corp"  # the initials of a name of the story


def test_opening_words_that_close_the_text_are_a_mention_of_their_own_length() -> None:
    doc = nlp()("Hartwell and Crane Shipping Holdings Plc said profits rose at Hartwell and Crane")
    full = Mention(0, 6, doc[0:6].text, "ORG")
    found = _short_forms_in_full(doc, [full], 0)
    assert [(m.start, m.end, m.text) for m in found] == [
        (0, 6, "Hartwell and Crane Shipping Holdings Plc"),
        (10, 13, "Hartwell and Crane"),
    ]
