"""What the fetcher needs of the HTTP stack beneath it: httpx imported lazily and lean, one
connection pool per host, its connections on asyncio's own streams (with an immediate ACK after
each request), bodies read under a size cap and decompressed as they stream, and redirects kept
for the fetcher to follow itself."""

from __future__ import annotations

import contextlib
import functools
import socket
import ssl
import sys
import zlib
from collections.abc import AsyncIterator, Callable, Mapping
from typing import TYPE_CHECKING, Any

from newsdesk.ingest.fetch_words import FetchError, human_size

if TYPE_CHECKING:
    import asyncio

    import httpx

LOCATION_HEADER = "x-newsdesk-location"  # where a redirect's Location is kept (see hide_location)


def use_asyncio_streams(transport: httpx.AsyncHTTPTransport) -> None:
    """Give the transport's connection pool a network backend on asyncio's own streams.

    httpcore reaches asyncio through anyio, whose import and per-call layers cost a refresh of
    fifty feeds about a tenth of its CPU time; newsdesk runs on asyncio only. The backend also
    acknowledges what it receives at once (see `AsyncioStream.write`). The pool is reached
    through httpcore internals: when they change, the transport keeps its own backend.
    """
    pool = getattr(transport, "_pool", None)
    if pool is not None and hasattr(pool, "_network_backend"):
        pool._network_backend = AsyncioBackend()


@functools.cache
def _backend_classes() -> tuple[type[Any], type[Any]]:
    import asyncio

    import httpcore

    class AsyncioStream(httpcore.AsyncNetworkStream):
        """One connection, as asyncio's reader and writer."""

        def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            self._reader = reader
            self._writer = writer

        async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            try:
                async with asyncio.timeout(timeout):
                    return await self._reader.read(max_bytes)
            except TimeoutError:
                raise httpcore.ReadTimeout("timed out while reading") from None
            except OSError as exc:
                raise httpcore.ReadError(str(exc)) from exc

        async def write(self, buffer: bytes, timeout: float | None = None) -> None:
            if not buffer:
                return
            try:
                async with asyncio.timeout(timeout):
                    self._writer.write(buffer)
                    await self._writer.drain()
            except TimeoutError:
                raise httpcore.WriteTimeout("timed out while writing") from None
            except OSError as exc:
                raise httpcore.WriteError(str(exc)) from exc
            quick_ack(self._writer)

        async def aclose(self) -> None:
            self._writer.close()

        async def start_tls(
            self,
            ssl_context: ssl.SSLContext,
            server_hostname: str | None = None,
            timeout: float | None = None,
        ) -> httpcore.AsyncNetworkStream:
            try:
                async with asyncio.timeout(timeout):
                    await self._writer.start_tls(ssl_context, server_hostname=server_hostname)
            except TimeoutError:
                self._writer.close()
                raise httpcore.ConnectTimeout("timed out during the TLS handshake") from None
            except (OSError, ssl.SSLError) as exc:  # SSLError is an OSError; named for clarity
                self._writer.close()
                raise httpcore.ConnectError(str(exc)) from exc
            return self

        def get_extra_info(self, info: str) -> Any:
            if info == "ssl_object":
                return self._writer.get_extra_info("ssl_object")
            if info == "client_addr":
                return self._writer.get_extra_info("sockname")
            if info == "server_addr":
                return self._writer.get_extra_info("peername")
            if info == "socket":
                return self._writer.get_extra_info("socket")
            if info == "is_readable":
                # asked of an idle connection before it is reused: anything (the server's
                # close, above all) already received or waiting means it must not be
                return connection_stale(self._reader, self._writer)
            return None

    class AsyncioBackend(httpcore.AsyncNetworkBackend):
        async def connect_tcp(
            self,
            host: str,
            port: int,
            timeout: float | None = None,
            local_address: str | None = None,
            socket_options: Any = None,
        ) -> httpcore.AsyncNetworkStream:
            local = (local_address, 0) if local_address else None
            try:
                async with asyncio.timeout(timeout):
                    reader, writer = await asyncio.open_connection(
                        host, port, local_addr=local, happy_eyeballs_delay=0.25
                    )
            except TimeoutError:
                raise httpcore.ConnectTimeout("timed out while connecting") from None
            except OSError as exc:
                raise httpcore.ConnectError(str(exc)) from exc
            sock = writer.get_extra_info("socket")
            for option in socket_options or ():
                sock.setsockopt(*option)
            return AsyncioStream(reader, writer)

        async def connect_unix_socket(
            self, path: str, timeout: float | None = None, socket_options: Any = None
        ) -> httpcore.AsyncNetworkStream:
            try:
                async with asyncio.timeout(timeout):
                    reader, writer = await asyncio.open_unix_connection(path)
            except TimeoutError:
                raise httpcore.ConnectTimeout("timed out while connecting") from None
            except OSError as exc:
                raise httpcore.ConnectError(str(exc)) from exc
            return AsyncioStream(reader, writer)

        async def sleep(self, seconds: float) -> None:
            await asyncio.sleep(seconds)

    return AsyncioStream, AsyncioBackend


