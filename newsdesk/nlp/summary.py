"""One to three generated sentences: who met whom, where and when (or the story's key actors)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from newsdesk.models import Actor, Meeting, Place
from newsdesk.nlp.lexicon import words

MAX_SENTENCES = 3
_WEEKDAY = re.compile(r"^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)", re.I)
_WEEKDAY_OR_DATE = re.compile(
    r"^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d)",
    re.I,
)


class PlaceSummary(Protocol):
    @property
    def places(self) -> list[Place]: ...
    @property
    def countries(self) -> list[str]: ...


_THE_LAST = words(
    """
    army assembly bank committee community council court department fund government house
    ministry nations organization organisation parliament party senate union office agency
    commission congress board authority alliance league front forces movement kremlin
    """
)
_THE_COUNTRY = re.compile(
    r"^(united |central african|czech|dominican)|(republic|islands|emirates)$", re.I
)
_PLURAL_COUNTRIES = frozenset({"netherlands", "philippines", "bahamas", "gambia", "maldives"})


def _org_name(name: str, kinds: dict[str, str]) -> str:
    """ "House of Representatives" -> "the House of Representatives" in running text."""
    words = name.split()
    if kinds.get(name) != "ORG" or name.isupper() or words[0].lower() == "the":
        return name
    if " of " in name or words[-1].lower() in _THE_LAST or name.startswith("United "):
        return f"the {name}"
    return name


def _country_name(name: str) -> str:
    if _THE_COUNTRY.search(name) or name.lower() in _PLURAL_COUNTRIES:
        return f"the {name}"
    return name


def _join(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _when(when: str | None) -> str:
    if not when:
        return ""
    text = when.strip()
    first, _, rest = text.partition(" ")
    if first.lower() in ("last", "next", "this", "earlier", "later", "early", "late") and rest:
        text = f"{first.lower()} {rest}"  # "Last month" began its sentence
    if _WEEKDAY_OR_DATE.match(text):
        month_only = not any(c.isdigit() for c in text) and not _WEEKDAY.match(text)
        return f" in {text}" if month_only else f" on {text}"
    return f" {text}"


def _where(m: Meeting) -> str:
    if not m.place:
        return f" in {_country_name(m.country)}" if m.country else ""
    place = _country_name(m.place)
    if m.country and m.country.lower() not in place.lower():
        place = f"{place}, {m.country}"
    return f" in {place}"


def meeting_sentence(m: Meeting, kinds: dict[str, str] | None = None) -> str:
    """ "Antonio Guterres is to meet Khalifa Haftar in eastern Libya on Friday." """
    names = [_org_name(p, kinds or {}) for p in m.participants]
    first, others = names[0], names[1:]
    planned = m.status == "planned"
    if m.mode == "remote":
        verb = "is to speak by phone with" if planned else "spoke by phone with"
    else:
        verb = "is to meet" if planned else "met"
    tail = f" to discuss {m.topic}" if m.topic else ""
    text = f"{first} {verb} {_join(others)}{_where(m)}{_when(m.when)}{tail}."
    return text[0].upper() + text[1:]


def summarize(meetings: Sequence[Meeting], actors: Sequence[Actor], places: PlaceSummary) -> str:
    """Who met whom, where and when; with no meeting, the key actors and places instead."""
    kinds = {a.name: a.kind for a in actors}
    chosen = [m for m in meetings if len(m.participants) >= 2][:MAX_SENTENCES]
    if chosen:
        return " ".join(meeting_sentence(m, kinds) for m in chosen)
    names = [_org_name(a.name, kinds) for a in actors[:3]]
    where = [_country_name(c) for c in places.countries[:3]]
    if not where:
        where = list(dict.fromkeys(p.text for p in places.places if p.text))[:3]
    if names and where:
        return f"Key actors: {_join(names)}; places: {_join(where)}."
    if names:
        return f"Key actors: {_join(names)}."
    if where:
        return f"Places: {_join(where)}."
    return ""
