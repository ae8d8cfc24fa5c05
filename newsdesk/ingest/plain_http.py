"""GET over plain HTTP/1.1 on asyncio's own streams, with h11 reading and writing the messages.

A feeds-only refresh of fifty feeds spends more of its time in its HTTP client than in parsing
the feeds: httpx, httpcore and anyio take some 45 ms to import and over a millisecond of CPU per
request. Plain `http://` requests, most of a refresh's, take this shorter way: one idle
connection list per host (kept alive between requests, checked before reuse), the request
written and the answer read by h11 (the HTTP/1.1 state machine httpcore itself uses), the body
decoded and capped by the caller as it streams. Anything else (https, a URL that is not plain
ASCII) goes through httpx, as before. (Neither way uses a proxy from the environment: httpx
leaves them to the transport it is given, and newsdesk has always given it one.)
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator, AsyncIterator, Iterable
from urllib.parse import urlsplit

import h11

from newsdesk.ingest.fetch_words import BAD_ANSWER, FetchError, seconds_text, socket_reason
from newsdesk.ingest.transport import connection_stale, quick_ack

MAX_HEADER_BYTES = 100 * 1024  # a response's status line and headers (httpcore's own bound)
READ_SIZE = 64 * 1024


def plain_target(url: str) -> tuple[str, int, str, str] | None:
    """(host, port, Host header, request target) of a plain ASCII http:// URL, else None."""
    if not url.isascii() or url[:7].lower() != "http://":
        return None
    try:
        parts = urlsplit(url)
        port = parts.port or 80
    except ValueError:
        return None
    host = parts.hostname
    if not host or parts.username is not None or "%" in host:
        return None
    target = parts.path or "/"
    if parts.query:
        target = f"{target}?{parts.query}"
    netloc = f"[{host}]" if ":" in host else host
    header = netloc if port == 80 else f"{netloc}:{port}"
    return host, port, header, target


class _Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.h11 = h11.Connection(h11.CLIENT, max_incomplete_event_size=MAX_HEADER_BYTES)
        self.received = 0  # bytes read since the request was sent

    def reusable(self) -> bool:
        """Whether an idle connection may carry the next request: nothing (the server's
        close, above all) has arrived on it since the last answer."""
        return not connection_stale(self.reader, self.writer)

    def close(self) -> None:
        self.writer.close()

    async def send(self, event: h11.Event) -> None:
        data = self.h11.send(event)
        if data:
            self.writer.write(data)
            await self.writer.drain()

    async def next_event(self) -> object:
        """The next h11 event (or sentinel) that is not NEED_DATA, reading as needed."""
        while True:
            event = self.h11.next_event()
            if event is not h11.NEED_DATA:
                return event
            data = await self.reader.read(READ_SIZE)
            self.received += len(data)
            self.h11.receive_data(data)


