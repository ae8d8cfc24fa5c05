"""Huge inputs: titles and texts are capped before annotation, and a story that still fails
fails alone (with its reason) while the stories around it are annotated. Real spaCy model."""

from __future__ import annotations

import io
import json

import pytest

from newsdesk.models import Annotation
from newsdesk.nlp import pipeline
from newsdesk.nlp.annotate import run_annotate
from newsdesk.nlp.pipeline import (
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    Annotator,
    Failure,
    cap_text,
    cap_title,
    load_nlp,
)

HUGE_TITLE = "Khalifa Haftar visits Benghazi again " * 32_500  # about 1.2 MB, over spaCy's limit
OSLO = (
    "Foreign minister Maria Lopez met her counterpart John Carter in Oslo on Monday to discuss "
    "fishing rights. Lopez told reporters in Oslo the talks went well."
)
LIMA = "Trade minister Ana Ruiz met Peter Novak in Lima on Tuesday. Ruiz said they agreed."


def test_caps_leave_a_story_of_any_use_well_under_what_spacy_accepts() -> None:
    assert len(HUGE_TITLE) > load_nlp().max_length
    assert 100 <= MAX_TITLE_CHARS <= 1_000
    assert 10_000 <= MAX_TEXT_CHARS <= 100_000
    assert load_nlp().max_length > MAX_TITLE_CHARS + MAX_TEXT_CHARS + 3


def test_a_long_text_is_cut_at_the_last_paragraph_end_before_the_cap() -> None:
    paragraph = "Maria Lopez met John Carter in Oslo. They talked about fish. " * 5
    text = "\n\n".join(f"{i}. {paragraph}" for i in range(200))
    cut = cap_text(text, 2_000)
    assert len(cut) <= 2_000 and text.startswith(cut)  # a prefix: offsets stay valid
    assert text[len(cut) : len(cut) + 2] == "\n\n"  # a whole paragraph is kept
    assert len(cut) >= 1_600


def test_a_text_without_paragraphs_is_cut_at_a_sentence_then_a_word_end() -> None:
    sentences = "Maria Lopez met John Carter in Oslo on Monday. " * 100
    cut = cap_text(sentences, 1_000)
    assert cut.endswith("Monday.") and sentences.startswith(cut) and len(cut) <= 1_000
    words = "word " * 500
    cut = cap_text(words, 1_002)
    assert cut.endswith("word") and len(cut) <= 1_002
    solid = "x" * 5_000
    assert cap_text(solid, 1_000) == "x" * 1_000
    assert cap_text(OSLO) == OSLO  # short texts are untouched


def test_a_huge_title_is_cut_at_a_word_end_and_marked() -> None:
    title = cap_title(HUGE_TITLE)
    assert title is not None and len(title) <= MAX_TITLE_CHARS + 1
    assert title.endswith("…") and HUGE_TITLE.startswith(title[:-1])
    assert title[:-1].endswith("Benghazi again") or title[:-1].endswith(("Khalifa", "Haftar"))
    assert cap_title("Short title") == "Short title" and cap_title(None) is None


def test_a_huge_title_does_not_stop_its_batch() -> None:
    items = [(OSLO, HUGE_TITLE, None), (LIMA, "Ruiz in Lima", None)]
    results = list(Annotator().annotate_stream(items))
    assert all(isinstance(r, Annotation) and r.error is None for r in results)
    first, second = results
    assert isinstance(first, Annotation) and isinstance(second, Annotation)
    assert "Norway" in first.countries and "Peru" in second.countries
    assert all(OSLO[e.start : e.end] == e.text for e in first.entities)


@pytest.fixture
def short_spacy_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    """spaCy refuses texts over nlp.max_length: lower it so one ordinary story is refused."""
    monkeypatch.setattr(load_nlp(), "max_length", 3_000)
    return 3_000


def test_a_story_spacy_refuses_fails_alone_with_its_reason(short_spacy_limit: int) -> None:
    refused = "Maria Lopez met John Carter in Oslo. " * 100  # 3,700 characters
    items = [(OSLO, None, None), (refused, None, None), (LIMA, None, None)]
    results = list(Annotator(batch_size=8).annotate_stream(items))
    assert len(results) == 3
    ok_first, failed, ok_last = results
    assert isinstance(ok_first, Annotation) and "Norway" in ok_first.countries
    assert isinstance(ok_last, Annotation) and "Peru" in ok_last.countries
    assert isinstance(failed, Failure)
    assert failed.error.startswith("ValueError: [E088] Text of length 3700 exceeds maximum")
    assert "\n" not in failed.error and len(failed.error) < 200
    assert failed.partial.error == failed.error
    assert failed.partial.pipeline_version == pipeline.PIPELINE_VERSION
    # annotate_many (what the reader and refresh use) keeps the reason too
    many = list(Annotator().annotate_many(items))
    assert many[1].error == failed.error and not many[0].error and not many[2].error


def test_the_annotate_command_takes_a_huge_title() -> None:
    lines = [
        json.dumps({"id": "huge", "title": HUGE_TITLE, "text": OSLO}),
        json.dumps({"id": "next", "text": LIMA}),
    ]
    out = io.StringIO()
    assert run_annotate(io.StringIO("\n".join(lines) + "\n"), out) == 0
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in records] == ["huge", "next"]
    assert "Norway" in records[0]["countries"] and "Peru" in records[1]["countries"]


def test_the_annotate_command_reports_a_refused_story_and_goes_on(short_spacy_limit: int) -> None:
    refused = "Maria Lopez met John Carter in Oslo. " * 100
    lines = [
        json.dumps({"id": 1, "text": OSLO}),
        json.dumps({"id": 2, "text": refused}),
        json.dumps({"id": 3, "text": LIMA}),
    ]
    out = io.StringIO()
    assert run_annotate(io.StringIO("\n".join(lines) + "\n"), out) == 1
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in records] == [1, 2, 3]
    assert "Norway" in records[0]["countries"] and "Peru" in records[2]["countries"]
    assert records[1]["line"] == 2 and "exceeds maximum" in records[1]["error"]
