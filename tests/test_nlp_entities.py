"""Entity corrections (`newsdesk_entity_fixes`) with the real small English model."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsdesk.nlp.entities import LABELS, EntityFixes, body_entities
from newsdesk.nlp.pipeline import load_nlp


def ents(text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in load_nlp()(text).ents]


def label_of(text: str, name: str) -> str | None:
    found = [label for t, label in ents(text) if t == name]
    return found[0] if found else None


def refix(nlp: Language, text: str, spans: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Run the fixes on a parsed text whose entities are set by hand to a given slip."""
    doc = nlp(text)
    chosen: list[Span] = []
    pos = 0
    for phrase, label in spans:  # in text order
        start = text.index(phrase, pos)
        pos = start + len(phrase)
        span = doc.char_span(start, pos, label=label)
        assert span is not None, phrase
        chosen.append(span)
    doc.ents = chosen
    fixed: Doc = EntityFixes()(doc)
    return [(e.text, e.label_) for e in fixed.ents]


def test_the_fixes_run_right_after_ner() -> None:
    names = load_nlp().pipe_names
    assert names.index("newsdesk_entity_fixes") == names.index("ner") + 1


def test_a_bare_surname_tagged_org_after_the_full_name_is_a_person() -> None:
    text = (
        "The renewed fighting is a setback for Khalifa Haftar. Diplomats tried to mediate "
        "between Haftar and Government of National Accord head Fayez al-Sarraj."
    )
    found = ents(text)
    assert ("Haftar", "PERSON") in found
    assert ("Government of National Accord", "ORG") in found
    assert not any(t.startswith("Haftar and") for t, _ in found)


def test_a_surname_is_not_relabelled_before_the_full_name_appears() -> None:
    nlp = load_nlp()
    text = "Warren Group said profits rose. Later Elizabeth Warren spoke."
    fixed = refix(nlp, text, [("Warren Group", "ORG"), ("Elizabeth Warren", "PERSON")])
    assert ("Warren Group", "ORG") in fixed


def test_a_surname_tagged_org_by_the_model_becomes_person() -> None:
    nlp = load_nlp()
    text = "Khalifa Haftar spoke on Monday. Haftar said the army would advance."
    fixed = refix(nlp, text, [("Khalifa Haftar", "PERSON"), ("Haftar", "ORG")])
    assert fixed == [("Khalifa Haftar", "PERSON"), ("Haftar", "PERSON")]


def test_an_untagged_surname_after_the_full_name_is_tagged_person() -> None:
    nlp = load_nlp()
    text = "Khalifa Haftar spoke on Monday. Later Haftar left."
    fixed = refix(nlp, text, [("Khalifa Haftar", "PERSON")])
    assert fixed == [("Khalifa Haftar", "PERSON"), ("Haftar", "PERSON")]


def test_a_platform_used_as_a_medium_is_dropped() -> None:
    found = ents("Antonio Guterres wrote on Twitter that the talks must go on.")
    assert ("Antonio Guterres", "PERSON") in found
    assert all(t != "Twitter" for t, _ in found)
    coordinated = ents("The president posted the message on Telegram and YouTube.")
    assert all(t not in ("Telegram", "YouTube") for t, _ in coordinated)


def test_a_platform_acting_is_an_organisation_not_a_person() -> None:
    assert label_of("Twitter said on Monday it had suspended the account.", "Twitter") == "ORG"


def test_a_gazetteer_town_tagged_org_becomes_gpe() -> None:
    assert label_of("Militia fighters captured Gharyan on Thursday.", "Gharyan") == "GPE"
    assert label_of("Rebels entered Zawiya, a coastal town west of the capital.", "Zawiya") == (
        "GPE"
    )


def test_an_organisation_that_is_no_place_stays_an_organisation() -> None:
    nlp = load_nlp()
    text = "Reuters reported that shares of Apple fell."
    fixed = refix(nlp, text, [("Reuters", "ORG"), ("Apple", "ORG")])
    assert fixed == [("Reuters", "ORG"), ("Apple", "ORG")]


def test_a_leading_the_and_a_possessive_are_cut_off() -> None:
    nlp = load_nlp()
    text = "Officials said the United Nations' envoy and Libya's army met."
    fixed = refix(nlp, text, [("the United Nations'", "ORG"), ("Libya's", "GPE")])
    assert fixed == [("United Nations", "ORG"), ("Libya", "GPE")]


def test_the_hague_keeps_its_article() -> None:
    nlp = load_nlp()
    text = "The court in The Hague ruled on Friday."
    assert refix(nlp, text, [("The Hague", "GPE")]) == [("The Hague", "GPE")]


def test_titles_are_split_off_a_person() -> None:
    nlp = load_nlp()
    text = "UN Secretary-General Antonio Guterres flew to Libya."
    fixed = refix(nlp, text, [("UN Secretary-General Antonio Guterres", "PERSON")])
    assert fixed == [("Antonio Guterres", "PERSON")]
    text = "Prime Minister Abiy Ahmed spoke."
    assert refix(nlp, text, [("Prime Minister Abiy Ahmed", "PERSON")]) == [("Abiy Ahmed", "PERSON")]


def test_a_name_is_not_mistaken_for_a_title() -> None:
    nlp = load_nlp()
    text = "John Major and Fayez al-Sarraj spoke."
    fixed = refix(nlp, text, [("John Major", "PERSON"), ("Fayez al-Sarraj", "PERSON")])
    assert fixed == [("John Major", "PERSON"), ("Fayez al-Sarraj", "PERSON")]


def test_an_entity_running_into_a_parenthesis_is_split() -> None:
    nlp = load_nlp()
    text = "The Organization of Islamic Cooperation (OIC) said it was concerned."
    fixed = refix(nlp, text, [("The Organization of Islamic Cooperation (OIC", "ORG")])
    assert fixed == [("Organization of Islamic Cooperation", "ORG"), ("OIC", "ORG")]


def test_body_entities_have_offsets_into_the_body_and_skip_the_title() -> None:
    nlp = load_nlp()
    title = "Macron in Berlin"
    body = "French President Emmanuel Macron met Olaf Scholz in Berlin on Monday."
    doc = nlp(f"{title}\n\n{body}")
    found = body_entities(doc, len(title) + 2)
    assert found, "the body has entities"
    for entity in found:
        assert body[entity.start : entity.end] == entity.text
        assert entity.label in LABELS
    assert {e.text for e in found} >= {"Emmanuel Macron", "Olaf Scholz", "Berlin", "Monday"}
    assert [e.start for e in found if e.text == "Berlin"] == [body.index("Berlin")]
