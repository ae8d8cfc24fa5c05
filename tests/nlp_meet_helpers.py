"""Shared helpers for the actor/meeting/summary/eval tests: the real model and the app's own
annotation steps (`pipeline.analyse_doc`, `Annotator.annotate`), loaded once."""

from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsdesk.evaluation import run_eval
from newsdesk.models import Annotation
from newsdesk.nlp.pipeline import Analysis, Annotator, analyse_doc, doc_text, load_nlp


@lru_cache(maxsize=1)
def nlp() -> Any:
    return load_nlp()


@lru_cache(maxsize=1)
def _annotator() -> Annotator:
    return Annotator()


class Analysed(Analysis):
    """`pipeline.Analysis` with the meeting pairs, for short assertions."""

    def pairs(self) -> set[frozenset[str]]:
        return {frozenset(m.participants) for m in self.meetings}

    def shown_pairs(self) -> set[frozenset[str]]:
        """Pairs of the meetings the card shows (at or above the default confidence)."""
        return {frozenset(m.participants) for m in self.shown()}

    def shown(self) -> list[Any]:
        from newsdesk.nlp.meetings.rules import DEFAULT_MIN_CONFIDENCE

        return [m for m in self.meetings if m.confidence >= DEFAULT_MIN_CONFIDENCE]


def analyse(text: str, title: str | None = None, published: str | None = None) -> Analysed:
    """The annotator's own steps on one text (as `Annotator.annotate` runs them)."""
    full, body_start = doc_text(text, title)
    found = analyse_doc(nlp()(full), body_start, published)
    return Analysed(found.entities, found.actors, found.places, found.meetings, found.summary)


def annotate(text: str, title: str | None, published: str | None) -> Annotation:
    return _annotator().annotate(text, title, published)


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
