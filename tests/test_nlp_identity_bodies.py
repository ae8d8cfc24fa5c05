"""The store-wide index and bodies: short names shared by several companies, generic bodies of
different countries, legal forms, acronyms two names share, company names tagged as people."""

from __future__ import annotations

from newsdesk.models import Actor
from newsdesk.nlp.identity import ActorRegistry


def body(name: str, *aliases: str) -> Actor:
    return Actor(name, "ORG", aliases, 1)


def test_a_one_word_name_several_full_names_share_joins_none_of_them() -> None:
    reg = ActorRegistry()
    [canada] = reg.add_story("1", [body("Bell Canada Enterprises Inc", "Bell")])
    [southwestern] = reg.add_story("2", [body("Southwestern Bell Corp", "Bell")])
    [bare] = reg.add_story("3", [body("Bell")])
    assert len({reg.resolve(i) for i in (canada, southwestern, bare)}) == 3
    assert reg.entities[reg.resolve(bare)].name == "Bell"
    assert reg.entities[reg.resolve(canada)].stories == {"1"}


def test_a_one_word_name_joins_the_one_full_name_it_is_short_for() -> None:
    reg = ActorRegistry()
    [early] = reg.add_story("1", [body("Ford")])  # seen alone first
    [full] = reg.add_story("2", [body("Ford Motor Co", "Ford")])
    [later] = reg.add_story("3", [body("Ford")])
    assert reg.resolve(early) == reg.resolve(full) == reg.resolve(later)
    assert {"Ford", "Ford Motor Co"} <= set(reg.entities[reg.resolve(full)].all_names)


def test_a_one_word_company_name_is_not_a_person_of_that_surname() -> None:
    reg = ActorRegistry()
    [carol] = reg.add_story("1", [Actor("Carol Bell", "PERSON", (), 1)])
    reg.add_story("2", [body("Bell Canada Enterprises Inc", "Bell")])
    [bare] = reg.add_story("3", [body("Bell")])
    assert reg.resolve(bare) != reg.resolve(carol)


def test_generic_bodies_join_by_country_only() -> None:
    reg = ActorRegistry()
    [japan] = reg.add_story("1", [body("Finance Ministry (Japan)", "Finance Ministry")])
    [france] = reg.add_story("2", [body("Finance Ministry (France)", "Finance Ministry")])
    [again] = reg.add_story("3", [body("Finance Ministry (Japan)", "Japanese Finance Ministry")])
    assert reg.resolve(japan) != reg.resolve(france)
    assert reg.resolve(again) == reg.resolve(japan)
    # a generic name with no country (an older annotation) stays with its story
    [one] = reg.add_story("4", [body("Senate")])
    [two] = reg.add_story("5", [body("Senate")])
    assert one != two and reg.entities[one].stories == {"4"}


def test_a_company_joins_its_name_with_or_without_the_legal_form() -> None:
    reg = ActorRegistry()
    [short] = reg.add_story("1", [body("Morgan Stanley")])
    [full] = reg.add_story("2", [body("Morgan Stanley and Co Inc.")])
    [other] = reg.add_story("3", [body("Morgan Guaranty Ltd", "Morgan")])
    assert reg.resolve(short) == reg.resolve(full) != reg.resolve(other)


def test_an_acronym_two_unlike_names_share_joins_neither() -> None:
    reg = ActorRegistry()
    [council] = reg.add_story("1", [body("National Security Council", "NSC")])
    [railway] = reg.add_story("2", [body("Norfolk Southern Corp", "NSC")])
    assert reg.resolve(council) != reg.resolve(railway)
    [gm] = reg.add_story("3", [body("GM")])
    [motors] = reg.add_story("4", [body("General Motors Corp", "GM")])
    assert reg.resolve(gm) == reg.resolve(motors)


def test_a_company_name_tagged_as_a_person_is_an_organisation() -> None:
    reg = ActorRegistry()
    [eid] = reg.add_story("1", [Actor("Courier Corp", "PERSON", (), 1)])
    assert reg.entities[eid].kind == "organisation"


def test_two_bodies_of_the_bundled_table_never_join_through_an_acronym() -> None:
    reg = ActorRegistry()
    [asian] = reg.add_story("1", [body("Asian Development Bank", "ADB")])
    [african] = reg.add_story("2", [body("African Development Bank", "ADB")])
    assert reg.resolve(asian) != reg.resolve(african)


def test_a_short_name_that_turns_out_shared_stops_joining_the_first_full_name() -> None:
    reg = ActorRegistry()
    [lyons] = reg.add_story("1", [body("Allied Lyons Plc", "Allied")])
    reg.add_story("2", [body("Allied")])  # one full name with it so far: that one
    [stores] = reg.add_story("3", [body("Allied Stores Corp", "Allied")])
    [signal] = reg.add_story("4", [body("Allied-Signal Inc", "Allied")])
    [bare] = reg.add_story("5", [body("Allied")])
    [again] = reg.add_story("6", [body("Allied")])
    assert reg.resolve(bare) not in {reg.resolve(i) for i in (lyons, stores, signal)}
    assert reg.resolve(again) == reg.resolve(bare)
    assert reg.entities[reg.resolve(lyons)].stories == {"1", "2"}


