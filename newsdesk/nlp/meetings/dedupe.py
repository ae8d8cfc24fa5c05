"""One entry per encounter: a meeting told twice is merged, the better telling's words kept.

The same participants with the same status and mode are one encounter; the body's wording wins
over the headline's; a sub-set met in the same sentence, or told again with fewer of its parties
named, joins the larger meeting; a place the text states wins over one taken from the dateline;
and two people telling each other, in two sentences, spoke face to face.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsdesk.models import Meeting

__all__ = ["dedupe", "filled"]


def filled(meeting: Meeting, other: Meeting, *, topic: bool) -> Meeting:
    """`meeting` with its blanks (place, country, when, date, and topic if asked) from `other`;
    told twice, it is as trusted as its better telling (a headline adds no trust of its own)."""
    extra = tuple(r for r in other.rules if r != "headline-only")
    confidence = meeting.confidence
    if "headline-only" not in other.rules:
        confidence = max(confidence, other.confidence)
    place, country = meeting.place or other.place, meeting.country or other.country
    rules = (*meeting.rules, *extra)
    if _guessed_place(meeting) and other.place and not _guessed_place(other):
        # "X said after talks with Y ..." (placed at the dateline) + "X, who met Y in Z": the
        # place the text states wins over the one taken from the dateline
        place, country = other.place, other.country
        rules = tuple(r for r in rules if r != "place.dateline")
    return replace(
        meeting,
        place=place,
        country=country,
        when=meeting.when or other.when,
        date=meeting.date or other.date,
        topic=(meeting.topic or other.topic) if topic else meeting.topic,
        confidence=confidence,
        rules=tuple(dict.fromkeys(rules)),
    )


def _guessed_place(meeting: Meeting) -> bool:
    """Whether the meeting's place is the dateline's, not one its text states."""
    return "place.dateline" in meeting.rules


def dedupe(found: list[tuple[Meeting, int]], body_token: int) -> list[Meeting]:
    """One entry per encounter: same participants and status merge (the body's wording wins)."""
    kept: list[Meeting] = []
    keys: list[tuple[frozenset[str], str, str]] = []
    ordered = sorted(found, key=lambda f: (f[1] < body_token, f[1]))
    for m, position in ordered:
        key: tuple[frozenset[str], str, str] = (frozenset(m.participants), m.status, m.mode)
        if position < body_token:
            # the headline restates a body encounter: whatever its tense, it is the same one
            twin = [k for k in keys if k[0] == key[0] and k[2] == key[2]]
            key = twin[0] if twin else key
        again = key in keys and _apart(kept[keys.index(key)], m)
        if again:
            key = (*key[:2], f"{key[2]}@{m.when}")  # "met on Monday and again today": two
        if key in keys:
            i = keys.index(key)
            old = kept[i]
            kept[i] = filled(old, m, topic=True)
            if _told_each_other(old, m):
                boosted = min(1.0, round(kept[i].confidence + TOLD_EACH_OTHER, 2))
                kept[i] = replace(
                    kept[i],
                    confidence=boosted,
                    rules=tuple(dict.fromkeys((*kept[i].rules, "told-each-other"))),
                )
            continue
        # a sub-set met in the same sentence is the same encounter (unless met "again")
        if not again and any(
            k.evidence == m.evidence and set(m.participants) <= set(k.participants) for k in kept
        ):
            continue
        kept.append(m)
        keys.append(key)
    return _fold_subsets(kept)


def _apart(a: Meeting, b: Meeting) -> bool:
    """Two tellings of one pair at two times the text states, the later one saying "again"
    ("held a first round on Monday and met again this morning"): two encounters."""
    if not a.when or not b.when or a.when == b.when:
        return False
    if a.date is not None and a.date == b.date:
        return False
    return AGAIN.search(b.evidence) is not None


# The word saying a pair met once more ("met again on Friday"; not "the second this year",
# which counts the meetings of a year).
AGAIN = re.compile(r"\bagain\b", re.I)


# "X told Y ..." and, in another sentence, "Y told X ...": words went both ways, so the two
# spoke face to face (each telling alone is kept below the card).
TOLD_EACH_OTHER = 0.2


def _told_each_other(a: Meeting, b: Meeting) -> bool:
    """Whether two tellings of one pair run in opposite directions (the teller comes first)."""
    return (
        a.rules[:1] == b.rules[:1] == ("verb.tell",)
        and len(a.participants) == len(b.participants) == 2
        and a.participants[0] != b.participants[0]
        and a.evidence != b.evidence
    )


def _fold_subsets(meetings: list[Meeting]) -> list[Meeting]:
    """ "Senators said after a meeting with Baldrige ..." then "Senators A, B, C and officials
    of D met Baldrige": an encounter told again with more of its parties named is one
    encounter. A meeting whose parties are all in one larger meeting of the story, as trusted
    or more, with the same status and mode and no other day, time or place, joins it."""
    out = list(meetings)
    merged = True
    while merged:
        merged = False
        for i, m in enumerate(out):
            parties = set(m.participants)
            if any(k != i and set(w.participants) == parties for k, w in enumerate(out)):
                continue  # a pair that met more than once: which one was widened is unsaid
            wider = [
                k
                for k, w in enumerate(out)
                if k != i
                and set(m.participants) < set(w.participants)
                and (w.status, w.mode) == (m.status, m.mode)
                and w.confidence >= m.confidence
                and all(_agree(a, b) for a, b in _facts(m, w))
            ]
            if len(wider) == 1:
                k = wider[0]
                out[k] = filled(out[k], m, topic=True)
                del out[i]
                merged = True
                break
    return out


def _facts(a: Meeting, b: Meeting) -> list[tuple[str | None, str | None]]:
    """The day, time and place of two meetings, side by side."""
    return [(a.date, b.date), (a.when, b.when), (_city(a), _city(b)), (a.country, b.country)]


def _city(m: Meeting) -> str | None:
    """The meeting's place below the country ("Washington"), None for a country alone."""
    return None if m.place == m.country else m.place


def _agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b
