"""The refresh pipeline: stages that overlap, with a real server, store, model and reader.

- annotation of the first stories starts before the last page is fetched (the last page is
  only served once a story has been annotated: without overlap it would never be);
- a page waiting for extraction holds no connection slot;
- the extraction worker starts under a reader, whose standard error has no file;
- `refresh --json` gives the wall time and each stage's time;
- the reader's `R` runs the same pipeline: stories and annotations land, the cursor stays.

Every test checks order and content, never how long something took.
"""

from __future__ import annotations

import asyncio
import io
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from ingest_helpers import FeedServer, Route, article_page, item, rss_feed
from ui_helpers import desk as desk  # noqa: F401 - the fixture
from ui_helpers import make_desk, settle

from newsdesk.config import FetchSettings, load_config
from newsdesk.desk import Desk
from newsdesk.ingest.fetch import FetchResult
from newsdesk.ingest.pages import PageExtractor
from newsdesk.ingest.refresh import refresh_feeds
from newsdesk.models import FeedSpec, Story
from newsdesk.refreshing import RefreshProgress
from newsdesk.ui.app import NewsdeskApp
from newsdesk.ui.widgets.status import RefreshStatus
from newsdesk.ui.widgets.story_list import StoryList

REPO = Path(__file__).resolve().parent.parent
GUARD = 60.0  # seconds: only so that a broken pipeline fails instead of hanging

PARAGRAPHS = [
    "Foreign Minister Maria Lopez met Trade Minister Jonas Berg in Oslo on Tuesday to discuss "
    "grain exports and a new rail link between the two countries.",
    "The two ministers agreed to meet again in Madrid next month, officials said after the "
    "talks, which lasted most of the afternoon.",
]


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running


def serve_stories(server: FeedServer, count: int, last_gate: threading.Event | None = None) -> str:
    """One feed of `count` stories with article pages; the last page waits for `last_gate`."""
    base = server.url("/")
    for n in range(count):
        gate = last_gate if n == count - 1 else None
        page = article_page(f"Story {n}", PARAGRAPHS)
        server.route(f"/story/{n}", Route(body=page, content_type="text/html", gate=gate))
    return server.route(
        "/feed.xml", Route(body=rss_feed("Wire", [item(n, base=base) for n in range(count)]))
    )


def pipeline_config(tmp_path: Path, url: str, *, annotate: bool = True) -> Desk:
    base = load_config(None, tmp_path / "data")
    config = replace(
        base,
        feeds=(FeedSpec(url),),
        keep_days=36500,
        annotate=annotate,
        fetch=replace(base.fetch, fulltext=True, concurrency=2, per_host=2),
    )
    return Desk(config)


async def test_annotation_starts_before_the_last_page_is_fetched(
    server: FeedServer, tmp_path: Path
) -> None:
    annotated_one = threading.Event()
    url = serve_stories(server, 8, last_gate=annotated_one)
    events: list[str] = []

    def annotated(story_id: str) -> None:
        events.append("annotated")
        annotated_one.set()  # only now may the last page be served

    def stored(ids: list[str]) -> None:
        events.append(f"stored {len(ids)}")

    with pipeline_config(tmp_path, url) as desk:
        report = await desk.refresh(on_annotated=annotated, on_stories=stored)
        rows = desk.store.rows()
    last_page = server.seen("/story/7")
    assert annotated_one.is_set() and len(last_page) == 1
    # the last page was answered after the first annotation was stored ...
    first_annotation = events.index("annotated")
    assert first_annotation < len(events) - 1, events
    assert any(e.startswith("stored") for e in events[first_annotation:]), events
    assert report.new_stories == report.annotated == 8
    assert all(row.annotated for row in rows) and len(rows) == 8
    assert {"feeds", "pages", "annotation"} == set(report.stage_seconds)


class _Recorder:
    """An extraction stage that records the order of calls; page 0 waits for page 1."""

    def __init__(self) -> None:
        self.order: list[str] = []
        self.second_in = asyncio.Event()

    async def extract(self, story: Story, result: FetchResult) -> Story:
        name = story.title
        self.order.append(f"{name} in")
        if name == "Story 0":  # a slow extraction: it must not keep page 1 from downloading
            await asyncio.wait_for(self.second_in.wait(), GUARD)
        else:
            self.second_in.set()
        self.order.append(f"{name} out")
        return replace(story, text=f"{name} extracted", text_source="page")

    def expect(self, pages: int) -> None:
        pass

    def close(self, wait: bool = True) -> None:
        pass


