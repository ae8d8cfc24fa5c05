"""Annotation in the reader at volume and under bad input, with the real app, model and store.

- 600 new stories from a local feed server are all annotated in the reader by its worker
  processes, with what the stories say (the time against `newsdesk refresh` is printed);
- when the worker processes fail, the reader annotates in its own process and says so on a line
  that stays;
- a huge title does not hold its batch back, and a story that fails says why in its card.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from ingest_helpers import FeedServer
from rich.text import Text
from textual.widgets import Static
from ui_helpers import make_desk, settle
from volume_helpers import make_story, serve_feeds, write_config

from newsdesk.config import load_config
from newsdesk.desk import Desk
from newsdesk.models import Story
from newsdesk.nlp import analysis, pipeline
from newsdesk.nlp.pipeline import load_nlp
from newsdesk.ui.app import NewsdeskApp
from newsdesk.ui.widgets.status import AnnotationNotice

FEEDS, ITEMS = 12, 50
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as srv:
        yield srv


async def _until_annotated(app: NewsdeskApp, expected: int, limit: float) -> float:
    """Seconds until the reader holds `expected` stories, all annotated (or `limit` passed)."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        rows = app.index.rows
        if len(rows) >= expected and all(row.annotated for row in rows):
            break
        await asyncio.sleep(0.1)
    return time.perf_counter() - started


@pytest.mark.slow
async def test_the_reader_annotates_600_new_stories_with_its_worker_processes(
    server: FeedServer, tmp_path: Path
) -> None:
    urls = serve_feeds(server, FEEDS, ITEMS)
    config_file = write_config(tmp_path / "config.toml", urls)
    cli_dir, reader_dir = tmp_path / "cli-data", tmp_path / "reader-data"

    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "newsdesk", "--config", str(config_file)]
        + ["--data-dir", str(cli_dir), "refresh", "--json"],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=REPO,
    )
    cli_seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["new_stories"] == FEEDS * ITEMS and report["annotated"] == FEEDS * ITEMS

    desk = Desk(load_config(config_file, reader_dir))
    app = NewsdeskApp(desk)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            started = time.perf_counter()
            await pilot.press("R")
            reader_seconds = await _until_annotated(app, FEEDS * ITEMS, 3 * cli_seconds + 60)
            rows = list(app.index.rows)
            notice = app.query_one(AnnotationNotice)
            assert not notice.display, notice.message  # the worker processes did the work
            # the refresh may still be finishing (actor index, pruning): let it end, and its
            # messages land, before the reader closes
            await settle(app)
    finally:
        desk.close()

    print(f"refresh on the command line {cli_seconds:.1f} s, in the reader {reader_seconds:.1f} s")
    assert len(rows) == FEEDS * ITEMS
    assert all(row.annotated for row in rows)
    # what the reader found is what the stories say: people, places, meetings
    by_title = {row.title: row for row in rows}
    for n in range(0, FEEDS * ITEMS, 37):
        story = make_story(n)
        row = by_title[story.title]
        assert story.country in row.countries, (story.title, row.countries)
        assert row.actors
        if story.meets:
            assert row.meetings >= 1, story.title
    assert sum(1 for row in rows if row.meetings) >= FEEDS * ITEMS // 3
    # how fast, against the command line, is a benchmark's business (the machine may be busy)


class _RefusedPool:
    """Stands in for the operating system refusing to start the worker processes."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise OSError(24, "Too many open files")


def _stories(n: int) -> list[Story]:
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    out = []
    for i in range(n):
        made = make_story(i)
        out.append(
            Story(
                id=f"made{i:012d}",
                feed_url="http://127.0.0.1/feed/0.xml",
                title=made.title,
                text="\n\n".join(made.paragraphs),
                published=now,
                fetched=now,
            )
        )
    return out


@pytest.mark.slow
async def test_when_the_worker_processes_fail_the_reader_annotates_and_says_so_lastingly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", _RefusedPool)
    desk = make_desk(tmp_path / "data", annotate=True, nlp_processes=2)
    desk.store.add_stories(_stories(48))  # enough for the worker processes
    app = NewsdeskApp(desk)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await _until_annotated(app, 48, 300)
            assert len(app.index.rows) == 48 and all(row.annotated for row in app.index.rows)
            notice = app.query_one(AnnotationNotice)
            assert notice.display
            assert "Too many open files" in notice.message and "this process" in notice.message
            await pilot.pause(6.0)  # longer than a notification stays
            assert notice.display and "Too many open files" in notice.message
            assert app.query_one("#annotation-notice").region.height >= 1
    finally:
        desk.close()


HUGE_TITLE = "Khalifa Haftar visits Benghazi again " * 32_500  # about 1.2 MB


async def test_a_huge_title_and_a_failing_story_do_not_hold_the_others_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stories = _stories(4)
    stories[0] = replace(stories[0], title=HUGE_TITLE)
    refused = stories[2] = replace(stories[2], text="Maria Lopez met John Carter in Oslo. " * 100)
    monkeypatch.setattr(load_nlp(), "max_length", 3_000)  # spaCy refuses the long text
    desk = make_desk(tmp_path / "data", annotate=True, nlp_processes=1)
    desk.store.add_stories(stories)
    app = NewsdeskApp(desk)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await _until_annotated(app, 4, 120)
            assert all(row.annotated for row in app.index.rows)
            countries = {row.id: row.countries for row in app.index.rows}
            assert countries[stories[0].id] and countries[stories[1].id]
            assert countries[stories[3].id]
            app.open_story(refused.id)
            await pilot.pause()
            card = app.query_one("#reader-card", Static).content
            assert isinstance(card, Text)
            assert "Annotation failed: ValueError: [E088]" in card.plain
            assert "Annotating" not in card.plain
            assert not app.query_one(AnnotationNotice).display
    finally:
        desk.close()
    with Desk(desk.config) as again:  # the next start does not try it again
        assert again.store.unannotated(pipeline.PIPELINE_VERSION) == []


async def test_when_annotation_cannot_run_the_reader_says_so_and_nothing_waits_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(analysis, "_loaded", {})  # no model loaded yet in this process ...
    monkeypatch.setattr(analysis, "DEFAULT_MODELS", ("newsdesk_test_no_such_model",))  # ... or any
    desk = make_desk(tmp_path / "data", annotate=True, nlp_processes=1)
    stories = _stories(3)
    desk.store.add_stories(stories)
    app = NewsdeskApp(desk)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            notice = app.query_one(AnnotationNotice)
            for _ in range(300):
                if notice.display:
                    break
                await pilot.pause(0.1)
            assert notice.message.startswith("Annotation stopped: no spaCy English model found")
            app.open_story(stories[0].id)
            await pilot.pause()
            card = app.query_one("#reader-card", Static).content
            assert isinstance(card, Text) and card.plain == "Not annotated yet."
            await pilot.pause(6.0)  # longer than a notification stays
            assert notice.display
    finally:
        desk.close()


async def test_a_refresh_or_annotation_landing_while_the_reader_closes_is_dropped_quietly(
    tmp_path: Path,
) -> None:
    app = NewsdeskApp(make_desk(tmp_path / "data"))
    async with app.run_test(size=(120, 40)):
        await settle(app)
        assert app.is_running
    # The reader is closed and its widgets are gone: the messages a refresh or the annotation
    # workers still send must not raise (they did: NoMatches from a status line long removed).
    assert not app.is_running
    app._refresh_finished(NewsdeskApp.RefreshFinished(None, "network down"))
    app._annotation_noticed(NewsdeskApp.AnnotationNoticed("annotating in this process"))
