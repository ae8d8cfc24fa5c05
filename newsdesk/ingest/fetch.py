"""Polite, bounded HTTP fetching for feeds and story pages.

One `Fetcher` serves every request of a refresh, on connections kept alive per host: plain
http:// on asyncio streams with h11 (plain_http.py), https and URLs that are not plain ASCII
through an `httpx.AsyncClient`, made when the first such URL comes up. It limits how many
requests run at once, overall and per host, gives every request a deadline, caps the size of
what it reads (counted after decompression, while streaming), follows redirects itself (a few,
http and https only) and retries politely when a server asks it to wait.

`Fetcher.fetch` never raises for network or server problems: it returns a `FetchResult` whose
`error` is a short reason a person can read ("timed out after 20 s", "HTTP 500").
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from newsdesk.config.model import FetchSettings, default_user_agent
from newsdesk.ingest.fetch_words import (
    MAX_RETRY_WAIT,
    FetchError,
    describe_error,
    human_size,
    retry_delay,
    seconds_text,
)
from newsdesk.ingest.transport import (
    LOCATION_HEADER,
    hide_location,
    import_httpx,
    per_host_transport,
    read_body,
    read_stream,
    use_asyncio_streams,
)
from newsdesk.urls import url_problem

if TYPE_CHECKING:
    import httpx

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUSES = frozenset({429, 503})


@dataclass(frozen=True)
class FetchResult:
    """What came back for one URL, after redirects and retries."""

    url: str  # the URL asked for
    final_url: str  # where the content came from, after redirects
    status: int | None = None  # last HTTP status; None when there was no response
    content: bytes = b""  # decoded (decompressed) body; empty unless status is 2xx
    headers: Mapping[str, str] = field(default_factory=dict)  # lower-case names
    error: str | None = None  # short human reason; None when the fetch worked (2xx or 304)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def not_modified(self) -> bool:
        return self.error is None and self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


class Reservation:
    """A place in a bounded buffer, taken once a request has its connection slot.

    A page waiting for extraction holds a place, so the pages in memory are bounded; taking
    it only after the connection slot means a full buffer slows downloads (back-pressure)
    without a queue of pages for one host keeping the other hosts idle.
    """

    def __init__(self, places: asyncio.Semaphore) -> None:
        self._places = places
        self.taken = False

    async def take(self) -> None:
        if not self.taken:
            await self._places.acquire()
            self.taken = True

    def release(self) -> None:
        if self.taken:
            self.taken = False
            self._places.release()


class Fetcher:
    """Fetches URLs under the limits of `FetchSettings`. Use as an async context manager."""

    def __init__(self, settings: FetchSettings) -> None:
        self.settings = settings
        self._global = asyncio.Semaphore(max(1, settings.concurrency))
        self._hosts: dict[str, asyncio.Semaphore] = {}
        from newsdesk.ingest.plain_http import PlainHTTP

        # Plain http:// goes the short way (plain_http.py); the rest takes httpx, imported
        # and set up only when such a URL comes up.
        self._direct = PlainHTTP(self._base_headers(), settings.connect_timeout)
        self._plain: httpx.AsyncClient | None = None
        # Loading the CA bundle for https takes a noticeable part of a refresh's start, so
        # that client is made (in a worker thread) only when the first https URL comes up.
        self._secure: httpx.AsyncClient | None = None
        self._secure_lock = asyncio.Lock()

    def _base_headers(self) -> dict[str, str]:
        return {
            "User-Agent": self.settings.user_agent or default_user_agent(),
            "Accept-Encoding": "gzip, deflate",
        }

    def _new_client(self, *, secure: bool) -> httpx.AsyncClient:
        import_httpx()
        import httpx

        settings = self.settings
        limits = httpx.Limits(
            max_connections=max(1, settings.concurrency),
            max_keepalive_connections=max(1, settings.concurrency),
        )
        # one TLS context for every host's pool (loading the certificates takes milliseconds)
        ssl_context = httpx.create_ssl_context(verify=secure)

        def new_pool() -> httpx.AsyncHTTPTransport:
            pool = httpx.AsyncHTTPTransport(verify=ssl_context, limits=limits)
            use_asyncio_streams(pool)
            return pool

        return httpx.AsyncClient(
            transport=per_host_transport(new_pool),
            headers=self._base_headers(),
            verify=ssl_context,
            timeout=httpx.Timeout(settings.timeout, connect=settings.connect_timeout),
            limits=limits,
            follow_redirects=False,
            event_hooks={"response": [hide_location]},
        )

    async def _client_for(self, url: str) -> httpx.AsyncClient:
        if not url[:6].lower().startswith("https:"):
            if self._plain is None:
                self._plain = self._new_client(secure=False)
            return self._plain
        async with self._secure_lock:
            if self._secure is None:
                self._secure = await asyncio.to_thread(self._new_client, secure=True)
        return self._secure

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._direct.aclose()
        if self._plain is not None:
            await self._plain.aclose()
        if self._secure is not None:
            await self._secure.aclose()

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
        reservation: Reservation | None = None,
    ) -> FetchResult:
        """GET `url` (conditionally when `etag`/`last_modified` are given); never raises.

        `reservation` is taken once the request holds its connection slot; the caller
        releases it."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        attempt = 0
        while True:
            result = await self._follow(url, headers, reservation)
            if result.status not in _RETRY_STATUSES or attempt >= self.settings.retries:
                return result
            await asyncio.sleep(retry_delay(result.headers.get("retry-after"), attempt))
            attempt += 1

    async def _follow(
        self, url: str, headers: dict[str, str], reservation: Reservation | None = None
    ) -> FetchResult:
        current = url
        seen = {url}
        for hop in range(self.settings.max_redirects + 1):
            problem = url_problem(current)
            if problem:
                reason = problem if hop == 0 else f"redirect to {problem}"
                return FetchResult(url, current, error=reason)
            try:
                status, got, content = await self._request(current, headers, reservation)
            except FetchError as exc:
                return FetchResult(url, current, status=exc.status, error=exc.reason)
            if status in _REDIRECT_STATUSES:
                location = got.get(LOCATION_HEADER)
                if not location:
                    return FetchResult(url, current, status, headers=got, error=f"HTTP {status}")
                target = urljoin(current, location.strip())
                if target in seen:
                    return FetchResult(url, current, status, headers=got, error="redirect loop")
                seen.add(target)
                current = target
                continue
            error = None if 200 <= status < 300 or status == 304 else f"HTTP {status}"
            return FetchResult(url, current, status, content, got, error)
        return FetchResult(
            url, current, error=f"too many redirects (> {self.settings.max_redirects})"
        )

    def _host_limit(self, url: str) -> asyncio.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        limit = self._hosts.get(host)
        if limit is None:
            limit = self._hosts[host] = asyncio.Semaphore(max(1, self.settings.per_host))
        return limit

    async def _request(
        self, url: str, headers: dict[str, str], reservation: Reservation | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        from newsdesk.ingest.plain_http import plain_target

        settings = self.settings
        target = plain_target(url)
        # Host first, then a global slot: a request waiting for its host holds no global slot.
        async with self._host_limit(url), self._global:
            if reservation is not None:
                await reservation.take()
            if target is None:
                return await self._request_httpx(url, headers)
            try:
                async with (
                    asyncio.timeout(settings.timeout),
                    self._direct.get(target, {"Accept": "*/*", **headers}) as answer,
                ):
                    status, got, chunks = answer
                    if "location" in got:  # as hide_location keeps it for httpx
                        got[LOCATION_HEADER] = got.pop("location")
                    if not 200 <= status < 300:
                        return status, got, b""
                    return status, got, await read_stream(got, status, chunks, settings.max_bytes)
            except TimeoutError:
                raise FetchError(f"timed out after {seconds_text(settings.timeout)} s") from None

    async def _request_httpx(
        self, url: str, headers: dict[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        import_httpx()
        import httpx

        settings = self.settings
        try:
            client = await self._client_for(url)
            async with (
                asyncio.timeout(settings.timeout),
                client.stream("GET", url, headers=headers) as response,
            ):
                got = {k.lower(): v for k, v in response.headers.items()}
                status = response.status_code
                if not 200 <= status < 300:
                    return status, got, b""
                return status, got, await read_body(response, settings.max_bytes)
        except FetchError:
            raise
        except TimeoutError:
            raise FetchError(f"timed out after {seconds_text(settings.timeout)} s") from None
        except httpx.ConnectTimeout:
            raise FetchError(
                f"connection timed out after {seconds_text(settings.connect_timeout)} s"
            ) from None
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {seconds_text(settings.timeout)} s") from None
        except (httpx.HTTPError, httpx.InvalidURL, OSError) as exc:
            raise FetchError(describe_error(exc)) from None


__all__ = [
    "MAX_RETRY_WAIT",
    "FetchError",
    "FetchResult",
    "FetchSettings",
    "Fetcher",
    "Reservation",
    "default_user_agent",
    "describe_error",
    "human_size",
    "retry_delay",
    "url_problem",
]
