"""The Desk service: refresh with callbacks, retention, read-only, seeding, annotation order."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from ingest_helpers import FeedServer, Route, item, rss_feed

from newsdesk.config import Config, load_config
from newsdesk.desk import Desk, ReadOnlyDesk, RefreshProgress
from newsdesk.models import FeedSpec


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as srv:
        yield srv


@pytest.fixture
def config(server: FeedServer, tmp_path: Path) -> Config:
    specs = (
        FeedSpec(server.route("/a.xml", Route(body=rss_feed("A", [item(1), item(2)]))), "A"),
        FeedSpec(server.route("/b.xml", Route(body=rss_feed("B", [item(3)]))), None, ("b",)),
        FeedSpec(server.route("/gone.xml", Route(status=404)), "Gone"),
    )
    base = load_config()
    return replace(
        base,
        feeds=specs,
        keep_days=36500,
        fetch=replace(base.fetch, fulltext=False),
        data_dir=tmp_path / "data",
    )


async def test_refresh_reports_each_feed_as_it_arrives(config: Config) -> None:
    progress: list[RefreshProgress] = []
    arrived: list[str] = []
    with Desk(config) as desk:
        report = await desk.refresh(
            annotate=False, on_progress=progress.append, on_stories=arrived.extend
        )
        stored = {row.id for row in desk.store.rows()}
        states = desk.store.feed_states()
    feeds = [p for p in progress if p.feed_url]  # the others report pages (stories ready)
    assert [p.feeds_done for p in feeds] == [1, 2, 3]
    assert {p.feeds_total for p in progress} == {3}
    assert progress[-1].new_stories == report.new_stories == 3
    assert [p.pages_done for p in progress if not p.feed_url] == [1, 2, 3]
    assert [p.error is not None for p in progress].count(True) == 1
    assert set(arrived) == stored and len(stored) == 3
    assert [s.url for s in report.failed] == [config.feeds[2].url]
    assert "404" in (report.failed[0].error or "")
    assert len(report.ok) == 2 and report.annotated == 0 and report.seconds > 0
    assert set(states) == {spec.url for spec in config.feeds}


async def test_retention_after_refresh_keeps_bookmarks(config: Config) -> None:
    with Desk(config) as desk:
        await desk.refresh(annotate=False)
        keep = desk.store.rows()[0].id
        assert desk.store.add_bookmark(keep)
    with Desk(replace(config, keep_days=30)) as desk:  # the items date from 2024
        await desk.refresh(annotate=False)
        assert [row.id for row in desk.store.rows()] == [keep]
        assert [story.id for story, _, _ in desk.store.bookmarks()] == [keep]


async def test_read_only_desk_refuses_to_write(config: Config) -> None:
    with Desk(config) as desk:
        await desk.refresh(annotate=False)
    with Desk(config, read_only=True) as desk:
        assert len(desk.store.rows()) == 3  # reading works
        with pytest.raises(ReadOnlyDesk):
            await desk.refresh(annotate=False)
        assert desk.annotate_pending() == 0  # nothing could be stored
        assert all(not row.annotated for row in desk.store.rows())
        assert desk.ensure_seeded() is False


async def test_ensure_seeded_from_running_event_loop() -> None:
    with Desk(load_config()) as desk:
        assert desk.feed_specs()[0].url == "newsdesk-seed:feed.xml"
        assert desk.ensure_seeded() is True
        assert len(desk.store.rows()) >= 9
        await asyncio.sleep(0)


@pytest.mark.slow
def test_annotate_pending_priority_first_then_once_only() -> None:
    from newsdesk.nlp.pipeline import PIPELINE_VERSION

    with Desk(replace(load_config(), nlp_processes=1)) as desk:
        desk.ensure_seeded()
        rows = desk.store.rows()
        libya = next(row.id for row in rows if row.link and "libya" in row.link)
        order: list[str] = []
        count = desk.annotate_pending(priority=libya, on_annotated=order.append)
        assert count == len(rows) and order[0] == libya and set(order) == {r.id for r in rows}
        assert desk.store.unannotated(PIPELINE_VERSION) == []
        assert desk.annotate_pending() == 0
        annotation = desk.store.annotation(libya)
        assert annotation is not None and annotation.pipeline_version == PIPELINE_VERSION
        assert "Libya" in annotation.countries
        row = desk.store.row(libya)
        assert row is not None and row.annotated and "Africa" in row.regions


@pytest.mark.slow
async def test_refresh_annotates_new_stories(server: FeedServer, config: Config) -> None:
    body = rss_feed(
        "Talks",
        [
            item(
                40,
                title="Ministers meet in Nairobi",
                description="<p>Kenyan Foreign Minister Amina Odhiambo met her Ugandan "
                "counterpart John Okello in Nairobi on Monday to discuss cross-border trade.</p>",
            )
        ],
    )
    spec = FeedSpec(server.route("/talks.xml", Route(body=body)), "Talks")
    with Desk(replace(config, feeds=(spec,), nlp_processes=1)) as desk:
        report = await desk.refresh()
        assert report.new_stories == report.annotated == 1
        (row,) = desk.store.rows()
        assert row.annotated and "Kenya" in row.countries


def test_queue_lets_an_urgent_story_jump_ahead_once() -> None:
    from newsdesk.desk_annotation import _Queue

    queue = _Queue(["a", "b", "c", "d"])
    assert queue.next(None) == "a"
    assert queue.next("c") == "c"
    assert queue.next("a") == "b"  # already taken: ignored
    assert queue.next("zz") == "d"  # not queued: ignored
    assert queue.next(None) is None


def test_stories_an_ignore_rule_hides_are_never_annotated() -> None:
    from newsdesk.models import IgnoreRule
    from newsdesk.nlp.pipeline import PIPELINE_VERSION

    rules = (IgnoreRule(title="coffee"), IgnoreRule(text="Mekong"))
    with Desk(replace(load_config(), nlp_processes=1, ignore=rules)) as desk:
        desk.ensure_seeded()
        rows = desk.store.rows()
        hidden = {r.id for r in rows if "coffee" in r.title.lower()}
        for row in rows:
            story = desk.store.story(row.id)
            if story is not None and "Mekong" in story.text:
                hidden.add(row.id)
        assert len(hidden) >= 2
        count = desk.annotate_pending()
        assert count == len(rows) - len(hidden)
        assert set(desk.store.unannotated(PIPELINE_VERSION)) == hidden
