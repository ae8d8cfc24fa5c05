"""`newsdesk annotate`: JSON Lines of stories in, one JSON line of annotation out per story.

Input lines: {"id", "text", optional "title", "published"}. Output lines keep the input order and
carry the same id. A line that cannot be annotated (bad JSON, no text, wrong types) gets an error
line {"id", "line", "error"} instead. The input is streamed: lines are read as the workers need
them, so a file of any size runs in bounded memory.
"""

from __future__ import annotations

import json
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from newsdesk.models import Annotation
from newsdesk.nlp.pipeline import Annotator, Failure, Item, ModelMissing

_FLUSH_EVERY = 64


@dataclass
class _Line:
    number: int
    id: Any
    item: Item | None = None
    error: str | None = None


def _parse(number: int, raw: str) -> _Line:
    try:
        data = json.loads(raw)
    except ValueError as exc:
        return _Line(number, None, error=f"invalid JSON: {exc}")
    if not isinstance(data, dict):
        return _Line(number, None, error="not a JSON object")
    story_id = data.get("id")
    if isinstance(story_id, bool) or not isinstance(story_id, str | int):
        bad = story_id if isinstance(story_id, str | int | float) else None
        return _Line(number, bad, error="'id' must be a string or an integer")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        return _Line(number, story_id, error="'text' must be a non-empty string")
    fields: list[str | None] = []
    for key in ("title", "published"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            return _Line(number, story_id, error=f"'{key}' must be a string")
        fields.append(value or None)
    return _Line(number, story_id, item=(text, fields[0], fields[1]))


def _lines(infile: TextIO) -> Iterator[_Line]:
    number = 0
    while True:
        try:
            raw = infile.readline()
        except UnicodeDecodeError as exc:
            number += 1
            yield _Line(number, None, error=f"cannot decode line: {exc.reason}")
            continue
        if not raw:
            return
        number += 1
        if raw.strip():
            yield _parse(number, raw)


def output_record(story_id: Any, annotation: Annotation) -> dict[str, Any]:
    """The JSON object written for one annotated story."""
    return {
        "id": story_id,
        "entities": [
            {"text": e.text, "label": e.label, "start": e.start, "end": e.end}
            for e in annotation.entities
        ],
        "actors": [
            {"name": a.name, "kind": a.kind, "aliases": list(a.aliases), "mentions": a.mentions}
            for a in annotation.actors
        ],
        "places": [
            {"text": p.text, "country": p.country, "region": p.region, "subregion": p.subregion}
            for p in annotation.places
        ],
        "countries": list(annotation.countries),
        "regions": list(annotation.regions),
        "meetings": [
            {
                "participants": list(m.participants),
                "place": m.place,
                "country": m.country,
                "when": m.when,
                "date": m.date,
                "status": m.status,
                "mode": m.mode,
                "topic": m.topic,
                "evidence": m.evidence,
                "confidence": m.confidence,
                "rules": list(m.rules),
            }
            for m in annotation.meetings
        ],
        "summary": annotation.summary,
    }


def run_annotate(infile: TextIO, out: TextIO, processes: int = 1, model: str | None = None) -> int:
    """Annotate JSON Lines from `infile` to `out`: 0 when every line was annotated, 1 when some
    were not, 2 when no spaCy model is installed (the message goes to stderr)."""
    annotator = Annotator(model, processes=processes)
    try:
        annotator.nlp  # noqa: B018 - fail early, before any output, when no model is installed
    except ModelMissing as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return 2
    pending: deque[_Line] = deque()
    failed = 0
    written = 0

    def items() -> Iterator[Item]:
        for line in _lines(infile):
            pending.append(line)
            if line.item is not None:
                yield line.item

    def write(record: dict[str, Any]) -> None:
        nonlocal written
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        written += 1
        if written % _FLUSH_EVERY == 0:
            out.flush()

    def write_errors() -> None:
        nonlocal failed
        while pending and pending[0].error is not None:
            line = pending.popleft()
            write({"id": line.id, "line": line.number, "error": line.error})
            failed += 1

    with annotator:
        for result in annotator.annotate_stream(items()):
            write_errors()
            line = pending.popleft()
            if isinstance(result, Failure):
                write({"id": line.id, "line": line.number, "error": result.error})
                failed += 1
            else:
                write(output_record(line.id, result))
        write_errors()
    out.flush()
    return 1 if failed else 0


__all__ = ["output_record", "run_annotate"]
