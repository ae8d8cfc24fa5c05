"""Actors merged across mentions: surnames, acronyms, roles, the bundled table (real model)."""

from __future__ import annotations

from pathlib import Path

import pytest
from nlp_meet_helpers import Analysed, analyse, nlp

from newsdesk.models import Actor
from newsdesk.nlp.actors import build_actors
from newsdesk.nlp.actors_mentions import initials, known_bodies

SEED = Path(__file__).resolve().parent.parent / "seeds" / "libya-guterres-haftar.txt"


def by_name(result: Analysed) -> dict[str, Actor]:
    return {a.name: a for a in result.actors.actors}


@pytest.fixture(scope="module")
def seed() -> Analysed:
    title = "UN chief Guterres flies to eastern Libya for talks with Haftar"
    return analyse(SEED.read_text(encoding="utf-8"), title=title)


def test_seed_actors(seed: Analysed) -> None:
    actors = by_name(seed)
    guterres = actors["Antonio Guterres"]
    assert guterres.kind == "PERSON"
    assert guterres.role == "UN Secretary-General"
    assert "Guterres" in guterres.aliases
    haftar = actors["Khalifa Haftar"]
    assert "Haftar" in haftar.aliases and haftar.mentions >= 3
    assert actors["Fayez al-Sarraj"].kind == "PERSON"
    assert "UN" in actors["United Nations"].aliases
    assert actors["United Nations"].kind == "ORG"
    assert "LNA" in actors["Libyan National Army"].aliases
    assert "GNA" in actors["Government of National Accord"].aliases


def test_seed_salience_puts_meeting_actors_first(seed: Analysed) -> None:
    top = [a.name for a in seed.actors.actors[:5]]
    for name in ("Antonio Guterres", "Khalifa Haftar", "Fayez al-Sarraj"):
        assert name in top


def test_canonical_resolves_mentions_aliases_and_acronyms(seed: Analysed) -> None:
    index = seed.actors
    assert index.canonical("Haftar") == "Khalifa Haftar"
    assert index.canonical("LNA") == "Libyan National Army"
    assert index.canonical("the United Nations") == "United Nations"
    assert index.canonical("U.N.") == "United Nations"
    assert index.canonical("Haftar's") == "Khalifa Haftar"
    assert index.canonical("Nobody Inparticular") is None


def test_acronym_defined_in_text_joins_its_expansion() -> None:
    text = (
        "The Northern Liberation Front (NLF) rejected the offer on Monday. "
        "NLF fighters later withdrew from the town."
    )
    actors = by_name(analyse(text))
    assert "NLF" in actors["Northern Liberation Front"].aliases
    assert actors["Northern Liberation Front"].mentions == 2
    assert "NLF" not in actors


def test_bundled_table_expands_well_known_bodies() -> None:
    text = "NATO said on Monday that it would send more ships, and the IMF warned of a slowdown."
    actors = by_name(analyse(text))
    assert "NATO" in actors["North Atlantic Treaty Organization"].aliases
    assert "IMF" in actors["International Monetary Fund"].aliases
    assert known_bodies()["UN"] == "United Nations"


def test_titles_are_stripped_from_names_and_kept_as_role() -> None:
    text = (
        "French President Emmanuel Dubois spoke in Lyon on Monday. "
        "Mr Dubois said the plan was fair."
    )
    result = analyse(text)
    actors = by_name(result)
    dubois = actors["Emmanuel Dubois"]
    assert dubois.role is not None and "President" in dubois.role
    assert dubois.mentions == 2
    assert result.actors.canonical("President Dubois") == "Emmanuel Dubois"
    assert result.actors.canonical("Dubois's") == "Emmanuel Dubois"
    assert not any(name.startswith(("President", "Mr")) for name in actors)


def test_initials_match_an_organisation_in_the_text() -> None:
    text = "The Libyan National Army advanced on Tuesday. The LNA said it took the airport."
    actors = by_name(analyse(text))
    assert "LNA" in actors["Libyan National Army"].aliases
    assert initials("Libyan National Army") == "LNA"


