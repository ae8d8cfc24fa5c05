"""The Desk's annotation under bad input: a huge item does not stop a refresh, and a story whose
annotation fails is stored as failed, with its reason, and not tried again at every start."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from ingest_helpers import FeedServer, Route, item, rss_feed

from newsdesk.config import Config, load_config
from newsdesk.desk import Desk
from newsdesk.models import FeedSpec, Story
from newsdesk.nlp import analysis
from newsdesk.nlp.pipeline import load_nlp
from newsdesk.output import story_json

HUGE_TITLE = "Khalifa Haftar visits Benghazi again " * 32_500  # about 1.2 MB
TEXTS = [
    "Foreign minister Maria Lopez met John Carter in Oslo on Monday to discuss fishing rights.",
    "Trade minister Ana Ruiz met Peter Novak in Lima on Tuesday. Ruiz said they agreed.",
    "President Amina Diallo met Prime Minister Jonas Berg in Nairobi on Friday.",
]


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as srv:
        yield srv


def _config(tmp_path: Path, feeds: tuple[FeedSpec, ...] = ()) -> Config:
    base = load_config()
    return replace(
        base,
        feeds=feeds,
        keep_days=36500,
        fetch=replace(base.fetch, fulltext=False),
        data_dir=tmp_path / "data",
        nlp_processes=1,
    )


async def test_a_refresh_annotates_a_feed_whose_item_has_a_huge_title(
    server: FeedServer, tmp_path: Path
) -> None:
    items = [item(1, title=HUGE_TITLE, description=TEXTS[0])]
    items += [item(n, description=text) for n, text in enumerate(TEXTS[1:], start=2)]
    url = server.route("/big.xml", Route(body=rss_feed("Big", items)))
    with Desk(_config(tmp_path, (FeedSpec(url),))) as desk:
        report = await desk.refresh()
        rows = desk.store.rows()
        annotations = {row.title[:20]: desk.store.annotation(row.id) for row in rows}
    assert report.new_stories == 3 and report.annotated == 3
    assert len(rows) == 3 and all(row.annotated for row in rows)
    huge = annotations[HUGE_TITLE[:20]]
    assert huge is not None and huge.error is None
    assert {"Maria Lopez", "John Carter"} <= {actor.name for actor in huge.actors}
    assert huge.meetings and huge.countries


def _stories(n: int) -> list[Story]:
    fetched = datetime(2026, 11, 20, 10, tzinfo=UTC).isoformat()
    return [
        Story(
            id=f"story{i:010d}",
            feed_url="http://127.0.0.1/feed.xml",
            title=f"Story {i}",
            text=TEXTS[i % len(TEXTS)],
            published=fetched,
            fetched=fetched,
        )
        for i in range(n)
    ]


def test_a_story_that_fails_is_stored_with_its_reason_and_not_tried_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stories = _stories(3)
    refused = replace(stories[1], text="Maria Lopez met John Carter in Oslo. " * 100)
    stories[1] = refused
    config = _config(tmp_path)
    with Desk(config) as desk:
        desk.store.add_stories(stories)
        monkeypatch.setattr(load_nlp(), "max_length", 3_000)  # spaCy refuses the long one
        assert desk.annotate_pending() == 3
        failed = desk.store.annotation(refused.id)
        assert failed is not None and failed.error is not None
        assert failed.error.startswith("ValueError: [E088]")
        ok = desk.store.annotation(stories[0].id)
        assert ok is not None and ok.error is None and "Norway" in ok.countries
        row = desk.store.row(refused.id)
        assert row is not None and row.annotated
        assert story_json(desk.store, row)["annotation_error"] == failed.error
        good = desk.store.row(stories[0].id)
        assert good is not None and "annotation_error" not in story_json(desk.store, good)
        assert desk.annotate_pending() == 0
    with Desk(config) as desk:  # the next start
        assert desk.annotate_pending() == 0
        monkeypatch.setattr(analysis, "PIPELINE_VERSION", "next")  # a new pipeline tries again
        assert desk.annotate_pending() == 3
        again = desk.store.annotation(refused.id)
        assert again is not None and again.pipeline_version == "next" and again.error
