"""`newsdesk eval GOLD.jsonl`: score meetings, countries and actors against hand annotations.

Gold lines: {"id", "title", "text", "meetings": [{"participants", "place", "country", "when",
"status", "mode", "evidence"}], "actors": [names], "countries": [names]} (optional "published").

Scores: precision/recall/F1 over unordered participant pairs of in-person meetings (one-to-one per
story; names match on equal text, alias, surname, word prefix or initials), country accuracy on
matched meetings, story-country F1, and recall of gold actors among the first 8 predicted actors.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from newsdesk.models import Actor, Annotation, Meeting

TOP_ACTORS = 8
Annotate = Callable[[str, str | None, str | None], Annotation]


def _words(name: str) -> list[str]:
    name = re.sub(r"^(the)\s+", "", name.strip(), flags=re.I).replace(".", "")
    name = re.sub(r"'s$", "", name)
    return [w for w in re.split(r"[\s]+", name.lower()) if w]


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in ("of", "and", "the", "for", "on", "de"))


def names_match(gold: str, predicted: str, aliases: Iterable[str] = ()) -> bool:
    """Same actor? Equal words, an alias, the surname, a word prefix ("Acme" / "Acme Co"),
    or initials ("LNA" / "Libyan National Army")."""
    g = _words(gold)
    if not g:
        return False
    for form in (predicted, *aliases):
        p = _words(form)
        if not p:
            continue
        if g == p or g[-1] == p[-1]:
            return True  # same name or same surname
        short, long_ = (g, p) if len(g) < len(p) else (p, g)
        if long_[: len(short)] == short:
            return True
        if len(g) == 1 and g[0] == _initials(p) or len(p) == 1 and p[0] == _initials(g):
            return True
    return False


def _same_country(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        from newsdesk.nlp import regions

        same: Callable[[str, str], bool] | None = getattr(regions, "same_country", None)
    except ImportError:
        same = None
    if same is not None:
        return bool(same(a, b))
    return a.strip().lower() == b.strip().lower()


@dataclass
class StoryScore:
    id: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    country_ok: int = 0
    country_n: int = 0
    c_tp: int = 0
    c_fp: int = 0
    c_fn: int = 0
    actors_found: int = 0
    actors_gold: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _pairs(participants: Sequence[str]) -> list[tuple[str, str]]:
    ps = list(dict.fromkeys(participants))
    return [(a, b) for i, a in enumerate(ps) for b in ps[i + 1 :]]


def _alias_map(actors: Sequence[Actor]) -> dict[str, tuple[str, ...]]:
    return {a.name: a.aliases for a in actors}


def score_story(gold: dict[str, Any], ann: Annotation) -> StoryScore:
    """Score one story's annotation against its gold line."""
    s = StoryScore(str(gold.get("id", "?")))
    aliases = _alias_map(ann.actors)

    def match(g: str, p: str) -> bool:
        return names_match(g, p, aliases.get(p, ()))

    gold_items: list[tuple[tuple[str, str], int]] = []
    for gi, gm in enumerate(gold.get("meetings", [])):
        if gm.get("mode", "in_person") != "in_person":
            continue
        for pair in _pairs(gm.get("participants", [])):
            if all(pair != item[0] and pair[::-1] != item[0] for item in gold_items):
                gold_items.append((pair, gi))
    pred_meetings: list[Meeting] = [m for m in ann.meetings if m.mode == "in_person"]
    pred_items: list[tuple[tuple[str, str], int]] = []
    for pi, pm in enumerate(pred_meetings):
        for pair in _pairs(pm.participants):
            if all(set(pair) != set(item[0]) for item in pred_items):
                pred_items.append((pair, pi))
    used: set[int] = set()
    votes: dict[int, dict[int, int]] = {}
    for (ga, gb), gi in gold_items:
        hit = None
        for k, ((pa, pb), _) in enumerate(pred_items):
            if k in used:
                continue
            if (match(ga, pa) and match(gb, pb)) or (match(ga, pb) and match(gb, pa)):
                hit = k
                break
        if hit is None:
            s.fn += 1
            s.misses.append(f"{ga} -- {gb}")
        else:
            used.add(hit)
            s.tp += 1
            pi = pred_items[hit][1]
            votes.setdefault(gi, {}).setdefault(pi, 0)
            votes[gi][pi] += 1
    for k, ((pa, pb), pi) in enumerate(pred_items):
        if k not in used:
            s.fp += 1
            s.false_alarms.append(f"{pa} -- {pb}  [{pred_meetings[pi].evidence[:90]}]")
    gold_meetings = gold.get("meetings", [])
    for gi, by_pred in votes.items():
        pi = max(by_pred, key=lambda k: by_pred[k])
        want, got = gold_meetings[gi].get("country"), pred_meetings[pi].country
        s.country_n += 1
        if _same_country(want, got):
            s.country_ok += 1
        else:
            s.notes.append(f"country: gold {want!r}, predicted {got!r}")
    gold_c = list(gold.get("countries", []))
    pred_c = list(ann.countries)
    matched = [g for g in gold_c if any(_same_country(g, p) for p in pred_c)]
    s.c_tp = len(matched)
    s.c_fn = len(gold_c) - len(matched)
    s.c_fp = sum(1 for p in pred_c if not any(_same_country(g, p) for g in gold_c))
    if s.c_fn or s.c_fp:
        s.notes.append(f"countries: gold {gold_c}, predicted {pred_c}")
    top = ann.actors[:TOP_ACTORS]
    s.actors_gold = len(gold.get("actors", []))
    for name in gold.get("actors", []):
        if any(names_match(name, a.name, a.aliases) for a in top):
            s.actors_found += 1
        else:
            s.notes.append(f"actor not in top {TOP_ACTORS}: {name}")
    return s


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def report(scores: Sequence[StoryScore], verbose: bool, out: TextIO) -> dict[str, float]:
    tp, fp, fn = (sum(getattr(s, k) for s in scores) for k in ("tp", "fp", "fn"))
    p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    ctp, cfp, cfn = (sum(getattr(s, k) for s in scores) for k in ("c_tp", "c_fp", "c_fn"))
    cp, cr = _ratio(ctp, ctp + cfp), _ratio(ctp, ctp + cfn)
    figures = {
        "pair_precision": p,
        "pair_recall": r,
        "pair_f1": _f1(p, r),
        "country_accuracy": _ratio(
            sum(s.country_ok for s in scores), sum(s.country_n for s in scores)
        ),
        "story_country_f1": _f1(cp, cr),
        "actor_recall": _ratio(
            sum(s.actors_found for s in scores), sum(s.actors_gold for s in scores)
        ),
    }
    if verbose:
        for s in scores:
            if not (s.misses or s.false_alarms or s.notes):
                continue
            out.write(f"{s.id}\n")
            for m in s.misses:
                out.write(f"  miss         {m}\n")
            for m in s.false_alarms:
                out.write(f"  false alarm  {m}\n")
            for m in s.notes:
                out.write(f"  note         {m}\n")
        out.write("\n")
    out.write(
        f"stories: {len(scores)}   pairs: gold {tp + fn}, predicted {tp + fp}, matched {tp}\n"
    )
    out.write(f"{'metric':<38}{'value':>8}\n")
    labels = {
        "pair_precision": "pair precision (in-person)",
        "pair_recall": "pair recall (in-person)",
        "pair_f1": "pair F1 (in-person)",
        "country_accuracy": "country accuracy (matched meetings)",
        "story_country_f1": "story-country F1",
        "actor_recall": f"actor recall (top {TOP_ACTORS})",
    }
    for key, label in labels.items():
        out.write(f"{label:<38}{figures[key]:>8.3f}\n")
    return figures


