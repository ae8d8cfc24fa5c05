"""Resolving a meeting's `when` ("on Friday", "last month", "March 20") to an ISO date."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)}
_FUTURE_WORDS = re.compile(r"\b(next|tomorrow|later|coming|upcoming|following)\b", re.I)


def sounds_future(when: str | None) -> bool:
    """True for expressions that point ahead ("next week", "later this month", "tomorrow")."""
    return bool(when and _FUTURE_WORDS.search(when))


def parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(published[:10])
        except ValueError:
            return None


def _month(word: str) -> int | None:
    low = word.lower().rstrip(".")
    if low in MONTHS:
        return MONTHS.index(low) + 1
    if low == "sept" or (len(low) == 3 and low != "may"):
        return _MONTH_ABBR.get(low[:3])
    return None


def _shift_month(d: date, months: int) -> str:
    index = d.year * 12 + d.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def resolve_date(when: str | None, published: str | None, planned: bool) -> str | None:
    """ISO date (YYYY-MM-DD or YYYY-MM) for `when`, relative to the publication date."""
    if not when:
        return None
    pub = parse_published(published)
    text = when.lower()
    full = _explicit(when, pub, planned)
    if full or pub is None:
        return full
    if "today" in text or "tonight" in text or "this morning" in text:
        return pub.isoformat()
    if "yesterday" in text:
        return (pub - timedelta(days=1)).isoformat()
    if "tomorrow" in text:
        return (pub + timedelta(days=1)).isoformat()
    if "month" in text:
        if "last" in text or "previous" in text:
            return _shift_month(pub, -1)
        if "next" in text or "coming" in text:
            return _shift_month(pub, 1)
        if "this" in text:
            return _shift_month(pub, 0)
    for i, name in enumerate(WEEKDAYS):
        if name in text:
            return _weekday(pub, i, planned or "next" in text, "last" in text).isoformat()
    return None


def _weekday(pub: date, weekday: int, ahead: bool, last_week: bool) -> date:
    if ahead:
        return pub + timedelta(days=(weekday - pub.weekday()) % 7)
    back = (pub.weekday() - weekday) % 7
    if last_week and back == 0:
        back = 7
    return pub - timedelta(days=back)


def _explicit(when: str, pub: date | None, planned: bool) -> str | None:
    """ "March 20", "20 March 2019", "March 20, 2019", "2019-03-20", "March 2019"."""
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", when)
    if iso:
        return iso.group(0)
    words = re.findall(r"[A-Za-z]+\.?|\d{1,4}", when)
    month = day = year = None
    for w in words:
        m = _month(w)
        if m and month is None and (w.lower() != "may" or w == "May"):
            month = m
        elif w.isdigit() and len(w) == 4:
            year = int(w)
        elif w.isdigit() and int(w) <= 31 and day is None:
            day = int(w)
    if month is None:
        return None
    if year is None:
        if pub is None:
            return None
        year = pub.year
        if day is not None:
            try:
                guess = date(year, month, day)
            except ValueError:
                return None
            if not planned and guess > pub + timedelta(days=1):
                year -= 1
            elif planned and guess < pub - timedelta(days=1):
                year += 1
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
