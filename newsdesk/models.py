"""Plain data types shared by every stage, and their (only) JSON serialisation.

ingest produces `Story`; nlp produces `Annotation`; store keeps both; ui and cli read them.
Dates are ISO 8601 strings in UTC ("2019-04-05T09:30:00+00:00") or None.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields
from typing import Any, Literal

TextSource = Literal["page", "feed-content", "feed-summary", "seed"]
MeetingStatus = Literal["happened", "planned"]
MeetingMode = Literal["in_person", "remote"]


@dataclass(frozen=True)
class FeedSpec:
    """A feed as the user configured it."""

    url: str
    title: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ViewSpec:
    """A saved view: a name for a set of filters (newsboat's query feeds)."""

    name: str
    actor: str | None = None
    region: str | None = None
    country: str | None = None
    feed: str | None = None  # a feed's URL or title
    tag: str | None = None
    query: str | None = None  # words that must all be in the title or text
    unread: bool = False


@dataclass(frozen=True)
class IgnoreRule:
    """Stories this matches are never shown, counted or annotated (newsboat's kill rules).

    `feed`/`tag` narrow the rule to some feeds; `title`/`text` are regular expressions (case
    ignored); `actor`/`country` match a story's actors or countries. Every field given must match.
    """

    feed: str | None = None
    tag: str | None = None
    title: str | None = None
    text: str | None = None
    actor: str | None = None
    country: str | None = None

    @staticmethod
    def compile(pattern: str) -> re.Pattern[str]:
        """A rule's `title` or `text` as a regular expression: case ignored. Raises re.error."""
        return re.compile(pattern, re.IGNORECASE)


@dataclass
class FeedState:
    """What newsdesk remembers about a feed between refreshes."""

    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_checked: str | None = None  # ISO UTC of the last attempt
    last_ok: str | None = None  # ISO UTC of the last success (200 or 304)
    status: int | None = None  # last HTTP status, None when no response
    error: str | None = None  # human-readable reason of the last failure, None when ok
    bozo: str | None = None  # feedparser's complaint about a feed that still parsed
    entries: int = 0  # entries seen in the last successful parse


@dataclass
class Story:
    """One story: what the feed said plus the cleaned text of its page."""

    id: str  # stable: sha1 of feed url + (guid or link or title+published), hex, 16 chars
    feed_url: str
    title: str
    link: str | None = None
    guid: str | None = None
    feed_title: str | None = None
    published: str | None = None  # ISO UTC
    author: str | None = None
    summary: str = ""  # the feed's summary, as plain text
    text: str = ""  # cleaned plain text, paragraphs separated by "\n\n"
    text_source: TextSource = "feed-summary"
    language: str | None = None
    fetched: str | None = None  # ISO UTC when newsdesk stored it
    tags: tuple[str, ...] = ()  # tags of the feed it came from


@dataclass
class StoryRow:
    """A story as the index holds it: enough to list, filter and sort without its text."""

    id: str
    feed_url: str
    title: str
    feed_title: str | None = None
    link: str | None = None
    published: str | None = None
    fetched: str | None = None
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    subregions: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()  # canonical names, most salient first
    actor_aliases: tuple[str, ...] = ()  # every alias of those actors, for filtering
    meetings: int = 0  # number of meetings found
    annotated: bool = False
    simhash: str | None = None  # the text's SimHash, 16 hex digits (newsdesk/fingerprint.py)
    meeting_keys: tuple[str, ...] = ()  # the shown meetings, as fingerprint.MeetingKey text
    read: bool = False  # filled from the user state, not stored in the index
    bookmarked: bool = False  # likewise


@dataclass(frozen=True)
class Entity:
    """A named-entity span; start/end are character offsets into `Story.text`."""

    text: str
    label: str  # PERSON ORG GPE LOC NORP FAC EVENT DATE
    start: int
    end: int


@dataclass(frozen=True)
class Actor:
    """A person or organisation merged across its mentions."""

    name: str  # canonical: "Khalifa Haftar", "United Nations"
    kind: str  # "PERSON" or "ORG"
    aliases: tuple[str, ...] = ()  # other names seen: "Haftar", "UN"
    mentions: int = 0
    role: str | None = None  # "UN Secretary-General", "commander of the Libyan National Army"


@dataclass(frozen=True)
class Place:
    """A place mention resolved to a country and its UN M49 region."""

    text: str
    country: str | None  # English short name: "Libya", "United Arab Emirates"
    region: str | None  # M49 region: "Africa"
    subregion: str | None  # M49 sub-region: "Northern Africa"
    start: int = -1  # offsets into Story.text, -1 when the place came from the title
    end: int = -1


@dataclass(frozen=True)
class Meeting:
    """An encounter between two or more named parties."""

    participants: tuple[str, ...]  # canonical actor names
    place: str | None = None  # most specific named place
    country: str | None = None
    when: str | None = None  # as written: "on Friday", "last month"
    date: str | None = None  # resolved ISO date (YYYY-MM-DD or YYYY-MM) when the story date allows
    status: MeetingStatus = "happened"
    mode: MeetingMode = "in_person"
    topic: str | None = None
    evidence: str = ""  # the sentence it came from
    confidence: float = 1.0  # 0..1: how far the rules that found it are trusted
    rules: tuple[str, ...] = ()  # ids of the rules that produced it (newsdesk/nlp/meetings)


@dataclass(frozen=True)
class Annotation:
    """Everything nlp knows about one story."""

    entities: tuple[Entity, ...] = ()
    actors: tuple[Actor, ...] = ()  # ordered by salience, most salient first
    places: tuple[Place, ...] = ()
    countries: tuple[str, ...] = ()  # the countries the story is about
    regions: tuple[str, ...] = ()  # M49 regions of those countries
    subregions: tuple[str, ...] = ()  # M49 sub-regions of those countries
    meetings: tuple[Meeting, ...] = ()
    summary: str = ""
    pipeline_version: str = ""
    error: str | None = None  # why annotation failed (what was found before is kept), or None
    meeting_min_confidence: float = 0.0  # meetings below it are kept but never shown

    def shown_meetings(self) -> tuple[Meeting, ...]:
        """The meetings the card, the summary, the list marker and the timeline show."""
        return tuple(m for m in self.meetings if m.confidence >= self.meeting_min_confidence)


# --- serialisation: the one place where these types become JSON and back ---------------------

_NESTED: dict[str, Any] = {
    "entities": Entity,
    "actors": Actor,
    "places": Place,
    "meetings": Meeting,
}


def to_dict(obj: Any) -> dict[str, Any]:
    """Turn any of the dataclasses above into JSON-ready dicts (tuples become lists)."""
    data: dict[str, Any] = asdict(obj)
    return _lists(data)  # type: ignore[no-any-return]


# The parts of an annotation newsdesk prints (`annotate`, `stories --json`, the bookmark export),
# in this order; `annotate` adds the entities and places, which a story listing leaves out.
PUBLIC_ANNOTATION_KEYS = ("countries", "regions", "subregions", "actors", "meetings", "summary")
SPAN_KEYS = ("entities", "places")


def annotation_json(annotation: Annotation, *, spans: bool = False) -> dict[str, Any]:
    """An annotation as newsdesk prints it, everywhere with the same keys: each actor and
    meeting with all its fields; `annotation_error` when the annotation failed."""
    data = to_dict(annotation)
    keys = (*SPAN_KEYS, *PUBLIC_ANNOTATION_KEYS) if spans else PUBLIC_ANNOTATION_KEYS
    out = {key: data[key] for key in keys}
    if annotation.error:
        out["annotation_error"] = annotation.error
    return out


def _lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_lists(v) for v in value]
    return value


