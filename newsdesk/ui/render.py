"""Rich Text for rows, the reader and its card. Feed text is always Text, never markup."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from rich.text import Text

from newsdesk.models import Annotation, Entity, Meeting, Story, StoryRow
from newsdesk.text import clean_line, clean_text

LABEL_STYLES: dict[str, str] = {
    "PERSON": "bold #f0a35e",
    "ORG": "bold #6cb6ff",
    "GOV": "bold #b392f0",  # an organisation that is a government body
    "GPE": "#7ee787",
    "LOC": "#56d4dd",
    "NORP": "#d2a8ff",
    "FAC": "#e3b341",
    "EVENT": "#ff7b72",
    "DATE": "italic #a0a8b0",
}
LABEL_NAMES: dict[str, str] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GOV": "government body",
    "GPE": "country/city",
    "LOC": "location",
    "NORP": "nationality/group",
    "FAC": "facility",
    "EVENT": "event",
    "DATE": "date",
}
CURRENT_STYLE = "reverse"
ACTOR_LABELS = ("PERSON", "ORG", "GOV")  # entity labels that name an actor
# The actor index's kinds, as the reader's labels (the actor box marks them in these colours).
KIND_LABELS: dict[str, str] = {"person": "PERSON", "organisation": "ORG", "government body": "GOV"}

UNREAD_MARK = "●"
BOOKMARK_MARK = "★"
MEETING_MARK = "⇄"
SOURCES_MARK = "⧉"  # a row standing for an event: how many stories it groups


def format_time(iso: str | None, now: datetime | None = None) -> str:
    """Short time for lists: "09:30" today, "05 Apr 09:30" this year, "05 Apr 2019" before."""
    if not iso:
        return ""
    try:
        when = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return clean_line(iso)[:12]
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    if when.date() == now.date():
        return when.strftime("%H:%M")
    if when.year == now.year:
        return when.strftime("%d %b %H:%M")
    return when.strftime("%d %b %Y")


def row_tags(row: StoryRow) -> str:
    places = list(row.countries[:2])
    if not places:
        places = list(row.subregions[:1] or row.regions[:1])
    tag = ", ".join(places)
    if len(row.countries) > 2:
        tag += f" +{len(row.countries) - 2}"
    return clean_line(tag)


def row_text(row: StoryRow, width: int, now: datetime | None = None, sources: int = 0) -> Text:
    """One story-list line: markers, time, source, title, the event's source count ("⧉ 3"
    when `sources` > 1), tags; fitted to `width` cells."""
    line = Text(no_wrap=True, overflow="ellipsis", end="")
    line.append(UNREAD_MARK if not row.read else " ", "bold #6cb6ff")
    line.append(BOOKMARK_MARK if row.bookmarked else " ", "bold #e3b341")
    line.append(MEETING_MARK if row.meetings else " ", "bold #f0a35e")
    line.append(" ")
    line.append(f"{format_time(row.published or row.fetched, now):<13}", "#a0a8b0")
    rest = width - 17
    source_w = 14 if rest >= 60 else 0
    tags_w = 16 if rest >= 70 else (12 if rest >= 46 else 0)
    if source_w:
        source = clean_line(row.feed_title or row.feed_url)
        line.append(_fit(source, source_w - 1) + " ", "#8b949e")
    count = f"{SOURCES_MARK} {sources}" if sources > 1 else ""
    title_w = max(rest - source_w - tags_w - (len(count) + 1 if count else 0), 8)
    title_style = "" if row.read else "bold"
    line.append(_fit(clean_line(row.title), title_w - 1) + " ", title_style)
    if count:
        line.append(count + " ", "bold #d2a8ff")
    if tags_w:
        line.append(_fit(row_tags(row), tags_w), "#7ee787")
    return line


def _fit(text: str, width: int) -> str:
    if width <= 0:
        return ""
    if len(text) > width:
        return text[: max(width - 1, 0)] + "…"
    return text.ljust(width)


def header_text(story: Story | StoryRow) -> Text:
    head = Text()
    head.append(clean_line(story.title) or "(untitled)", "bold")
    head.append("\n")
    source = clean_line(story.feed_title or story.feed_url)
    head.append(source, "#8b949e")
    if story.published:
        head.append("  ·  " + format_time(story.published), "#8b949e")
    if story.link:
        head.append("\n")
        head.append(clean_line(story.link), "underline #6cb6ff")
    return head


EVIDENCE_WIDTH = 150
"""Characters of a meeting's evidence sentence shown under it (longer ones end in "…")."""


def meeting_details(meeting: Meeting) -> list[str]:
    """Where, when, and whether planned or by phone, as short phrases."""
    where = meeting.place or meeting.country or ""
    if meeting.place and meeting.country and meeting.country not in meeting.place:
        where = f"{meeting.place}, {meeting.country}"
    details = [
        clean_line(where),
        clean_line(meeting.when or meeting.date or ""),
        meeting.status if meeting.status != "happened" else "",
        "by phone/video" if meeting.mode == "remote" else "",
    ]
    return [d for d in details if d]