async def test_a_page_waiting_for_extraction_holds_no_connection_slot(
    server: FeedServer,
) -> None:
    url = serve_stories(server, 2)
    recorder = _Recorder()
    one_at_a_time = FetchSettings(concurrency=1, per_host=1)
    outcome = (
        await refresh_feeds(
            [FeedSpec(url)],
            {},
            lambda _id: False,
            one_at_a_time,
            extractor=recorder,  # type: ignore[arg-type]
        )
    )[0]
    # with a single connection slot, page 1 was downloaded while page 0 was being extracted
    assert recorder.order == ["Story 0 in", "Story 1 in", "Story 1 out", "Story 0 out"]
    assert sorted(s.text for s in outcome.stories) == ["Story 0 extracted", "Story 1 extracted"]
    assert server.in_flight.peak == 1


async def test_stories_are_reported_as_their_pages_are_done(server: FeedServer) -> None:
    url = serve_stories(server, 3)
    parsed: list[tuple[str, int]] = []
    ready: list[str] = []
    feeds: list[int] = []
    outcome = (
        await refresh_feeds(
            [FeedSpec(url)],
            {},
            lambda _id: False,
            FetchSettings(),
            lambda o: feeds.append(len(o.stories)),
            on_parsed=lambda spec, new: parsed.append((spec.url, new)),
            on_story=lambda story: ready.append(story.text_source),
        )
    )[0]
    assert parsed == [(url, 3)]
    assert ready == ["page", "page", "page"] and feeds == [3]
    assert len(outcome.stories) == 3


