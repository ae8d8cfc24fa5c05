"""Plain logic tests: list lines, times, the in-memory index and the entity highlighting."""

from __future__ import annotations

from datetime import UTC, datetime

from newsdesk.models import Annotation, Entity, Meeting, StoryRow
from newsdesk.query import FilterState, StoryFilter, StoryIndex, count_sidebar
from newsdesk.store.records import annotation_fields
from newsdesk.ui.render import (
    EVIDENCE_WIDTH,
    MEETING_MARK,
    card_text,
    evidence_line,
    format_time,
    paragraphs,
    row_text,
    visible_entities,
)

NOW = datetime(2019, 4, 5, 12, 0, tzinfo=UTC)


def _row(sid: str, published: str, **kw: object) -> StoryRow:
    fields: dict[str, object] = {"title": f"Story {sid}", **kw}
    return StoryRow(id=sid, feed_url="https://f.example/rss", published=published, **fields)  # type: ignore[arg-type]


def test_format_time_by_age() -> None:
    assert format_time("2019-04-05T09:30:00+00:00", NOW) == "09:30"
    assert format_time("2019-03-01T09:30:00+00:00", NOW) == "01 Mar 09:30"
    assert format_time("2018-12-31T09:30:00+00:00", NOW) == "31 Dec 2018"
    assert format_time(None, NOW) == ""
    assert format_time("not a date \x1b[31m", NOW) == "not a date"


def test_row_text_markers_and_width() -> None:
    row = _row(
        "a",
        "2019-04-05T09:30:00+00:00",
        meetings=2,
        bookmarked=True,
        countries=("Libya",),
        feed_title="Wire",
    )
    wide = row_text(row, 120, NOW)
    assert wide.plain.startswith("●★⇄ 09:30")
    assert "Wire" in wide.plain and "Libya" in wide.plain
    assert wide.cell_len <= 120
    row.read = True
    narrow = row_text(row, 40, NOW).plain
    assert narrow.startswith(" ★⇄") and "Wire" not in narrow  # source dropped when narrow
    assert "\x1b" not in row_text(_row("b", "", title="x\x1b[2Jy"), 80, NOW).plain


def test_index_filters_combine_and_upsert_keeps_date_order() -> None:
    rows = [
        _row(
            "3",
            "2019-04-03T00:00:00+00:00",
            actors=("Khalifa Haftar",),
            actor_aliases=("Haftar",),
            countries=("Libya",),
            regions=("Africa",),
            subregions=("Northern Africa",),
        ),
        _row(
            "2",
            "2019-04-02T00:00:00+00:00",
            actors=("Abdel Fattah al-Sisi",),
            countries=("Egypt",),
            regions=("Africa",),
            subregions=("Northern Africa",),
        ),
        _row(
            "1",
            "2019-04-01T00:00:00+00:00",
            countries=("Kenya",),
            regions=("Africa",),
            subregions=("Eastern Africa",),
            read=True,
        ),
    ]
    index = StoryIndex(rows)
    ids = lambda st: [r.id for r in index.select(st)]  # noqa: E731
    assert ids(FilterState([StoryFilter("region", "africa")])) == ["3", "2", "1"]
    assert ids(FilterState([StoryFilter("subregion", "Northern Africa")])) == ["3", "2"]
    both = FilterState(
        [StoryFilter("subregion", "Northern Africa"), StoryFilter("actor", "haftar")]
    )
    assert ids(both) == ["3"]
    assert ids(FilterState([StoryFilter("search", "q", frozenset({"1", "2"}))])) == ["2", "1"]
    assert ids(FilterState(unread_only=True)) == ["3", "2"]
    index.upsert(_row("4", "2019-04-02T12:00:00+00:00", countries=("Libya",)))
    assert [r.id for r in index.rows] == ["3", "4", "2", "1"]
    assert ids(FilterState([StoryFilter("country", "Libya")])) == ["3", "4"]  # index rebuilt
    counts = count_sidebar(index.rows)
    assert counts.regions["Africa"] == 3
    assert counts.tree["Africa"]["Northern Africa"] == {"Libya": 2, "Egypt": 1}


def test_paragraphs_keep_entity_offsets_after_cleaning() -> None:
    body = "A \x1b[31mred\x1b[0m note: Khalifa Haftar met X.\n\nThen Haftar left."
    ents = [
        Entity("Khalifa Haftar", "PERSON", body.index("Khalifa"), body.index("Khalifa") + 14),
        Entity("Haftar", "PERSON", body.rindex("Haftar"), body.rindex("Haftar") + 6),
        Entity("Haftar", "PERSON", body.index("Haftar"), body.index("Haftar") + 6),
    ]  # overlap
    shown = visible_entities(body, ents)
    assert [e.start for e in shown] == sorted({ents[0].start, ents[1].start})
    paras = paragraphs(body, shown, current=1)
    assert [p.text.plain for p in paras] == [
        "A red note: Khalifa Haftar met X.",
        "Then Haftar left.",
    ]
    first = paras[0].text
    assert [first.plain[s.start : s.end] for s in first.spans] == ["Khalifa Haftar"]
    second = paras[1].text
    assert "reverse" in str(second.spans[0].style)
    assert paras[1].entities == (1,)


def test_hidden_meetings_leave_the_card_and_the_list_marker() -> None:
    shown = Meeting(
        ("Ann Smith", "Tom Jones"),
        "Oslo",
        "Norway",
        "on Monday",
        evidence="Prime Minister Ann Smith met Tom Jones in Oslo on Monday, "
        + "officials said after a long day of talks about fishing rights " * 4,
        confidence=0.9,
        rules=("verb.meet",),
    )
    hidden = Meeting(("Ann Smith", "Karl Olsen"), confidence=0.3, rules=("verb.see",))
    both = Annotation(meetings=(shown, hidden), meeting_min_confidence=0.6)
    card = card_text(both, pending=False).plain
    assert "Ann Smith — Tom Jones  Oslo, Norway · on Monday" in card
    assert "Karl Olsen" not in card
    lines = card.splitlines()
    at = next(i for i, line in enumerate(lines) if "Ann Smith — Tom Jones" in line)
    evidence = lines[at + 1].strip()
    assert evidence.startswith("Prime Minister Ann Smith met Tom Jones in Oslo on Monday")
    assert evidence.endswith("…") and len(evidence) <= EVIDENCE_WIDTH
    assert annotation_fields(both)["meetings"] == 1
    only_hidden = Annotation(meetings=(hidden,), meeting_min_confidence=0.6)
    assert annotation_fields(only_hidden)["meetings"] == 0  # no ⇄ in the list
    assert MEETING_MARK not in card_text(only_hidden, pending=False).plain


def test_a_long_evidence_sentence_keeps_the_meeting_in_view() -> None:
    lead = "Markets were calm and traders said the currency held firm through a quiet session " * 2
    meeting = Meeting(
        ("Ann Smith", "Tom Jones"),
        "Bergen",
        evidence=lead + "while Ann Smith and Tom Jones, who met in Bergen last week, kept silent.",
    )
    shown = evidence_line(meeting)
    assert len(shown) <= EVIDENCE_WIDTH
    assert shown.startswith("…") and "who met in Bergen" in shown
    assert "Ann Smith" in shown
