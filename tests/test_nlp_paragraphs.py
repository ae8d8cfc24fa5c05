"""A headline or dateline paragraph never runs into the body's first sentence."""

from newsdesk.nlp.pipeline import Annotator, doc_text, load_nlp


def test_line_break_starts_a_sentence() -> None:
    nlp = load_nlp()
    text, _ = doc_text(
        "Ministers gather in Quito\n\nOla Berg and Ana Pereira met in Quito on Monday.",
        "Ports and rivers",
    )
    sentences = [s.text.strip() for s in nlp(text).sents]
    assert "Ola Berg and Ana Pereira met in Quito on Monday." in sentences
    assert "Ports and rivers" in sentences


def test_meeting_in_first_sentence_after_a_headline_without_full_stop() -> None:
    annotation = Annotator().annotate(
        "Foreign Minister Ola Berg and Trade Minister Ana Pereira met in Quito on Monday to "
        "discuss fishing quotas.",
        title="Nordic and Andean ministers talk fish",
        published="2026-11-20T10:00:00+00:00",
    )
    pairs = [set(m.participants) for m in annotation.meetings]
    assert {"Ola Berg", "Ana Pereira"} in pairs


def test_story_date_reaches_place_analysis() -> None:
    text = (
        "TASHKENT - Soviet engineers built the canal network that still feeds cotton fields "
        "across the region, and Soviet planners set the water quotas that farmers complain about "
        "today. The irrigation agency said repairs would start in spring."
    )
    annotator = Annotator()
    today = annotator.annotate(text, published="2026-11-20T10:00:00+00:00")
    then = annotator.annotate(text, published="1987-03-02T10:00:00+00:00")
    assert today.countries == ("Uzbekistan",)
    assert then.countries == ("Soviet Union",)
