"""A small, real HTTP server for ingest tests and benchmarks (stdlib only, loopback only).

`FeedServer` serves configurable routes from a thread: status, headers, body, gzip, a delay,
redirects, ETag / Last-Modified conditional answers (304), slow "drip" bodies and endless
streamed bodies. It records every request and counts requests in flight, so tests can check
what newsdesk sent and how many requests it made at once.

    with FeedServer() as server:
        server.route("/feed.xml", Route(body=rss_feed("News", [item(1)]), etag='"v1"'))
        url = server.url("/feed.xml")
"""

from __future__ import annotations

import gzip as gzip_module
import ssl
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

RSS_TYPE = "application/rss+xml; charset=utf-8"
GATE_WAIT = 60.0  # seconds a gated route waits at most (a guard: tests check order, not time)

# A self-signed certificate for 127.0.0.1 (valid until 2126) for the https tests: trusted only
# when a test points SSL_CERT_FILE at it.
TEST_TLS_KEY = """-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgjLffoGJSQF9w2quP
LvZqX8myDHGOqc9kUx86bQv9C/ShRANCAARc9dsV/kBTCaCnts8uYd9DRJ2kDxW+
XLtZtmMYZf22RB4V5VUvhv6vscqSX5eFRXiJ0BthkQ3OYJNSl0cPnk/T
-----END PRIVATE KEY-----
"""
TEST_TLS_CERT = """-----BEGIN CERTIFICATE-----
MIIBmTCCAT6gAwIBAgIUHoCpvCobuqgWN6kEG1F0BLtYVTQwCgYIKoZIzj0EAwIw
GDEWMBQGA1UEAwwNbmV3c2Rlc2sgdGVzdDAgFw0yNjExMjcwMzU0MDVaGA8yMTI2
MTEwMzAzNTQwNVowGDEWMBQGA1UEAwwNbmV3c2Rlc2sgdGVzdDBZMBMGByqGSM49
AgEGCCqGSM49AwEHA0IABFz12xX+QFMJoKe2zy5h30NEnaQPFb5cu1m2Yxhl/bZE
HhXlVS+G/q+xypJfl4VFeInQG2GRDc5gk1KXRw+eT9OjZDBiMB0GA1UdDgQWBBQy
7UFKK9AI2Qsn5+g+Yxel6MhvmTAfBgNVHSMEGDAWgBQy7UFKK9AI2Qsn5+g+Yxel
6MhvmTAPBgNVHRMBAf8EBTADAQH/MA8GA1UdEQQIMAaHBH8AAAEwCgYIKoZIzj0E
AwIDSQAwRgIhAJoHlJHueEM6Z7ORnI9CtJbQoWrtTx2z6cL78kzXYMXPAiEAg4be
T9/fzSJvc3y2HVDhMtRL4VZ7Cmi40E2AaTb1KZA=
-----END CERTIFICATE-----
"""


@dataclass
class Route:
    """How the server answers one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = RSS_TYPE
    headers: dict[str, str] = field(default_factory=dict)
    gzip: bool = False  # send the body gzip-compressed (Content-Encoding: gzip)
    delay: float = 0.0  # seconds to wait before answering
    location: str | None = None  # redirect target (send with status 301/302/307/308)
    etag: str | None = None  # answer 304 when If-None-Match matches
    last_modified: str | None = None  # answer 304 when If-Modified-Since matches
    stream_bytes: int = 0  # instead of `body`, stream this many filler bytes
    send_length: bool = True  # with stream_bytes: send Content-Length (else chunked)
    drip: float = 0.0  # seconds between ten slices of the body (a slow reader test)
    gate: threading.Event | None = None  # answer only once this is set (at most GATE_WAIT s)


@dataclass
class Seen:
    """One request as the server received it."""

    path: str
    headers: dict[str, str]  # lower-case names
    status: int
    at: float
    client: tuple[str, int] = ("", 0)  # the client's address and port: one per connection


class InFlight:
    """Counts concurrent requests; share one between servers to count across hosts."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.now = 0
        self.peak = 0

    def __enter__(self) -> None:
        with self._lock:
            self.now += 1
            self.peak = max(self.peak, self.now)

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self.now -= 1