class PlainHTTP:
    """GET requests over plain http, with kept-alive connections per host."""

    def __init__(self, headers: dict[str, str], connect_timeout: float) -> None:
        self.headers = headers  # sent with every request (User-Agent, Accept-Encoding)
        self.connect_timeout = connect_timeout
        self._idle: dict[tuple[str, int], list[_Connection]] = {}

    async def aclose(self) -> None:
        for connections in self._idle.values():
            for connection in connections:
                connection.close()
        self._idle.clear()

    @contextlib.asynccontextmanager
    async def get(
        self, target: tuple[str, int, str, str], headers: dict[str, str]
    ) -> AsyncIterator[tuple[int, dict[str, str], AsyncIterator[bytes]]]:
        """(status, headers with lower-case names, the body's chunks) of a GET of `target`
        (see `plain_target`). Network and protocol failures raise FetchError."""
        host, port, host_header, path = target
        key = (host, port)
        fields = [("Host", host_header), *self.headers.items(), *headers.items()]
        try:
            request = h11.Request(method="GET", target=path, headers=fields)
        except h11.LocalProtocolError as exc:  # a header value no request may carry
            raise FetchError(f"invalid request ({str(exc)[:80]})") from None
        connection, response = await self._start(key, request)
        body = _Body(connection)
        chunks = body.chunks()
        try:
            yield response.status_code, _header_dict(response.headers), chunks
        finally:
            await chunks.aclose()  # a body not read to its end (too large, not wanted)
            if body.complete and _reusable(connection.h11):
                connection.h11.start_next_cycle()
                self._idle.setdefault(key, []).append(connection)
            else:
                connection.close()

    async def _start(
        self, key: tuple[str, int], request: h11.Request
    ) -> tuple[_Connection, h11.Response]:
        idle = self._idle.get(key, [])
        while idle:
            connection = idle.pop()
            if not connection.reusable():
                connection.close()
                continue
            try:
                return connection, await _exchange(connection, request)
            except _Unanswered:
                connection.close()  # the server closed it meanwhile: a new one, once
            except BaseException:
                connection.close()
                raise
        connection = await self._connect(*key)
        try:
            return connection, await _exchange(connection, request)
        except _Unanswered as exc:
            connection.close()
            if isinstance(exc.__cause__, ConnectionResetError | BrokenPipeError):
                raise FetchError("connection reset by server") from None
            raise FetchError(BAD_ANSWER) from None
        except BaseException:
            connection.close()
            raise

    async def _connect(self, host: str, port: int) -> _Connection:
        try:
            async with asyncio.timeout(self.connect_timeout):
                reader, writer = await asyncio.open_connection(
                    host, port, happy_eyeballs_delay=0.25
                )
        except TimeoutError:
            raise FetchError(
                f"connection timed out after {seconds_text(self.connect_timeout)} s"
            ) from None
        except OSError as exc:
            raise FetchError(socket_reason(exc) or "could not connect") from None
        return _Connection(reader, writer)


class _Unanswered(Exception):
    """The connection ended before any byte of an answer came."""


async def _exchange(connection: _Connection, request: h11.Request) -> h11.Response:
    """Send `request` and read the answer's head."""
    connection.received = 0
    try:
        await connection.send(request)
        await connection.send(h11.EndOfMessage())
        quick_ack(connection.writer)
        while True:
            event = await connection.next_event()
            if isinstance(event, h11.Response):
                return event
            if isinstance(event, h11.InformationalResponse):
                continue
            raise _Unanswered  # closed: ConnectionClosed
    except h11.RemoteProtocolError as exc:
        if connection.h11.their_state is h11.SEND_RESPONSE and not _received(connection):
            raise _Unanswered from exc  # closed before answering: h11 calls it an error
        raise FetchError(BAD_ANSWER) from None
    except (ConnectionResetError, BrokenPipeError) as exc:
        if not _received(connection):
            raise _Unanswered from exc
        raise FetchError("connection reset by server") from None
    except OSError as exc:
        raise FetchError(f"network error ({type(exc).__name__})") from None


def _received(connection: _Connection) -> bool:
    return connection.received > 0


class _Body:
    def __init__(self, connection: _Connection) -> None:
        self.connection = connection
        self.complete = False

    async def chunks(self) -> AsyncGenerator[bytes, None]:
        connection = self.connection
        try:
            while True:
                event = await connection.next_event()
                if isinstance(event, h11.Data):
                    yield bytes(event.data)
                elif isinstance(event, h11.EndOfMessage):
                    self.complete = True
                    return
                else:  # ConnectionClosed before the end: h11 raised for a short body already
                    raise FetchError(BAD_ANSWER)
        except h11.RemoteProtocolError:
            raise FetchError(BAD_ANSWER) from None
        except ConnectionResetError:
            raise FetchError("connection reset by server") from None
        except OSError as exc:
            raise FetchError(f"network error ({type(exc).__name__})") from None


def _reusable(state: h11.Connection) -> bool:
    return state.our_state is h11.DONE and state.their_state is h11.DONE


def _header_dict(headers: Iterable[tuple[bytes, bytes]]) -> dict[str, str]:
    """Lower-case names to values; a repeated header's values joined with ", " (as httpx
    gives them). Values are read as ASCII, else UTF-8, else Latin-1."""
    out: dict[str, str] = {}
    for raw_name, raw_value in headers:
        name = raw_name.decode("ascii", errors="replace").lower()
        value = _text(raw_value)
        out[name] = f"{out[name]}, {value}" if name in out else value
    return out


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


__all__ = ["PlainHTTP", "plain_target"]
