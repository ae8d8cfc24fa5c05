"""Pilot tests: the sidebar filters, search, the filter chips and the list they narrow."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Static

from newsdesk.desk import Desk
from newsdesk.query import ActorRanker
from newsdesk.ui.app import NewsdeskApp
from newsdesk.ui.widgets.filter_bar import FilterBar, FilterChip
from newsdesk.ui.widgets.sidebar import ActorFilter, ActorSearch, RegionTree
from newsdesk.ui.widgets.story_list import StoryList
from tests.ui_helpers import desk, settle, workers_done  # noqa: F401

__all__ = ["desk"]


def shown(app: NewsdeskApp) -> list[str]:
    return [row.id for row in app.query_one(StoryList).rows]


async def type_text(pilot: Pilot[int], text: str) -> None:
    for ch in text:
        await pilot.press(ch)


async def test_opens_with_every_stored_story_newest_first(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.pause()
        ids = shown(app)
        assert ids[0] == "libya0000000001"
        assert ids[-1] == "markup00000006"
        assert len(ids) == 6
        actors = app.query_one(ActorFilter).actors
        assert actors[0] == ("Khalifa Haftar", 2)  # named in two stories: first
        assert "6 of 6 stories" in str(app.query_one("#filter-count", Static).content)


async def test_actor_filter_keeps_only_stories_naming_the_actor(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.press("a")
        assert isinstance(app.focused, ActorSearch)
        await type_text(pilot, "haftar")
        assert app.query_one(ActorFilter).shown[0] == "Khalifa Haftar"
        await pilot.press("enter")
        await pilot.pause()
        assert shown(app) == ["libya0000000001", "egypt000000002"]
        assert isinstance(app.focused, StoryList)
        assert app.query_one(FilterBar).labels == ["actor: Khalifa Haftar ×"]


async def test_actor_box_matches_word_starts_never_scattered_letters(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.press("a")
        await type_text(pilot, "kftr")  # letters in order, not a substring: no match
        assert app.query_one(ActorFilter).shown == []
        await pilot.press(*["backspace"] * 4)
        await type_text(pilot, "haf")
        assert app.query_one(ActorFilter).shown[0] == "Khalifa Haftar"
        await pilot.press(*["backspace"] * 3)
        await type_text(pilot, "jo")
        names = app.query_one(ActorFilter).shown
        assert set(names[:2]) == {"John Magufuli", "Jorge Faurie"}
        await pilot.press("down", "enter")  # the arrow moves in the list under the box
        await pilot.pause()
        assert app.state.filters[0].value == names[1]


def test_actor_ranking_exact_then_alias_then_word_start_then_inner() -> None:
    names = [
        ("Dennis D. Paboojian", 9),
        ("Boj Holdings", 1),
        ("Bank of Japan", 2),
        ("Bojangles Inc", 5),
        ("Kaboj", 7),
        ("Boj", 1),
    ]
    ranker = ActorRanker(names, {"Bank of Japan": ("BOJ",)})
    ranked = [n for n, _ in ranker.rank("boj")]
    assert ranked == ["Boj", "Bank of Japan", "Bojangles Inc", "Boj Holdings", "Kaboj"]
    assert [n for n, _ in ranker.rank("", limit=2)] == ["Dennis D. Paboojian", "Boj Holdings"]
    assert ranker.rank("dpb") == []  # letters in order are no match
    assert [n for n, _ in ranker.rank("pab")] == ["Dennis D. Paboojian"]


async def _walk_tree_to(pilot: Pilot[int], tree: RegionTree, key: tuple[str, str]) -> None:
    for _ in range(40):
        node = tree.cursor_node
        if node is not None and node.data == key:
            return
        if node is not None and node.data and key[1] and node.allow_expand and not node.is_expanded:
            await pilot.press("space")  # open it and look inside
        await pilot.press("j")
    raise AssertionError(f"{key} not reached in the regions tree")


async def test_region_tree_filters_by_subregion_and_region(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.press("r")
        tree = app.query_one(RegionTree)
        assert app.focused is tree
        regions = [node.data for node in tree.root.children]
        assert regions[0] == ("region", "Africa")  # most stories first
        assert "Africa 3" in str(tree.root.children[0].label)
        await _walk_tree_to(pilot, tree, ("subregion", "Northern Africa"))
        await pilot.press("enter")
        await pilot.pause()
        assert shown(app) == ["libya0000000001", "egypt000000002"]
        await pilot.press("r")
        tree.cursor_line = 0
        await _walk_tree_to(pilot, tree, ("country", "Egypt"))
        await pilot.press("enter")
        await pilot.pause()
        assert shown(app) == ["egypt000000002"]  # filters combine
        assert len(app.state.filters) == 2


async def test_filters_combine_and_are_removed_one_by_one(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.press("a")
        await type_text(pilot, "haftar")
        await pilot.press("enter")
        await pilot.press("a")
        await pilot.press(*["backspace"] * 6)
        await type_text(pilot, "sisi")
        await pilot.press("enter")
        await pilot.pause()
        assert shown(app) == ["egypt000000002"]
        assert len(app.query(FilterChip)) == 2
        # remove the first chip with the keyboard: focus it, press enter
        first = app.query(FilterChip).first()
        app.set_focus(first)
        await pilot.press("enter")
        await pilot.pause()
        assert [f.value for f in app.state.filters] == ["Abdel Fattah al-Sisi"]
        assert shown(app) == ["egypt000000002"]
        await pilot.press("backspace")  # drops the last filter
        await pilot.pause()
        assert len(shown(app)) == 6
        await pilot.press("a")
        await pilot.press("enter")
        await pilot.press("u")
        await pilot.pause()
        assert app.state.filters and app.state.unread_only
        await pilot.press("x")
        await pilot.pause()
        assert not app.state.active
        assert len(shown(app)) == 6
        assert str(app.query_one("#filter-none", Static).content) == "All stories"


async def test_search_finds_titles_and_text(desk: Desk) -> None:
    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        await pilot.press("slash")
        await type_text(pilot, "dar es salaam")  # only in a story's text
        await pilot.press("enter")
        await workers_done(app)
        await pilot.pause()
        assert shown(app) == ["kenya000000003"]
        assert app.query_one(FilterBar).labels == ["search: dar es salaam ×"]
        await pilot.press("slash")
        await pilot.press(*["backspace"] * 13)
        await type_text(pilot, "montevideo")
        await pilot.press("enter")
        await workers_done(app)
        await pilot.pause()
        assert shown(app) == ["brazil00000004"]  # a new search replaces the old one
        assert len(app.state.filters) == 1


async def test_actor_box_counts_within_the_active_filters(desk: Desk) -> None:
    from newsdesk.query import StoryFilter

    app = NewsdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        actors = app.query_one(ActorFilter)
        assert ("Khalifa Haftar", 2) in actors.actors
        app.add_filter(StoryFilter("country", "Libya"))
        await workers_done(app)
        await pilot.pause()
        assert ("Khalifa Haftar", 1) in actors.actors  # one of its two stories is shown
        assert all(count <= len(shown(app)) for _, count in actors.actors)
        kinds = app.query_one("#actor-list").kinds  # type: ignore[attr-defined]
        assert kinds.get("Khalifa Haftar") == "person"
