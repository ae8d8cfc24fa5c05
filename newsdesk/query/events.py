"""Events: the copies of one story across feeds, and the follow-ups that report one meeting.

Stories join one event when they share a canonical link, when their texts' SimHashes are at
most `HAMMING_MAX` bits apart, or when they report the same meeting: the same participants (as
a set), compatible dates and compatible places (see `meetings_agree`). Everything comes from
the index rows (the fingerprints are computed when a story is stored), so grouping never reads
a story's text. Grouping is incremental (`EventGrouper.add`): stories only ever join, and an
event's id is the id of its earliest story, so it stays put as copies and follow-ups arrive.

Near texts are found by banding, not by comparing every pair: the 64 bits are cut into
`BANDS` bands of 16, and a story is compared only with those whose band holds the same 16
bits or differs in one of them (17 look-ups a band). Two SimHashes at most 7 bits apart always
meet this way (one of the four bands differs in at most one bit); further apart, up to
`HAMMING_MAX`, most do (benchmarks/bench_events.py measures how many).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsdesk.fingerprint import BANDS, HAMMING_MAX, MeetingKey, bands, canonical_link
from newsdesk.models import StoryRow

_FLIPS = (0, *(1 << bit for bit in range(64 // BANDS)))  # a band as it is, and each bit flipped

# Two reports of a meeting without a resolved date are one meeting only when their stories
# appeared within this many days of each other (or of the reported date).
UNDATED_DAYS = 7


def story_day(row: StoryRow) -> int | None:
    """The day the story appeared, as an ordinal; None without a usable date."""
    stamp = (row.published or row.fetched or "")[:10]
    try:
        return date.fromisoformat(stamp).toordinal()
    except ValueError:
        return None


def _day_of(iso: str | None) -> int | None:
    if not iso or len(iso) < 10:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def dates_agree(a: str | None, b: str | None) -> bool:
    """Same resolved date (a month agrees with a day in it), or one missing."""
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


def places_agree(a: str | None, b: str | None) -> bool:
    """Same country (case ignored), or one missing."""
    return not a or not b or a.casefold() == b.casefold()


def meetings_agree(a: MeetingKey, a_day: int | None, b: MeetingKey, b_day: int | None) -> bool:
    """Whether two reports (each with the day its story appeared) can be of one meeting."""
    if a.pair != b.pair or not places_agree(a.country, b.country):
        return False
    if a.date and b.date:
        return dates_agree(a.date, b.date)
    known = _day_of(a.date) or a_day
    other = _day_of(b.date) or b_day
    return known is None or other is None or abs(known - other) <= UNDATED_DAYS


@dataclass
class _Report:
    key: MeetingKey
    day: int | None
    story_id: str


@dataclass
class _MeetingCluster:
    """Reports of one meeting so far: the first report's story stands for them."""

    reports: list[_Report] = field(default_factory=list)

    def agrees(self, key: MeetingKey, day: int | None) -> bool:
        return all(meetings_agree(r.key, r.day, key, day) for r in self.reports)

    def exact(self, key: MeetingKey) -> bool:
        return bool(key.date) and any(r.key.date == key.date for r in self.reports)


@dataclass
class Event:
    """One story as several feeds and follow-ups told it."""

    id: str  # the id of its earliest story
    rows: list[StoryRow]  # newest first
    meetings: list[MergedMeeting] = field(default_factory=list)

    @property
    def earliest(self) -> StoryRow:
        return min(self.rows, key=_age)

    def as_json(self) -> dict[str, Any]:
        """The event as `newsdesk events --json` prints it."""
        first = self.earliest
        return {
            "event": self.id,
            "title": self.rows[0].title,
            "count": len(self.rows),
            "earliest": _source_json(first),
            "sources": [_source_json(row) for row in self.rows],
            "meetings": [
                {
                    "participants": list(m.participants),
                    "dates": list(m.dates),
                    "countries": list(m.countries),
                    "places": list(m.places),
                    "sources": m.sources,
                }
                for m in self.meetings
            ],
        }


def _source_json(row: StoryRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "feed": row.feed_title or row.feed_url,
        "feed_url": row.feed_url,
        "title": row.title,
        "link": row.link,
        "published": row.published or row.fetched,
    }


