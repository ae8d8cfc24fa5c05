"""Soak test at real volume: refresh big feeds from 127.0.0.1 and check that nothing is lost.

Two runs, each in fresh config and data directories, with the real `newsdesk refresh` in a
subprocess against a local threaded HTTP server (feeds only, `--no-fulltext`: no page requests):

    one-feed   1 feed x 5,000 items
    many-feeds 100 feeds x 100 items

Every item has a distinct two-sentence text naming invented people, places and a meeting, so the
annotator has real work. After each refresh the script opens the data directory read-only and
checks every item: its index row, its body with the exact text served, and its annotation at the
current pipeline version (in the shard and in the index row). A second refresh must get 304 for
every feed and store nothing new. It prints, per run, the items served, the stories stored, lost
bodies, wrong texts, lost annotations, refresh seconds and the refresh's peak RSS; it exits 1
when anything was lost.

Annotation runs inside the refresh by default. `--no-annotate` refreshes with `--no-annotate`
and then annotates in a separate pass (in this process, timed apart), for slow machines.

    python benchmarks/soak_refresh.py [--items 5000] [--feeds 100] [--per-feed 100]
                                      [--only one-feed|many-feeds] [--no-annotate] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from ingest_helpers import FeedServer, Route, item, rss_feed  # noqa: E402

from newsdesk.config import load_config  # noqa: E402
from newsdesk.desk import Desk  # noqa: E402
from newsdesk.store import Store  # noqa: E402

# Invented names for the generated texts (no real reports are used).
PEOPLE = [
    ("Foreign Minister", "Amina Odhiambo", "Kenyan"),
    ("President", "Claire Dubois", "French"),
    ("Prime Minister", "Marco Bellini", "Italian"),
    ("Defence Minister", "Tomasz Nowicki", "Polish"),
    ("Trade Minister", "Ana Ferreira", "Brazilian"),
    ("Foreign Secretary", "Priya Raman", "Indian"),
    ("Chancellor", "Lena Hartmann", "German"),
    ("Finance Minister", "Kenji Mori", "Japanese"),
]
CITIES = ["Nairobi", "Paris", "Rome", "Warsaw", "Brasilia", "New Delhi", "Berlin", "Tokyo"]
TOPICS = ["trade", "border security", "energy prices", "fisheries", "a rail link", "migration"]


def story_text(feed: int, n: int) -> str:
    a = PEOPLE[(feed + n) % len(PEOPLE)]
    b = PEOPLE[(feed + 3 * n + 1) % len(PEOPLE)]
    if a == b:
        b = PEOPLE[(PEOPLE.index(a) + 1) % len(PEOPLE)]
    city = CITIES[(feed * 7 + n) % len(CITIES)]
    topic = TOPICS[(feed + n) % len(TOPICS)]
    return (
        f"{a[2]} {a[0]} {a[1]} met {b[2]} {b[0]} {b[1]} in {city} on Monday to discuss {topic}. "
        f"Officials said the talks, number {n} of series {feed}, would continue next month."
    )


@dataclass
class Outcome:
    name: str
    served: int
    stored: int
    lost_bodies: int
    wrong_texts: int
    lost_annotations: int
    refresh_seconds: float
    annotate_seconds: float
    peak_rss_mb: float
    second_new: int
    second_statuses: dict[int, int]

    @property
    def ok(self) -> bool:
        return (
            self.stored == self.served
            and not (self.lost_bodies or self.wrong_texts or self.lost_annotations)
            and self.second_new == 0
        )


def run_cli(args: list[str], env: dict[str, str]) -> tuple[int, str, str, float, float]:
    """Run `newsdesk ARGS`; returns status, stdout, stderr, seconds and peak RSS in MB."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "newsdesk", *args], env=env, stdout=out, stderr=err
        )
        _, wait_status, usage = os.wait4(proc.pid, 0)  # reaped here, for its rusage
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(wait_status)
        out.seek(0)
        err.seek(0)
        texts = out.read().decode(), err.read().decode()
    return proc.returncode, texts[0], texts[1], seconds, usage.ru_maxrss / 1024


