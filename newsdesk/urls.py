"""The one URL policy: which addresses newsdesk fetches, stores as links and opens.

Only absolute http:// and https:// URLs with a host, no user name or password in them (a feed
must not smuggle credentials into a request or a browser), no white space or control
characters, and at most MAX_URL_LENGTH characters. The config (feed addresses), the fetcher
(every request and redirect), the feed parser (story links) and the reader's `o` all ask here.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")
MAX_URL_LENGTH = 2048  # longer addresses are refused: servers and browsers cut around here

# The usual shape of a web address, which passes every test below: http(s), a host of ASCII
# letters, digits, dots and hyphens, maybe a port of at most five digits, and then nothing or
# a path, query or fragment. Telling it at once saves taking the URL apart four times (some
# 10 ms of a refresh that stores a thousand links); any other shape gets the full tests.
_USUAL_WEB_URL = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9.-]+(?::([0-9]{1,5}))?(?:[/?#].*)?")


def url_problem(url: object) -> str | None:
    """Why `url` is not a usable web address (a short reason), or None when it is."""
    if not isinstance(url, str):
        return "not a string"
    url = url.strip()
    if not url:
        return "empty URL"
    if len(url) > MAX_URL_LENGTH:
        return f"URL longer than {MAX_URL_LENGTH} characters"
    # every white space character but the space is unprintable: one test for both
    if not url.isprintable() or " " in url:
        return "URL with spaces or control characters"
    usual = _USUAL_WEB_URL.fullmatch(url)
    if usual is not None and (usual.group(1) is None or int(usual.group(1)) <= 65535):
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return "invalid URL"
    scheme = parts.scheme.lower()
    if scheme not in WEB_SCHEMES:
        shown = f"{scheme}: URL" if scheme else "relative URL"
        return f"{shown} refused (only http and https are fetched)"
    if not parts.hostname:
        return "invalid URL (no host)"
    if parts.username is not None or parts.password is not None:
        return "URL with a user name or password refused"
    return None


def web_link(value: object) -> str | None:
    """`value`, stripped, when it passes the policy; else None."""
    if url_problem(value) is not None:
        return None
    assert isinstance(value, str)
    return value.strip()


__all__ = ["MAX_URL_LENGTH", "WEB_SCHEMES", "url_problem", "web_link"]