def per_host_transport(
    new_pool: Callable[[], httpx.AsyncHTTPTransport],
) -> httpx.AsyncBaseTransport:
    """A transport that sends each request through a connection pool of its own host (scheme,
    host and port), made by `new_pool` when the host first comes up.

    httpcore's pool looks over all its connections and queued requests every time a request
    starts or ends, so one pool shared by a refresh's dozens of hosts costs time that grows as
    the square of their number (a tenth of the CPU time of a fifty-feed refresh, measured);
    the fetcher already limits requests per host, so a pool per host changes nothing else.
    """
    transport: httpx.AsyncBaseTransport = _per_host_class()(new_pool)
    return transport


@functools.cache
def _per_host_class() -> type[Any]:
    import httpx

    class PerHostTransport(httpx.AsyncBaseTransport):
        def __init__(self, new_pool: Callable[[], httpx.AsyncHTTPTransport]) -> None:
            self._new_pool = new_pool
            self._pools: dict[tuple[str, str, int | None], httpx.AsyncHTTPTransport] = {}

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            url = request.url
            key = (url.scheme, url.host, url.port)
            pool = self._pools.get(key)
            if pool is None:
                pool = self._pools[key] = self._new_pool()
            return await pool.handle_async_request(request)

        async def aclose(self) -> None:
            pools = list(self._pools.values())
            self._pools.clear()
            for pool in pools:
                await pool.aclose()

    return PerHostTransport


def quick_ack(writer: asyncio.StreamWriter) -> None:
    """Acknowledge at once what arrives after a request (Linux only).

    A server that sends a response's headers and its body in two writes (Python's http.server
    does) waits, under Nagle's algorithm, for the client to acknowledge the headers before it
    sends the body; Linux delays that acknowledgement on a reused connection by up to 40 ms.
    """
    sock = writer.get_extra_info("socket")
    if sock is not None and hasattr(socket, "TCP_QUICKACK"):
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)


def connection_stale(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
    """Whether an idle connection must not carry the next request: something (the server's
    close, above all) has arrived on it, or it cannot be told."""
    return (
        reader.at_eof()
        or writer.transport.is_closing()
        or _readable(writer.get_extra_info("socket"))
    )


def _readable(sock: Any) -> bool:
    if sock is None:
        return True
    import select

    try:
        return bool(select.select([sock.fileno()], [], [], 0)[0])
    except (OSError, ValueError):
        return True


def AsyncioBackend() -> Any:  # noqa: N802 - builds an instance of a lazy class
    return _backend_classes()[1]()


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
    return await read_stream(
        response.headers, response.status_code, response.aiter_raw(), max_bytes
    )


async def read_stream(
    headers: Mapping[str, str], status: int, raw_chunks: AsyncIterator[bytes], max_bytes: int
) -> bytes:
    """A body from its chunks as they came over the wire (`headers`: lower-case names, or
    httpx's headers), decompressed and cut off at `max_bytes` (FetchError "too large")."""
    too_large = f"too large (> {human_size(max_bytes)})"
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(too_large, status)
    decoder = Decoder(headers.get("content-encoding", ""))
    chunks: list[bytes] = []
    total = 0
    async for raw in raw_chunks:
        data = decoder.decode(raw, max_bytes - total + 1)
        total += len(data)
        if total > max_bytes:
            raise FetchError(too_large, status)
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
    "AsyncioBackend",
    "Decoder",
    "hide_location",
    "import_httpx",
    "per_host_transport",
    "read_body",
    "read_stream",
    "use_asyncio_streams",
]
