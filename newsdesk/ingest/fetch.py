"""Polite, bounded HTTP fetching for feeds and story pages.

One `Fetcher` owns one `httpx.AsyncClient` (HTTP/1.1 keep-alive pool) shared by every request of
a refresh. It limits how many requests run at once, overall and per host, gives every request a
deadline, caps the size of what it reads (counted after decompression, while streaming), follows
redirects itself (a few, http and https only) and retries politely when a server asks it to wait.

`Fetcher.fetch` never raises for network or server problems: it returns a `FetchResult` whose
`error` is a short reason a person can read ("timed out after 20 s", "HTTP 500").
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import socket
import ssl
import sys
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from newsdesk.config.model import FetchSettings, default_user_agent
from newsdesk.urls import url_problem

if TYPE_CHECKING:
    import httpx

MAX_RETRY_WAIT = 30.0  # seconds; a longer Retry-After is cut down to this
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUSES = frozenset({429, 503})
_LOCATION = "x-newsdesk-location"  # where a redirect's Location is kept (see _hide_location)


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


class FetchError(Exception):
    """A failed request, with the reason to show and the status when there was one."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


class Fetcher:
    """Fetches URLs under the limits of `FetchSettings`. Use as an async context manager."""

    def __init__(self, settings: FetchSettings) -> None:
        self.settings = settings
        self._global = asyncio.Semaphore(max(1, settings.concurrency))
        self._hosts: dict[str, asyncio.Semaphore] = {}
        # Plain http needs no certificates: its client is cheap. Loading the CA bundle for
        # https takes a noticeable part of a refresh's start, so that client is made (in a
        # worker thread) only when the first https URL comes up.
        self._plain = self._new_client(secure=False)
        self._secure: httpx.AsyncClient | None = None
        self._secure_lock = asyncio.Lock()

    def _new_client(self, *, secure: bool) -> httpx.AsyncClient:
        _import_httpx()
        import httpx

        settings = self.settings
        limits = httpx.Limits(
            max_connections=max(1, settings.concurrency),
            max_keepalive_connections=max(1, settings.concurrency),
        )
        transport = httpx.AsyncHTTPTransport(verify=secure, limits=limits)
        _ack_at_once(transport)
        return httpx.AsyncClient(
            transport=transport,
            headers={
                "User-Agent": settings.user_agent or default_user_agent(),
                "Accept-Encoding": "gzip, deflate",
            },
            verify=secure,
            timeout=httpx.Timeout(settings.timeout, connect=settings.connect_timeout),
            limits=limits,
            follow_redirects=False,
            event_hooks={"response": [_hide_location]},
        )

    async def _client_for(self, url: str) -> httpx.AsyncClient:
        if not url[:6].lower().startswith("https:"):
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
                location = got.get(_LOCATION)
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
        import httpx

        settings = self.settings
        # Host first, then a global slot: a request waiting for its host holds no global slot.
        async with self._host_limit(url), self._global:
            if reservation is not None:
                await reservation.take()
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
                    return status, got, await _read_body(response, settings.max_bytes)
            except FetchError:
                raise
            except TimeoutError:
                raise FetchError(f"timed out after {_seconds(settings.timeout)} s") from None
            except httpx.ConnectTimeout:
                raise FetchError(
                    f"connection timed out after {_seconds(settings.connect_timeout)} s"
                ) from None
            except httpx.TimeoutException:
                raise FetchError(f"timed out after {_seconds(settings.timeout)} s") from None
            except (httpx.HTTPError, httpx.InvalidURL, OSError) as exc:
                raise FetchError(describe_error(exc)) from None


def _ack_at_once(transport: httpx.AsyncHTTPTransport) -> None:
    """Make the transport's connections acknowledge what they receive at once.

    A server that sends a response's headers and its body in two writes (Python's http.server
    does) waits, under Nagle's algorithm, for the client to acknowledge the headers before it
    sends the body; Linux delays that acknowledgement on a reused connection by up to 40 ms.
    On a keep-alive connection that doubled the time of every request to a nearby server.
    Asking for a quick acknowledgement after each request is written removes the wait. The
    transport's network backend is reached through httpx internals: when they change, the
    connections simply keep the default behaviour.
    """
    if not hasattr(socket, "TCP_QUICKACK"):  # Linux only
        return
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if backend is not None:
        pool._network_backend = _QuickAckBackend(backend)  # type: ignore[union-attr]


@functools.cache
def _quick_ack_classes() -> tuple[type[Any], type[Any]]:
    import httpcore

    class QuickAckStream(httpcore.AsyncNetworkStream):
        def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
            self._inner = inner

        async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            return await self._inner.read(max_bytes, timeout)

        async def write(self, buffer: bytes, timeout: float | None = None) -> None:
            await self._inner.write(buffer, timeout)
            sock = self._inner.get_extra_info("socket")
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)

        async def aclose(self) -> None:
            await self._inner.aclose()

        async def start_tls(
            self,
            ssl_context: ssl.SSLContext,
            server_hostname: str | None = None,
            timeout: float | None = None,
        ) -> httpcore.AsyncNetworkStream:
            inner = await self._inner.start_tls(ssl_context, server_hostname, timeout)
            return QuickAckStream(inner)

        def get_extra_info(self, info: str) -> Any:
            return self._inner.get_extra_info(info)

    class QuickAckBackend(httpcore.AsyncNetworkBackend):
        def __init__(self, inner: httpcore.AsyncNetworkBackend) -> None:
            self._inner = inner

        async def connect_tcp(self, *args: Any, **kwargs: Any) -> httpcore.AsyncNetworkStream:
            return QuickAckStream(await self._inner.connect_tcp(*args, **kwargs))

        async def connect_unix_socket(
            self, *args: Any, **kwargs: Any
        ) -> httpcore.AsyncNetworkStream:
            return QuickAckStream(await self._inner.connect_unix_socket(*args, **kwargs))

        async def sleep(self, seconds: float) -> None:
            await self._inner.sleep(seconds)

    return QuickAckStream, QuickAckBackend