def soak(name: str, feeds: int, per_feed: int, annotate: bool, root: Path) -> Outcome:
    work = root / name
    config_path, data_dir = work / "config.toml", work / "data"
    work.mkdir(parents=True)
    expected: dict[tuple[str, str], str] = {}  # (feed url, title) -> text
    base = datetime(2026, 11, 1, tzinfo=UTC)
    with FeedServer() as server:
        urls = []
        for f in range(feeds):
            items = []
            for n in range(1, per_feed + 1):
                text = story_text(f, n)
                when = base - timedelta(minutes=n)
                items.append(item(n, description=f"<p>{text}</p>", published=when))
            url = server.route(
                f"/feed-{f}.xml", Route(body=rss_feed(f"Feed {f}", items), etag=f'"{f}"')
            )
            urls.append(url)
            for n in range(1, per_feed + 1):
                expected[(url, f"Story {n}")] = story_text(f, n)
        config_path.write_text(
            "[store]\nkeep_days = 36500\n\n"
            + "".join(f'[[feeds]]\nurl = "{url}"\n' for url in urls)
        )
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "NEWSDESK_CONFIG": str(config_path),
            "NEWSDESK_DATA_DIR": str(data_dir),
        }
        flags = ["--no-fulltext", "--json"] + ([] if annotate else ["--no-annotate"])
        status, out, err, seconds, rss = run_cli(["refresh", *flags], env)
        if status != 0:
            raise SystemExit(f"{name}: refresh failed ({status}): {err.strip()}")
        annotate_seconds = 0.0
        if not annotate:
            started = time.perf_counter()
            config = replace(load_config(config_path), data_dir=data_dir)
            with Desk(config) as desk:
                desk.annotate_pending()
            annotate_seconds = time.perf_counter() - started
        first = len(server.requests)
        status2, out2, err2, _, _ = run_cli(["refresh", "--no-fulltext", "--json"], env)
        if status2 != 0:
            raise SystemExit(f"{name}: second refresh failed ({status2}): {err2.strip()}")
        statuses: dict[int, int] = {}
        for seen in server.requests[first:]:
            statuses[seen.status] = statuses.get(seen.status, 0) + 1
    del out
    outcome = check(name, data_dir, expected)
    outcome.refresh_seconds, outcome.annotate_seconds, outcome.peak_rss_mb = (
        seconds,
        annotate_seconds,
        rss,
    )
    outcome.second_new = int(json.loads(out2)["new_stories"])
    outcome.second_statuses = statuses
    return outcome


def check(name: str, data_dir: Path, expected: dict[tuple[str, str], str]) -> Outcome:
    from newsdesk.nlp.pipeline import PIPELINE_VERSION

    lost_bodies = wrong = lost_annotations = 0
    with Store(data_dir, read_only=True) as store:
        rows = {(row.feed_url, row.title): row for row in store.rows()}
        for key, text in expected.items():
            row = rows.get(key)
            if row is None:
                continue  # counted by `stored`
            story = store.story(row.id)
            if story is None:
                lost_bodies += 1
            elif story.text != text:
                wrong += 1
            annotation = store.annotation(row.id)
            if (
                annotation is None
                or annotation.pipeline_version != PIPELINE_VERSION
                or not row.annotated
            ):
                lost_annotations += 1
        stored = sum(1 for key in expected if key in rows)
    return Outcome(
        name, len(expected), stored, lost_bodies, wrong, lost_annotations, 0, 0, 0, 0, {}
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=5000, help="items in the one big feed")
    parser.add_argument("--feeds", type=int, default=100, help="feeds in the many-feeds run")
    parser.add_argument("--per-feed", type=int, default=100, help="items per feed there")
    parser.add_argument("--only", choices=("one-feed", "many-feeds"))
    parser.add_argument("--no-annotate", action="store_true", help="annotate in a separate pass")
    parser.add_argument("--keep", type=Path, help="keep the data directories here")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="newsdesk-soak-"))
    runs = [("one-feed", 1, args.items), ("many-feeds", args.feeds, args.per_feed)]
    outcomes = []
    try:
        for name, feeds, per_feed in runs:
            if args.only in (None, name):
                outcome = soak(name, feeds, per_feed, not args.no_annotate, root)
                outcomes.append(outcome)
                print_outcome(outcome, annotate_in_refresh=not args.no_annotate)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0 if all(o.ok for o in outcomes) else 1


def print_outcome(o: Outcome, *, annotate_in_refresh: bool) -> None:
    how = "refresh with annotation" if annotate_in_refresh else "refresh --no-annotate"
    print(
        f"{o.name}: {o.served} items served; {how}: {o.refresh_seconds:.1f} s, "
        f"peak RSS {o.peak_rss_mb:.0f} MB"
    )
    if not annotate_in_refresh:
        print(f"  separate annotate pass: {o.annotate_seconds:.1f} s")
    print(
        f"  stored {o.stored}/{o.served}; lost bodies {o.lost_bodies}; wrong texts "
        f"{o.wrong_texts}; lost annotations {o.lost_annotations} "
        f"(annotated {o.stored - o.lost_annotations})"
    )
    codes = ", ".join(f"{n} x {code}" for code, n in sorted(o.second_statuses.items()))
    print(f"  second refresh: {o.second_new} new stories; requests: {codes}")
    print(f"  {'OK' if o.ok else 'FAILED'}")


if __name__ == "__main__":
    raise SystemExit(main())
