"""The fetcher against a real HTTP server on loopback addresses."""

from __future__ import annotations

import asyncio
import gzip
import socket
import struct
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from ingest_helpers import FeedServer, InFlight, Route, http_date

from newsdesk.ingest.fetch import (
    MAX_RETRY_WAIT,
    Fetcher,
    FetchSettings,
    describe_error,
    retry_delay,
    url_problem,
)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running


async def fetch(url: str, settings: FetchSettings | None = None, **kwargs: str) -> object:
    async with Fetcher(settings or FetchSettings()) as fetcher:
        return await fetcher.fetch(url, **kwargs)


async def test_plain_get_sends_user_agent_and_returns_body(server: FeedServer) -> None:
    url = server.route("/feed", Route(body=b"<rss/>", etag='"v1"'))
    async with Fetcher(FetchSettings()) as fetcher:
        result = await fetcher.fetch(url)
    assert result.ok and result.status == 200
    assert result.content == b"<rss/>"
    assert result.etag == '"v1"'
    agent = server.seen("/feed")[0].headers["user-agent"]
    assert agent.startswith("newsdesk/") and "(+https://github.com/newsdesk/newsdesk)" in agent


async def test_gzip_body_is_decompressed(server: FeedServer) -> None:
    body = b"<rss>" + b"story " * 5000 + b"</rss>"
    url = server.route("/gz", Route(body=body, gzip=True))
    async with Fetcher(FetchSettings()) as fetcher:
        result = await fetcher.fetch(url)
    assert result.ok and result.content == body
    assert "gzip" in server.seen("/gz")[0].headers["accept-encoding"]


async def test_conditional_get_returns_not_modified(server: FeedServer) -> None:
    stamp = http_date(datetime(2024, 5, 1, tzinfo=UTC))
    url = server.route("/feed", Route(body=b"<rss/>", etag='"abc"', last_modified=stamp))
    async with Fetcher(FetchSettings()) as fetcher:
        by_etag = await fetcher.fetch(url, etag='"abc"')
        by_date = await fetcher.fetch(url, last_modified=stamp)
        stale = await fetcher.fetch(url, etag='"old"')
    assert by_etag.not_modified and by_etag.content == b""
    assert by_date.not_modified
    assert stale.status == 200 and not stale.not_modified
    seen = server.seen("/feed")
    assert seen[0].headers["if-none-match"] == '"abc"' and seen[0].status == 304
    assert seen[1].headers["if-modified-since"] == stamp and seen[1].status == 304


async def test_server_error_is_reported_not_raised(server: FeedServer) -> None:
    url = server.route("/broken", Route(status=500, body=b"oops"))
    async with Fetcher(FetchSettings()) as fetcher:
        result = await fetcher.fetch(url)
    assert result.status == 500 and result.error == "HTTP 500"
    assert result.content == b""


async def test_slow_server_times_out(server: FeedServer) -> None:
    url = server.route("/slow", Route(body=b"late", delay=3))
    started = time.monotonic()
    async with Fetcher(FetchSettings(timeout=0.5)) as fetcher:
        result = await fetcher.fetch(url)
    assert result.error == "timed out after 0.5 s"
    assert time.monotonic() - started < 2.5


async def test_total_deadline_covers_a_body_that_trickles(server: FeedServer) -> None:
    # Each slice arrives well within the read timeout, but the whole body takes 3 s.
    url = server.route("/drip", Route(body=b"x" * 1000, drip=0.3))
    started = time.monotonic()
    async with Fetcher(FetchSettings(timeout=1.0)) as fetcher:
        result = await fetcher.fetch(url)
    assert result.error == "timed out after 1 s"
    assert time.monotonic() - started < 2.5


async def test_redirects_are_followed(server: FeedServer) -> None:
    server.route("/a", Route(status=301, location="/b"))
    server.route("/b", Route(status=302, location=server.url("/c")))
    server.route("/c", Route(body=b"here"))
    async with Fetcher(FetchSettings()) as fetcher:
        result = await fetcher.fetch(server.url("/a"))
    assert result.ok and result.content == b"here"
    assert result.final_url == server.url("/c")


