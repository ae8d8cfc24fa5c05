"""How stories, annotations and bookmarks become store documents, and dates become sort keys."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import UTC, datetime
from typing import Any

from newsdesk.fingerprint import meeting_keys, simhash_hex
from newsdesk.models import (
    Annotation,
    Story,
    StoryRow,
    annotation_from_dict,
    story_from_dict,
)

# Fields of an index document that are not StoryRow fields.
SHARD = "shard"  # shard holding the body and annotation
WHEN = "when"  # sort key: published, else fetched, as normalised ISO UTC
VERSION = "version"  # pipeline version of the stored annotation, None when not annotated
_USER_FLAGS = ("read", "bookmarked")
_ROW_FIELDS = tuple(f.name for f in fields(StoryRow) if f.name not in _USER_FLAGS)
_TUPLE_FIELDS = ("countries", "regions", "subregions", "actors", "actor_aliases", "meeting_keys")


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_LEAVES = frozenset({str, int, float, bool, type(None)})  # kept as they are, asked first


def plain(obj: Any) -> Any:
    """What `models.to_dict` gives (tuples become lists), several times faster: no deep copies.
    The store converts thousands of annotations per refresh."""
    cls = type(obj)
    if cls in _LEAVES:
        return obj
    if cls is tuple or cls is list:
        return [plain(value) for value in obj]
    if cls is dict:
        return {key: plain(value) for key, value in obj.items()}
    names = _FIELD_NAMES.get(cls)
    if names is None and is_dataclass(obj):
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(obj))
    if names is not None:
        return {name: plain(getattr(obj, name)) for name in names}
    return obj


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def parse_iso(value: str | None) -> datetime | None:
    """An ISO 8601 string as an aware UTC datetime (naive means UTC); None when unparseable."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def story_moment(published: str | None, fetched: str | None) -> datetime | None:
    return parse_iso(published) or parse_iso(fetched)


def sort_key(published: str | None, fetched: str | None) -> str:
    moment = story_moment(published, fetched)
    return iso(moment) if moment is not None else ""


def newest_first(doc: dict[str, Any]) -> tuple[str, str]:
    """The order of index documents: sorted by this key, reversed, the newest story comes
    first (ties: by id)."""
    return (str(doc.get(WHEN) or ""), str(doc["id"]))


def index_doc(story: Story, shard: str) -> dict[str, Any]:
    """The index document of a story not annotated yet: `plain` of its StoryRow without the
    user flags, plus its shard, sort key and annotation version (None). Built from a copy of
    an empty row's document, which is what a StoryRow would give (a thousand stories a
    refresh)."""
    doc = dict(_EMPTY_ROW)
    for name in _EMPTY_ROW_LISTS:
        doc[name] = []
    doc["id"] = story.id
    doc["feed_url"] = story.feed_url
    doc["title"] = story.title
    doc["feed_title"] = story.feed_title
    doc["link"] = story.link
    doc["published"] = story.published
    doc["fetched"] = story.fetched
    doc["simhash"] = simhash_hex(story.text or story.summary)
    doc[SHARD] = shard
    doc[WHEN] = sort_key(story.published, story.fetched)
    doc[VERSION] = None
    return doc


# The index document of an empty StoryRow (user flags left out), in field order; its lists
# are made anew for each document.
_EMPTY_ROW: dict[str, Any] = {
    name: value
    for name, value in plain(StoryRow(id="", feed_url="", title="")).items()
    if name not in _USER_FLAGS
}
_EMPTY_ROW_LISTS = tuple(name for name, value in _EMPTY_ROW.items() if isinstance(value, list))


def annotation_fields(annotation: Annotation) -> dict[str, Any]:
    """What an annotation puts into the story's index row."""
    aliases: dict[str, None] = {}
    for actor in annotation.actors:
        for alias in actor.aliases:
            aliases.setdefault(alias, None)
    return {
        "countries": list(annotation.countries),
        "regions": list(annotation.regions),
        "subregions": list(annotation.subregions),
        "actors": [actor.name for actor in annotation.actors],
        "actor_aliases": list(aliases),
        "meetings": len(annotation.shown_meetings()),
        "meeting_keys": meeting_keys(annotation),
        "annotated": True,
        VERSION: annotation.pipeline_version,
    }


def row_from_doc(doc: dict[str, Any], *, read: bool, bookmarked: bool) -> StoryRow:
    # Built here rather than with models.story_row_from_dict, which would read the list of actor
    # *names* as nested Actor objects.
    kwargs = {name: doc[name] for name in _ROW_FIELDS if name in doc}
    for name in _TUPLE_FIELDS:
        value = kwargs.get(name)
        if isinstance(value, list):
            kwargs[name] = tuple(value)
    return StoryRow(**kwargs, read=read, bookmarked=bookmarked)


def bookmark_parts(doc: dict[str, Any]) -> tuple[Story, Annotation | None, str]:
    story = story_from_dict(doc["story"])
    ann = doc.get("annotation")
    annotation = annotation_from_dict(ann) if isinstance(ann, dict) else None
    return story, annotation, str(doc.get("added_at") or "")


def bookmark_index_doc(doc: dict[str, Any]) -> dict[str, Any]:
    """An index document for a bookmarked story whose index row is gone (shard "": none)."""
    story, annotation, _ = bookmark_parts(doc)
    fields = index_doc(story, "")
    if annotation is not None:
        fields.update(annotation_fields(annotation))
    return fields


def bookmark_row(doc: dict[str, Any], *, read: bool) -> StoryRow:
    return row_from_doc(bookmark_index_doc(doc), read=read, bookmarked=True)
