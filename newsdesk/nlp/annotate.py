"""`newsdesk annotate`: JSON Lines of stories in, one JSON line of annotation out per story.

Input lines: {"id", "text", optional "title", "published"}. Output lines keep the input order and
carry the same id. A line that cannot be annotated (bad JSON, no text, wrong types) gets an error
line {"id", "line", "error"} instead. The input is streamed: lines are read as the workers need
them, so a file of any size runs in bounded memory.
"""

from __future__ import annotations

import json
import math
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any, TextIO

from newsdesk.models import Annotation, annotation_json
from newsdesk.nlp.identity import ActorRegistry
from newsdesk.nlp.identity_entity import canonical_items
from newsdesk.nlp.pipeline import Annotator, Failure, Item, ModelMissing

_FLUSH_EVERY = 64
MAX_LINE_BYTES = 10_000_000
"""A longer input line gets an error line (and is read past) instead of filling memory."""


@dataclass
class _Line:
    number: int
    id: Any
    item: Item | None = None
    error: str | None = None


def _no_constant(name: str) -> Any:
    """json.loads hook for NaN, Infinity and -Infinity, which are not JSON."""
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number {text} is too large")
    return value


def _surrogate(value: str) -> str | None:
    """Where a lone surrogate (not valid Unicode, not writable as UTF-8) is in `value`."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"a lone surrogate U+{ord(value[exc.start]):04X} at character {exc.start + 1}"
    return None


def _parse(number: int, raw: str) -> _Line:
    """Check one input line's shape: an object, `id` a string or number, `text` a non-empty
    string, `title` and `published` strings when given; every string valid Unicode."""
    try:
        data = json.loads(raw, parse_constant=_no_constant, parse_float=_finite_float)
    except ValueError as exc:  # JSONDecodeError, a non-finite or over-long number
        return _Line(number, None, error=f"invalid JSON: {exc}")
    except RecursionError:
        return _Line(number, None, error="invalid JSON: nested too deeply")
    if not isinstance(data, dict):
        return _Line(number, None, error=f"not a JSON object but {_json_type(data)}")
    story_id = data.get("id")
    if isinstance(story_id, bool) or not isinstance(story_id, str | int | float):
        return _Line(number, None, error="'id' must be a string or a number")
    if isinstance(story_id, str) and (where := _surrogate(story_id)):
        return _Line(number, None, error=f"'id' is not valid Unicode: {where}")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        return _Line(number, story_id, error="'text' must be a non-empty string")
    fields: list[str | None] = []
    for key in ("title", "published"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            return _Line(number, story_id, error=f"'{key}' must be a string")
        fields.append(value or None)
    for key, value in (("text", text), ("title", fields[0]), ("published", fields[1])):
        if value is not None and (where := _surrogate(value)):
            return _Line(number, story_id, error=f"'{key}' is not valid Unicode: {where}")
    return _Line(number, story_id, item=(text, fields[0], fields[1]))


def _json_type(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return "a number"


def _raw_lines(infile: IO[bytes] | TextIO) -> Iterator[tuple[bytes | str, bool]]:
    """Each line of `infile` (bytes or text) and whether it was cut at MAX_LINE_BYTES."""
    while True:
        raw: bytes | str = infile.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        if len(raw) <= MAX_LINE_BYTES or raw[-1:] in (b"\n", "\n"):
            yield raw, False
            continue
        yield raw[:0], True
        while raw and raw[-1:] not in (b"\n", "\n"):  # read past the rest of the long line
            raw = infile.readline(MAX_LINE_BYTES + 1)


def _lines(infile: IO[bytes] | TextIO) -> Iterator[_Line]:
    """The non-blank input lines, parsed; a line that is not UTF-8 costs only that line."""
    for number, (raw, too_long) in enumerate(_raw_lines(infile), start=1):
        if too_long:
            yield _Line(number, None, error=f"line longer than {MAX_LINE_BYTES:,} bytes")
            continue
        if isinstance(raw, bytes):
            try:
                text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield _Line(number, None, error=f"not UTF-8 (byte {exc.start + 1} of the line)")
                continue
        else:
            text = raw
        if text.strip():
            yield _parse(number, text)


def output_record(
    story_id: Any, annotation: Annotation, actors: ActorRegistry | None = None
) -> dict[str, Any]:
    """The JSON object written for one annotated story: the same keys as `stories --json`,
    plus the entities and places. With `actors` (the index of the lines so far), each actor
    under its canonical name with its id, as `stories --json` gives them."""
    record = {"id": story_id, **annotation_json(annotation, spans=True)}
    if actors is not None:
        key = f"line:{len(actors.stories)}"
        actors.add_story(key, annotation.actors)
        record["actors"] = canonical_items(record["actors"], actors.story_entities(key))
    return record


def run_annotate(
    infile: IO[bytes] | TextIO,
    out: TextIO,
    processes: int = 1,
    model: str | None = None,
    name: str = "input",
) -> int:
    """Annotate JSON Lines from `infile` (`name` in messages) to `out`: 0 when every line was
    annotated, 1 when some were not, 2 when no spaCy model is installed (messages on stderr).

    Read `infile` as bytes when you can: each line is then decoded on its own, so a line that
    is not UTF-8 gets its error line and the lines after it are still read."""
    annotator = Annotator(model, processes=processes)
    try:
        annotator.nlp  # noqa: B018 - fail early, before any output, when no model is installed
    except ModelMissing as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return 2
    pending: deque[_Line] = deque()
    registry = ActorRegistry()  # actors across the lines, as the store's index joins them
    failed = 0
    written = 0

    def items() -> Iterator[Item]:
        for line in _lines(infile):
            pending.append(line)
            if line.item is not None:
                yield line.item

    def write(record: dict[str, Any], number: int) -> None:
        nonlocal written, failed
        try:
            text = _strict_json(record)
        except ValueError as exc:  # never expected: an annotation is made of finite numbers
            failed += 0 if "error" in record else 1
            problem = f"cannot write the result as JSON: {exc}"
            text = _strict_json({"id": None, "line": number, "error": problem})
        out.write(text + "\n")
        written += 1
        if written % _FLUSH_EVERY == 0:
            out.flush()

    def write_errors() -> None:
        nonlocal failed
        while pending and pending[0].error is not None:
            line = pending.popleft()
            failed += 1
            write({"id": line.id, "line": line.number, "error": line.error}, line.number)

    with annotator:
        for result in annotator.annotate_stream(items()):
            write_errors()
            line = pending.popleft()
            if isinstance(result, Failure):
                failed += 1
                write({"id": line.id, "line": line.number, "error": result.error}, line.number)
            else:
                write(output_record(line.id, result, registry), line.number)
        write_errors()
    out.flush()
    if failed:
        print(
            f"newsdesk: {name}: {failed} of {written} lines not annotated "
            "(their output lines say why)",
            file=sys.stderr,
        )
    return 1 if failed else 0


def _strict_json(record: dict[str, Any]) -> str:
    """`record` as strict JSON that is also valid UTF-8: ValueError for NaN or Infinity, and
    UnicodeEncodeError (a ValueError) for a lone surrogate."""
    text = json.dumps(record, ensure_ascii=False, allow_nan=False)
    text.encode("utf-8")
    return text


__all__ = ["MAX_LINE_BYTES", "output_record", "run_annotate"]
