"""`newsdesk eval GOLD.jsonl`: score meetings, countries and actors against hand annotations.

Gold lines: {"id", "title", "text", "meetings": [{"participants", "place", "country", "when",
"status", "mode", "evidence"}], "actors": [names], "countries": [names]} (optional "published").
With `--texts CORPUS.jsonl` a gold line may carry only its "id" (no "title"/"text"): the story is
looked up by id in that file, so gold files need not copy the stories they label.

Stories are annotated by the app's own `Annotator`, and the meetings scored are those the card
shows (at or above `[nlp] meeting_min_confidence`, or `--min-confidence`).

Names match strictly: a gold name matches a predicted participant when it equals the
participant's canonical name or one of the aliases the story's actor carries, ignoring case, a
leading "the", full stops, a possessive "'s" and a legal form such as "Corp" or "Ltd". A shared
surname or a word prefix is not enough.

Scores, all over in-person meetings:
- meetings: a predicted meeting matches a gold one when their participant sets match strictly
  (same size, each gold name matched by a different participant), one-to-one per story. A
  multi-party entry is one meeting here: naming three parties where the gold names two is a miss
  and a false alarm.
- pairs: every unordered pair of participants of an entry is one item (a three-party entry gives
  three pairs), matched one-to-one per story; so a multi-party entry scores partly.
- country accuracy on gold meetings with a matched pair (the predicted meeting with most of its
  pairs), story-country F1, and recall of gold actors among the first 8 predicted actors.

`--rules` adds, for every rule id, how many predicted meetings it took part in (before the
confidence threshold) and the share of those whose every pair is in the gold (its precision; for
a `place.*` rule, the share placed in the gold meeting's country), and the same by confidence
band.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from newsdesk.models import Actor, Annotation, Meeting
from newsdesk.nlp.meetings.words import words

TOP_ACTORS = 8
Annotate = Callable[[str, str | None, str | None], Annotation]


def normal_name(name: str) -> str:
    """A name as compared: lower case, no leading "the", full stops, trailing "'s" or a
    company's legal form ("Corp", "Ltd")."""
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.I).replace(".", "")
    name = re.sub(r"['’]s$", "", name)
    name = re.sub(r"[\s,;:!?]+$", "", name)
    words = name.lower().split()
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    return " ".join(words)


# Legal forms ending a company's name, dropped before names are compared ("Acme Corp" is "Acme").
LEGAL_FORMS = words("corp corporation inc incorporated ltd limited plc co company nv ag sa spa bv")


def names_match(gold: str, predicted: str, aliases: Iterable[str] = ()) -> bool:
    """Same actor? The gold name equals the predicted name or one of its aliases (strict)."""
    g = normal_name(gold)
    return bool(g) and any(g == normal_name(form) for form in (predicted, *aliases))


