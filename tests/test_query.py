"""The query layer is the one meaning of a filter: the `stories` command and the reader's index
select the same stories for the same filter."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from store_helpers import make_annotation, make_story

from newsdesk.cli import main
from newsdesk.config import load_config
from newsdesk.models import Actor
from newsdesk.query import StoryFilter, filter_state
from newsdesk.query.stored import named_view_state, stored_index
from newsdesk.store import Store

# (story number, lead actor, its aliases, country, region, sub-region)
_STORIES = [
    (1, "Khalifa Haftar", ("Haftar",), "Libya", "Africa", "Northern Africa"),
    (2, "United Nations", ("UN",), "Viet Nam", "Asia", "South-eastern Asia"),
    (3, "Jacinda Ardern", ("Ardern",), "New Zealand", "Oceania", "Australia and New Zealand"),
    (4, "African Union", ("AU",), "Kenya", "Africa", "Sub-Saharan Africa"),
    (5, "Khalifa Haftar", ("Haftar",), "Egypt", "Africa", "Northern Africa"),
]


# four feeds: two tagged alpha, two tagged beta (one of those also "asia")
FEEDS = [
    ("https://a1.example.org/rss", "Alpha One", ["alpha"]),
    ("https://a2.example.org/rss", "Alpha Two", ["alpha"]),
    ("https://b1.example.org/rss", "Beta One", ["beta", "asia"]),
    ("https://b2.example.org/rss", "Beta Two", ["beta"]),
]
CONFIG = (
    "\n".join(
        f'[[feeds]]\nurl = "{url}"\ntitle = "{title}"\ntags = {tags!r}\n'.replace("'", '"')
        for url, title, tags in FEEDS
    )
    + """
[[views]]
name = "Beta watch"
tag = "beta"

[[views]]
name = "Haftar in Africa"
actor = "Haftar"
region = "Africa"

[[views]]
name = "Unread talks"
query = "second paragraph"
unread = true

[regions]
"Middle East" = ["Egypt", "Israel", "Western Asia"]
"Down Under" = ["Australia and New Zealand"]
"Sahel" = ["Niger", "Mali", "Chad"]

[[ignore]]
title = "^Story 3:"

