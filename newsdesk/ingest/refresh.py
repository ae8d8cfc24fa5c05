"""Refresh many feeds at once: fetch, parse, keep the new stories and fill in their text.

Every feed runs concurrently under the fetcher's limits; a feed that fails (network, server, not a
feed, even a bug) only marks its own `FeedState` with the reason and never stops the others.
Blocking work (feedparser, trafilatura) runs in worker threads so fetching carries on meanwhile.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from newsdesk.ingest.fetch import Fetcher, FetchResult, FetchSettings
from newsdesk.ingest.seeds import SEED_FEED_URL, is_seed_url, read_seed, seed_path
from newsdesk.models import FeedSpec, FeedState, Story

if TYPE_CHECKING:
    from newsdesk.ingest.parse import ParsedFeed

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


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
) -> list[FeedOutcome]:
    """Refresh every feed in `specs` (each URL once); outcomes come back in `specs` order.

    `on_feed` is called on the event loop as each feed finishes; an exception it raises stops
    the refresh and reaches the caller unchanged. `is_known` is also called on the event loop
    only, so a store that is not thread-safe can answer it.
    """
    unique = list({spec.url: spec for spec in reversed(specs)}.values())[::-1]
    outcomes: dict[str, FeedOutcome] = {}
    async with _Refresh(settings, is_known) as refresh:

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

    def __init__(self, settings: FetchSettings, is_known: Callable[[str], bool]) -> None:
        self.settings = settings
        self.is_known = is_known
        self.fetcher = Fetcher(settings)
        # A page is held from its download until trafilatura is done with it; bound how many.
        self.pages = asyncio.Semaphore(max(1, settings.concurrency) * 2)

    async def __aenter__(self) -> _Refresh:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.fetcher.aclose()

    async def feed(self, spec: FeedSpec, previous: FeedState | None) -> FeedOutcome:
        started = time.monotonic()
        now = _now()
        state = dataclasses.replace(previous) if previous else FeedState(url=spec.url)
        state.last_checked = now
        try:
            stories = await self._feed(spec, state, now)
        except Exception as exc:  # noqa: BLE001 - one feed's bug must not stop the others
            state.error = f"internal error: {type(exc).__name__}: {exc}"[:200]
            stories = []
        return FeedOutcome(spec, state, stories, time.monotonic() - started)

    async def _feed(self, spec: FeedSpec, state: FeedState, now: str) -> list[Story]:
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
            parsed = await asyncio.to_thread(_parse, result.content, spec, result, now)
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
        new = [story for story in parsed.stories if not self.is_known(story.id)]
        return list(await asyncio.gather(*(self._fill(story) for story in new)))

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
        async with self.pages:
            result = await self.fetcher.fetch(link, accept=PAGE_ACCEPT)
            if not result.ok or not result.content:
                return story
            return await asyncio.to_thread(_extract, story, result)


# The two blocking steps run in worker threads and import their modules there on first use: a
# refresh where every feed answers 304 never loads feedparser, one without pages never loads
# trafilatura, and the event loop keeps fetching while they load.


def _parse(data: bytes, spec: FeedSpec, result: FetchResult | None, now: str) -> ParsedFeed:
    from newsdesk.ingest.parse import parse_feed

    if result is None:
        return parse_feed(data, spec, now=now)
    return parse_feed(data, spec, headers=result.headers, base_url=result.final_url, now=now)


def _extract(story: Story, result: FetchResult) -> Story:
    from newsdesk.ingest.extract import choose_text, extract_page

    page = extract_page(result.content, result.final_url, result.content_type)
    return choose_text(story, page)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


__all__ = ["FEED_ACCEPT", "PAGE_ACCEPT", "FeedOutcome", "refresh_feeds"]
