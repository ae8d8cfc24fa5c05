"""Real volume: one write holding many shards' worth of stories loses nothing."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from ingest_helpers import FeedServer, Route, item, rss_feed
from store_helpers import make_annotation, make_story

from newsdesk.cli import main
from newsdesk.config import load_config
from newsdesk.desk import Desk
from newsdesk.store import Store, StoreError
from newsdesk.store.shards import SHARD_CAP


def test_one_write_of_many_shards_keeps_every_body_and_annotation(tmp_path: Path) -> None:
    stories = [make_story(i) for i in range(1300)]  # 26 shards, far beyond the 12 kept open
    assert len(stories) > 12 * SHARD_CAP
    with Store(tmp_path) as store:
        assert store.add_stories(stories) == 1300
        store.set_annotations({s.id: make_annotation("v1") for s in stories})
        assert all(store.story(s.id) == s for s in stories)
    with Store(tmp_path) as store:
        assert len(store.rows()) == 1300
        assert [s.id for s in stories if store.story(s.id) != s] == []
        assert [s.id for s in stories if store.annotation(s.id) is None] == []
        assert store.unannotated("v1") == []
        assert store.add_bookmark(stories[-1].id) is True
        assert store.bookmarks()[0][0].text == stories[-1].text
    shards = [json.loads(p.read_bytes()) for p in (tmp_path / "stories").glob("*.json")]
    assert sum(len(shard["stories"]) for shard in shards) == 1300
    assert sum(len(shard["annotations"]) for shard in shards) == 1300


def test_bookmarking_a_listed_story_without_its_text_says_why(tmp_path: Path) -> None:
    story = make_story(1)
    with Store(tmp_path) as store:
        store.add_stories([story])
    for shard in (tmp_path / "stories").glob("*.json"):
        shard.unlink()  # the text is gone, the index row is not
    with Store(tmp_path) as store:
        with pytest.raises(StoreError, match=f"cannot bookmark story {story.id}: .*missing"):
            store.add_bookmark(story.id)
        assert not store.is_bookmarked(story.id)
        assert store.add_bookmark("never-stored") is False


def test_refresh_of_one_feed_of_1300_items_stores_and_bookmarks_every_story(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    count = 1300
    with FeedServer() as server:
        body = rss_feed("Big", [item(n) for n in range(1, count + 1)])
        url = server.route("/big.xml", Route(body=body))
        config_file.write_text(f'[store]\nkeep_days = 36500\n\n[[feeds]]\nurl = "{url}"\n')
        assert main(["refresh", "--no-fulltext", "--no-annotate", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["new_stories"] == count and report["failed"] == []

    assert main(["stories", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == count
    config = load_config()
    with Store(config.data_dir, read_only=True) as store:
        missing = [r["title"] for r in rows if store.story(r["id"]) is None]
        assert missing == []
        texts = {r["title"]: store.story(r["id"]).text for r in rows}  # type: ignore[union-attr]
    assert texts[f"Story {count}"] == f"Summary of story {count}."

    last = next(r["id"] for r in rows if r["title"] == f"Story {count}")
    assert main(["bookmarks", "add", last]) == 0
    assert capsys.readouterr().out.startswith(f"bookmarked: {last}")
    assert main(["bookmarks", "export", "--format", "json"]) == 0
    [exported] = json.loads(capsys.readouterr().out)
    assert exported["id"] == last and exported["text"] == f"Summary of story {count}."

    # the real model annotates a sample of the stories beyond the first 600, across the shards
    tail = [r["id"] for r in rows if (n := int(r["title"].split()[-1])) > 600 and n % 25 == 0]
    assert len(tail) == 28
    with Desk(replace(config, nlp_processes=1)) as desk:
        assert desk.annotate_pending(tail) == len(tail)
        annotated = [desk.store.annotation(sid) for sid in tail]
    assert all(a is not None and a.pipeline_version for a in annotated)
