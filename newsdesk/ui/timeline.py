"""An actor's meetings across every stored story (no Textual here)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from newsdesk.models import Annotation, Meeting, StoryRow


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
                    meeting=meeting,
                )
            )
    entries.sort(key=lambda e: e.date, reverse=True)
    return entries
