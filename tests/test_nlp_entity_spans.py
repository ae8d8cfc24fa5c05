"""Entity spans the small model cuts short or mislabels, and their decoys (invented sentences,
real spaCy model; the spans are set by hand as the model's slip would leave them)."""

from __future__ import annotations

from nlp_meet_helpers import nlp
from spacy.tokens import Doc, Span

from newsdesk.nlp.entity_spans import repaired_spans
from newsdesk.nlp.places import is_known_place


def span_of(doc: Doc, text: str, label: str) -> Span:
    found = doc.text.index(text)
    span = doc.char_span(found, found + len(text), label=label)
    assert span is not None
    return span


def repaired(text: str, cut: str, label: str = "ORG") -> list[tuple[str, str]]:
    doc = nlp()(text)
    return [
        (s.text, s.label_) for s in repaired_spans(doc, [span_of(doc, cut, label)], is_known_place)
    ]


# --- a body's name cut before its last word -----------------------------------------------------


def test_a_name_cut_before_the_word_its_last_word_modifies_takes_that_word() -> None:
    spans = repaired(
        "Ruritanian officials met the Office of the Federal Fisheries Commissioner today.",
        "Office of the Federal Fisheries",
    )
    assert spans == [("Office of the Federal Fisheries Commissioner", "ORG")]


def test_a_title_before_a_persons_name_is_not_taken_into_the_body() -> None:
    spans = repaired(
        "The Bank of Ruritania Governor Ann Lee met bankers today.", "Bank of Ruritania"
    )
    assert spans == [("Bank of Ruritania", "ORG")]


def test_a_body_followed_by_a_lower_case_word_is_left_alone() -> None:
    spans = repaired(
        "Officials of the Office of Fair Trading said prices rose.", "Office of Fair Trading"
    )
    assert spans == [("Office of Fair Trading", "ORG")]


# --- a city tagged as a nationality -------------------------------------------------------------


def test_a_known_city_tagged_as_a_nationality_after_in_is_a_place() -> None:
    spans = repaired("The ministers will meet in Nairobi next week.", "Nairobi", "NORP")
    assert spans == [("Nairobi", "GPE")]


def test_a_nationality_after_in_stays_a_nationality() -> None:
    spans = repaired("Fishing boats were seized in Kenyan waters.", "Kenyan", "NORP")
    assert spans == [("Kenyan", "NORP")]


def test_a_city_tagged_as_a_nationality_with_no_preposition_is_left_alone() -> None:
    spans = repaired("Nairobi officials said prices rose.", "Nairobi", "NORP")
    assert spans == [("Nairobi", "NORP")]


# --- a nationality and a portfolio that open a coordinated title --------------------------------


def test_a_nationality_and_portfolio_before_a_coordinated_title_is_no_body() -> None:
    spans = repaired(
        "Bolivian Energy and Mines Minister Ana Ruiz arrived on Sunday.", "Bolivian Energy"
    )
    assert spans == []


def test_a_company_named_with_a_nationality_before_and_is_kept() -> None:
    spans = repaired("Bolivian Energy and Zenith Mining Corp agreed to merge.", "Bolivian Energy")
    assert spans == [("Bolivian Energy", "ORG")]


def test_a_company_name_before_a_coordinated_title_is_kept() -> None:
    spans = repaired("Acme Energy and Mines Minister Ana Ruiz met today.", "Acme Energy")
    assert spans == [("Acme Energy", "ORG")]
