"""What the fetcher needs of the HTTP stack beneath it: httpx imported lazily and lean, bodies
read under a size cap and decompressed as they stream, redirects kept for the fetcher to follow
itself, and an immediate ACK after each request on reused connections."""

from __future__ import annotations

import contextlib
import functools
import socket
import ssl
import sys
import zlib
from typing import TYPE_CHECKING, Any

from newsdesk.ingest.fetch_words import FetchError, human_size

if TYPE_CHECKING:
    import httpx

LOCATION_HEADER = "x-newsdesk-location"  # where a redirect's Location is kept (see hide_location)


def ack_at_once(transport: httpx.AsyncHTTPTransport) -> None:
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
        pool._network_backend = QuickAckBackend(backend)  # type: ignore[union-attr]


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


def QuickAckBackend(inner: Any) -> Any:  # noqa: N802 - builds an instance of a lazy class
    return _quick_ack_classes()[1](inner)


async def hide_location(response: httpx.Response) -> None:
    """Move a redirect's Location header out of httpx's sight.

    newsdesk follows redirects itself (scheme check, loop detection, per-host limits), but httpx
    still parses the Location of every redirect to prepare a next request it will not send, and
    raises on targets such as "javascript:alert(1)" before newsdesk can refuse them politely.
    """
    location = response.headers.get("location")
    if location is not None:
        del response.headers["location"]
        response.headers[LOCATION_HEADER] = location


async def read_body(response: httpx.Response, max_bytes: int) -> bytes:
    too_large = f"too large (> {human_size(max_bytes)})"
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(too_large, response.status_code)
    decoder = Decoder(response.headers.get("content-encoding", ""))
    chunks: list[bytes] = []
    total = 0
    async for raw in response.aiter_raw():
        data = decoder.decode(raw, max_bytes - total + 1)
        total += len(data)
        if total > max_bytes:
            raise FetchError(too_large, response.status_code)
        chunks.append(data)
    return b"".join(chunks)


class Decoder:
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


def import_httpx() -> None:
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


__all__ = [
    "LOCATION_HEADER",
    "Decoder",
    "QuickAckBackend",
    "ack_at_once",
    "hide_location",
    "import_httpx",
    "read_body",
]
