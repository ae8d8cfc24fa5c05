"""Actors merged across mentions: surnames, acronyms, roles, the bundled table (real model)."""

from __future__ import annotations

from pathlib import Path

import pytest
from nlp_meet_helpers import Analysed, analyse, nlp

from newsdesk.models import Actor
from newsdesk.nlp.actors import build_actors, initials, known_bodies

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