def test_an_entry_named_by_the_short_name_itself_keeps_it() -> None:
    reg = ActorRegistry()
    [parent] = reg.add_story("1", [body("Citicorp", "Citicorp Investment Bank")])
    reg.add_story("2", [body("Citicorp Capital Investors Ltd", "Citicorp")])
    [bare] = reg.add_story("3", [body("Citicorp")])
    assert reg.resolve(bare) == reg.resolve(parent)
    assert [e.name for e in reg.entities.values()].count("Citicorp") == 1


def test_a_short_name_seen_alone_again_after_it_turned_out_shared_is_one_entry() -> None:
    reg = ActorRegistry()
    reg.add_story("1", [body("Ford")])
    [motor] = reg.add_story("2", [body("Ford Motor Co", "Ford")])  # takes the bare entry in
    reg.add_story("3", [body("Ford Motor Credit Co", "Ford")])
    [one] = reg.add_story("4", [body("Ford")])
    [two] = reg.add_story("5", [body("Ford")])
    assert reg.resolve(one) == reg.resolve(two) != reg.resolve(motor)
    names = [e.name for e in reg.entities.values()]
    assert names.count("Ford") == 1


def test_a_plural_or_a_legal_form_makes_no_other_company() -> None:
    reg = ActorRegistry()
    [a] = reg.add_story("1", [body("Moody's Investors Service Inc", "Moody's")])
    [b] = reg.add_story("2", [body("Moody's Investor Services")])
    [c] = reg.add_story("3", [body("Moody's")])
    assert reg.resolve(a) == reg.resolve(b) == reg.resolve(c)


def test_a_person_the_store_sees_with_a_legal_form_is_a_company() -> None:
    reg = ActorRegistry()
    [broker] = reg.add_story("1", [Actor("Alex. Brown", "PERSON", (), 1)])
    [firm] = reg.add_story("2", [body("Alex Brown Inc", "Alex Brown")])
    assert reg.resolve(broker) == reg.resolve(firm)
    assert reg.entities[reg.resolve(firm)].kind == "organisation"
    [someone] = reg.add_story("3", [Actor("Brown", "PERSON", (), 1)])
    assert reg.resolve(someone) != reg.resolve(firm)


def test_a_company_seen_first_keeps_a_person_tag_of_its_name_a_company() -> None:
    reg = ActorRegistry()
    [firm] = reg.add_story("1", [body("Alex Brown Inc", "Alex Brown")])
    [broker] = reg.add_story("2", [Actor("Alex. Brown", "PERSON", (), 1)])
    assert reg.resolve(broker) == reg.resolve(firm)
    assert reg.entities[reg.resolve(firm)].kind == "organisation"


def test_one_word_and_a_legal_form_is_one_company_and_owns_the_bare_word() -> None:
    reg = ActorRegistry()
    [group] = reg.add_story("1", [body("Bell Group Ltd")])
    [plc] = reg.add_story("2", [body("Bell Group Plc")])  # legal forms aside: the same
    [corp] = reg.add_story("3", [body("Bell Canada Enterprises Inc", "Bell")])
    [other] = reg.add_story("4", [body("Southwestern Bell Corp", "Bell")])
    assert reg.resolve(group) == reg.resolve(plc)
    assert len({reg.resolve(i) for i in (group, corp, other)}) == 3
    # with several companies sharing it, the one called just that (and a legal form) has it
    [bare] = reg.add_story("5", [body("Bell")])
    assert reg.resolve(bare) == reg.resolve(group)
    [boeing] = reg.add_story("6", [body("Boeing Co", "Boeing")])
    [company] = reg.add_story("7", [body("Boeing Company", "Boeing")])
    reg.add_story("8", [body("Boeing Computer Services", "Boeing")])
    [alone] = reg.add_story("9", [body("Boeing")])
    assert reg.resolve(alone) == reg.resolve(boeing) == reg.resolve(company)


def test_a_bare_word_seen_first_joins_the_company_called_it_when_that_comes() -> None:
    reg = ActorRegistry()
    reg.add_story("1", [body("Texaco-Pennzoil", "Pennzoil")])
    reg.add_story("1b", [body("Pennzoil Exploration Corp", "Pennzoil")])
    [bare] = reg.add_story("2", [body("Pennzoil")])  # shared already: its own entry for now
    [company] = reg.add_story("3", [body("Pennzoil Co")])
    [later] = reg.add_story("4", [body("Pennzoil")])
    assert reg.resolve(bare) == reg.resolve(company) == reg.resolve(later)


def test_an_acronym_written_with_s_still_joins_its_expansion() -> None:
    reg = ActorRegistry()
    [acronym] = reg.add_story("1", [body("IBM's")])
    reg.add_story("1b", [body("IBM's", "IBM")])
    reg.add_story("1c", [body("IBM")])
    [full] = reg.add_story("2", [body("International Business Machines", "IBM")])
    assert reg.resolve(acronym) == reg.resolve(full)


def test_a_name_written_with_s_is_no_company_of_that_word_with_a_legal_form() -> None:
    reg = ActorRegistry()
    [corp] = reg.add_story("1", [body("Chrysler Corp", "Chrysler")])
    reg.add_story("2", [body("Chrysler's")])
    reg.add_story("3", [body("Chrysler Canada", "Chrysler")])
    [bare] = reg.add_story("4", [body("Chrysler")])
    assert reg.resolve(bare) == reg.resolve(corp)
