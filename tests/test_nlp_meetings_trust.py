"""Meetings a reader can trust, on invented sentences (real spaCy model): titled names, a body
beside its own head, meetings told twice, and the decoys each rule must not fire on."""

from __future__ import annotations

from nlp_meet_helpers import Analysed, analyse

PUBLISHED = "1987-11-19"


def one(text: str) -> Analysed:
    return analyse(text, published=PUBLISHED)


def names(found: Analysed) -> set[str]:
    return {a.name for a in found.actors.actors}


# --- a style of rank is part of a one-word name ---------------------------------------------------


def test_a_style_of_rank_stays_on_a_one_word_name() -> None:
    found = one(
        "BRUSSELS, Nov 19 - NATO Secretary-General Lord Penhallow received Spanish Defence "
        "Minister Arvid Lunde at the ministry here today.\n\nLunde told reporters after meeting "
        "Penhallow that the talks had gone well."
    )
    assert "Lord Penhallow" in names(found)
    assert found.pairs() == {frozenset({"Lord Penhallow", "Arvid Lunde"})}


def test_a_style_before_a_given_name_is_a_title() -> None:
    found = one("King Faisal Rahman received the envoy Pedro Alvarez in Riyadh on Monday.")
    assert "Faisal Rahman" in names(found)
    assert "King Faisal Rahman" not in names(found)