def _QuickAckBackend(inner: Any) -> Any:  # noqa: N802 - builds an instance of a lazy class
    return _quick_ack_classes()[1](inner)


async def _hide_location(response: httpx.Response) -> None:
    """Move a redirect's Location header out of httpx's sight.

    newsdesk follows redirects itself (scheme check, loop detection, per-host limits), but httpx
    still parses the Location of every redirect to prepare a next request it will not send, and
    raises on targets such as "javascript:alert(1)" before newsdesk can refuse them politely.
    """
    location = response.headers.get("location")
    if location is not None:
        del response.headers["location"]
        response.headers[_LOCATION] = location


async def _read_body(response: httpx.Response, max_bytes: int) -> bytes:
    too_large = f"too large (> {human_size(max_bytes)})"
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(too_large, response.status_code)
    decoder = _Decoder(response.headers.get("content-encoding", ""))
    chunks: list[bytes] = []
    total = 0
    async for raw in response.aiter_raw():
        data = decoder.decode(raw, max_bytes - total + 1)
        total += len(data)
        if total > max_bytes:
            raise FetchError(too_large, response.status_code)
        chunks.append(data)
    return b"".join(chunks)


class _Decoder:
    """Content-Encoding decoding that never produces more than it is allowed to.

    httpx would inflate a whole network chunk at once, so a small compressed "bomb" could take a
    lot of memory before the size cap saw it; here every step is bounded by `limit`.
    """

    def __init__(self, encoding: str) -> None:
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self._kind = "identity"
        elif encoding in ("gzip", "x-gzip", "deflate"):
            self._kind = encoding
        else:
            raise FetchError(f"unsupported content encoding '{encoding[:20]}'")
        self._z = self._new()
        self._started = False

    def _new(self) -> zlib._Decompress:
        # gzip: gzip header; deflate: zlib header, or raw deflate from some servers (see below)
        return zlib.decompressobj(16 + zlib.MAX_WBITS if "gzip" in self._kind else zlib.MAX_WBITS)

    def decode(self, data: bytes, limit: int) -> bytes:
        if self._kind == "identity":
            return data
        try:
            out = self._z.decompress(data, limit)
            # A gzip body may hold several members one after another.
            while self._z.eof and self._z.unused_data and len(out) < limit:
                rest = self._z.unused_data
                self._z = self._new()
                out += self._z.decompress(rest, limit - len(out))
        except zlib.error:
            if self._kind == "deflate" and not self._started:
                self._kind = "raw-deflate"
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                return self.decode(data, limit)
            raise FetchError("could not decompress the response") from None
        self._started = True
        return out


def _import_httpx() -> None:
    """Import httpx on first use, without two imports that only slow newsdesk's start.

    Commands that fetch nothing never import httpx. When it is imported, httpcore would also
    import trio when installed (only to detect whether it runs under trio; newsdesk runs on
    asyncio) and httpx its command-line tool (rich, click, pygments): together about a tenth
    of a second of every refresh. Both are blocked only during this import, then restored.
    """
    if "httpx" in sys.modules:
        return
    blocked = [name for name in ("trio", "httpx._main") if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import httpcore  # noqa: F401
        import httpx  # noqa: F401
    finally:
        for name in blocked:
            if sys.modules.get(name, ...) is None:
                del sys.modules[name]


def retry_delay(retry_after: str | None, attempt: int) -> float:
    """Seconds to wait before retrying: Retry-After (seconds or HTTP date) or backoff, capped."""
    delay = float(2**attempt)
    if retry_after:
        value = retry_after.strip()
        if value.isdigit():
            delay = float(value)
        else:
            import email.utils  # only for a Retry-After date

            try:
                when = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError):
                when = None
            if when is not None and when.tzinfo is not None:
                delay = when.timestamp() - time.time()
    return min(max(delay, 0.0), MAX_RETRY_WAIT)


def describe_error(exc: BaseException) -> str:
    """A short reason for a network failure, from the chain of causes."""
    import httpx

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, socket.gaierror):
            return "DNS lookup failed"
        if isinstance(seen, ConnectionRefusedError):
            return "connection refused"
        if isinstance(seen, ConnectionResetError):
            return "connection reset by server"
        if isinstance(seen, ssl.SSLCertVerificationError):
            return "TLS certificate not valid"
        if isinstance(seen, ssl.SSLError):
            return "TLS error"
        seen = seen.__cause__ or seen.__context__
    text = str(exc)
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "DNS lookup failed"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "server closed the connection or sent a bad response"
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return "invalid URL"
    if isinstance(exc, httpx.ConnectError):
        return "could not connect"
    return f"network error ({type(exc).__name__})"


def human_size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:g} MB"
    if n >= 1_000:
        return f"{n / 1_000:g} kB"
    return f"{n} bytes"


def _seconds(value: float) -> str:
    return f"{value:g}"


__all__ = [
    "FetchError",
    "FetchResult",
    "FetchSettings",
    "Fetcher",
    "Reservation",
    "default_user_agent",
    "describe_error",
    "retry_delay",
    "url_problem",
]
