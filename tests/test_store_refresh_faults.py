"""A refresh whose store write fails (a full disk): a one-line error, and no feed state saved
ahead of its stories, so the next refresh fetches them again instead of getting 304."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from ingest_helpers import FeedServer, Route, item, rss_feed
from store_helpers import run_newsdesk

from newsdesk.store import Store

LONG = "<p>" + "A paragraph long enough to fill a shard file quickly. " * 12 + "</p>"


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as srv:
        yield srv


def write_config(path: Path, urls: list[str]) -> None:
    path.write_text(
        "[store]\nkeep_days = 36500\n\n" + "".join(f'[[feeds]]\nurl = "{u}"\n' for u in urls)
    )


def refresh(config: Path, data: Path, limit: int | None = None) -> tuple[int, str, str]:
    args = ["--config", str(config), "--data-dir", str(data), "refresh", "--no-fulltext"]
    done = run_newsdesk([*args, "--no-annotate", "--json"], file_size_limit=limit)
    return done.returncode, done.stdout, done.stderr


def assert_one_line_error(stderr: str) -> None:
    [line] = stderr.splitlines()
    assert line.startswith("newsdesk: refresh stopped: could not write "), stderr
    assert line.endswith("not stored and will be fetched again next time")
    assert "Traceback" not in stderr and "Exception in callback" not in stderr


def test_failed_batch_write_keeps_the_old_feed_state(server: FeedServer, tmp_path: Path) -> None:
    # 600 items: the write happens as the feed arrives (a batch of 500 or more)
    body = rss_feed("Big", [item(n) for n in range(1, 601)])
    url = server.route("/big.xml", Route(body=body, etag='"v1"'))
    config, data = tmp_path / "config.toml", tmp_path / "data"
    write_config(config, [url])

    status, _, stderr = refresh(config, data, limit=4096)  # the first shard cannot be written
    with Store(data, read_only=True) as store:
        assert store.rows() == []
        assert store.feed_states().get(url) is None  # no ETag saved without its stories
    assert status == 1
    assert_one_line_error(stderr)
    assert "the new stories of 1 feed were" in stderr

    status, out, stderr = refresh(config, data)  # room again
    assert status == 0, stderr
    assert server.seen("/big.xml")[-1].status == 200  # asked without If-None-Match
    assert json.loads(out)["new_stories"] == 600
    with Store(data, read_only=True) as store:
        assert len(store.rows()) == 600
        assert store.feed_states()[url].etag == '"v1"'


def test_failed_timed_write_is_an_error_not_a_traceback(server: FeedServer, tmp_path: Path) -> None:
    # a few stories wait for the timed write while a slow feed keeps the refresh going
    quick = server.route(
        "/quick.xml",
        Route(body=rss_feed("Quick", [item(n, description=LONG) for n in range(1, 6)]), etag='"q"'),
    )
    slow = server.route("/slow.xml", Route(body=rss_feed("Slow", []), delay=2.5))
    config, data = tmp_path / "config.toml", tmp_path / "data"
    write_config(config, [quick, slow])

    status, _, stderr = refresh(config, data, limit=2048)
    with Store(data, read_only=True) as store:
        assert store.rows() == []
        assert store.feed_states().get(quick) is None
    assert status == 1
    assert_one_line_error(stderr)

    status, out, stderr = refresh(config, data)
    assert status == 0, stderr
    assert server.seen("/quick.xml")[-1].status == 200
    assert json.loads(out)["new_stories"] == 5
    with Store(data, read_only=True) as store:
        assert store.feed_states()[quick].etag == '"q"'
        assert {row.title for row in store.rows()} == {f"Story {n}" for n in range(1, 6)}
