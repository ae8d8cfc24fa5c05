"""Pilot tests: the Feeds section (f), saved views (v, S), escape and tab between panes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Static

from newsdesk.desk import Desk
from newsdesk.models import FeedSpec, FeedState, ViewSpec
from newsdesk.ui.app import NewsdeskApp
from newsdesk.ui.widgets.filter_bar import FilterBar, FilterChip
from newsdesk.ui.widgets.pickers import Picker, PickSearch
from newsdesk.ui.widgets.sidebar import ActorSearch, RegionTree
from newsdesk.ui.widgets.story_list import StoryList
from newsdesk.ui.widgets.story_view import StoryView
from tests.ui_helpers import fill, make_desk, sample_stories, settle, workers_done

FEEDS = (
    FeedSpec("https://a1.example.org/rss", "Alpha One", ("alpha",)),
    FeedSpec("https://a2.example.org/rss", "Alpha Two", ("alpha",)),
    FeedSpec("https://b1.example.org/rss", "Beta One", ("beta",)),
    FeedSpec("https://b2.example.org/rss", "Beta Two", ("beta",)),
)


@pytest.fixture
def tagged(tmp_path: Path) -> Iterator[Desk]:
    """The sample stories spread over four tagged feeds (beta carries stories 3, 4 and 6...)."""
    config_file = tmp_path / "config.toml"
    config_file.write_text("# my config\n")
    desk = make_desk(
        tmp_path / "data",
        feeds=FEEDS,
        views=(ViewSpec("Beta watch", tag="beta"), ViewSpec("Unread Haftar", actor="Haftar")),
        path=config_file,
    )
    items = sample_stories()
    spread = [
        (replace(story, feed_url=FEEDS[i % 4].url, feed_title=None), ann)
        for i, (story, ann) in enumerate(items)
    ]
    desk.store.add_stories([s for s, _ in spread])
    desk.store.set_annotations({s.id: a for s, a in spread if a is not None})
    desk.store.save_feed_states([FeedState(FEEDS[3].url, status=500, error="HTTP 500")])
    yield desk
    desk.close()


def beta_ids(app: NewsdeskApp) -> set[str]:
    return {r.id for r in app.index.rows if r.feed_url in (FEEDS[2].url, FEEDS[3].url)}


async def test_f_beta_enter_filters_by_the_tag(tagged: Desk) -> None:
    app = NewsdeskApp(tagged)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.press("f", *"beta", "enter")
        await pilot.pause()
        assert app.query_one(FilterBar).labels == ["tag: beta ×"]
        assert {r.id for r in app.story_list.rows} == beta_ids(app)
        assert len(app.story_list.rows) == 2  # 6 stories over 4 feeds: 2 on the beta feeds
        assert app.focused is app.story_list


async def test_the_feeds_section_lists_tags_feeds_counts_and_failures(tagged: Desk) -> None:
    app = NewsdeskApp(tagged)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.press("f")
        await pilot.pause()
        picker = app.query_one("#feeds", Picker)
        assert isinstance(app.focused, PickSearch)
        labels = [(i.kind, i.label, i.counts, i.failed) for i in picker.shown]
        assert labels[0] == ("tag", "alpha", "4/4", False)  # unread / total
        assert ("feed", "Beta Two", "1/1", True) in labels  # its last refresh failed
        await pilot.press(*"two")
        assert [i.label for i in picker.shown] == ["Alpha Two", "Beta Two"]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.query_one(FilterBar).labels == [f"feed: {FEEDS[3].url} ×"]
        assert {r.feed_url for r in app.story_list.rows} == {FEEDS[3].url}


async def test_v_applies_a_view_and_S_saves_one(tagged: Desk) -> None:
    app = NewsdeskApp(tagged)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.press("v")
        await workers_done(app)
        await pilot.pause()
        views = app.query_one("#views", Picker)
        assert [(i.label, i.counts) for i in views.shown] == [
            ("Beta watch", "2"),
            ("Unread Haftar", "2"),
        ]
        await pilot.press(*"beta w", "enter")
        await workers_done(app)
        await pilot.pause()
        assert app.query_one(FilterBar).labels == ["tag: beta ×"]
        assert {r.id for r in app.story_list.rows} == beta_ids(app)
        # save the current chips as a new view, appended to the config with its comment kept
        await pilot.press("r")
        await pilot.press("S")
        await pilot.pause()
        await pilot.press(*"My beta", "enter")
        await pilot.pause()
        path = tagged.config.path
        assert path is not None
        text = path.read_text()
        assert text.startswith("# my config\n")
        assert '[[views]]\nname = "My beta"\ntag = "beta"\n' in text
        assert [v.name for v in tagged.config.views][-1] == "My beta"


async def test_escape_returns_to_the_list_from_every_pane(tagged: Desk) -> None:
    app = NewsdeskApp(tagged)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        for keys in (("a",), ("f",), ("v",), ("r",), ("enter",), ("a", "ctrl+t")):
            await pilot.press(*keys)
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            if not isinstance(app.focused, StoryList):  # a screen closed first: esc again
                await pilot.press("escape")
                await pilot.pause()
            assert isinstance(app.focused, StoryList), keys
        await pilot.press("a", *"haftar")  # letters reach the box, not "areagan"
        assert app.query_one(ActorSearch).value == "haftar"


async def test_tab_leaves_the_reader_after_its_last_name_and_chips_take_the_keyboard(
    tagged: Desk,
) -> None:
    app = NewsdeskApp(tagged)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.press("enter")
        reader = app.query_one(StoryView)
        assert app.focused is reader
        for _ in range(len(reader.entities)):
            await pilot.press("tab")
            assert app.focused is reader
        await pilot.press("tab")
        assert app.focused is not reader  # out of the reader, on to the next pane
        await pilot.press("escape", "f", *"alpha", "enter")
        await pilot.pause()
        chips = list(app.query(FilterChip))
        assert len(chips) == 1
        chips[0].focus()
        await pilot.press("enter")  # removes the chip
        await pilot.pause()
        assert app.query_one(FilterBar).labels == []
        assert len(app.story_list.rows) == len(app.index.rows)


async def test_own_regions_top_the_tree_and_filter_like_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    regions = {"Middle East": ("Egypt", "Western Asia"), "Sahel": ("Niger", "Mali")}
    desk = make_desk(tmp_path / "data", regions=regions)
    fill(desk, sample_stories())
    app = NewsdeskApp(desk)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app)
            tree = app.query_one(RegionTree)
            tops = [node.data for node in tree.root.children]
            assert tops[:2] == [("region", "Middle East"), ("region", "Sahel")]
            assert ("region", "Africa") in tops[2:]
            await pilot.press("r", "enter")  # the first node: Middle East
            await pilot.pause()
            assert app.query_one(FilterBar).labels == ["region: Middle East ×"]
            shown = [r.id for r in app.story_list.rows]
            assert shown == ["egypt000000002"]
    finally:
        desk.close()
    # the command line, on the same data dir and the same regions, agrees
    from newsdesk.cli import main

    config = tmp_path / "c.toml"
    config.write_text('[regions]\n"Middle East" = ["Egypt", "Western Asia"]\n')
    status = main(
        [
            "--config",
            str(config),
            "--data-dir",
            str(tmp_path / "data"),
            "stories",
            "--json",
            "--region",
            "Middle East",
        ]
    )
    assert status == 0
    import json

    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["id"] for line in lines] == shown


async def test_l_and_h_open_and_close_the_regions_tree(tagged: Desk) -> None:
    app = NewsdeskApp(tagged)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        tree = app.query_one(RegionTree)
        await pilot.press("r")
        first = tree.cursor_node
        assert first is not None and not first.is_expanded
        await pilot.press("l")
        assert first.is_expanded
        await pilot.press("right")  # open already: into its first child
        assert tree.cursor_node is first.children[0]
        await pilot.press("h")  # a closed child: back up to the region
        assert tree.cursor_node is first
        await pilot.press("left")
        assert not first.is_expanded


async def test_ignored_stories_are_neither_shown_nor_counted(tmp_path: Path) -> None:
    from newsdesk.models import IgnoreRule

    desk = make_desk(
        tmp_path / "data", ignore=(IgnoreRule(title="^Kenya"), IgnoreRule(actor="al-Sisi"))
    )
    fill(desk, sample_stories())
    app = NewsdeskApp(desk)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app)
            titles = [r.title for r in app.story_list.rows]
            assert len(titles) == 4 and not any("Kenya" in t or "Cairo" in t for t in titles)
            assert app.query_one("#filter-count", Static).content == "4 of 4 stories"
            await pilot.press("r")
            africa = next(
                n for n in app.query_one(RegionTree).root.children if n.data == ("region", "Africa")
            )
            assert str(africa.label).endswith(" 1")  # Libya only: Egypt's and Kenya's are hidden
    finally:
        desk.close()
