"""The printed scores: the metrics table, every miss and false alarm, and the rule table."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TextIO

from newsdesk.evaluation.scoring import TOP_ACTORS, StoryScore, f1, ratio, share

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
    p, r = share(tp, tp + fp), share(tp, tp + fn)
    mp, mr = share(mtp, mtp + mfp), share(mtp, mtp + mfn)
    ctp, cfp, cfn = total("c_tp"), total("c_fp"), total("c_fn")
    cp, cr = ratio(ctp, ctp + cfp), ratio(ctp, ctp + cfn)
    figures = {
        "meeting_precision": mp,
        "meeting_recall": mr,
        "meeting_f1": f1(mp, mr),
        "pair_precision": p,
        "pair_recall": r,
        "pair_f1": f1(p, r),
        "country_accuracy": share(total("country_ok"), total("country_n")),
        "story_country_f1": f1(cp, cr),
        "actor_recall": ratio(total("actors_found"), total("actors_gold")),
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
    """How often each rule took part in a predicted meeting, before the confidence threshold,
    and how often that meeting was right: matched one to one to a gold meeting, as the meeting
    figures count it (a place rule: placed in the right country). "pairs" counts the meetings
    whose every pair is in the gold, a looser reading. Then the same by confidence band."""
    by_rule: dict[str, tuple[int, int, int]] = {}
    bands: dict[str, tuple[int, int, int]] = {}

    def add(table: dict[str, tuple[int, int, int]], key: str, ok: bool, pairs_ok: bool) -> None:
        n, right, loose = table.get(key, (0, 0, 0))
        table[key] = (n + 1, right + int(ok), loose + int(pairs_ok))

    for s in scores:
        for rules, confidence, exact, pairs_right, placed in s.judged:
            for rule in rules:
                place = rule.startswith("place.")
                add(by_rule, rule, placed if place else exact, placed if place else pairs_right)
            low = min(0.9, int(confidence * 10) / 10)
            add(bands, f"confidence {low:.1f}-{low + 0.1:.1f}", exact, pairs_right)
    out.write(f"\n{'rule':<38}{'fired':>7}{'right':>7}{'precision':>11}{'pairs':>7}\n")
    for rule, (n, right, loose) in sorted(by_rule.items(), key=lambda kv: (-kv[1][0], kv[0])):
        out.write(f"{rule:<38}{n:>7}{right:>7}{ratio(right, n):>11.3f}{loose:>7}\n")
    for band, (n, right, loose) in sorted(bands.items(), reverse=True):
        out.write(f"{band:<38}{n:>7}{right:>7}{ratio(right, n):>11.3f}{loose:>7}\n")
    return {rule: (n, right) for rule, (n, right, _) in by_rule.items()}
