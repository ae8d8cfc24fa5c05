"""Scoring one story's annotation against its gold: strict names, meetings, pairs, countries,
actors (the rules are in the package docstring)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsdesk.models import Actor, Annotation, Meeting
from newsdesk.nlp.lexicon import words

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
        if len(words) > 1 and words[-1] in LEGAL_FORM_JOINS:  # "Smith and Co" is "Smith"
            words.pop()
    return " ".join(words)


# Legal forms ending a company's name, dropped before names are compared ("Acme Corp" is "Acme").
LEGAL_FORMS = words("corp corporation inc incorporated ltd limited plc co company nv ag sa spa bv")
# Words that join a legal form to the name before it ("Morgan Stanley and Co", "Smith & Co").
LEGAL_FORM_JOINS = words("and &")


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
    # every predicted in-person meeting, shown or not: (rules, confidence, matched to a gold
    # meeting one to one as the meeting figures match, all its pairs in gold, placed in the
    # country of a gold meeting it shares a pair with)
    judged: list[tuple[tuple[str, ...], float, bool, bool, bool]] = field(default_factory=list)
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

    judged = [m for m in ann.meetings if m.mode == "in_person"]
    exact = _matched(in_person, judged, match)
    for k, m in enumerate(judged):
        pairs_right = all(in_gold(p) for p in _pairs(m.participants))
        s.judged.append((m.rules, m.confidence, k in exact, pairs_right, placed_right(m)))

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


def _matched(
    gold: list[tuple[int, dict[str, Any]]],
    pred: Sequence[Meeting],
    match: Callable[[str, str], bool],
) -> dict[int, int]:
    """Which predicted meetings match a gold one, one to one: {pred index: gold index}."""
    hits: dict[int, int] = {}
    for gi, gm in gold:
        names = [str(n) for n in gm.get("participants", [])]
        hit = next(
            (
                k
                for k, pm in enumerate(pred)
                if k not in hits and _set_match(names, pm.participants, match)
            ),
            None,
        )
        if hit is not None:
            hits[hit] = gi
    return hits


def _score_meetings(
    s: StoryScore,
    gold: list[tuple[int, dict[str, Any]]],
    pred: list[Meeting],
    match: Callable[[str, str], bool],
) -> None:
    hits = _matched(gold, pred, match)
    found = set(hits.values())
    for gi, gm in gold:
        if gi not in found:
            s.m_fn += 1
            s.misses.append("meeting " + " + ".join(str(n) for n in gm.get("participants", [])))
    s.m_tp += len(hits)
    for k, pm in enumerate(pred):
        if k not in hits:
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


def ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def share(a: int, b: int) -> float:
    """a / b, or NaN (printed "n/a") when there is nothing to count: no prediction has no
    precision, no gold item no recall."""
    return a / b if b else math.nan


def f1(p: float, r: float) -> float:
    if math.isnan(p) or math.isnan(r):
        return math.nan
    return 2 * p * r / (p + r) if p + r else 0.0
