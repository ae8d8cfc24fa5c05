"""Refresh many feeds at once: fetch, parse, keep the new stories and fill in their text.

Every feed runs concurrently under the fetcher's limits; a feed that fails (network, server, not a
feed, even a bug) only marks its own `FeedState` with the reason and never stops the others.

Stories flow through stages rather than waiting for each other: a feed's document is fetched
and parsed (`on_parsed`), then each new story's page is downloaded under the connection limits
and handed to the extraction stage (`PageExtractor`: worker processes once there are enough
pages), and each story is reported as soon as its text is ready (`on_story`), long before the
last page of the refresh is in. A page waiting for extraction holds a place in a bounded buffer,
never a connection slot. `on_feed` comes once a feed and all its pages are done.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from newsdesk.ingest.fetch import Fetcher, FetchResult, FetchSettings, Reservation
from newsdesk.ingest.seeds import SEED_FEED_URL, is_seed_url, read_seed, seed_path
from newsdesk.models import FeedSpec, FeedState, Story

if TYPE_CHECKING:
    from newsdesk.ingest.pages import PageExtractor
    from newsdesk.ingest.parse import ParsedFeed

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
PAGES_WAITING = 64  # downloaded pages that may wait for extraction at once (memory bound)


@dataclass
class FeedOutcome:
    """The result of refreshing one feed."""

    spec: FeedSpec
    state: FeedState  # updated state to store (etag, last_modified, status, error, ...)
    stories: list[Story]  # NEW stories only (is_known filtered), text extracted
    seconds: float


async def refresh_feeds(
    specs: Sequence[FeedSpec],
    states: Mapping[str, FeedState],
    is_known: Callable[[str], bool],
    settings: FetchSettings,
    on_feed: Callable[[FeedOutcome], None] | None = None,
    *,
    on_parsed: Callable[[FeedSpec, int], None] | None = None,
    on_story: Callable[[Story], None] | None = None,
    extractor: PageExtractor | None = None,
    beside_annotation: bool = False,
) -> list[FeedOutcome]:
    """Refresh every feed in `specs` (each URL once); outcomes come back in `specs` order.

    Callbacks run on the event loop: `on_parsed(spec, new)` once a feed's document is done
    (fetched and parsed, or failed, or not modified) with how many new stories it holds;
    `on_story(story)` as each new story's text is ready; `on_feed(outcome)` once a feed and
    all its pages are done. An exception a callback raises stops the refresh and reaches the
    caller unchanged. `is_known` is also called on the event loop only, so a store that is not
    thread-safe can answer it. `extractor` is the extraction stage (by default one of this
    refresh's own, closed at its end; `beside_annotation`: its process yields the CPU to an
    annotation running at the same time, see pages.BESIDE_ANNOTATION_NICE).
    """
    unique = list({spec.url: spec for spec in reversed(specs)}.values())[::-1]
    outcomes: dict[str, FeedOutcome] = {}
    parts = (extractor, on_parsed, on_story, beside_annotation)
    async with _Refresh(settings, is_known, *parts) as refresh:

        async def run(spec: FeedSpec) -> None:
            outcome = await refresh.feed(spec, states.get(spec.url))
            outcomes[spec.url] = outcome
            if on_feed is not None:
                on_feed(outcome)

        tasks = [asyncio.create_task(run(spec)) for spec in unique]
        try:
            await asyncio.gather(*tasks)
        except BaseException:
            # Only `on_feed` can raise (say, the store's disk is full): stop the other feeds
            # and let the caller see that very exception, not an ExceptionGroup.
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise
    return [outcomes[spec.url] for spec in unique]


class _Refresh:
    """One refresh: a shared fetcher plus a bound on pages held in memory at once."""

    def __init__(
        self,
        settings: FetchSettings,
        is_known: Callable[[str], bool],
        extractor: PageExtractor | None,
        on_parsed: Callable[[FeedSpec, int], None] | None,
        on_story: Callable[[Story], None] | None,
        beside_annotation: bool = False,
    ) -> None:
        self.settings = settings
        self.beside_annotation = beside_annotation
        self.is_known = is_known
        self.fetcher = Fetcher(settings)
        self.on_parsed = on_parsed
        self.on_story = on_story
        self._extractor = extractor
        self._own_extractor = extractor is None
        # A page is held from its download until its text is extracted: bound how many wait.
        self.waiting = asyncio.Semaphore(PAGES_WAITING)

    @property
    def extractor(self) -> PageExtractor:
        if self._extractor is None:
            from newsdesk.ingest.pages import BESIDE_ANNOTATION_NICE, PageExtractor

            nice = BESIDE_ANNOTATION_NICE if self.beside_annotation else 0
            self._extractor = PageExtractor(nice=nice)
        return self._extractor

    async def __aenter__(self) -> _Refresh:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.fetcher.aclose()
        if self._own_extractor and self._extractor is not None:
            self._extractor.close(wait=False)

    async def feed(self, spec: FeedSpec, previous: FeedState | None) -> FeedOutcome:
        started = time.monotonic()
        now = _now()
        state = dataclasses.replace(previous) if previous else FeedState(url=spec.url)
        state.last_checked = now
        try:
            new = await self._feed(spec, state, now)
        except Exception as exc:  # noqa: BLE001 - one feed's bug must not stop the others
            state.error = f"internal error: {type(exc).__name__}: {exc}"[:200]
            new = []
        if self.on_parsed is not None:
            self.on_parsed(spec, len(new))
        pages = sum(1 for story in new if story.link and not is_seed_url(story.link))
        if pages and self.settings.fulltext:
            self.extractor.expect(pages)
        if self.settings.fulltext:
            stories = list(await asyncio.gather(*(self._ready(story) for story in new)))
        else:
            # Without pages no story waits for anything: each is handled in turn, in this
            # task (a task per story costs more than all the rest of its handling here).
            stories = [await self._ready(story) for story in new]
        return FeedOutcome(spec, state, stories, time.monotonic() - started)

    async def _ready(self, story: Story) -> Story:
        story = await self._fill(story)
        if self.on_story is not None:
            self.on_story(story)
        return story

    async def _feed(self, spec: FeedSpec, state: FeedState, now: str) -> list[Story]:
        """The feed's new stories, their texts not filled yet; `state` updated."""
        if is_seed_url(spec.url):  # bundled stories, read from disk: no HTTP
            state.status = None
            data = read_seed(spec.url) if spec.url == SEED_FEED_URL else None
            if data is None:
                state.error = f"seed feed not found: {seed_path(spec.url)}"
                return []
            parsed = await asyncio.to_thread(_parse, data, spec, None, now)
        else:
            result = await self.fetcher.fetch(
                spec.url, etag=state.etag, last_modified=state.last_modified, accept=FEED_ACCEPT
            )
            state.status = result.status
            if result.error:
                state.error = result.error
                return []
            if result.not_modified:
                state.etag = result.etag or state.etag
                state.last_modified = result.last_modified or state.last_modified
                state.error = None
                state.last_ok = now
                return []
            parsed = await _parse_soon(result.content, spec, result, now)
            if not parsed.error:
                state.etag = result.etag
                state.last_modified = result.last_modified
        if parsed.error:
            state.error = parsed.error
            return []
        state.error = None
        state.last_ok = now
        state.bozo = parsed.bozo
        state.entries = parsed.entries
        state.title = parsed.title or state.title
        return [story for story in parsed.stories if not self.is_known(story.id)]

    async def _fill(self, story: Story) -> Story:
        """The story with its text: the seed file, the extracted page, or the feed's text."""
        link = story.link
        if link is None:
            return story
        try:
            if is_seed_url(link):
                data = read_seed(link)
                if data is None:
                    return story
                text = data.decode("utf-8", errors="replace").rstrip()
                return dataclasses.replace(story, text=text, text_source="seed")
            if self.settings.fulltext:
                return await self._page(story, link)
        except Exception:  # noqa: BLE001 - a page problem only costs the page's text
            return story
        return story

    async def _page(self, story: Story, link: str) -> Story:
        # The connection slot is given back as soon as the page is downloaded; the page keeps
        # a place among those waiting for extraction until its text is out.
        place = Reservation(self.waiting)
        try:
            result = await self.fetcher.fetch(link, accept=PAGE_ACCEPT, reservation=place)
            if not result.ok or not result.content:
                return story
            return await self.extractor.extract(story, result)
        finally:
            place.release()


# Parsing imports its parsers on first use: a refresh where every feed answers 304 never loads
# them.


INLINE_PARSE = 256_000  # bytes: a feed this small is parsed on the event loop


async def _parse_soon(
    data: bytes, spec: FeedSpec, result: FetchResult | None, now: str
) -> ParsedFeed:
    """Parse a feed: a small one at once, on the event loop, a large one in a thread.

    A thread costs more than it saves for a typical feed (a few milliseconds of parsing):
    while it holds the interpreter lock, every socket call of the event loop waits to get it
    back, and the hand-offs cost more than the parse. A large feed still goes to a thread, so
    that the downloads in flight are not held up for long.
    """
    if len(data) <= INLINE_PARSE:
        return _parse(data, spec, result, now)
    return await asyncio.to_thread(_parse, data, spec, result, now)


def _parse(data: bytes, spec: FeedSpec, result: FetchResult | None, now: str) -> ParsedFeed:
    from newsdesk.ingest.parse import parse_feed

    if result is None:
        return parse_feed(data, spec, now=now)
    return parse_feed(data, spec, headers=result.headers, base_url=result.final_url, now=now)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


__all__ = ["FEED_ACCEPT", "PAGE_ACCEPT", "FeedOutcome", "refresh_feeds"]