class FeedServer:
    """A threaded HTTP/1.1 server on a loopback address, answering from `routes`."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        latency: float = 0.0,
        counter: InFlight | None = None,
        tls_dir: Path | None = None,
    ) -> None:
        self.latency = latency  # added to every request
        self.routes: dict[str, list[Route]] = {}
        self.requests: list[Seen] = []
        self.in_flight = InFlight()
        self.shared = counter
        self._lock = threading.Lock()
        self._httpd = _Server((host, port), _Handler)
        self._httpd.owner = self
        self.scheme = "http"
        if tls_dir is not None:  # serve https with the test certificate, written to tls_dir
            self.scheme = "https"
            (tls_dir / "key.pem").write_text(TEST_TLS_KEY)
            (tls_dir / "cert.pem").write_text(TEST_TLS_CERT)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(tls_dir / "cert.pem", tls_dir / "key.pem")
            self._httpd.socket = context.wrap_socket(self._httpd.socket, server_side=True)
        self.host = host
        self.port = self._httpd.server_address[1]
        self._thread: threading.Thread | None = None

    # -- setup -------------------------------------------------------------------------------
    def route(self, path: str, *answers: Route) -> str:
        """Serve `answers` in turn for `path` (the last one repeats); returns the full URL."""
        with self._lock:
            self.routes[path] = list(answers)
        return self.url(path)

    def url(self, path: str) -> str:
        return f"{self.scheme}://{self.host}:{self.port}{path}"

    def start(self) -> FeedServer:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- inspection --------------------------------------------------------------------------
    def seen(self, path: str) -> list[Seen]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    # -- used by the handler -----------------------------------------------------------------
    def _next(self, path: str) -> Route | None:
        with self._lock:
            answers = self.routes.get(path)
            if not answers:
                return None
            return answers.pop(0) if len(answers) > 1 else answers[0]

    def _record(self, seen: Seen) -> None:
        with self._lock:
            self.requests.append(seen)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: FeedServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients hanging up (timeouts, size caps) are part of the tests, not server errors.
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server
    _counting: list[InFlight]

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        owner = self.server.owner
        self._counting = [owner.in_flight] + ([owner.shared] if owner.shared else [])
        for counter in self._counting:
            counter.__enter__()
        try:
            self._answer(owner)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            self._answered()

    def _answered(self) -> None:
        """The request stops counting as in flight once its answer starts: a client that has
        read the answer may send its next request before this thread runs on, and that one
        must not count as running beside this one."""
        for counter in self._counting:
            counter.__exit__()
        self._counting = []

    def _answer(self, owner: FeedServer) -> None:
        headers = {k.lower(): v for k, v in self.headers.items()}
        path = self.path.split("?", 1)[0]
        route = owner._next(path)
        if owner.latency:
            time.sleep(owner.latency)
        if route is None:
            owner._record(Seen(path, headers, 404, time.monotonic(), self.client_address))
            self._send(404, {"Content-Type": "text/plain"}, b"not found")
            return
        if route.delay:
            time.sleep(route.delay)
        if route.gate is not None:
            route.gate.wait(GATE_WAIT)
        validators: dict[str, str] = {}
        if route.etag:
            validators["ETag"] = route.etag
        if route.last_modified:
            validators["Last-Modified"] = route.last_modified
        if route.status == 200 and _fresh(route, headers):
            owner._record(Seen(path, headers, 304, time.monotonic(), self.client_address))
            self._send(304, validators, b"")
            return
        owner._record(Seen(path, headers, route.status, time.monotonic(), self.client_address))
        out = {"Content-Type": route.content_type, **validators, **route.headers}
        if route.location is not None:
            out["Location"] = route.location
        if route.stream_bytes:
            self._stream(route, out)
            return
        body = route.body
        if route.gzip:
            body = gzip_module.compress(body)
            out["Content-Encoding"] = "gzip"
        self._send(route.status, out, body, drip=route.drip)

    def _send(self, status: int, headers: dict[str, str], body: bytes, drip: float = 0.0) -> None:
        self._answered()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not drip:
            self.wfile.write(body)
            return
        step = max(1, len(body) // 10)
        for start in range(0, len(body), step):
            self.wfile.write(body[start : start + step])
            self.wfile.flush()
            time.sleep(drip)

    def _stream(self, route: Route, headers: dict[str, str]) -> None:
        self._answered()
        self.send_response(route.status)
        for name, value in headers.items():
            self.send_header(name, value)
        if route.send_length:
            self.send_header("Content-Length", str(route.stream_bytes))
        else:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        block = b"x" * 65536
        left = route.stream_bytes
        while left > 0:
            piece = block[: min(left, len(block))]
            if route.send_length:
                self.wfile.write(piece)
            else:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            left -= len(piece)
        if not route.send_length:
            self.wfile.write(b"0\r\n\r\n")
        self.close_connection = True


def _fresh(route: Route, headers: dict[str, str]) -> bool:
    """Whether a conditional request matches the route's validators (answer 304)."""
    if_none_match = headers.get("if-none-match")
    if route.etag and if_none_match is not None:  # the ETag decides when both are sent
        tags = {tag.strip() for tag in if_none_match.split(",")}
        return route.etag in tags or "*" in tags
    since = headers.get("if-modified-since")
    if not (route.last_modified and since):
        return False
    try:
        return parsedate_to_datetime(since) >= parsedate_to_datetime(route.last_modified)
    except (TypeError, ValueError):
        return since == route.last_modified