@dataclass
class MergedMeeting:
    """A meeting as the stories of an event report it: every date and place any of them gave."""

    participants: tuple[str, ...]
    dates: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    sources: int = 0  # stories reporting it


def _age(row: StoryRow) -> tuple[str, str]:
    return (row.published or row.fetched or "9999", row.id)


class EventGrouper:
    """Stories grouped into events as they are added (a union-find over story ids)."""

    def __init__(self, threshold: int = HAMMING_MAX) -> None:
        self.threshold = threshold
        self.rows: dict[str, StoryRow] = {}
        self._parent: dict[str, str] = {}
        self._first: dict[str, tuple[str, str]] = {}  # root -> (date, id) of its earliest story
        self._size: dict[str, int] = {}
        self._members: dict[str, list[str]] = {}  # root -> its story ids
        self._links: dict[str, str] = {}  # canonical link -> a story id
        self._bands: dict[int, list[tuple[str, int]]] = {}  # band key -> (story id, simhash)
        self._hashes: dict[str, int] = {}
        self._meetings: dict[str, list[_MeetingCluster]] = {}  # participants -> meetings
        self._keys_seen: dict[str, set[str]] = {}
        self._cache: dict[str, tuple[str, int]] | None = None  # see `of`

    # --- union-find ---------------------------------------------------------------------

    def _root(self, sid: str) -> str:
        parent = self._parent
        root = sid
        while parent[root] != root:
            root = parent[root]
        while parent[sid] != root:  # path compression
            parent[sid], sid = root, parent[sid]
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._root(a), self._root(b)
        if ra == rb:
            return
        self._cache = None
        if self._size[ra] < self._size[rb]:
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._size[ra] += self._size.pop(rb)
        self._members[ra].extend(self._members.pop(rb))
        self._first[ra] = min(self._first[ra], self._first.pop(rb))

    # --- adding stories -----------------------------------------------------------------

    def add_all(self, rows: Iterable[StoryRow]) -> EventGrouper:
        for row in rows:
            self.add(row)
        return self

    def add(self, row: StoryRow) -> None:
        """Add a story, or take a newer version of it (its annotation arrived)."""
        sid = row.id
        if sid not in self._parent:
            self._cache = None
            self._parent[sid] = sid
            self._size[sid] = 1
            self._members[sid] = [sid]
            self._first[sid] = _age(row)
            self._by_link(row)
            self._by_text(row)
        self.rows[sid] = row
        if row.meeting_keys:
            self._by_meetings(row)

    def _by_link(self, row: StoryRow) -> None:
        link = canonical_link(row.link)
        if link is None:
            return
        other = self._links.setdefault(link, row.id)
        if other != row.id:
            self._union(other, row.id)

    def _by_text(self, row: StoryRow) -> None:
        if not row.simhash:
            return
        try:
            value = int(row.simhash, 16)
        except ValueError:
            return
        sid = row.id
        self._hashes[sid] = value
        limit = self.threshold
        table = self._bands
        get = table.get
        checked: set[str] = {sid}
        for key in bands(value):
            for flip in _FLIPS:
                hits = get(key ^ flip)
                if hits is None:
                    continue
                for other, other_value in hits:
                    if other not in checked:
                        checked.add(other)
                        if (value ^ other_value).bit_count() <= limit:
                            self._union(other, sid)
            hits = get(key)
            if hits is None:
                table[key] = [(sid, value)]
            else:
                hits.append((sid, value))

    def _by_meetings(self, row: StoryRow) -> None:
        seen = self._keys_seen.setdefault(row.id, set())
        day = story_day(row)
        for text in row.meeting_keys:
            if text in seen:
                continue
            seen.add(text)
            key = MeetingKey.parse(text)
            if key is None:
                continue
            clusters = self._meetings.setdefault(key.pair, [])
            fitting = [c for c in clusters if c.agrees(key, day)]
            exact = [c for c in fitting if c.exact(key)]
            if exact:
                chosen: _MeetingCluster | None = exact[0]
            elif len(fitting) == 1:
                chosen = fitting[0]
            else:  # none, or several that this report cannot tell apart: keep it alone
                chosen = None
            if chosen is None:
                chosen = _MeetingCluster()
                clusters.append(chosen)
            elif chosen.reports[0].story_id != row.id:
                self._union(chosen.reports[0].story_id, row.id)
            chosen.reports.append(_Report(key, day, row.id))

    # --- looking up ---------------------------------------------------------------------

    def event_of(self, story_id: str) -> str:
        """The event id of a story (its own id when it was never added)."""
        if story_id not in self._parent:
            return story_id
        return self._first[self._root(story_id)][1]

    def of(self) -> dict[str, tuple[str, int]]:
        """Story id -> (event id, stories in the event), for every story: built once, kept
        until a story is added or two events join (one dictionary look-up a row per keystroke)."""
        if self._cache is None:
            self._cache = {}
            for sid in self._parent:
                root = self._root(sid)
                self._cache[sid] = (self._first[root][1], self._size[root])
        return self._cache

    def size(self, story_id: str) -> int:
        if story_id not in self._parent:
            return 1
        return self._size[self._root(story_id)]

    def copies(self, story_id: str) -> list[StoryRow]:
        """Every story of the event holding `story_id`, newest first."""
        if story_id not in self._parent:
            row = self.rows.get(story_id)
            return [row] if row else []
        found = [self.rows[sid] for sid in self._members[self._root(story_id)]]
        return sorted(found, key=_age, reverse=True)

    def events(self, rows: Sequence[StoryRow] | None = None) -> list[Event]:
        """The events holding `rows` (default: every story added), newest story first."""
        wanted = rows if rows is not None else list(self.rows.values())
        out: dict[str, Event] = {}
        for row in sorted(wanted, key=_age, reverse=True):
            eid = self.event_of(row.id)
            if eid not in out:
                group = self.copies(row.id)
                out[eid] = Event(eid, group, merge_meetings(group))
        return list(out.values())