def test_holders_finds_people_by_title() -> None:
    text = (
        "Sen. John Carver said on Monday he was confident. "
        "Sen. Paula Dunmore agreed with him. Governor Tim Walsh did not."
    )
    index = analyse(text).actors
    assert set(index.holders("senator")) == {"John Carver", "Paula Dunmore"}


def test_build_actors_counts_title_mentions() -> None:
    title = "Varga wins vote"
    text = "Tomas Varga won the vote in Budapest on Sunday."
    doc = nlp()(f"{title}\n\n{text}")
    index = build_actors(doc, len(title) + 2)
    varga = {a.name: a for a in index.actors}["Tomas Varga"]
    assert varga.mentions == 2
    assert index.at(doc[0].i) == "Tomas Varga"


def test_an_untagged_surname_still_counts_for_its_person() -> None:
    text = (
        "Trade minister Sophie Tremblay spoke on Monday. "
        "Tremblay is due to fly to Washington on Friday for talks with Karen Lee."
    )
    result = analyse(text)
    assert by_name(result)["Sophie Tremblay"].mentions == 2
    assert {frozenset(m.participants) for m in result.meetings} == {
        frozenset({"Sophie Tremblay", "Karen Lee"})
    }


def test_role_from_an_appositive_drops_the_possessive() -> None:
    result = analyse(
        "Jane Holloway held talks with her Austrian counterpart, Tomas Varga, in Vienna."
    )
    assert by_name(result)["Tomas Varga"].role == "Austrian counterpart"


# --- mentions that are not actors (places, nationality words, common words) -------------------


def actor_names(text: str, title: str | None = None) -> list[str]:
    return [a.name for a in analyse(text, title=title).actors.actors]


def test_countries_and_capitals_are_not_actors() -> None:
    text = (
        "Foreign Minister Odile Marchetti said on Tuesday that Niger and Benin would reopen "
        "their shared border. Traders in Niamey welcomed the news, and Mali said it would "
        "follow. Marchetti travels on to Chisinau next week."
    )
    names = actor_names(text)
    assert "Odile Marchetti" in names
    for place in ("Niger", "Benin", "Niamey", "Mali", "Chisinau"):
        assert place not in names


def test_nationality_words_are_not_actors() -> None:
    text = (
        "Prime Minister Teodor Vrancea received his Moldovan counterpart Irina Lupascu on "
        "Monday. Romanian engineers and Moldovan officials will survey the route together."
    )
    names = actor_names(text)
    assert {"Teodor Vrancea", "Irina Lupascu"} <= set(names)
    assert "Moldovan" not in names and "Romanian" not in names


def test_country_name_inside_an_organisation_name_stays() -> None:
    text = (
        "The Jordan Chamber of Commerce said exporters were losing money. Officials of the "
        "Niger Basin Authority met in the capital on Friday."
    )
    names = actor_names(text)
    assert "Jordan Chamber of Commerce" in names


def test_surname_that_is_also_a_place_stays_a_person() -> None:
    text = (
        "Senator Grace Lincoln met union leaders in Ohio on Monday. Lincoln said the talks "
        "had been useful."
    )
    actors = analyse(text).actors
    assert "Grace Lincoln" in [a.name for a in actors.actors]
    assert actors.canonical("Lincoln") == "Grace Lincoln"


def test_lowercase_and_sentence_opening_words_are_not_actors() -> None:
    text = (
        "Heavy rains flooded the valley on Sunday. The national tea board said some farms of "
        "guava and pomelo were lost. Director Pablo Ordonez of the Highland Growers "
        "Association said repairs would take weeks."
    )
    names = actor_names(text)
    assert not any(n == n.lower() for n in names)
    assert "Heavy" not in names
    assert "Pablo Ordonez" in names


def test_geographic_features_are_not_actors() -> None:
    text = (
        "Engineers will build a bridge across the Dravica River by next year. Lorries have "
        "queued for days at the Kostel border crossing. The Lower Tarnava is at its lowest "
        "in years, and farmers in the Tarnava Delta have lost crops, the Tarnava River "
        "Commission said."
    )
    names = actor_names(text)
    for feature in ("Dravica", "Dravica River", "Kostel", "Lower Tarnava"):
        assert feature not in names
    assert "Tarnava River Commission" in names


