"""refresh_feeds end to end against a real HTTP server: many feeds, pages, failures, 304s."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from ingest_helpers import FeedServer, Route, article_page, item, rss_feed

from newsdesk.config import FetchSettings
from newsdesk.ingest.refresh import FeedOutcome, refresh_feeds
from newsdesk.ingest.seeds import SEED_DIR_ENV, SEED_FEED_URL, seed_dir, seed_spec
from newsdesk.models import FeedSpec, FeedState, Story

LONG = [
    "Delegations from both countries met for six hours on Thursday in the capital and agreed "
    "to reopen the rail link that has been closed since the floods of last spring.",
    "Officials said the first freight trains would run within weeks, carrying grain north "
    "and fertiliser south, and that passenger services would follow later in the year.",
]
NO_PAGES = FetchSettings(fulltext=False)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running


def serve_feed(server: FeedServer, path: str, count: int, **route: object) -> FeedSpec:
    base = server.url("/")
    body = rss_feed(f"Feed {path}", [item(n, base=base) for n in range(count)])
    server.route(path, Route(body=body, **route))  # type: ignore[arg-type]
    return FeedSpec(server.url(path), tags=("test",))


async def test_second_refresh_is_a_304_with_no_new_stories(server: FeedServer) -> None:
    spec = serve_feed(server, "/feed.xml", 3, etag='"v1"', last_modified="Wed, 01 May 2024")
    stored: set[str] = set()
    first = (await refresh_feeds([spec], {}, stored.__contains__, NO_PAGES))[0]
    assert len(first.stories) == 3 and first.state.error is None
    assert first.state.etag == '"v1"' and first.state.status == 200 and first.state.entries == 3
    stored.update(s.id for s in first.stories)

    second = (await refresh_feeds([spec], {spec.url: first.state}, stored.__contains__, NO_PAGES))[
        0
    ]
    assert second.stories == []
    assert second.state.status == 304 and second.state.error is None
    assert second.state.etag == '"v1"' and second.state.last_ok is not None
    seen = server.seen("/feed.xml")
    assert [s.status for s in seen] == [200, 304]
    assert seen[1].headers["if-none-match"] == '"v1"'
    assert seen[1].headers["if-modified-since"] == "Wed, 01 May 2024"


async def test_known_stories_are_filtered(server: FeedServer) -> None:
    spec = serve_feed(server, "/feed.xml", 4)
    first = (await refresh_feeds([spec], {}, lambda _id: False, NO_PAGES))[0]
    known = {s.id for s in first.stories[:3]}
    again = (await refresh_feeds([spec], {}, known.__contains__, NO_PAGES))[0]
    assert [s.title for s in again.stories] == ["Story 3"]


async def test_failing_feeds_never_stop_the_others(server: FeedServer) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    good = serve_feed(server, "/good.xml", 2)
    server.route("/500", Route(status=500))
    server.route("/slow", Route(body=rss_feed("S", [item(1)]), delay=3))
    server.route("/loop", Route(status=302, location="/loop"))
    server.route("/html", Route(body=b"<html><body>hi</body></html>", content_type="text/html"))
    server.route("/huge", Route(stream_bytes=30_000_000, send_length=False))
    specs = [FeedSpec(server.url(p)) for p in ("/500", "/slow", "/loop", "/html", "/huge")]
    specs += [FeedSpec(f"http://127.0.0.1:{closed_port}/feed"), good]
    done: list[str] = []

    def record(outcome: FeedOutcome) -> None:
        done.append(outcome.spec.url)

    settings = FetchSettings(timeout=1.0, max_bytes=2_000_000, fulltext=False)
    outcomes = await refresh_feeds(specs, {}, lambda _id: False, settings, record)
    errors = {o.spec.url.rsplit("/", 1)[-1]: o.state.error for o in outcomes}
    assert errors == {
        "500": "HTTP 500",
        "slow": "timed out after 1 s",
        "loop": "redirect loop",
        "html": errors["html"],
        "huge": "too large (> 2 MB)",
        "feed": "connection refused",
        "good.xml": None,
    }
    assert errors["html"] is not None and errors["html"].startswith("not a feed")
    assert [o.spec for o in outcomes] == specs
    assert len(outcomes[-1].stories) == 2
    assert sorted(done) == sorted(s.url for s in specs)
    assert all(o.state.last_checked for o in outcomes)


async def test_pages_are_extracted_with_fallbacks(server: FeedServer) -> None:
    server.route("/story/1", Route(body=article_page("One", LONG), content_type="text/html"))
    server.route("/story/2", Route(status=404))
    server.route("/story/3", Route(body=article_page("Three", ["Tiny."]), content_type="text/html"))
    base = server.url("/")
    items = [
        item(1, base=base),
        item(2, base=base),
        item(3, base=base, content="<p>The feed carries this fuller content.</p>"),
        item(4, base=base, link="javascript:alert(1)"),
    ]
    server.route("/feed.xml", Route(body=rss_feed("Pages", items)))
    outcome = (
        await refresh_feeds(
            [FeedSpec(server.url("/feed.xml"))], {}, lambda _id: False, FetchSettings()
        )
    )[0]
    by_title = {s.title: s for s in outcome.stories}
    assert by_title["Story 1"].text == "\n\n".join(LONG)
    assert by_title["Story 1"].text_source == "page" and by_title["Story 1"].language == "en"
    assert by_title["Story 2"].text == "Summary of story 2."
    assert by_title["Story 2"].text_source == "feed-summary"
    assert by_title["Story 3"].text == "The feed carries this fuller content."
    assert by_title["Story 3"].text_source == "feed-content"
    assert by_title["Story 4"].link is None and by_title["Story 4"].text_source == "feed-summary"
    assert server.seen("/story/1")[0].headers["user-agent"].startswith("newsdesk/")


async def test_no_fulltext_downloads_no_pages(server: FeedServer) -> None:
    spec = serve_feed(server, "/feed.xml", 3)
    outcome = (await refresh_feeds([spec], {}, lambda _id: False, NO_PAGES))[0]
    assert len(outcome.stories) == 3
    assert {s.text_source for s in outcome.stories} == {"feed-summary"}
    assert [s.path for s in server.requests] == ["/feed.xml"]


async def test_per_host_limit_holds_for_feeds_and_pages(server: FeedServer) -> None:
    server.latency = 0.05
    specs = [serve_feed(server, f"/f{n}.xml", 3) for n in range(6)]
    for n in range(3):
        server.route(f"/story/{n}", Route(body=article_page("P", LONG), content_type="text/html"))
    settings = FetchSettings(concurrency=8, per_host=2)
    outcomes = await refresh_feeds(specs, {}, lambda _id: False, settings)
    assert all(o.state.error is None for o in outcomes)
    assert sum(len(o.stories) for o in outcomes) == 18
    assert len(server.requests) == 6 + 18
    assert server.in_flight.peak == 2


async def test_gzip_feed_and_retry_after(server: FeedServer) -> None:
    body = rss_feed("Zipped", [item(1), item(2)])
    server.route(
        "/busy.xml",
        Route(status=429, headers={"Retry-After": "1"}),
        Route(body=body, gzip=True),
    )
    outcome = (
        await refresh_feeds([FeedSpec(server.url("/busy.xml"))], {}, lambda _id: False, NO_PAGES)
    )[0]
    assert outcome.state.error is None and outcome.state.title == "Zipped"
    assert len(outcome.stories) == 2
    assert [s.status for s in server.seen("/busy.xml")] == [429, 200]


async def test_hostile_titles_are_stored_as_plain_text(server: FeedServer) -> None:
    items = [
        item(1, title="[bold red]Rich markup[/bold red] stays"),
        item(2, title="\x1b[2J\x1b]0;owned\x07Escapes go", description="\x1b[31mred\x1b[0m"),
    ]
    server.route("/feed.xml", Route(body=rss_feed("Hostile", items)))
    outcome = (
        await refresh_feeds([FeedSpec(server.url("/feed.xml"))], {}, lambda _id: False, NO_PAGES)
    )[0]
    assert [s.title for s in outcome.stories] == [
        "[bold red]Rich markup[/bold red] stays",
        "Escapes go",
    ]
    assert outcome.stories[1].summary == "red"
    assert outcome.state.bozo is not None  # raw ESC is not allowed in XML


async def test_malformed_feed_records_bozo_in_state(server: FeedServer) -> None:
    body = b"<rss version='2.0'><channel><title>B</title><item><title>A & B</title></item>"
    server.route("/bad.xml", Route(body=body))
    outcome = (
        await refresh_feeds([FeedSpec(server.url("/bad.xml"))], {}, lambda _id: False, NO_PAGES)
    )[0]
    assert outcome.state.error is None and outcome.state.bozo
    assert [s.title for s in outcome.stories] == ["A & B"]


async def test_failed_refresh_keeps_validators(server: FeedServer) -> None:
    server.route("/down.xml", Route(status=500))
    before = FeedState(url=server.url("/down.xml"), etag='"old"', last_modified="x")
    outcome = (
        await refresh_feeds(
            [FeedSpec(before.url)], {before.url: before}, lambda _id: False, NO_PAGES
        )
    )[0]
    assert outcome.state.error == "HTTP 500" and outcome.state.status == 500
    assert outcome.state.etag == '"old"' and outcome.state.last_modified == "x"


async def test_an_error_in_on_feed_reaches_the_caller_unchanged(server: FeedServer) -> None:
    specs = [serve_feed(server, f"/f{n}.xml", 1) for n in range(3)]

    def full_disk(outcome: FeedOutcome) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        await refresh_feeds(specs, {}, lambda _id: False, NO_PAGES, full_disk)


async def test_duplicate_specs_are_refreshed_once(server: FeedServer) -> None:
    spec = serve_feed(server, "/feed.xml", 1)
    outcomes = await refresh_feeds([spec, spec], {}, lambda _id: False, NO_PAGES)
    assert len(outcomes) == 1 and len(server.requests) == 1


def write_seeds(folder: Path) -> None:
    items = [
        item(1, title="Seed one", link="newsdesk-seed:one.txt"),
        item(2, title="Seed two", link="newsdesk-seed:../escape.txt"),
    ]
    folder.mkdir()
    (folder / "feed.xml").write_bytes(rss_feed("Seeds", items))
    (folder / "one.txt").write_text("First paragraph.\n\nSecond paragraph.  \n\n\n")
    (folder.parent / "escape.txt").write_text("outside the seed folder")


async def test_seed_feed_reads_local_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: FeedServer
) -> None:
    write_seeds(tmp_path / "seeds")
    monkeypatch.setenv(SEED_DIR_ENV, str(tmp_path / "seeds"))
    assert seed_dir() == tmp_path / "seeds"
    outcome = (await refresh_feeds([seed_spec()], {}, lambda _id: False, NO_PAGES))[0]
    assert outcome.state.error is None and outcome.state.status is None
    one, two = outcome.stories
    assert one.text == "First paragraph.\n\nSecond paragraph." and one.text_source == "seed"
    assert one.feed_title == "newsdesk seed stories" and one.tags == ("seed",)
    assert two.text == "Summary of story 2." and two.text_source == "feed-summary"


async def test_seed_links_in_other_feeds_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: FeedServer
) -> None:
    write_seeds(tmp_path / "seeds")
    monkeypatch.setenv(SEED_DIR_ENV, str(tmp_path / "seeds"))
    server.route("/feed.xml", Route(body=rss_feed("T", [item(1, link="newsdesk-seed:one.txt")])))
    outcome = (
        await refresh_feeds([FeedSpec(server.url("/feed.xml"))], {}, lambda _id: False, NO_PAGES)
    )[0]
    assert outcome.stories[0].link is None
    assert outcome.stories[0].text == "Summary of story 1."


async def test_bundled_seed_feed_is_complete() -> None:
    outcome = (await refresh_feeds([seed_spec()], {}, lambda _id: False, FetchSettings()))[0]
    assert outcome.spec.url == SEED_FEED_URL and outcome.state.error is None
    assert len(outcome.stories) >= 9
    assert {s.text_source for s in outcome.stories} == {"seed"}
    libya = [s for s in outcome.stories if s.link == "newsdesk-seed:libya-guterres-haftar.txt"]
    expected = (seed_dir() / "libya-guterres-haftar.txt").read_text(encoding="utf-8").rstrip()
    assert libya and libya[0].text == expected


def test_importing_ingest_loads_no_heavy_modules() -> None:
    # Commands that never fetch (and the first moments of a refresh) must not pay for these.
    code = (
        "import sys, newsdesk.ingest.refresh, newsdesk.ingest.seeds, newsdesk.text\n"
        "heavy = ['httpx', 'feedparser', 'trafilatura', 'textual', 'spacy']\n"
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


async def test_refresh_without_pages_never_loads_trafilatura(server: FeedServer) -> None:
    spec = serve_feed(server, "/feed.xml", 2)
    code = (
        "import asyncio, sys\n"
        "from newsdesk.config import FetchSettings\n"
        "from newsdesk.ingest.refresh import refresh_feeds\n"
        "from newsdesk.models import FeedSpec\n"
        f"spec = FeedSpec({spec.url!r})\n"
        "settings = FetchSettings(fulltext=False)\n"
        "out = asyncio.run(refresh_feeds([spec], {}, lambda _id: False, settings))\n"
        "print(len(out[0].stories), 'trafilatura' in sys.modules, 'textual' in sys.modules)"
    )
    done = await asyncio.to_thread(
        subprocess.run, [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["2", "False", "False"]


async def test_without_pages_each_story_is_reported_in_feed_order(server: FeedServer) -> None:
    specs = [serve_feed(server, f"/feed{n}.xml", 5) for n in range(3)]
    reported: list[str] = []
    per_feed: dict[str, list[str]] = {}

    def on_story(story: Story) -> None:
        reported.append(story.id)
        per_feed.setdefault(story.feed_url, []).append(story.id)

    outcomes = await refresh_feeds(specs, {}, lambda _id: False, NO_PAGES, on_story=on_story)
    assert len(reported) == 15 and len(set(reported)) == 15
    for outcome in outcomes:  # every story reported once, in the order of its feed
        assert per_feed[outcome.spec.url] == [story.id for story in outcome.stories]