def _same_country(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    from newsdesk.nlp import regions

    same: Callable[[str, str], bool] | None = getattr(regions, "same_country", None)
    if same is not None:
        return bool(same(a, b))
    return a.strip().lower() == b.strip().lower()


@dataclass
class StoryScore:
    id: str
    tp: int = 0  # pairs
    fp: int = 0
    fn: int = 0
    m_tp: int = 0  # meetings
    m_fp: int = 0
    m_fn: int = 0
    country_ok: int = 0
    country_n: int = 0
    c_tp: int = 0
    c_fp: int = 0
    c_fn: int = 0
    actors_found: int = 0
    actors_gold: int = 0
    # every predicted in-person meeting, shown or not: (rules, confidence, all its pairs in
    # gold, placed in the country of a gold meeting it shares a pair with)
    judged: list[tuple[tuple[str, ...], float, bool, bool]] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _pairs(participants: Sequence[str]) -> list[tuple[str, str]]:
    ps = list(dict.fromkeys(participants))
    return [(a, b) for i, a in enumerate(ps) for b in ps[i + 1 :]]


def _alias_map(actors: Sequence[Actor]) -> dict[str, tuple[str, ...]]:
    return {a.name: a.aliases for a in actors}


def _set_match(gold: Sequence[str], pred: Sequence[str], match: Callable[[str, str], bool]) -> bool:
    """Whether the two participant sets are the same actors, one to one."""
    gold, pred = list(dict.fromkeys(gold)), list(dict.fromkeys(pred))
    if len(gold) != len(pred):
        return False
    free = list(pred)
    for g in gold:
        hit = next((p for p in free if match(g, p)), None)
        if hit is None:
            return False
        free.remove(hit)
    return True


def score_story(gold: dict[str, Any], ann: Annotation) -> StoryScore:
    """Score one story's annotation (the meetings it shows) against its gold line."""
    s = StoryScore(str(gold.get("id", "?")))
    aliases = _alias_map(ann.actors)

    def match(g: str, p: str) -> bool:
        return names_match(g, p, aliases.get(p, ()))

    gold_meetings = [gm for gm in gold.get("meetings", []) if isinstance(gm, dict)]
    in_person = [
        (gi, gm)
        for gi, gm in enumerate(gold_meetings)
        if gm.get("mode", "in_person") == "in_person"
    ]
    gold_items: list[tuple[tuple[str, str], int]] = []
    for gi, gm in in_person:
        for pair in _pairs(gm.get("participants", [])):
            if all(set(pair) != set(item[0]) for item in gold_items):
                gold_items.append((pair, gi))

    def in_gold(pair: tuple[str, str]) -> bool:
        a, b = pair
        return any(
            (match(ga, a) and match(gb, b)) or (match(ga, b) and match(gb, a))
            for (ga, gb), _ in gold_items
        )

    def placed_right(m: Meeting) -> bool:
        for gi, gm in in_person:
            gold_pairs = [item[0] for item in gold_items if item[1] == gi]
            if any(
                (match(ga, a) and match(gb, b)) or (match(ga, b) and match(gb, a))
                for ga, gb in gold_pairs
                for a, b in _pairs(m.participants)
            ):
                return _same_country(gm.get("country"), m.country)
        return False

    for m in ann.meetings:
        if m.mode == "in_person":
            right = all(in_gold(p) for p in _pairs(m.participants))
            s.judged.append((m.rules, m.confidence, right, placed_right(m)))

    pred_meetings: list[Meeting] = [m for m in ann.shown_meetings() if m.mode == "in_person"]
    _score_meetings(s, in_person, pred_meetings, match)
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
    for gi, by_pred in votes.items():
        pi = max(by_pred, key=lambda k: by_pred[k])
        want, got = gold_meetings[gi].get("country"), pred_meetings[pi].country
        s.country_n += 1
        if _same_country(want, got):
            s.country_ok += 1
        else:
            s.notes.append(f"country: gold {want!r}, predicted {got!r}")
    _score_countries_and_actors(s, gold, ann)
    return s


def _score_meetings(
    s: StoryScore,
    gold: list[tuple[int, dict[str, Any]]],
    pred: list[Meeting],
    match: Callable[[str, str], bool],
) -> None:
    used: set[int] = set()
    for _, gm in gold:
        names = [str(n) for n in gm.get("participants", [])]
        hit = next(
            (
                k
                for k, pm in enumerate(pred)
                if k not in used and _set_match(names, pm.participants, match)
            ),
            None,
        )
        if hit is None:
            s.m_fn += 1
            s.misses.append("meeting " + " + ".join(names))
        else:
            used.add(hit)
            s.m_tp += 1
    for k, pm in enumerate(pred):
        if k not in used:
            s.m_fp += 1
            s.false_alarms.append(
                f"meeting {' + '.join(pm.participants)}  ({pm.confidence:.2f} {','.join(pm.rules)})"
            )


def _score_countries_and_actors(s: StoryScore, gold: dict[str, Any], ann: Annotation) -> None:
    gold_c = [str(c) for c in gold.get("countries", [])]
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
        if any(names_match(str(name), a.name, a.aliases) for a in top):
            s.actors_found += 1
        else:
            s.notes.append(f"actor not in top {TOP_ACTORS}: {name}")


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _share(a: int, b: int) -> float:
    """a / b, or NaN (printed "n/a") when there is nothing to count: no prediction has no
    precision, no gold item no recall."""
    return a / b if b else math.nan


def _f1(p: float, r: float) -> float:
    if math.isnan(p) or math.isnan(r):
        return math.nan
    return 2 * p * r / (p + r) if p + r else 0.0


LABELS = {
    "meeting_precision": "meeting precision (in-person)",
    "meeting_recall": "meeting recall (in-person)",
    "meeting_f1": "meeting F1 (in-person)",
    "pair_precision": "pair precision (in-person)",
    "pair_recall": "pair recall (in-person)",
    "pair_f1": "pair F1 (in-person)",
    "country_accuracy": "country accuracy (matched meetings)",
    "story_country_f1": "story-country F1",
    "actor_recall": f"actor recall (top {TOP_ACTORS})",
}


def report(scores: Sequence[StoryScore], verbose: bool, out: TextIO) -> dict[str, float]:
    def total(key: str) -> int:
        return sum(int(getattr(s, key)) for s in scores)

    tp, fp, fn = total("tp"), total("fp"), total("fn")
    mtp, mfp, mfn = total("m_tp"), total("m_fp"), total("m_fn")
    p, r = _share(tp, tp + fp), _share(tp, tp + fn)
    mp, mr = _share(mtp, mtp + mfp), _share(mtp, mtp + mfn)
    ctp, cfp, cfn = total("c_tp"), total("c_fp"), total("c_fn")
    cp, cr = _ratio(ctp, ctp + cfp), _ratio(ctp, ctp + cfn)
    figures = {
        "meeting_precision": mp,
        "meeting_recall": mr,
        "meeting_f1": _f1(mp, mr),
        "pair_precision": p,
        "pair_recall": r,
        "pair_f1": _f1(p, r),
        "country_accuracy": _share(total("country_ok"), total("country_n")),
        "story_country_f1": _f1(cp, cr),
        "actor_recall": _ratio(total("actors_found"), total("actors_gold")),
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
        f"stories: {len(scores)}   meetings: gold {mtp + mfn}, predicted {mtp + mfp}, "
        f"matched {mtp}   pairs: gold {tp + fn}, predicted {tp + fp}, matched {tp}\n"
    )
    out.write(f"{'metric':<38}{'value':>8}\n")
    for key, label in LABELS.items():
        value = figures[key]
        out.write(f"{label:<38}{'n/a' if math.isnan(value) else f'{value:.3f}':>8}\n")
    return figures


def rules_report(scores: Sequence[StoryScore], out: TextIO) -> dict[str, tuple[int, int]]:
    """How often each rule took part in a predicted meeting and how often that meeting was
    right (all its pairs in the gold), before the confidence threshold; then by confidence."""
    by_rule: dict[str, tuple[int, int]] = {}
    bands: dict[str, tuple[int, int]] = {}
    for s in scores:
        for rules, confidence, right, placed in s.judged:
            for rule in rules:
                n, ok = by_rule.get(rule, (0, 0))
                # a place rule is right when the country is (on a meeting sharing a gold pair)
                by_rule[rule] = (n + 1, ok + int(placed if rule.startswith("place.") else right))
            low = min(0.9, int(confidence * 10) / 10)
            band = f"confidence {low:.1f}-{low + 0.1:.1f}"
            n, ok = bands.get(band, (0, 0))
            bands[band] = (n + 1, ok + int(right))
    out.write(f"\n{'rule':<38}{'fired':>7}{'right':>7}{'precision':>11}\n")
    for rule, (n, ok) in sorted(by_rule.items(), key=lambda kv: (-kv[1][0], kv[0])):
        out.write(f"{rule:<38}{n:>7}{ok:>7}{_ratio(ok, n):>11.3f}\n")
    for band, (n, ok) in sorted(bands.items(), reverse=True):
        out.write(f"{band:<38}{n:>7}{ok:>7}{_ratio(ok, n):>11.3f}\n")
    return by_rule


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