async def test_redirect_loop_is_detected(server: FeedServer) -> None:
    server.route("/loop1", Route(status=302, location="/loop2"))
    server.route("/loop2", Route(status=307, location="/loop1"))
    async with Fetcher(FetchSettings()) as fetcher:
        result = await fetcher.fetch(server.url("/loop1"))
    assert result.error == "redirect loop"
    assert len(server.seen("/loop1")) == 1 and len(server.seen("/loop2")) == 1


async def test_too_many_redirects(server: FeedServer) -> None:
    for n in range(8):
        server.route(f"/r{n}", Route(status=302, location=f"/r{n + 1}"))
    async with Fetcher(FetchSettings(max_redirects=5)) as fetcher:
        result = await fetcher.fetch(server.url("/r0"))
    assert result.error == "too many redirects (> 5)"
    assert [len(server.seen(f"/r{n}")) for n in range(8)] == [1, 1, 1, 1, 1, 1, 0, 0]


@pytest.mark.parametrize(
    ("target", "scheme"),
    [
        ("file:///etc/passwd", "file"),
        ("javascript:alert(1)", "javascript"),
        ("data:text/html,<b>x</b>", "data"),
        ("ftp://127.0.0.1/feed", "ftp"),
    ],
)
async def test_redirect_to_other_schemes_is_refused(
    server: FeedServer, target: str, scheme: str
) -> None:
    url = server.route("/evil", Route(status=302, location=target))
    async with Fetcher(FetchSettings()) as fetcher:
        result = await fetcher.fetch(url)
    assert result.error == f"redirect to {scheme}: URL refused (only http and https are fetched)"
    assert result.content == b""


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "feed.xml"])
async def test_non_http_urls_are_refused_without_a_request(url: str) -> None:
    async with Fetcher(FetchSettings()) as fetcher:
        result = await fetcher.fetch(url)
    assert result.error is not None and "refused" in result.error
    assert result.status is None


@pytest.mark.parametrize("send_length", [True, False])
async def test_oversize_body_is_cut_off(server: FeedServer, send_length: bool) -> None:
    url = server.route("/huge", Route(stream_bytes=50_000_000, send_length=send_length))
    started = time.monotonic()
    async with Fetcher(FetchSettings(max_bytes=1_000_000)) as fetcher:
        result = await fetcher.fetch(url)
    assert result.error == "too large (> 1 MB)"
    assert result.content == b""
    assert time.monotonic() - started < 5


async def test_size_cap_counts_decompressed_bytes(server: FeedServer) -> None:
    bomb = b"\0" * 20_000_000  # compresses to about 20 kB
    url = server.route("/bomb", Route(body=bomb, gzip=True))
    assert len(gzip.compress(bomb)) < 100_000
    async with Fetcher(FetchSettings(max_bytes=1_000_000)) as fetcher:
        result = await fetcher.fetch(url)
    assert result.error == "too large (> 1 MB)"


async def test_retry_after_429_then_success(server: FeedServer) -> None:
    url = server.route(
        "/busy",
        Route(status=429, headers={"Retry-After": "1"}),
        Route(body=b"<rss/>"),
    )
    async with Fetcher(FetchSettings()) as fetcher:
        result = await fetcher.fetch(url)
    assert result.ok and result.content == b"<rss/>"
    seen = server.seen("/busy")
    assert [s.status for s in seen] == [429, 200]
    assert seen[1].at - seen[0].at >= 0.9


async def test_503_retries_are_bounded(server: FeedServer) -> None:
    url = server.route("/down", Route(status=503, headers={"Retry-After": "0"}))
    async with Fetcher(FetchSettings(retries=2)) as fetcher:
        result = await fetcher.fetch(url)
    assert result.error == "HTTP 503"
    assert len(server.seen("/down")) == 3


def test_retry_delay_reads_seconds_and_dates_and_is_capped() -> None:
    assert retry_delay("7", 0) == 7
    assert retry_delay("3600", 0) == MAX_RETRY_WAIT
    soon = http_date(datetime.now(UTC) + timedelta(seconds=10))
    assert 8 <= retry_delay(soon, 0) <= 10
    assert retry_delay(http_date(datetime(2000, 1, 1, tzinfo=UTC)), 0) == 0
    assert retry_delay(None, 0) == 1 and retry_delay("garbage", 2) == 4