def _build(cls: Any, data: dict[str, Any]) -> Any:
    known = {f.name: f for f in fields(cls)}
    kwargs: dict[str, Any] = {}
    for name, value in data.items():
        if name not in known:
            continue  # tolerate fields written by a newer version
        if cls is Annotation and name in _NESTED and isinstance(value, list):
            value = tuple(_build(_NESTED[name], v) for v in value)
        elif isinstance(value, list):
            value = tuple(value)
        kwargs[name] = value
    return cls(**kwargs)


def story_from_dict(data: dict[str, Any]) -> Story:
    story: Story = _build(Story, data)
    return story


def annotation_from_dict(data: dict[str, Any]) -> Annotation:
    annotation: Annotation = _build(Annotation, data)
    return annotation


def story_row_from_dict(data: dict[str, Any]) -> StoryRow:
    row: StoryRow = _build(StoryRow, data)
    return row


def feed_state_from_dict(data: dict[str, Any]) -> FeedState:
    state: FeedState = _build(FeedState, data)
    return state


def feed_spec_from_dict(data: dict[str, Any]) -> FeedSpec:
    spec: FeedSpec = _build(FeedSpec, data)
    return spec


__all__ = [
    "Actor",
    "Annotation",
    "Entity",
    "FeedSpec",
    "FeedState",
    "IgnoreRule",
    "Meeting",
    "Place",
    "Story",
    "StoryRow",
    "ViewSpec",
    "annotation_from_dict",
    "annotation_json",
    "feed_spec_from_dict",
    "feed_state_from_dict",
    "story_from_dict",
    "story_row_from_dict",
    "to_dict",
]