def test_unknown_place_joined_to_a_tagged_place_is_not_an_actor() -> None:
    text = (
        "In Guatemala, the highland regions of Huehuetenango and Alta Verapaz reported "
        "washed-out bridges on Thursday, the relief agency CARE said."
    )
    assert "Alta Verapaz" not in actor_names(text)


def test_full_names_listed_after_countries_stay_people() -> None:
    text = (
        "The leaders of Latvia, Estonia and Finland, Janis Ozols, Kadri Tamm and Mikko "
        "Laine, met in Riga on Friday to discuss power links."
    )
    names = actor_names(text)
    assert {"Janis Ozols", "Kadri Tamm"} <= set(names)


def test_ministers_portfolio_is_not_an_organisation() -> None:
    text = (
        "Energy Minister Lars Berglund met Secretary of State Anna Pike on Monday. "
        "Berglund said the talks were useful."
    )
    names = actor_names(text)
    assert "Energy" not in names and "State" not in names
    assert "Lars Berglund" in names


def test_name_after_a_title_tagged_as_a_place_is_a_person() -> None:
    from newsdesk.nlp.actors_mentions import mentions_of

    doc = nlp()("She held talks with the fund's director, Amara Okafor, about reform.")
    spans = [(m.text, m.kind) for m in mentions_of(doc, 0)]
    assert ("Amara Okafor", "PERSON") in spans


def test_a_given_name_the_tagger_left_out_joins_the_surname() -> None:
    text = (
        "The bloc's special envoy for the Sahel, Mamadou Kone, held talks with ministers "
        'in Niamey on Monday. "We agreed on a plan," Kone said after the meeting.'
    )
    from newsdesk.nlp.actors_mentions import mentions_of

    doc = nlp()(text)
    assert "Mamadou Kone" in [m.text for m in mentions_of(doc, 0)]
    actors = analyse(text).actors
    assert actors.canonical("Kone") == "Mamadou Kone"


def test_family_name_written_first_joins_the_full_name() -> None:
    actors = analyse(
        "South Korea's new envoy, Choi Min-jun, met President Ramon Villanueva on Thursday. "
        "Choi said Korean firms were studying several projects."
    ).actors
    assert actors.canonical("Choi") == "Choi Min-jun"
    assert [a.name for a in actors.actors].count("Choi") == 0


def test_company_named_like_a_town_stays_but_a_capital_speaking_goes() -> None:
    names = actor_names(
        "Hitachi said on Monday it would cut 2,000 jobs, and Hitachi shares fell. "
        "Chisinau would be able to import more power, officials said."
    )
    assert "Hitachi" in names
    assert "Chisinau" not in names


def test_role_stops_at_the_other_name_of_a_coordination() -> None:
    actors = by_name(
        analyse(
            "Trade Minister Paula Reyes and Farm Minister Hugo Salas met bankers in Lima on "
            "Tuesday."
        )
    )
    assert actors["Hugo Salas"].role == "Farm Minister"


def test_surname_glued_to_the_next_title_by_a_comma_is_the_person() -> None:
    result = analyse(
        "Norwegian Trade Minister Erik Halvorsen arrived on Monday. After talks with Halvorsen, "
        "Trade Secretary Paulo Mendes said exports would rise."
    )
    names = [a.name for a in result.actors.actors]
    assert not any("," in n for n in names), names
    assert result.actors.canonical("Halvorsen") == "Erik Halvorsen"
    assert frozenset({"Erik Halvorsen", "Paulo Mendes"}) in result.pairs()


def test_organisation_with_a_comma_in_its_name_is_kept() -> None:
    names = actor_names(
        "Shares of Smith, Barney and Co rose on Monday after Smith, Barney said profits doubled."
    )
    assert not any(n in ("Smith", "Barney") for n in names), names
