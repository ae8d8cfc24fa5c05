"""Events: copies of one story across feeds and follow-ups on one meeting, grouped.

Fingerprints and grouping as plain logic, the store's index rows carrying the fingerprints, and
`newsdesk events` / `stories --json` end to end against two feeds on a real HTTP server."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from ingest_helpers import FeedServer, Route, item, rss_feed

from newsdesk.cli import main
from newsdesk.fingerprint import (
    HAMMING_MAX,
    MeetingKey,
    canonical_link,
    hamming,
    meeting_keys,
    simhash,
    simhash_hex,
)
from newsdesk.models import Annotation, Meeting, Story, StoryRow
from newsdesk.query.events import EventGrouper, collapse, meetings_agree
from newsdesk.store import Store

# Invented words for invented stories: nothing here comes from a real news text.
_WORDS = [
    "council",
    "minister",
    "harbour",
    "grain",
    "tariff",
    "bridge",
    "river",
    "election",
    "budget",
    "court",
    "railway",
    "festival",
    "drought",
    "vaccine",
    "border",
    "summit",
    "treaty",
    "pipeline",
    "strike",
    "ferry",
    "museum",
    "orchard",
    "senate",
    "mayor",
    "village",
    "export",
    "copper",
    "solar",
    "wind",
    "storm",
    "school",
    "hospital",
    "airport",
    "market",
    "factory",
    "union",
    "teacher",
    "farmer",
    "pilot",
    "judge",
    "envoy",
    "delegation",
    "ceasefire",
    "parliament",
]
_GLUE = [
    "the",
    "a",
    "of",
    "in",
    "on",
    "for",
    "with",
    "after",
    "before",
    "over",
    "under",
    "and",
    "but",
    "while",
    "said",
]


def invented_text(seed: int, words: int = 400) -> str:
    rnd = random.Random(seed)
    out = []
    for n in range(words):
        out.append(rnd.choice(_GLUE if n % 3 == 2 else _WORDS))
    sentences = [" ".join(out[i : i + 12]).capitalize() + "." for i in range(0, words, 12)]
    return " ".join(sentences)


def row(sid: str, **fields: object) -> StoryRow:
    values: dict[str, object] = {
        "feed_url": "https://a.example/rss",
        "title": f"Story {sid}",
        "published": "2026-03-02T10:00:00+00:00",
    }
    values.update(fields)
    return StoryRow(id=sid, **values)  # type: ignore[arg-type]


# --- fingerprints --------------------------------------------------------------------------


def test_canonical_link_drops_what_differs_between_copies_of_one_address() -> None:
    same = {
        canonical_link("https://www.Example.com/world/story-1/"),
        canonical_link("http://example.com/world/story-1?utm_source=rss&utm_medium=feed"),
        canonical_link("HTTPS://EXAMPLE.COM:443/world/story-1#comments"),
        canonical_link("https://example.com/world/story-1?fbclid=abc"),
    }
    assert same == {"example.com/world/story-1"}
    assert canonical_link("https://example.com/a?id=2&utm_campaign=x") == "example.com/a?id=2"
    assert canonical_link("https://example.com/a?id=2") != canonical_link(
        "https://example.com/a?id=3"
    )
    assert canonical_link("https://example.com:8080/a") == "example.com:8080/a"
    assert canonical_link(None) is None and canonical_link("not a link") is None


def test_simhash_keeps_copies_close_and_different_stories_far() -> None:
    text = invented_text(1)
    original = simhash(text)
    assert original is not None
    boiler = "Subscribe to our newsletter. " + text + " All rights reserved. Share this."
    trimmed = text[: int(len(text) * 0.9)]
    for copy in (text, boiler, trimmed):
        value = simhash(copy)
        assert value is not None and hamming(original, value) <= HAMMING_MAX
    assert simhash(text.upper()) == original  # case is ignored
    others = [simhash(invented_text(seed)) for seed in range(2, 30)]
    assert all(v is not None and hamming(original, v) > HAMMING_MAX for v in others)
    assert simhash("Too short to tell anything apart.") is None
    hexed = simhash_hex(text)
    assert hexed is not None and len(hexed) == 16 and int(hexed, 16) == original


def test_meeting_keys_are_the_shown_meetings_with_participants_sorted() -> None:
    annotation = Annotation(
        meetings=(
            Meeting(("Lena Maris", "Arvo Tamm"), "Tallinn", "Estonia", "on Monday", "2026-03-02"),
            Meeting(("Arvo Tamm", "Lena Maris"), "Tallinn", "Estonia", "on Monday", "2026-03-02"),
            Meeting(("Arvo Tamm",), None, None),  # one party: no meeting to match
        )
    )
    [text] = meeting_keys(annotation)
    key = MeetingKey.parse(text)
    assert key == MeetingKey(("Arvo Tamm", "Lena Maris"), "2026-03-02", "Estonia", "Tallinn")
    assert MeetingKey.parse("garbage") is None


def test_stored_rows_carry_the_fingerprint_and_the_meeting_keys(tmp_path: Path) -> None:
    story = Story(id="s1", feed_url="https://a.example/rss", title="T", text=invented_text(3))
    annotation = Annotation(meetings=(Meeting(("B Two", "A One"), "Oslo", "Norway"),))
    with Store(tmp_path) as store:
        store.add_stories([story])
        store.set_annotations({"s1": annotation})
    with Store(tmp_path, read_only=True) as store:  # read back from disk, shapes checked
        [stored] = store.rows()
        assert store.messages == []
    assert stored.simhash == simhash_hex(story.text)
    assert stored.meeting_keys == ("A One|B Two\t\tNorway\tOslo",)


# --- grouping ------------------------------------------------------------------------------


def test_copies_group_by_link_or_by_text_and_the_event_id_is_the_earliest_story() -> None:
    text = invented_text(5)
    rows = [
        row("late", link="https://www.a.example/x/1/?utm_source=rss", published="2026-03-03"),
        row("early", link="https://a.example/x/1", published="2026-03-01"),
        row("rewrite", link="https://b.example/other", simhash=simhash_hex("Agency. " + text)),
        row("wire", link="https://c.example/wire", simhash=simhash_hex(text)),
        row("alone", link="https://d.example/z", simhash=simhash_hex(invented_text(6))),
    ]
    grouper = EventGrouper().add_all(rows)
    assert grouper.event_of("late") == grouper.event_of("early") == "early"
    assert grouper.event_of("rewrite") == grouper.event_of("wire")
    assert grouper.event_of("alone") == "alone" and grouper.size("alone") == 1
    assert [r.id for r in grouper.copies("early")] == ["late", "early"]
    events = grouper.events()
    assert sorted(len(e.rows) for e in events) == [1, 2, 2]


def test_grouping_is_incremental_and_the_event_id_stays_put() -> None:
    grouper = EventGrouper()
    grouper.add(row("first", link="https://a.example/1", published="2026-03-01"))
    assert grouper.event_of("first") == "first"
    grouper.add(row("second", link="https://a.example/1/", published="2026-03-02"))
    assert grouper.event_of("second") == "first" and grouper.size("first") == 2
    # a story's annotation arriving later lets a follow-up join
    key = "A One|B Two\t2026-03-01\tNorway\tOslo"
    grouper.add(row("follow", link="https://b.example/9", published="2026-03-02"))
    assert grouper.size("first") == 2
    grouper.add(
        row("first", link="https://a.example/1", published="2026-03-01", meeting_keys=(key,))
    )
    grouper.add(
        row("follow", link="https://b.example/9", published="2026-03-02", meeting_keys=(key,))
    )
    assert grouper.event_of("follow") == "first" and grouper.size("first") == 3


def test_follow_ups_join_on_one_meeting_but_two_meetings_of_a_pair_stay_apart() -> None:
    monday = "Arvo Tamm|Lena Maris\t2026-03-02\tEstonia\tTallinn"
    undated = "Arvo Tamm|Lena Maris\t\t\t"  # one missing date and place: still compatible
    friday = "Arvo Tamm|Lena Maris\t2026-03-06\tEstonia\tTallinn"
    elsewhere = "Arvo Tamm|Lena Maris\t2026-03-02\tLatvia\tRiga"
    rows = [
        row("wire", feed_url="https://a.example/rss", meeting_keys=(monday,)),
        row("analysis", feed_url="https://b.example/rss", meeting_keys=(undated,)),
        row("friday", feed_url="https://c.example/rss", meeting_keys=(friday,)),
        row("riga", feed_url="https://c.example/rss", meeting_keys=(elsewhere,)),
    ]
    grouper = EventGrouper().add_all(rows)
    assert grouper.event_of("analysis") == grouper.event_of("wire")
    assert grouper.event_of("friday") not in (grouper.event_of("wire"), "wire")
    assert grouper.event_of("riga") == "riga"
    [merged] = [e for e in grouper.events() if len(e.rows) == 2][0].meetings
    assert merged.sources == 2 and merged.dates == ("2026-03-02",)


def test_meetings_agree_on_dates_places_and_undated_reports_close_in_time() -> None:
    a = MeetingKey(("A", "B"), "2026-03", "Norway")
    assert meetings_agree(a, None, MeetingKey(("a", "b"), "2026-03-09", None), None)
    assert not meetings_agree(a, None, MeetingKey(("A", "B"), "2026-04-01", "Norway"), None)
    assert not meetings_agree(a, None, MeetingKey(("A", "C"), "2026-03", "Norway"), None)
    undated = MeetingKey(("A", "B"))
    assert meetings_agree(undated, 100, undated, 104)
    assert not meetings_agree(undated, 100, undated, 130)


def test_collapse_shows_one_row_per_event_preferring_the_bookmarked_copy() -> None:
    rows = [
        row("new", link="https://a.example/1", published="2026-03-03"),
        row("mid", link="https://a.example/1/", published="2026-03-02", bookmarked=True),
        row("old", link="https://a.example/1?utm_source=x", published="2026-03-01"),
        row("other", link="https://a.example/2", published="2026-03-01"),
    ]
    grouper = EventGrouper().add_all(rows)
    shown, sources = collapse(rows, grouper)
    assert [r.id for r in shown] == ["mid", "other"]
    assert sources == {"mid": 3}
    plain = [r for r in rows if not r.bookmarked]
    shown, sources = collapse(plain, grouper)
    assert [r.id for r in shown] == ["new", "other"] and sources == {"new": 3}


# --- the command line, against two feeds that carry the same stories -------------------------


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as srv:
        yield srv


def _two_feeds(server: FeedServer, config_file: Path, count: int = 20) -> None:
    """Feed A and feed B carry the same `count` stories under other links and headlines; B's
    copies have an agency line before them and a footer after."""
    first = [
        item(
            n,
            title=f"Story {n}: the A headline",
            link=f"{server.url('/a/')}{n}",
            content=f"<p>{invented_text(100 + n)}</p>",
            description=None,
        )
        for n in range(count)
    ]
    second = [
        item(
            n,
            title=f"Wire {n} under another headline",
            guid=f"b-{n}",
            link=f"{server.url('/b/story')}?n={n}&utm_source=rss",
            content=f"<p>From our agency.</p><p>{invented_text(100 + n)}</p><p>Share this.</p>",
            description=None,
        )
        for n in range(count)
    ]
    a = server.route("/a.xml", Route(body=rss_feed("Feed A", first)))
    b = server.route("/b.xml", Route(body=rss_feed("Feed B", second)))
    config_file.write_text(
        f'[store]\nkeep_days = 36500\n\n[[feeds]]\nurl = "{a}"\n\n[[feeds]]\nurl = "{b}"\n'
    )


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_events_lists_twenty_events_of_two_sources_each(
    server: FeedServer, config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _two_feeds(server, config_file)
    status, _, _ = run(capsys, "refresh", "--no-fulltext", "--no-annotate")
    assert status == 0
    status, out, err = run(capsys, "events", "--json")
    assert status == 0 and err == ""
    events = [json.loads(line) for line in out.splitlines()]
    assert len(events) == 20
    assert all(e["count"] == 2 and len(e["sources"]) == 2 for e in events)
    for event in events:
        feeds = {s["feed"] for s in event["sources"]}
        assert feeds == {"Feed A", "Feed B"}
        assert event["earliest"]["id"] in {s["id"] for s in event["sources"]}
        assert (
            event["event"] == min(event["sources"], key=lambda s: (s["published"], s["id"]))["id"]
        )
    # stories keeps listing every copy, each with its event
    status, out, _ = run(capsys, "stories", "--json")
    stories = [json.loads(line) for line in out.splitlines()]
    assert len(stories) == 40
    by_event: dict[str, int] = {}
    for story in stories:
        by_event[story["event"]] = by_event.get(story["event"], 0) + 1
    assert sorted(by_event.values()) == [2] * 20
    assert set(by_event) == {e["event"] for e in events}
    # --limit and the text form
    status, out, _ = run(capsys, "events", "--limit", "3")
    assert status == 0
    assert sum(1 for line in out.splitlines() if "⧉ 2" in line) == 3


def test_events_filters_and_bad_options_give_one_line(
    server: FeedServer, config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _two_feeds(server, config_file, count=2)
    run(capsys, "refresh", "--no-fulltext", "--no-annotate")
    status, out, _ = run(capsys, "events", "--actor", "Nobody Known")
    assert status == 0 and out.strip() == "no events match"
    status, _, err = run(capsys, "events", "--limit", "0")
    assert status == 2 and "must be a positive integer" in err and "Traceback" not in err


def test_two_stories_in_other_words_about_one_meeting_are_one_event(
    server: FeedServer, config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """End to end with the real annotation: two feeds tell one meeting in other words (one
    event, the meeting merged from two sources); a later meeting of the pair stays apart."""
    from datetime import UTC, datetime

    first = [
        item(
            1,
            title="Bellini hosts Dubois",
            link=server.url("/a/1"),
            published=datetime(2026, 3, 4, 10, tzinfo=UTC),
            content="<p>Italian Prime Minister Marco Bellini met French President Claire "
            "Dubois in Rome on Monday. The two leaders discussed migration and energy prices "
            "during a two-hour meeting.</p>",
            description=None,
        ),
        item(
            2,
            title="Bellini and Dubois meet again",
            link=server.url("/a/2"),
            published=datetime(2026, 3, 20, 10, tzinfo=UTC),
            content="<p>Italian Prime Minister Marco Bellini met French President Claire "
            "Dubois in Paris on Thursday to sign a railway agreement.</p>",
            description=None,
        ),
    ]
    second = [
        item(
            7,
            title="France and Italy agree on border work",
            link=server.url("/b/7"),
            guid="b-7",
            published=datetime(2026, 3, 3, 18, tzinfo=UTC),
            content="<p>French President Claire Dubois held talks with Italian Prime Minister "
            "Marco Bellini in Rome on Monday, officials said. Dubois and Bellini agreed to work "
            "together on border controls.</p>",
            description=None,
        )
    ]
    a = server.route("/a.xml", Route(body=rss_feed("Feed A", first)))
    b = server.route("/b.xml", Route(body=rss_feed("Feed B", second)))
    config_file.write_text(
        f'[store]\nkeep_days = 36500\n\n[[feeds]]\nurl = "{a}"\n\n[[feeds]]\nurl = "{b}"\n'
    )
    status, _, _ = run(capsys, "refresh", "--no-fulltext")
    assert status == 0
    status, out, _ = run(capsys, "events", "--json", "--actor", "Marco Bellini")
    events = [json.loads(line) for line in out.splitlines()]
    assert sorted(e["count"] for e in events) == [1, 2]
    rome = next(e for e in events if e["count"] == 2)
    assert {s["feed"] for s in rome["sources"]} == {"Feed A", "Feed B"}
    [meeting] = rome["meetings"]
    assert meeting["sources"] == 2 and meeting["places"] == ["Rome"]
    assert set(meeting["participants"]) == {"Marco Bellini", "Claire Dubois"}
    paris = next(e for e in events if e["count"] == 1)
    assert paris["sources"][0]["title"] == "Bellini and Dubois meet again"
