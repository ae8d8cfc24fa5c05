"""The bundled seed stories, read through the `newsdesk-seed:` scheme instead of HTTP.

`newsdesk-seed:feed.xml` is an RSS file in the seed folder; each of its items links to
`newsdesk-seed:NAME.txt`, a plain-text story in the same folder. Only the seed feed itself may
use these links: the parser drops them from any other feed.
"""

from __future__ import annotations

import os
from pathlib import Path

from newsdesk.models import FeedSpec

SEED_SCHEME = "newsdesk-seed"
SEED_FEED_URL = f"{SEED_SCHEME}:feed.xml"
SEED_DIR_ENV = "NEWSDESK_SEED_DIR"  # overrides where the seeds are read from (tests)


def seed_dir() -> Path:
    """The seed folder: $NEWSDESK_SEED_DIR, else the installed copy, else the source tree's."""
    override = os.environ.get(SEED_DIR_ENV)
    if override:
        return Path(override)
    package = Path(__file__).resolve().parent.parent
    installed = package / "_seeds"
    if installed.is_dir():
        return installed
    return package.parent / "seeds"


def seed_spec() -> FeedSpec:
    return FeedSpec(SEED_FEED_URL, "newsdesk seed stories", ("seed",))


def is_seed_url(url: str) -> bool:
    return url.startswith(f"{SEED_SCHEME}:")


def seed_path(url: str) -> Path | None:
    """The file a `newsdesk-seed:NAME` URL names, or None when NAME is not a plain file name."""
    if not is_seed_url(url):
        return None
    name = url[len(SEED_SCHEME) + 1 :]
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name:
        return None
    return seed_dir() / name


def read_seed(url: str) -> bytes | None:
    """The bytes of a seed file, or None when the URL is not a seed file that exists."""
    path = seed_path(url)
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


__all__ = [
    "SEED_DIR_ENV",
    "SEED_FEED_URL",
    "SEED_SCHEME",
    "is_seed_url",
    "read_seed",
    "seed_dir",
    "seed_path",
    "seed_spec",
]
