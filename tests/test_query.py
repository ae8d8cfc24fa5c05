"""The query layer is the one meaning of a filter: the `stories` command and the reader's index
select the same stories for the same filter."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from store_helpers import make_annotation, make_story

from newsdesk.cli import main
from newsdesk.models import Actor
from newsdesk.query import StoryFilter, StoryIndex, filter_state
from newsdesk.store import Store

# (story number, lead actor, its aliases, country, region, sub-region)
_STORIES = [
    (1, "Khalifa Haftar", ("Haftar",), "Libya", "Africa", "Northern Africa"),
    (2, "United Nations", ("UN",), "Viet Nam", "Asia", "South-eastern Asia"),
    (3, "Jacinda Ardern", ("Ardern",), "New Zealand", "Oceania", "Australia and New Zealand"),
    (4, "African Union", ("AU",), "Kenya", "Africa", "Sub-Saharan Africa"),
    (5, "Khalifa Haftar", ("Haftar",), "Egypt", "Africa", "Northern Africa"),
]


@pytest.fixture
def stored(data_dir: Path) -> Path:
    """Five annotated stories in a real store; story 2 read, story 4 bookmarked, one unannotated."""
    with Store(data_dir) as store:
        stories = [make_story(n) for n, *_ in _STORIES] + [make_story(6)]
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
]


@pytest.mark.parametrize(("argv", "kwargs"), FILTERS, ids=[" ".join(a) for a, _ in FILTERS])
def test_cli_and_query_layer_select_the_same_stories(
    stored: Path, capsys: pytest.CaptureFixture[str], argv: list[str], kwargs: dict[str, object]
) -> None:
    assert main(["stories", "--json", *argv]) == 0
    cli_ids = [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()]

    with Store(stored, read_only=True) as store:
        index = StoryIndex(store.rows())  # what the reader loads
    query_ids = [row.id for row in index.select(filter_state(**kwargs))]  # type: ignore[arg-type]

    assert cli_ids == query_ids


def test_filters_are_not_trivially_equal(stored: Path) -> None:
    """The table above would pass with two empty answers: check that the filters do select."""
    with Store(stored, read_only=True) as store:
        index = StoryIndex(store.rows())
    assert len(index.select(filter_state(actor="haftar"))) == 2
    assert len(index.select(filter_state(region="Africa"))) == 3
    assert len(index.select(filter_state(region="northern africa"))) == 2
    assert len(index.select(filter_state(unread=True))) == 5
    assert [r.id for r in index.select(filter_state(bookmarked=True))] == ["s000004"]


def test_a_sub_region_chip_and_a_region_option_agree(stored: Path) -> None:
    """The tree makes sub-region chips; `--region` takes the same name."""
    with Store(stored, read_only=True) as store:
        index = StoryIndex(store.rows())
    state = filter_state()
    state.add(StoryFilter("subregion", "Northern Africa"))
    assert index.select(state) == index.select(filter_state(region="Northern Africa"))