def merge_meetings(rows: Sequence[StoryRow]) -> list[MergedMeeting]:
    """The meetings an event's stories report, each once, with every date and place given.
    Reports of one pair are one meeting when `meetings_agree` or when their stories are
    copies of one another (the event holds them): disagreeing copies show both values."""
    by_pair: dict[str, list[tuple[MeetingKey, str]]] = {}
    for row in rows:
        for text in row.meeting_keys:
            key = MeetingKey.parse(text)
            if key is not None:
                by_pair.setdefault(key.pair, []).append((key, row.id))
    out: list[MergedMeeting] = []
    for reports in by_pair.values():
        merged = MergedMeeting(reports[0][0].participants)
        merged.dates = _distinct(k.date for k, _ in reports)
        merged.countries = _distinct(k.country for k, _ in reports)
        merged.places = _distinct(k.place for k, _ in reports)
        merged.sources = len({sid for _, sid in reports})
        out.append(merged)
    return out


def _distinct(values: Iterable[str | None]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for value in values:
        if value:
            seen.setdefault(value.casefold(), value)
    return tuple(seen.values())


def collapse(
    rows: Sequence[StoryRow], grouper: EventGrouper
) -> tuple[list[StoryRow], dict[str, int]]:
    """One row per event (rows newest first): the newest copy shown, or the bookmarked one;
    and story id -> number of stories in its event, for the rows that stand for several."""
    out: list[StoryRow] = []
    at: dict[str, int] = {}
    counts: dict[str, int] = {}
    known = grouper.of()
    for row in rows:
        eid, size = known.get(row.id) or (row.id, 1)
        place = at.get(eid)
        if place is None:
            at[eid] = len(out)
            out.append(row)
            if size > 1:
                counts[row.id] = size
        elif row.bookmarked and not out[place].bookmarked:
            shown = out[place]
            out[place] = row
            if shown.id in counts:
                counts[row.id] = counts.pop(shown.id)
    return out, counts


__all__ = [
    "Event",
    "EventGrouper",
    "MergedMeeting",
    "collapse",
    "dates_agree",
    "meetings_agree",
    "merge_meetings",
    "places_agree",
    "story_day",
]