def _default_annotate() -> Annotate:
    from newsdesk.nlp.pipeline import Annotator

    annotator = Annotator()
    return annotator.annotate


def gold_problem(gold: Any) -> str | None:
    """What is wrong with the shape of one gold line (see the module docstring), or None."""
    if not isinstance(gold, dict):
        return "not a JSON object"
    if not isinstance(gold.get("text"), str) or not gold["text"].strip():
        return "'text' must be a non-empty string"
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


def run_eval(gold_path: Path, verbose: bool, out: TextIO, annotate: Annotate | None = None) -> int:
    """Annotate every gold story, print the score table; exit code 0 (2 on unreadable gold)."""
    try:
        lines = Path(gold_path).read_text(encoding="utf-8").splitlines()
        golds = []
        for number, line in enumerate(lines, start=1):
            if line.strip():
                gold = json.loads(line)
                problem = gold_problem(gold)
                if problem:
                    raise ValueError(f"line {number}: {problem}")
                golds.append(gold)
    except (OSError, ValueError, RecursionError) as exc:
        out.write(f"cannot read gold file {gold_path}: {exc}\n")
        return 2
    fn = annotate or _default_annotate()
    scores = []
    for gold in golds:
        ann = fn(str(gold.get("text", "")), gold.get("title"), gold.get("published"))
        scores.append(score_story(gold, ann))
    report(scores, verbose, out)
    return 0