async def test_per_host_limit_is_never_exceeded(server: FeedServer) -> None:
    url = server.route("/slow", Route(body=b"ok", delay=0.2))
    async with Fetcher(FetchSettings(concurrency=8, per_host=2)) as fetcher:
        results = await asyncio.gather(*(fetcher.fetch(f"{url}?n={n}") for n in range(8)))
    assert all(r.ok for r in results)
    assert server.in_flight.peak == 2


async def test_global_limit_holds_across_hosts() -> None:
    shared = InFlight()
    hosts = ["127.0.0.1", "127.0.0.2", "127.0.0.3"]
    servers = [FeedServer(host, counter=shared).start() for host in hosts]
    try:
        urls = [s.route("/slow", Route(body=b"ok", delay=0.2)) for s in servers]
        async with Fetcher(FetchSettings(concurrency=3, per_host=2)) as fetcher:
            jobs = [fetcher.fetch(f"{url}?n={n}") for url in urls for n in range(4)]
            results = await asyncio.gather(*jobs)
    finally:
        for s in servers:
            s.stop()
    assert all(r.ok for r in results)
    assert shared.peak == 3
    assert all(s.in_flight.peak <= 2 for s in servers)


async def test_refused_connection_is_reported() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    async with Fetcher(FetchSettings()) as fetcher:
        result = await fetcher.fetch(f"http://127.0.0.1:{port}/feed")
    assert result.error == "connection refused" and result.status is None


async def test_https_certificates_are_verified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    with FeedServer(tls_dir=tmp_path) as tls_server:
        url = tls_server.route("/feed", Route(body=b"<rss/>"))
        async with Fetcher(FetchSettings()) as fetcher:
            result = await fetcher.fetch(url)
    assert url.startswith("https://")
    assert result.error == "TLS certificate not valid"
    assert tls_server.requests == []


async def test_https_works_with_a_trusted_certificate(
    server: FeedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FeedServer(tls_dir=tmp_path) as tls_server:
        monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "cert.pem"))
        target = tls_server.route("/feed", Route(body=b"<rss/>"))
        start = server.route("/old-feed", Route(status=301, location=target))
        async with Fetcher(FetchSettings()) as fetcher:
            result = await fetcher.fetch(start)
    assert result.ok and result.content == b"<rss/>"
    assert result.final_url == target


def test_dns_failure_is_named() -> None:
    error = httpx.ConnectError("[Errno -2] Name or service not known")
    error.__cause__ = socket.gaierror(-2, "Name or service not known")
    assert describe_error(error) == "DNS lookup failed"


