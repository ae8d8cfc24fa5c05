"""An actor's meetings across every stored story (no Textual here)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from newsdesk.fingerprint import MeetingKey, meeting_key
from newsdesk.models import Annotation, Meeting, StoryRow
from newsdesk.query.events import meetings_agree


@dataclass(frozen=True)
class TimelineEntry:
    date: str  # the meeting's resolved date, else the story's date (ISO), else ""
    counterparts: tuple[str, ...]
    place: str
    status: str
    mode: str
    story_id: str
    story_title: str
    meeting: Meeting | None = None  # the meeting itself: its evidence, when and where
    # after merging (merge_timeline): every date and place the sources gave, and the sources
    dates: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    story_ids: tuple[str, ...] = ()
    key: MeetingKey | None = None  # the meeting as reported, to match other reports of it
    story_date: str = ""  # the day the story appeared (ISO)

    @property
    def sources(self) -> int:
        return len(self.story_ids) or 1


def _same(actor: str, name: str, aliases: set[str]) -> bool:
    low = name.lower()
    return low == actor.lower() or low in aliases


def actor_timeline(
    actor: str,
    rows: Iterable[StoryRow],
    annotation_of: Callable[[str], Annotation | None],
) -> list[TimelineEntry]:
    """Every meeting `actor` took part in, newest first."""
    entries: list[TimelineEntry] = []
    low = actor.lower()
    for row in rows:
        if not row.meetings:
            continue
        names = {n.lower() for n in (*row.actors, *row.actor_aliases)}
        if low not in names:
            continue
        annotation = annotation_of(row.id)
        if annotation is None:
            continue
        aliases = {low}
        for a in annotation.actors:
            if a.name.lower() == low or low in (x.lower() for x in a.aliases):
                aliases |= {a.name.lower(), *(x.lower() for x in a.aliases)}
        for meeting in annotation.shown_meetings():
            if not any(_same(actor, p, aliases) for p in meeting.participants):
                continue
            others = tuple(p for p in meeting.participants if not _same(actor, p, aliases))
            place = meeting.place or ""
            if meeting.country and meeting.country not in place:
                place = f"{place}, {meeting.country}" if place else meeting.country
            entries.append(
                TimelineEntry(
                    date=meeting.date or (row.published or row.fetched or "")[:10],
                    counterparts=others,
                    place=place,
                    status=meeting.status,
                    mode=meeting.mode,
                    story_id=row.id,
                    story_title=row.title,
                    key=meeting_key(meeting),
                    story_date=(row.published or row.fetched or "")[:10],
                    meeting=meeting,
                )
            )
    entries.sort(key=lambda e: e.date, reverse=True)
    return entries


def _day(iso: str) -> int | None:
    from datetime import date

    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def merge_timeline(
    entries: list[TimelineEntry], event_of: Callable[[str], str] | None = None
) -> list[TimelineEntry]:
    """Each meeting once: reports of one pair join when their stories are one event (copies
    and follow-ups, `event_of`) or when their dates and places agree (`meetings_agree`).
    A merged entry keeps every date and place its sources gave, so a disagreement shows."""
    groups: list[list[TimelineEntry]] = []
    by_pair: dict[frozenset[str], list[list[TimelineEntry]]] = {}
    for entry in sorted(entries, key=lambda e: (e.date, e.story_id)):
        pair = frozenset(c.casefold() for c in entry.counterparts)
        event = event_of(entry.story_id) if event_of else entry.story_id
        chosen = None
        for group in by_pair.get(pair, []):
            same_event = any(
                (event_of(e.story_id) if event_of else e.story_id) == event for e in group
            )
            if same_event or all(_agree(e, entry) for e in group):
                chosen = group
                break
        if chosen is None:
            chosen = []
            groups.append(chosen)
            by_pair.setdefault(pair, []).append(chosen)
        chosen.append(entry)
    merged = [_merged(group) for group in groups]
    merged.sort(key=lambda e: e.date, reverse=True)
    return merged


def _agree(a: TimelineEntry, b: TimelineEntry) -> bool:
    if a.key is None or b.key is None:
        return False
    return meetings_agree(a.key, _day(a.story_date), b.key, _day(b.story_date))


def _merged(group: list[TimelineEntry]) -> TimelineEntry:
    newest = group[-1]
    # the meeting dates the sources gave; when none gave one, the day of the first report
    dates = tuple(dict.fromkeys(e.key.date for e in group if e.key and e.key.date))
    dates = dates or tuple(e.date for e in group[:1] if e.date)
    places = tuple(dict.fromkeys(e.place for e in group if e.place))
    ids = tuple(dict.fromkeys(e.story_id for e in reversed(group)))
    return replace(
        newest,
        date=max(dates) if dates else "",
        place=places[0] if places else "",
        dates=tuple(sorted(dates)),
        places=places,
        story_ids=ids,
    )


@dataclass(frozen=True)
class Counterpart:
    """Someone the actor met: how many meetings, the last one's date and place."""

    name: str
    meetings: int
    last_date: str
    last_place: str


def actor_network(entries: Iterable[TimelineEntry]) -> list[Counterpart]:
    """Whom the actor met (from merged timeline entries), most meetings first."""
    found: dict[str, list[TimelineEntry]] = {}
    names: dict[str, str] = {}
    for entry in entries:
        for name in entry.counterparts:
            folded = name.casefold()
            names.setdefault(folded, name)
            found.setdefault(folded, []).append(entry)
    out = []
    for folded, met in found.items():
        last = max(met, key=lambda e: e.date)
        out.append(Counterpart(names[folded], len(met), last.date, " / ".join(last.places)))
    out.sort(key=lambda c: (-c.meetings, _negated(c.last_date), c.name.casefold()))
    return out


def _negated(text: str) -> tuple[int, ...]:
    return tuple(-ord(ch) for ch in text)