# -- feed documents ----------------------------------------------------------------------------


def http_date(when: datetime) -> str:
    return format_datetime(when.astimezone(UTC), usegmt=True)


@dataclass
class Item:
    """One feed item; any field may be left out."""

    title: str | None = None
    link: str | None = None
    guid: str | None = None
    published: datetime | None = None
    description: str | None = None  # HTML allowed (escaped into the XML)
    content: str | None = None  # content:encoded (HTML)
    author: str | None = None


def item(n: int, base: str = "http://127.0.0.1/", **overrides: Any) -> Item:
    """A plausible item number `n` with a link under `base`."""
    values: dict[str, Any] = {
        "title": f"Story {n}",
        "link": f"{base}story/{n}",
        "guid": f"urn:newsdesk-test:{n}",
        "published": datetime(2024, 5, 1, 12, 0, tzinfo=UTC).replace(minute=n % 60),
        "description": f"<p>Summary of story {n}.</p>",
    }
    values.update(overrides)
    return Item(**values)


def rss_feed(
    title: str, items: Iterable[Item], *, encoding: str = "utf-8", link: str = "http://x/"
) -> bytes:
    """An RSS 2.0 document encoded in `encoding` (non-encodable characters as references)."""
    parts = [
        f'<?xml version="1.0" encoding="{encoding}"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"',
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>',
        f"<title>{escape(title)}</title><link>{escape(link)}</link>",
        "<description>test feed</description>",
    ]
    for it in items:
        parts.append("<item>")
        if it.title is not None:
            parts.append(f"<title>{escape(it.title)}</title>")
        if it.link is not None:
            parts.append(f"<link>{escape(it.link)}</link>")
        if it.guid is not None:
            parts.append(f'<guid isPermaLink="false">{escape(it.guid)}</guid>')
        if it.published is not None:
            parts.append(f"<pubDate>{http_date(it.published)}</pubDate>")
        if it.author is not None:
            parts.append(f"<dc:creator>{escape(it.author)}</dc:creator>")
        if it.description is not None:
            parts.append(f"<description>{escape(it.description)}</description>")
        if it.content is not None:
            parts.append(f"<content:encoded>{escape(it.content)}</content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts).encode(encoding, "xmlcharrefreplace")


def atom_feed(title: str, items: Sequence[Item]) -> bytes:
    """An Atom 1.0 document (UTF-8)."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape(title)}</title><id>urn:test:feed</id>",
        "<updated>2024-05-01T12:00:00Z</updated>",
    ]
    for it in items:
        parts.append("<entry>")
        if it.title is not None:
            parts.append(f"<title>{escape(it.title)}</title>")
        if it.link is not None:
            parts.append(f'<link rel="alternate" href="{escape(it.link)}"/>')
        if it.guid is not None:
            parts.append(f"<id>{escape(it.guid)}</id>")
        if it.published is not None:
            parts.append(f"<updated>{it.published.isoformat()}</updated>")
        if it.author is not None:
            parts.append(f"<author><name>{escape(it.author)}</name></author>")
        if it.description is not None:
            parts.append(f'<summary type="html">{escape(it.description)}</summary>')
        if it.content is not None:
            parts.append(f'<content type="html">{escape(it.content)}</content>')
        parts.append("</entry>")
    parts.append("</feed>")
    return "\n".join(parts).encode()


def article_page(title: str, paragraphs: Sequence[str], *, lang: str = "en") -> bytes:
    """A news-like HTML page with navigation and footer around the article."""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        '<meta name="author" content="Ada Reporter"></head><body>'
        '<nav><a href="/">Home</a> | <a href="/world">World</a></nav>'
        f"<article><h1>{escape(title)}</h1>\n{body}\n</article>"
        "<footer>All rights reserved.</footer></body></html>"
    ).encode()
