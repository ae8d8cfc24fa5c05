"""The reader with events: one row per event with its source count, read state and bookmarks
following the event, the sources screen, the every-copy toggle, the actor timeline merged
across sources and the meeting network (the real app through App.run_test)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_events import invented_text
from ui_helpers import make_desk, settle

from newsdesk.desk import Desk
from newsdesk.models import Actor, Annotation, Meeting, Story
from newsdesk.query import StoryFilter
from newsdesk.ui.app import NewsdeskApp
from newsdesk.ui.screens.actor_timeline import ActorTimelineScreen, TimelineTable
from newsdesk.ui.screens.event_sources import EventSourcesScreen
from newsdesk.ui.screens.meeting_network import MeetingNetworkScreen
from newsdesk.ui.widgets.story_list import StoryList

FEED_A = "https://a.example/rss"
FEED_B = "https://b.example/rss"


def twin_stories(count: int = 20) -> list[Story]:
    """The same `count` stories in two feeds, under other links and headlines."""
    out = []
    for n in range(count):
        text = invented_text(200 + n)
        day = f"2026-03-{1 + n % 27:02d}T{8 + n % 10:02d}:00:00+00:00"
        later = f"2026-03-{1 + n % 27:02d}T{8 + n % 10:02d}:30:00+00:00"
        out.append(
            Story(
                f"a{n:03d}",
                FEED_A,
                f"A headline {n}",
                link=f"https://a.example/{n}",
                feed_title="Feed A",
                published=day,
                text=text,
            )
        )
        out.append(
            Story(
                f"b{n:03d}",
                FEED_B,
                f"Other words for story {n}",
                link=f"https://b.example/s?id={n}",
                feed_title="Feed B",
                published=later,
                text="From our agency.\n\n" + text,
            )
        )
    return out


@pytest.fixture
def twins(tmp_path: Path) -> Iterator[Desk]:
    desk = make_desk(tmp_path / "data")
    desk.store.add_stories(twin_stories())
    yield desk
    desk.close()


async def test_one_row_per_event_with_its_source_count_and_reading_one_reads_both(
    twins: Desk,
) -> None:
    app = NewsdeskApp(twins)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app)
        stories = app.query_one(StoryList)
        assert len(stories.rows) == 20 and len(app.index.rows) == 40
        assert all(stories.sources.get(row.id) == 2 for row in stories.rows)
        assert all(row.feed_url == FEED_B for row in stories.rows)  # the newest copy shows
        assert all("⧉ 2" in stories.render_item(i, 120).plain for i in range(20))
        first = stories.rows[0]
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.story_id == first.id
        twin = "a" + first.id[1:]
        assert app.index.by_id[twin].read and app.index.by_id[first.id].read
        assert twins.store.row(twin).read  # saved, not only shown
        assert sum(not row.read for row in app.index.rows) == 38
        # m marks the whole event unread again
        await pilot.press("escape", "m")
        await pilot.pause()
        assert not twins.store.row(twin).read and not twins.store.row(first.id).read


async def test_sources_screen_lists_the_copies_and_enter_opens_one(twins: Desk) -> None:
    app = NewsdeskApp(twins)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app)
        shown = app.query_one(StoryList).rows[0]
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EventSourcesScreen)
        assert [r.id for r in screen.rows] == [shown.id, "a" + shown.id[1:]]
        assert screen.query_one(TimelineTable).row_count == 2
        await pilot.press("j", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, EventSourcesScreen)
        assert app.reader.story_id == "a" + shown.id[1:]


async def test_toggle_shows_every_copy_and_a_bookmark_keeps_its_copy(twins: Desk) -> None:
    app = NewsdeskApp(twins)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app)
        stories = app.query_one(StoryList)
        await pilot.press("C")
        await pilot.pause()
        assert len(stories.rows) == 40 and stories.sources == {}
        # bookmark the older copy (feed A) while every copy shows, then group again
        at = next(i for i, r in enumerate(stories.rows) if r.id == "a005")
        stories.move_to(at)
        await pilot.press("b")
        await pilot.pause()
        assert twins.store.is_bookmarked("a005") and not twins.store.is_bookmarked("b005")
        await pilot.press("C")
        await pilot.pause()
        assert len(stories.rows) == 20
        ids = {r.id for r in stories.rows}
        assert "a005" in ids and "b005" not in ids  # the bookmarked copy stands for its event
        await pilot.press("B")
        await pilot.pause()
        assert [r.id for r in stories.rows] == ["a005"]


# --- meetings across sources ------------------------------------------------------------------


def _meeting_story(
    sid: str, feed: str, text: str, published: str, meeting: Meeting, title: str
) -> tuple[Story, Annotation]:
    story = Story(
        sid,
        feed,
        title,
        link=f"https://{sid}.example/x",
        published=published,
        feed_title=feed.split("/")[2],
        text=text,
    )
    actors = tuple(Actor(name, "PERSON", (name.split()[-1],), 2) for name in meeting.participants)
    annotation = Annotation(
        actors=actors,
        countries=(meeting.country or "Estonia",),
        meetings=(meeting,),
        pipeline_version="test",
    )
    return story, annotation


@pytest.fixture
def meetings(tmp_path: Path) -> Iterator[Desk]:
    """One meeting of Arvo Tamm and Lena Maris told four times: a wire story and its copy
    (which places it elsewhere), and a follow-up in other words; a second meeting of the
    pair two weeks later; and one meeting with someone else."""
    wire_text = invented_text(301)
    monday = Meeting(("Arvo Tamm", "Lena Maris"), "Tallinn", "Estonia", "on Monday", "2026-03-02")
    items = [
        _meeting_story(
            "wire", FEED_A, wire_text, "2026-03-02T09:00:00+00:00", monday, "Tamm meets Maris"
        ),
        _meeting_story(
            "copy",
            FEED_B,
            "Agency report.\n\n" + wire_text,
            "2026-03-02T11:00:00+00:00",
            Meeting(("Lena Maris", "Arvo Tamm"), "Tartu", "Estonia", "on Monday", "2026-03-02"),
            "Maris and Tamm hold talks",
        ),
        _meeting_story(
            "follow",
            FEED_B,
            invented_text(302),
            "2026-03-03T09:00:00+00:00",
            Meeting(("Arvo Tamm", "Lena Maris"), "Tallinn", "Estonia", "yesterday", "2026-03-02"),
            "What the Tallinn talks mean",
        ),
        _meeting_story(
            "later",
            FEED_A,
            invented_text(303),
            "2026-03-16T09:00:00+00:00",
            Meeting(("Arvo Tamm", "Lena Maris"), "Riga", "Latvia", "on Monday", "2026-03-16"),
            "Tamm and Maris meet again",
        ),
        _meeting_story(
            "other",
            FEED_A,
            invented_text(304),
            "2026-03-10T09:00:00+00:00",
            Meeting(("Arvo Tamm", "Pia Korv"), "Helsinki", "Finland", "on Tuesday", "2026-03-10"),
            "Tamm in Helsinki",
        ),
    ]
    desk = make_desk(tmp_path / "data")
    desk.store.add_stories([s for s, _ in items])
    desk.store.set_annotations({s.id: a for s, a in items})
    yield desk
    desk.close()


async def test_follow_up_in_other_words_joins_the_event_of_its_meeting(meetings: Desk) -> None:
    app = NewsdeskApp(meetings)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app)
        events = app.index.events
        assert events.event_of("copy") == events.event_of("follow") == "wire"
        assert events.event_of("later") == "later"  # same pair, two weeks on: another meeting
        assert len(app.query_one(StoryList).rows) == 3
        await pilot.pause()


async def test_timeline_lists_each_meeting_once_with_its_sources(meetings: Desk) -> None:
    app = NewsdeskApp(meetings)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app)
        app.add_filter(StoryFilter("actor", "Arvo Tamm"))
        await pilot.press("A")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActorTimelineScreen)
        entries = screen.entries
        assert len(entries) == 3  # Monday (3 sources), two weeks later, Helsinki
        monday = next(e for e in entries if e.date == "2026-03-02")
        assert monday.sources == 3 and set(monday.story_ids) == {"wire", "copy", "follow"}
        assert monday.counterparts == ("Lena Maris",)
        # the copy places the meeting elsewhere: both places show, neither is dropped
        assert set(monday.places) == {"Tallinn, Estonia", "Tartu, Estonia"}
        table = screen.query_one(TimelineTable)
        cells = [str(c) for c in table.get_row_at(entries.index(monday))]
        assert (
            "Tallinn, Estonia / Tartu, Estonia" in cells
            or "Tartu, Estonia / Tallinn, Estonia" in cells
        )
        assert "⧉ 3" in cells
        later = next(e for e in entries if e.date == "2026-03-16")
        assert later.sources == 1 and later.places == ("Riga, Latvia",)


async def test_network_screen_lists_counterparts_and_enter_filters_by_the_pair(
    meetings: Desk,
) -> None:
    app = NewsdeskApp(meetings)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app)
        app.add_filter(StoryFilter("actor", "Arvo Tamm"))
        await pilot.press("N")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingNetworkScreen)
        names = [(c.name, c.meetings, c.last_date) for c in screen.counterparts]
        assert names == [("Lena Maris", 2, "2026-03-16"), ("Pia Korv", 1, "2026-03-10")]
        assert screen.counterparts[0].last_place == "Riga, Latvia"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, MeetingNetworkScreen)
        chips = [(f.kind, f.value) for f in app.state.filters]
        assert chips == [("actor", "Arvo Tamm"), ("actor", "Lena Maris")]
        shown = {r.id for r in app.query_one(StoryList).rows}
        assert shown and "other" not in shown  # Pia Korv's meeting names no Lena Maris