def _anchors(meeting: Meeting, text: str) -> list[tuple[int, int]]:
    """Where the meeting's parties (by their last name word) and place stand in its evidence."""
    folded = text.casefold()
    spans = []
    for name in (*meeting.participants, meeting.place or ""):
        words = clean_line(name).split()
        if not words:
            continue
        word = words[-1].strip(".,;:").casefold()
        at = folded.find(word) if len(word) > 1 else -1
        if at >= 0:
            spans.append((at, at + len(word)))
    return spans


def evidence_line(meeting: Meeting, width: int = EVIDENCE_WIDTH) -> str:
    """The sentence a meeting was read from, on one line, trimmed to `width` characters around
    the words that name its parties and place, so the part that states the meeting stays in view."""
    text = clean_line(meeting.evidence)
    if len(text) <= width:
        return text
    spans = _anchors(meeting, text)
    room = width - 2  # one "…" on each side at most
    lo = min((a for a, _ in spans), default=0)
    hi = max((b for _, b in spans), default=0)
    start = 0 if hi <= room else max(0, min(lo - max(0, room - (hi - lo)) // 2, len(text) - room))
    if start:
        start = text.find(" ", start) + 1 if " " in text[start : lo + 1] else start
    end = start + room
    cut = text[start:end]
    if end < len(text) and " " in cut[room // 2 :]:
        cut = cut[: cut.rindex(" ")]
    cut = cut.strip(" ,;:")
    return ("…" if start else "") + cut + ("…" if start + len(cut) < len(text) else "")


def meeting_text(meeting: Meeting, evidence_indent: str = "") -> Text:
    """One meeting as the card and the actor timeline show it: who, where and when, then the
    sentence it was read from, dimmed, on a line of its own."""
    line = Text()
    line.append(" — ".join(clean_line(p) for p in meeting.participants), "bold")
    details = meeting_details(meeting)
    if details:
        line.append("  " + " · ".join(details), "#a0a8b0")
    if meeting.evidence:
        line.append("\n" + evidence_indent)
        line.append(evidence_line(meeting), "dim italic")
    return line


def card_text(annotation: Annotation | None, pending: bool) -> Text:
    """The card on top of a story: the who-met-whom summary, meetings and key actors."""
    card = Text()
    if annotation is None:
        card.append("Annotating…" if pending else "Not annotated yet.", "italic #a0a8b0")
        return card
    if annotation.error:
        card.append("Annotation failed: " + clean_line(annotation.error), "italic #f0a35e")
    if annotation.summary:
        card.append(clean_text(annotation.summary).strip(), "bold")
    for meeting in annotation.shown_meetings()[:6]:
        card.append("\n" + MEETING_MARK + " ", "bold #f0a35e")
        card.append_text(meeting_text(meeting, evidence_indent="  "))
    if annotation.actors:
        card.append("\nKey actors: ", "#a0a8b0")
        for i, actor in enumerate(annotation.actors[:6]):
            if i:
                card.append(", ")
            card.append(clean_line(actor.name), LABEL_STYLES.get(actor.kind, ""))
    if annotation.countries:
        card.append("\nCountries: ", "#a0a8b0")
        card.append(", ".join(clean_line(c) for c in annotation.countries[:6]), LABEL_STYLES["GPE"])
    return card


def legend_text(labels: Sequence[str] | None = None) -> Text:
    legend = Text()
    for label, style in LABEL_STYLES.items():
        if labels is not None and label not in labels:
            continue
        if legend:
            legend.append("  ")
        legend.append(f" {LABEL_NAMES[label]} ", style + " reverse")
    return legend


@dataclass(frozen=True)
class Paragraph:
    text: Text
    entities: tuple[int, ...]  # indexes into the entity list shown
    offsets: tuple[int, ...] = ()  # where each of those starts in `text`


def paragraphs(body: str, spans: Sequence[Entity], current: int | None = None) -> list[Paragraph]:
    """Split the body on blank lines and highlight each entity (from `visible_entities`) by
    label; offsets stay aligned because each piece between entity bounds is cleaned alone."""
    out: list[Paragraph] = []
    pos = 0
    index = 0
    while pos <= len(body):
        brk = body.find("\n\n", pos)
        end = len(body) if brk < 0 else brk
        para = Text()
        ids: list[int] = []
        offsets: list[int] = []
        cursor = pos
        while index < len(spans) and spans[index].start < end:
            ent = spans[index]
            para.append(clean_text(body[cursor : ent.start]))
            offsets.append(len(para))
            style = LABEL_STYLES.get(ent.label, "underline")
            if current is not None and index == current:
                style += " " + CURRENT_STYLE
            para.append(clean_text(body[ent.start : min(ent.end, end)]), style)
            ids.append(index)
            cursor = min(ent.end, end)
            index += 1
        para.append(clean_text(body[cursor:end]))
        if para.plain.strip():
            out.append(Paragraph(para, tuple(ids), tuple(offsets)))
        if brk < 0:
            break
        pos = brk + 2
    return out


def visible_entities(body: str, entities: Sequence[Entity]) -> list[Entity]:
    """Entities inside the body, in order, without overlaps: the reader's navigation order."""
    out: list[Entity] = []
    for ent in sorted(entities, key=lambda e: (e.start, -e.end)):
        if 0 <= ent.start < ent.end <= len(body) and (not out or ent.start >= out[-1].end):
            out.append(ent)
    return out