[[ignore]]
feed = "Beta Two"
text = "kill me"
"""
)


@pytest.fixture
def stored(data_dir: Path, config_file: Path) -> Path:
    """Seven annotated stories in a real store; story 2 read, story 4 bookmarked, one
    unannotated; stories spread over four tagged feeds; two stories hidden by ignore rules."""
    config_file.write_text(CONFIG)
    with Store(data_dir) as store:
        stories = [make_story(n) for n, *_ in _STORIES] + [make_story(6)]
        stories += [
            make_story(7, text="Please kill me now."),  # hidden by the text rule
            make_story(8, text="Please kill me too."),  # same words, but not from Beta Two
        ]
        for i, story in enumerate(stories):
            url, title, _ = FEEDS[i % 4]
            if story.id.endswith("7"):
                url, title, _ = FEEDS[3]
            if story.id.endswith("8"):
                url, title, _ = FEEDS[2]
            stories[i] = replace(story, feed_url=url, feed_title=f"{title} (own title)")
        store.add_stories(stories)
        annotations = {}
        for (_n, actor, aliases, country, region, subregion), story in zip(
            _STORIES, stories, strict=False
        ):
            base = make_annotation("test", actor=actor)
            annotations[story.id] = replace(
                base,
                actors=(Actor(actor, "PERSON", aliases, 3),),
                countries=(country,),
                regions=(region,),
                subregions=(subregion,),
            )
        store.set_annotations(annotations)
        store.set_read([stories[1].id])
        store.add_bookmark(stories[3].id)
    return data_dir


# each row: the `stories` options, and the same filter as keyword arguments of the query layer
FILTERS: list[tuple[list[str], dict[str, object]]] = [
    (["--actor", "haftar"], {"actor": "haftar"}),
    (["--actor", "KHALIFA HAFTAR"], {"actor": "KHALIFA HAFTAR"}),
    (["--actor", "un"], {"actor": "un"}),
    (["--actor", "nobody"], {"actor": "nobody"}),
    (["--region", "africa"], {"region": "africa"}),
    (["--region", "Northern Africa"], {"region": "Northern Africa"}),
    (["--region", "oceania"], {"region": "oceania"}),
    (["--country", "viet nam"], {"country": "viet nam"}),
    (["--country", "Libya", "--actor", "Haftar"], {"country": "Libya", "actor": "Haftar"}),
    (["--region", "Africa", "--actor", "AU"], {"region": "Africa", "actor": "AU"}),
    (["--unread"], {"unread": True}),
    (["--unread", "--region", "Asia"], {"unread": True, "region": "Asia"}),
    (["--bookmarked"], {"bookmarked": True}),
    (["--bookmarked", "--country", "kenya"], {"bookmarked": True, "country": "kenya"}),
    (["--region", "middle east"], {"region": "middle east"}),
    (["--region", "Down Under"], {"region": "Down Under"}),
    (["--region", "Sahel"], {"region": "Sahel"}),
    (["--tag", "beta"], {"tag": "beta"}),
    (["--tag", "ALPHA"], {"tag": "ALPHA"}),
    (["--tag", "asia", "--region", "asia"], {"tag": "asia", "region": "asia"}),
    (["--feed", "https://a1.example.org/rss"], {"feed": "https://a1.example.org/rss"}),
    (["--feed", "alpha two"], {"feed": "alpha two"}),
    (["--feed", "Beta One (own title)"], {"feed": "Beta One (own title)"}),
    (["--feed", "nowhere"], {"feed": "nowhere"}),
]


@pytest.mark.parametrize(("argv", "kwargs"), FILTERS, ids=[" ".join(a) for a, _ in FILTERS])
def test_cli_and_query_layer_select_the_same_stories(
    stored: Path, capsys: pytest.CaptureFixture[str], argv: list[str], kwargs: dict[str, object]
) -> None:
    assert main(["stories", "--json", *argv]) == 0
    cli_ids = [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()]

    with Store(stored, read_only=True) as store:
        index = stored_index(store, load_config())  # what the reader loads
        query_ids = [row.id for row in index.select(filter_state(**kwargs))]  # type: ignore[arg-type]

    assert cli_ids == query_ids


def test_filters_are_not_trivially_equal(stored: Path) -> None:
    """The table above would pass with two empty answers: check that the filters do select."""
    with Store(stored, read_only=True) as store:
        index = stored_index(store, load_config())
    assert len(index.select(filter_state(actor="haftar"))) == 2
    assert len(index.select(filter_state(region="Africa"))) == 3
    assert len(index.select(filter_state(region="northern africa"))) == 2
    assert len(index.select(filter_state(unread=True))) == 5
    assert [r.id for r in index.select(filter_state(bookmarked=True))] == ["s000004"]
    # beta feeds carry stories 3, 4, 7 and 8; the ignore rules hide 3 and 7
    assert [r.id for r in index.select(filter_state(tag="beta"))] == ["s000004", "s000008"]
    assert {r.feed_url for r in index.select(filter_state(tag="alpha"))} == {
        FEEDS[0][0],
        FEEDS[1][0],
    }


def test_a_sub_region_chip_and_a_region_option_agree(stored: Path) -> None:
    """The tree makes sub-region chips; `--region` takes the same name."""
    with Store(stored, read_only=True) as store:
        index = stored_index(store, load_config())
    state = filter_state()
    state.add(StoryFilter("subregion", "Northern Africa"))
    assert index.select(state) == index.select(filter_state(region="Northern Africa"))


def _ids(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    assert main(["stories", "--json", *argv]) == 0
    return [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()]


def test_ignore_rules_hide_stories_everywhere_and_ignored_lists_them(
    stored: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = _ids(capsys)
    assert "s000003" not in shown  # the title rule
    assert "s000007" not in shown  # the text rule, on Beta Two
    assert "s000008" in shown  # the same text on another feed: the rule is narrowed to Beta Two
    assert len(shown) == 6
    assert sorted(_ids(capsys, "--ignored")) == ["s000003", "s000007"]
    assert _ids(capsys, "--search", "kill") == ["s000008"]


@pytest.mark.parametrize(
    ("view", "argv"),
    [
        ("Beta watch", ["--tag", "beta"]),
        ("beta WATCH", ["--tag", "beta"]),
        ("Haftar in Africa", ["--actor", "Haftar", "--region", "Africa"]),
        ("Unread talks", ["--unread", "--search", "second paragraph"]),
    ],
)
def test_a_view_gives_what_its_filters_give(
    stored: Path, capsys: pytest.CaptureFixture[str], view: str, argv: list[str]
) -> None:
    by_view = _ids(capsys, "--view", view)
    assert by_view == _ids(capsys, *argv)
    assert by_view  # each view selects something
    with Store(stored, read_only=True) as store:
        config = load_config()
        index = stored_index(store, config)
        state = named_view_state(store, config, view)
        assert [r.id for r in index.select(state)] == by_view


def test_a_view_narrowed_by_more_options_and_an_unknown_view(
    stored: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _ids(capsys, "--view", "Beta watch", "--unread") == [
        i for i in _ids(capsys, "--tag", "beta") if i != "s000002"
    ]
    assert main(["stories", "--view", "Nope"]) == 1
    err = capsys.readouterr().err
    assert "no view named 'Nope'" in err and "'Beta watch'" in err


def test_search_needs_every_word(stored: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert len(_ids(capsys, "--search", "second paragraph")) == 5  # stories 1-6 less 3, 7, 8
    assert _ids(capsys, "--search", "second nonsense") == []
    assert _ids(capsys, "--search", "KILL please") == ["s000008"]


def test_own_regions_select_by_country_and_by_m49_area(stored: Path) -> None:
    with Store(stored, read_only=True) as store:
        index = stored_index(store, load_config())
    assert [r.countries for r in index.select(filter_state(region="Middle East"))] == [("Egypt",)]
    # story 3 (New Zealand) is hidden by an ignore rule: the region holds nothing shown
    assert index.select(filter_state(region="Down Under")) == []
    assert index.select(filter_state(region="Sahel")) == []


def test_an_unknown_member_of_an_own_region_is_a_config_error(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config_file.write_text('[regions]\n"Middle East" = ["Egypt", "Egpyt"]\n')
    assert main(["stories"]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"newsdesk: {config_file}: key 'regions.\"Middle East\"': 'Egpyt' is neither a country "
        "nor a UN M49 region or sub-region\n"
    )