async def test_the_extraction_worker_starts_under_a_reader(
    server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a reader's sys.stderr draws on the screen and has no file descriptor
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    url = serve_stories(server, 3)
    extractor = PageExtractor(workers=1, threshold=1)
    try:
        outcome = (
            await refresh_feeds(
                [FeedSpec(url)], {}, lambda _id: False, FetchSettings(), extractor=extractor
            )
        )[0]
    finally:
        extractor.close()
    assert extractor.pool_failure is None
    assert [s.text_source for s in outcome.stories] == ["page"] * 3
    assert outcome.stories[0].text == "\n\n".join(PARAGRAPHS)
    assert sys.stderr.getvalue() == ""


def test_refresh_json_gives_the_wall_time_and_each_stage(
    server: FeedServer, tmp_path: Path
) -> None:
    url = serve_stories(server, 3)
    config = tmp_path / "config.toml"
    config.write_text(f'[[feeds]]\nurl = "{url}"\n', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "newsdesk", "--config", str(config)]
        + ["--data-dir", str(tmp_path / "data"), "refresh", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["new_stories"] == report["annotated"] == 3
    stages = report["stage_seconds"]
    assert list(stages) == ["feeds", "pages", "annotation"]
    assert all(0 <= stages[name] <= report["seconds"] for name in stages)
    assert [k for k in report if "seconds" in k] == ["seconds", "stage_seconds"]


async def test_the_readers_refresh_runs_the_pipeline_and_keeps_the_cursor(
    server: FeedServer, tmp_path: Path
) -> None:
    from ui_helpers import fill, sample_stories

    url = serve_stories(server, 4)
    desk = make_desk(tmp_path / "data", annotate=True)
    desk.config = replace(
        desk.config, feeds=(FeedSpec(url),), keep_days=36500, fetch=FetchSettings(per_host=2)
    )
    fill(desk, sample_stories())
    arrived: list[str] = []
    app = NewsdeskApp(desk)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app)
            story_list = app.query_one(StoryList)
            await pilot.press("j", "j")
            chosen = story_list.current_id
            assert chosen is not None
            original = app.desk.refresh

            async def watched(**kwargs: object) -> object:
                arrived.append("pipeline" if kwargs.get("on_annotated") else "no annotation")
                return await original(**kwargs)  # type: ignore[arg-type]

            app.desk.refresh = watched  # type: ignore[method-assign]
            await pilot.press("R")
            for _ in range(int(GUARD * 10)):
                label = str(app.query_one("#refresh-label").render())
                if "Refreshed" in label:
                    break
                await asyncio.sleep(0.1)
            await settle(app)
            titles = {row.title for row in app.index.rows}
            new_rows = [row for row in app.index.rows if row.feed_url == url]
            assert story_list.current_id == chosen  # the cursor did not move
            status = app.query_one(RefreshStatus)
            label = str(app.query_one("#refresh-label").render())
    finally:
        desk.close()
    assert arrived == ["pipeline"]
    assert {f"Story {n}" for n in range(4)} <= titles
    assert len(new_rows) == 4 and all(row.annotated for row in new_rows)
    assert "4 new, 4 annotated" in label, label
    assert status is not None


async def test_beside_annotation_the_extraction_process_yields_the_cpu(
    server: FeedServer,
) -> None:
    import os

    from newsdesk.ingest import refresh as refresh_module
    from newsdesk.ingest.pages import BESIDE_ANNOTATION_NICE

    url = serve_stories(server, 3)
    extractor = PageExtractor(workers=1, threshold=1, nice=BESIDE_ANNOTATION_NICE)
    try:
        outcome = (
            await refresh_feeds(
                [FeedSpec(url)], {}, lambda _id: False, FetchSettings(), extractor=extractor
            )
        )[0]
        pool = extractor._pool_for_next()
        assert pool is not None  # the pages went through the worker process ...
        worker_niceness = pool.submit(os.nice, 0).result(timeout=60)
    finally:
        extractor.close()
    assert [s.text_source for s in outcome.stories] == ["page"] * 3
    # ... which runs at a lower priority than this process (annotation's, in a refresh)
    assert worker_niceness == os.nice(0) + BESIDE_ANNOTATION_NICE
    # a refresh that annotates asks for that; one that does not keeps the normal priority
    seen: list[int] = []
    real = refresh_module._Refresh.__aexit__

    async def note(self: refresh_module._Refresh, *exc: object) -> None:
        seen.append(self.extractor.nice)
        await real(self, *exc)

    refresh_module._Refresh.__aexit__ = note  # type: ignore[method-assign]
    try:
        for beside in (True, False):
            await refresh_feeds(
                [FeedSpec(url)], {}, lambda _id: True, FetchSettings(), beside_annotation=beside
            )
    finally:
        refresh_module._Refresh.__aexit__ = real  # type: ignore[method-assign]
    assert seen == [BESIDE_ANNOTATION_NICE, 0]


@pytest.mark.slow
async def test_on_the_command_line_a_helper_joins_annotation_once_the_last_page_is_in(
    server: FeedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # annotation here, a core for extraction
    count = 200
    url = serve_stories(server, count)
    helpers_during_pages: list[int] = []
    with pipeline_config(tmp_path, url) as desk:

        def progress(report: RefreshProgress) -> None:
            annotator = desk._annotators.get(1)
            if annotator is not None and report.pages_done < count:
                helpers_during_pages.append(annotator._helped.pools_started)

        # no on_annotated: the command line's refresh
        report = await desk.refresh(on_progress=progress)
        helped = desk._annotators[1]._helped
        rows = desk.store.rows()
        stored = [desk.store.annotation(row.id) for row in rows]
    assert report.new_stories == report.annotated == count
    assert all(a is not None and "Norway" in a.countries for a in stored)
    assert helpers_during_pages and set(helpers_during_pages) == {0}  # none beside extraction
    # once every page was in, at most one helper: none when annotation had kept pace with the
    # pages (on a busy machine fewer than SMALL_JOB stories may be left by then)
    assert helped.pools_started <= 1
    assert helped._pool is None  # stopped when the refresh's annotation ended


async def test_a_helper_joins_when_every_story_is_in_at_once_and_many_are_left(
    server: FeedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    count = 200
    url = serve_stories(server, count)
    with pipeline_config(tmp_path, url) as desk:
        # without pages the flow closes as soon as the feed is stored: 200 stories are left,
        # so the core extraction would have used goes to one helper, whatever the timing
        report = await desk.refresh(fulltext=False)
        helped = desk._annotators[1]._helped
        rows = desk.store.rows()
    assert report.new_stories == report.annotated == count
    assert all(row.annotated for row in rows)
    assert helped.pools_started == 1
    assert helped._pool is None


@pytest.mark.parametrize(
    ("cores", "processes", "quiet", "yields"),
    [
        (2, 0, True, True),  # command line: annotation here, one core left to extraction
        (2, 0, False, False),  # reader: annotation workers on both cores
        (8, 0, True, True),
        (8, 0, False, False),
        (8, 3, False, True),  # [nlp] processes = 3 leaves cores free
        (2, 2, True, False),
    ],
)
def test_extraction_yields_the_cpu_only_when_annotation_leaves_it_a_core(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cores: int,
    processes: int,
    quiet: bool,
    yields: bool,
) -> None:
    import os

    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    desk = make_desk(tmp_path, nlp_processes=processes)
    try:
        assert desk._leaves_a_core(quiet) is yields
    finally:
        desk.close()
