"""The one URL policy, and the places that must follow it."""

from __future__ import annotations

import pytest

from newsdesk.config import url_problem as config_url_problem
from newsdesk.ingest.fetch import url_problem as fetch_url_problem
from newsdesk.ingest.parse import safe_link as parse_link
from newsdesk.urls import MAX_URL_LENGTH, url_problem, web_link

GOOD = ["https://a.example/x", "HTTP://a.example", "http://a.example:8080/p?q=1#f"]
BAD = [
    "javascript:alert(1)",
    "file:///etc/passwd",
    "ftp://a.example/x",
    "//a.example/x",
    "https://",
    "https://user:secret@a.example/",
    "https://user@a.example/",
    "https://a.example/a b",
    "https://a.example/\x1b[31m",
    "https://a.example:99999/",
    "https://a.example/" + "x" * MAX_URL_LENGTH,
    "",
]


@pytest.mark.parametrize("url", GOOD)
def test_web_urls_pass_everywhere(url: str) -> None:
    assert url_problem(url) is None
    assert web_link(f"  {url} ") == url
    assert config_url_problem(url) is None
    assert fetch_url_problem(url) is None
    assert parse_link(url) == url


@pytest.mark.parametrize("url", BAD)
def test_everything_else_is_refused_everywhere(url: str) -> None:
    assert url_problem(url) is not None
    assert web_link(url) is None
    assert config_url_problem(url) is not None
    assert fetch_url_problem(url) is not None
    assert parse_link(url) is None


def test_reasons_say_what_is_wrong() -> None:
    assert url_problem("https://u:p@a.example/") == "URL with a user name or password refused"
    assert url_problem("file:///x") == "file: URL refused (only http and https are fetched)"
    assert url_problem(3) == "not a string"


# Addresses of the usual shape (told at once) and their near misses (taken apart in full).
NEAR_MISSES = [
    ("http://a.example:65535/", None),
    ("http://a.example:65536/", "invalid URL"),
    ("http://a.example:/", None),
    ("http://a.example:8o/", "invalid URL"),
    ("https://a.example?q=1", None),
    ("https://a.example#top", None),
    ("https://user@a.example/", "URL with a user name or password refused"),
    ("https://a.example/@user", None),  # an @ in the path names no user
    ("https://[::1]:8080/x", None),
    ("https://[::1/x", "invalid URL"),
    ("https:///x", "invalid URL (no host)"),
    ("hTTpS://A.Example/Path", None),
    ("httpx://a.example/", "httpx: URL refused (only http and https are fetched)"),
]


@pytest.mark.parametrize(("url", "problem"), NEAR_MISSES)
def test_usual_addresses_and_their_near_misses(url: str, problem: str | None) -> None:
    assert url_problem(url) == problem
