"""What the command line prints and the reader saves: story lists, story JSON and Markdown,
bookmark exports, progress."""

from __future__ import annotations

import json
import math
import os
import re
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from newsdesk.models import Annotation, Story, StoryRow, annotation_json, to_dict
from newsdesk.text import clean_line, clean_text

if TYPE_CHECKING:
    from newsdesk.desk import RefreshProgress
    from newsdesk.query.actor_match import ActorCatalog
    from newsdesk.store import Store


# Lone surrogates, which no UTF-8 output can hold (a story stored before feeds were cleaned of
# them could still carry one).
_SURROGATES = re.compile("[\ud800-\udfff]")


def json_text(value: Any, indent: int | None = None) -> str:
    """`value` as strict JSON: never NaN or Infinity (they become null), and valid UTF-8 (a lone
    surrogate becomes U+FFFD). Every JSON the command line prints goes through here."""
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, indent=indent)
    except ValueError:  # a non-finite number somewhere
        text = json.dumps(_finite(value), ensure_ascii=False, allow_nan=False, indent=indent)
    if not text.isascii():
        text = _SURROGATES.sub("\ufffd", text)
    return text


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value


def story_json(store: Store, row: StoryRow, actors: ActorCatalog | None = None) -> dict[str, Any]:
    """A story as `stories --json` prints it; with the store's actor index, each actor under
    its canonical name with its stable id."""
    data: dict[str, Any] = {
        "id": row.id,
        "title": row.title,
        "link": row.link,
        "feed": row.feed_title or row.feed_url,
        "feed_url": row.feed_url,
        "published": row.published,
        "read": row.read,
        "bookmarked": row.bookmarked,
        "annotated": row.annotated,
    }
    annotation = store.annotation(row.id) if row.annotated else None
    if annotation is not None:
        data.update(annotation_json(annotation))
        if actors is not None:
            data["actors"] = canonical_actors(row.id, data["actors"], actors)
    return data


def canonical_actors(
    story_id: str, items: list[dict[str, Any]], actors: ActorCatalog
) -> list[dict[str, Any]]:
    """A story's actors (as annotation_json gives them) under their canonical names, each with
    the index's id (null when the index does not hold the story yet); two that the index
    found to be one actor are printed once."""
    from newsdesk.nlp.identity_entity import canonical_items

    registry = actors.registry
    entities = registry.story_entities(story_id) if registry is not None else []
    return canonical_items(items, entities)


def print_rows(rows: Sequence[StoryRow], out: TextIO, *, filtered: bool = False) -> None:
    """One line per story: short id, date, flags (N unread, B bookmarked, M meetings), source."""
    if not rows:
        what = "no stories match" if filtered else "no stories stored yet: run `newsdesk refresh`"
        print(what, file=out)
        return
    width = shutil.get_terminal_size((120, 24)).columns
    for row in rows:
        when = (row.published or row.fetched or "")[:10] or " " * 10
        flags = ("N" if not row.read else " ") + ("B" if row.bookmarked else " ")
        flags += "M" if row.meetings else " "
        source = clip(clean_line(row.feed_title or row.feed_url), 18)
        where = ", ".join(row.countries[:2])
        title = clean_line(row.title) + (f"  [{where}]" if where else "")
        line = f"{row.id[:8]}  {when}  {flags}  {source:<18}  {title}"
        print(line[: max(width - 1, 40)], file=out)


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def progress_bar(stream: TextIO) -> Callable[[RefreshProgress], None]:
    """A one-line bar per stage of a refresh: feeds, pages, annotation (they overlap)."""

    def bar(done: int, total: int, width: int = 12) -> str:
        filled = width * done // max(1, total)
        return f"[{'#' * filled}{'.' * (width - filled)}]"

    def show(progress: RefreshProgress) -> None:
        p = progress
        line = f"\rfeeds {bar(p.feeds_done, p.feeds_total)} {p.feeds_done}/{p.feeds_total}"
        line += f"  pages {bar(p.pages_done, p.new_stories)} {p.pages_done}/{p.new_stories}"
        if p.annotating:
            line += f"  annotated {bar(p.annotated, p.new_stories)} {p.annotated}/{p.new_stories}"
        stream.write(line + "\x1b[K")
        stream.flush()

    return show


def bookmarks_json(
    items: Sequence[tuple[Story, Annotation | None, str]], actors: ActorCatalog | None = None
) -> str:
    """Bookmarked stories as one JSON document: each story, when it was saved, its annotation
    (its actors under their canonical names and ids, as `stories --json` gives them)."""
    out = []
    for story, annotation, added_at in items:
        entry = to_dict(story)
        entry["bookmarked_at"] = added_at
        if annotation is not None:
            entry.update(annotation_json(annotation))
            if actors is not None:
                entry["actors"] = canonical_actors(story.id, entry["actors"], actors)
        out.append(entry)
    return json_text(out, indent=2) + "\n"


def story_markdown(story: Story, annotation: Annotation | None, note: str = "") -> str:
    """One story as Markdown: a heading and link, where and when it appeared, its summary,
    its text; `note` is added to the source line ("saved <date>")."""
    title = _md(clean_line(story.title) or "(untitled)")
    link = story.link or ""
    safe = link.startswith(("http://", "https://")) and not any(c in link for c in " <>()")
    lines = [f"## [{title}]({link})" if safe else f"## {title}"]
    source = clean_line(story.feed_title or story.feed_url)
    extra = f"; {note}" if note else ""
    lines += ["", f"*{_md(source)}, {story.published or 'undated'}{extra}*", ""]
    if annotation is not None and annotation.summary:
        lines += [f"> {_md(clean_line(annotation.summary))}", ""]
    for paragraph in clean_text(story.text or story.summary).split("\n\n"):
        if paragraph.strip():
            lines += [_md(paragraph.strip()), ""]
    return "\n".join(lines)


def save_markdown(folder: Path, story: Story, text: str) -> Path:
    """Write one story's Markdown as `<folder>/<date>-<title words>-<id>.md` (the folder is
    created if needed) in one step; returns the path."""
    words = re.findall(r"[A-Za-z0-9]+", clean_line(story.title))[:8]
    stem = "-".join(w.lower() for w in words)[:60] or "story"
    day = (story.published or story.fetched or "undated")[:10]
    path = folder.expanduser() / f"{day}-{stem}-{story.id[:8]}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def bookmarks_markdown(items: Sequence[tuple[Story, Annotation | None, str]]) -> str:
    """Bookmarked stories as Markdown: a heading and link per story, its summary, its text."""
    parts = ["# newsdesk bookmarks", ""]
    for story, annotation, added_at in items:
        parts.append(story_markdown(story, annotation, f"saved {added_at}"))
    return "\n".join(parts)


def _md(text: str) -> str:
    """Escape what Markdown would read as markup (links, emphasis, headings, HTML)."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


__all__ = [
    "bookmarks_json",
    "bookmarks_markdown",
    "clip",
    "json_text",
    "print_rows",
    "progress_bar",
    "save_markdown",
    "story_json",
    "story_markdown",
]
