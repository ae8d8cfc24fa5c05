"""How the fetcher waits and what it says: the delay before a retry, and a failure or a size
in words a person reads."""

from __future__ import annotations

import socket
import ssl
import time

MAX_RETRY_WAIT = 30.0  # seconds; a longer Retry-After is cut down to this
# What a garbled, cut-short or refused answer is called, by either client.
BAD_ANSWER = "server closed the connection or sent a bad response"


class FetchError(Exception):
    """A failed request, with the reason to show and the status when there was one."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


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


# The socket errors a failed connection comes down to, in words a person reads; the first
# class an error is an instance of gives its reason (both clients use this table).
SOCKET_REASONS: tuple[tuple[type[OSError], str], ...] = (
    (socket.gaierror, "DNS lookup failed"),
    (ConnectionRefusedError, "connection refused"),
    (ConnectionResetError, "connection reset by server"),
)


def socket_reason(exc: BaseException) -> str | None:
    """The reason for one socket error of SOCKET_REASONS, else None."""
    for kind, reason in SOCKET_REASONS:
        if isinstance(exc, kind):
            return reason
    return None


def describe_error(exc: BaseException) -> str:
    """A short reason for a network failure, from the chain of causes."""
    import httpx

    seen: BaseException | None = exc
    while seen is not None:
        if (reason := socket_reason(seen)) is not None:
            return reason
        if isinstance(seen, ssl.SSLCertVerificationError):
            return "TLS certificate not valid"
        if isinstance(seen, ssl.SSLError):
            return "TLS error"
        seen = seen.__cause__ or seen.__context__
    text = str(exc)
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "DNS lookup failed"
    if isinstance(exc, httpx.RemoteProtocolError):
        return BAD_ANSWER
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


def seconds_text(value: float) -> str:
    return f"{value:g}"


__all__ = [
    "BAD_ANSWER",
    "MAX_RETRY_WAIT",
    "FetchError",
    "describe_error",
    "socket_reason",
    "human_size",
    "retry_delay",
    "seconds_text",
]
