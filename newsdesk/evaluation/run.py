"""Reading the gold (and the texts it points to) and running the app's own annotator over it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, TextIO

from newsdesk.evaluation.report import report, rules_report
from newsdesk.evaluation.scoring import Annotate, score_story


def _default_annotate(min_confidence: float | None) -> Annotate:
    from newsdesk.nlp.pipeline import Annotator

    annotator = Annotator() if min_confidence is None else Annotator(min_confidence=min_confidence)
    return annotator.annotate


def _iso_day(stamp: Any) -> str | None:
    """ "6-MAR-1987 12:53:20.39" (a wire timestamp) or an ISO date -> "1987-03-06"."""
    if not isinstance(stamp, str):
        return None
    if re.match(r"\d{4}-\d{2}-\d{2}", stamp):
        return stamp[:10]
    found = re.match(r"(\d{1,2})-([A-Za-z]{3})-(\d{4})", stamp.strip())
    if not found:
        return None
    months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    month = found.group(2).lower()
    if month not in months:
        return None
    return f"{found.group(3)}-{months.index(month) + 1:02d}-{int(found.group(1)):02d}"


class GoldError(ValueError):
    """A gold or texts file that cannot be used; str() is the one-line reason."""


def gold_problem(gold: Any, *, need_text: bool = True) -> str | None:
    """What is wrong with the shape of one gold line (see the module docstring), or None. With
    `need_text` False (`--texts`), a line may carry only its id."""
    if not isinstance(gold, dict):
        return "not a JSON object"
    text = gold.get("text")
    if (need_text or text is not None) and (not isinstance(text, str) or not text.strip()):
        hint = " (or give --texts CORPUS.jsonl to look it up by id)" if text is None else ""
        return "'text' must be a non-empty string" + hint
    for key in ("id", "title", "published"):
        if gold.get(key) is not None and not isinstance(gold[key], str | int):
            return f"'{key}' must be a string"
    for key in ("actors", "countries"):
        value = gold.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"'{key}' must be a list of strings"
    meetings = gold.get("meetings", [])
    if not isinstance(meetings, list) or not all(isinstance(m, dict) for m in meetings):
        return "'meetings' must be a list of objects"
    for index, meeting in enumerate(meetings, start=1):
        people = meeting.get("participants", [])
        if not isinstance(people, list) or not all(isinstance(p, str) for p in people):
            return f"meeting {index}: 'participants' must be a list of strings"
        for key in ("country", "mode"):
            if meeting.get(key) is not None and not isinstance(meeting[key], str):
                return f"meeting {index}: '{key}' must be a string"
    return None


def _read_jsonl(path: Path) -> list[tuple[int, Any]]:
    """The JSON values of a JSON Lines file with their line numbers (GoldError if unreadable)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(str(exc)) from None
    rows: list[tuple[int, Any]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                rows.append((number, json.loads(line)))
            except (ValueError, RecursionError) as exc:
                raise GoldError(f"line {number}: not JSON: {exc}") from None
    return rows


def load_stories(
    gold_path: Path, texts: Path | None
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(gold line, story with its text) for every gold line; the story is the line itself, or
    the line of `texts` with the same id. Raises GoldError naming the file, line and problem."""
    try:
        golds = _read_jsonl(gold_path)
        for number, gold in golds:
            problem = gold_problem(gold, need_text=texts is None)
            if problem:
                raise GoldError(f"line {number}: {problem}")
    except GoldError as exc:
        raise GoldError(f"cannot read gold file {gold_path}: {exc}") from None
    corpus: dict[str, dict[str, Any]] = {}
    if texts is not None:
        try:
            for number, row in _read_jsonl(texts):
                if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                    raise GoldError(f"line {number}: not an object with a 'text' string")
                corpus[str(row.get("id"))] = row
        except GoldError as exc:
            raise GoldError(f"cannot read texts file {texts}: {exc}") from None
    out: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for number, gold in golds:
        story = gold if isinstance(gold.get("text"), str) else corpus.get(str(gold.get("id")))
        if story is None:
            raise GoldError(
                f"cannot read gold file {gold_path}: line {number}: "
                f"id {gold.get('id')!r} is not in {texts}"
            )
        out.append((gold, story))
    return out


def run_eval(
    gold_path: Path,
    verbose: bool,
    out: TextIO,
    annotate: Annotate | None = None,
    *,
    texts: Path | None = None,
    rules: bool = False,
    min_confidence: float | None = None,
) -> int:
    """Annotate every gold story, print the score table; exit code 0, or 2 (after one line
    naming the file, the line and the problem) when the gold or texts file cannot be used."""
    try:
        stories = load_stories(gold_path, texts)
    except GoldError as exc:
        out.write(f"{exc}\n")
        return 2
    fn = annotate or _default_annotate(min_confidence)
    scores = []
    for gold, story in stories:
        published = gold.get("published") or _iso_day(story.get("published") or story.get("date"))
        title = story.get("title")
        ann = fn(str(story["text"]), title if isinstance(title, str) else None, published)
        scores.append(score_story(gold, ann))
    report(scores, verbose, out)
    if rules:
        rules_report(scores, out)
    return 0