def test_url_problem() -> None:
    assert url_problem("https://example.org/feed") is None
    assert url_problem("http:///nohost") == "invalid URL (no host)"
    assert url_problem("JavaScript:alert(1)") is not None


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A feed over https on 127.0.0.1 with a self-signed certificate (made with openssl)."""
    import http.server
    import shutil
    import ssl
    import subprocess
    import threading

    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost"]
        + ["-addext", "subjectAltName=IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            body = b"<rss version='2.0'><channel><title>Secure</title></channel></rss>"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{httpd.server_address[1]}/feed.xml", cert
    finally:
        httpd.shutdown()
        httpd.server_close()


async def test_https_works_on_asyncio_streams_and_an_untrusted_certificate_is_named(
    tls_server: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, cert = tls_server
    result = await fetch(url)
    assert not result.ok and result.error == "TLS certificate not valid"  # type: ignore[attr-defined]
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trusted now: the handshake goes through
    async with Fetcher(FetchSettings()) as fetcher:
        first = await fetcher.fetch(url)
        again = await fetcher.fetch(url)  # on the same kept-alive TLS connection
    assert first.ok and first.status == 200 and b"Secure" in first.content
    assert again.ok and again.content == first.content


async def test_each_host_keeps_its_own_connections_alive_across_requests() -> None:
    # one pool per host: requests to two hosts, interleaved, each go on their host's one
    # kept-alive connection (and both answers are right)
    with FeedServer("127.0.0.1") as first, FeedServer("127.0.0.2") as second:
        urls = [
            first.route("/a.xml", Route(body=b"<rss>first</rss>")),
            second.route("/b.xml", Route(body=b"<rss>second</rss>")),
        ]
        async with Fetcher(FetchSettings()) as fetcher:
            for _ in range(3):
                results = [await fetcher.fetch(url) for url in urls]
                assert [r.content for r in results] == [b"<rss>first</rss>", b"<rss>second</rss>"]
        for server in (first, second):
            assert len(server.requests) == 3
            assert len({seen.client for seen in server.requests}) == 1


RESET = b"(reset)"


def _raw_server(answers: list[bytes]) -> tuple[socket.socket, list[int]]:
    """A one-thread server answering each request with the next of `answers` (raw bytes),
    each on a connection of its own that it closes; counts the connections it accepted."""
    import threading

    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[int] = []

    def serve() -> None:
        for answer in answers:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            accepted.append(1)
            with conn:
                conn.recv(65536)
                if answer == RESET:  # close with a reset (RST), not an orderly end
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                else:
                    conn.sendall(answer)

    threading.Thread(target=serve, daemon=True).start()
    return listener, accepted


async def test_plain_http_reads_http_1_0_and_bodies_that_end_with_the_connection() -> None:
    answers = [
        b"HTTP/1.0 200 OK\r\nContent-Type: text/xml\r\nVary: a\r\nVary: b\r\n\r\n<rss>one</rss>",
        b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n<rss>two</rss>",
    ]
    listener, accepted = _raw_server(answers)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/feed.xml"
    with listener:
        async with Fetcher(FetchSettings(timeout=5)) as fetcher:
            first = await fetcher.fetch(url)
            second = await fetcher.fetch(url)  # the first connection is not reused: closed
    assert first.ok and first.content == b"<rss>one</rss>"
    assert first.headers["content-type"] == "text/xml"
    assert first.headers["vary"] == "a, b"  # a repeated header, joined as httpx joins it
    assert second.ok and second.content == b"<rss>two</rss>"
    assert len(accepted) == 2


async def test_plain_http_names_a_bad_or_cut_short_answer() -> None:
    answers = [
        b"this is not http\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this",
    ]
    listener, _ = _raw_server(answers)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/feed.xml"
    with listener:
        async with Fetcher(FetchSettings(timeout=5)) as fetcher:
            garbled = await fetcher.fetch(url)
            short = await fetcher.fetch(url)
    reason = "server closed the connection or sent a bad response"
    assert garbled.error == reason and short.error == reason


async def test_a_validator_no_request_may_carry_is_a_clear_error(server: FeedServer) -> None:
    url = server.route("/feed", Route(body=b"<rss/>", headers={"Link": "<a>; rel=x"}))
    async with Fetcher(FetchSettings()) as fetcher:
        bad = await fetcher.fetch(url, etag='"v1"\r\nX-Injected: 1')
        result = await fetcher.fetch(url)
    assert result.ok and result.headers["link"] == "<a>; rel=x"
    assert bad.error is not None and bad.error.startswith("invalid request")
    assert all("x-injected" not in seen.headers for seen in server.requests)


async def test_a_kept_alive_connection_the_server_closed_is_replaced() -> None:
    # The server answers one request per connection yet says nothing of it (no
    # Connection: close): the next request finds the connection closed and takes a new one.
    body = b"<rss>again</rss>"
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
    listener, accepted = _raw_server([answer] * 3)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/feed.xml"
    with listener:
        async with Fetcher(FetchSettings(timeout=5)) as fetcher:
            results = []
            for _ in range(3):
                results.append(await fetcher.fetch(url))
                await asyncio.sleep(0.05)  # the server's close arrives
    assert [r.content for r in results] == [body] * 3
    assert len(accepted) == 3


async def test_plain_http_names_a_reset_and_a_close_before_any_answer() -> None:
    listener, accepted = _raw_server([RESET, b""])
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/feed.xml"
    with listener:
        async with Fetcher(FetchSettings(timeout=5)) as fetcher:
            reset = await fetcher.fetch(url)
            closed = await fetcher.fetch(url)
    assert reset.error == "connection reset by server" and reset.status is None
    assert closed.error == "server closed the connection or sent a bad response"
    assert len(accepted) == 2
