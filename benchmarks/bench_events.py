"""Events benchmark: the SimHash threshold, and what grouping costs.

    python benchmarks/bench_events.py [--texts FILE.jsonl] [--skip-refresh]

FILE.jsonl holds one {"title", "text"} object a line (default: the reference corpus beside
the repository, ../shared/corpus/reuters-2000.jsonl). Three parts:

1. threshold: Hamming distances between each text's SimHash and those of copies of it (an
   agency line and a footer around it, the last paragraph cut, a tenth or a quarter cut), and
   between every pair of different texts; and how many copies within HAMMING_MAX the banded
   grouping finds.
2. refresh: a real refresh of 1,000 stories (50 feeds of 20, full-text pages with boilerplate,
   no annotation) from the local feed farm ../shared/tools/feedfarm.py, and in the same run
   the cost of grouping them: computing the 1,000 fingerprints (done while storing) and grouping
   the stored rows into events. Prints the ratio.
3. 10,000 stories: grouping time of 10,000 index rows, and one-row-per-event of them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsdesk.fingerprint import HAMMING_MAX, hamming, simhash, simhash_hex  # noqa: E402
from newsdesk.models import StoryRow  # noqa: E402
from newsdesk.query.events import EventGrouper, collapse  # noqa: E402

SHARED = ROOT.parent / "shared"
AGENCY = "By our staff, with agency reports."
FOOTER = "Share this article. Sign up for our morning newsletter."


def load_texts(path: Path) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line).get("text") or ""
            if text.strip():
                texts.append(text)
    return texts


def copies(text: str) -> dict[str, str]:
    paragraphs = [p for p in text.split("\n") if p.strip()]
    words = text.split()
    return {
        "agency line + footer": f"{AGENCY}\n\n{text}\n\n{FOOTER}",
        "last paragraph cut": "\n\n".join(paragraphs[:-1]) if len(paragraphs) > 2 else text,
        "a tenth cut": " ".join(words[: int(len(words) * 0.9)]),
        "a quarter cut": " ".join(words[: int(len(words) * 0.75)]),
    }


def quantiles(values: list[int]) -> str:
    values = sorted(values)
    n = len(values)
    return (
        f"median {values[n // 2]:>2}  p90 {values[int(n * 0.9)]:>2}  p99 {values[int(n * 0.99)]:>2}"
        f"  max {values[-1]:>2}  <= {HAMMING_MAX}: {sum(v <= HAMMING_MAX for v in values) / n:6.1%}"
    )


def threshold(texts: list[str]) -> None:
    print(f"1. threshold (HAMMING_MAX = {HAMMING_MAX}) over {len(texts)} texts")
    hashes = [simhash(t) for t in texts]
    kept = [(t, h) for t, h in zip(texts, hashes, strict=True) if h is not None]
    print(f"   texts with a fingerprint: {len(kept)} of {len(texts)}")
    for name in copies(kept[0][0]):
        distances, found = [], 0
        for n, (text, value) in enumerate(kept):
            other = simhash(copies(text)[name])
            if other is None:
                continue
            distances.append(hamming(value, other))
            grouper = EventGrouper()
            grouper.add(StoryRow(f"o{n}", "f", "t", link=f"https://a/{n}", simhash=f"{value:016x}"))
            grouper.add(StoryRow(f"c{n}", "g", "t", link=f"https://b/{n}", simhash=f"{other:016x}"))
            found += grouper.size(f"o{n}") == 2
        print(f"   copy, {name:<22} {quantiles(distances)}  grouped {found / len(distances):6.1%}")
    values = [h for _, h in kept]
    histogram = [0] * 65
    for i, a in enumerate(values):
        for b in values[i + 1 :]:
            histogram[(a ^ b).bit_count()] += 1
    pairs = sum(histogram)
    closest = next(d for d, c in enumerate(histogram) if c)
    running, median = 0, 0
    for d, c in enumerate(histogram):
        running += c
        if running * 2 >= pairs:
            median = d
            break
    near = {d: sum(histogram[: d + 1]) for d in (3, HAMMING_MAX, 12, 16)}
    print(
        f"   different texts: {pairs} pairs, closest {closest}, median {median}; pairs within "
        + ", ".join(f"{d} bits: {c}" for d, c in near.items())
    )
    identical = sum(
        1 for i, a in enumerate(texts) for b in texts[i + 1 : i + 400] if a.strip() == b.strip()
    )
    print(f"   (pairs of texts the corpus holds twice, nearby lines only: {identical})")


def refresh_cost(texts_file: Path) -> None:
    from newsdesk.config import Config, FetchSettings
    from newsdesk.desk import Desk
    from newsdesk.models import FeedSpec

    farm = SHARED / "tools" / "feedfarm.py"
    if not farm.exists():
        print(f"2. refresh: skipped ({farm} not found)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        portfile = Path(tmp) / "port"
        server = subprocess.Popen(
            [
                sys.executable,
                str(farm),
                "--feeds",
                "50",
                "--items",
                "20",
                "--texts",
                str(texts_file),
                "--portfile",
                str(portfile),
                "--seconds",
                "600",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(100):
                if portfile.exists() and portfile.read_text().strip():
                    break
                time.sleep(0.05)
            port = portfile.read_text().strip()
            feeds = tuple(FeedSpec(f"http://127.0.0.1:{port}/feed/{f}.xml") for f in range(50))
            config = Config(
                path=None,
                data_dir=Path(tmp) / "data",
                feeds=feeds,
                fetch=replace(FetchSettings(), fulltext=True, per_host=8),
                annotate=False,
            )
            with Desk(config) as desk:
                started = time.perf_counter()
                report = asyncio.run(desk.refresh(annotate=False))
                refresh_s = time.perf_counter() - started
                rows = desk.store.rows()
                bodies = [desk.store.story(row.id) for row in rows]
        finally:
            server.terminate()
            server.wait()
    stored = [b.text or b.summary for b in bodies if b is not None]
    started = time.perf_counter()
    for text in stored:
        simhash_hex(text)
    fingerprint_s = time.perf_counter() - started
    started = time.perf_counter()
    grouper = EventGrouper().add_all(rows)
    collapse(rows, grouper)
    group_s = time.perf_counter() - started
    numpy_s = import_seconds("numpy")  # the fingerprints load it once per process
    cost = fingerprint_s + group_s + numpy_s
    print(
        f"2. refresh of {report.new_stories} stories ({len(report.ok)} feeds, full text, no "
        f"annotation): {refresh_s:.2f} s\n   grouping cost: fingerprints {fingerprint_s * 1000:.0f}"
        f" ms + loading numpy {numpy_s * 1000:.0f} ms + grouping {group_s * 1000:.0f} ms = "
        f"{cost * 1000:.0f} ms, {cost / refresh_s:.1%} of the refresh (bound: 10%)"
    )


def import_seconds(module: str, runs: int = 3) -> float:
    """What importing `module` adds to a fresh interpreter (median of `runs`)."""

    def timed(code: str) -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - started

    base = statistics.median(timed("pass") for _ in range(runs))
    return max(statistics.median(timed(f"import {module}") for _ in range(runs)) - base, 0.0)


def big_grouping(texts: list[str], count: int = 10_000, runs: int = 3) -> None:
    rnd = random.Random(3)
    hashes = [simhash_hex(t) for t in texts]
    variants = [simhash_hex(copies(t)["agency line + footer"]) for t in texts]
    rows = []
    for n in range(count):
        base = n % len(texts)
        copy = n >= len(texts) and rnd.random() < 0.5  # about half the rest are copies
        value = (variants if copy else hashes)[base] if copy or n < len(texts) else None
        if value is None:  # a story of its own: a random fingerprint
            value = f"{rnd.getrandbits(64):016x}"
        day = 1 + n % 28
        meeting = f"A {n % 300}|B {n % 7}\t2026-03-{day:02d}\t\t"
        rows.append(
            StoryRow(
                f"s{n:06d}",
                f"https://feed{n % 40}.example/rss",
                f"Story {n}",
                link=f"https://site{n % 40}.example/{n}?utm_source=rss",
                published=f"2026-03-{day:02d}T{n % 24:02d}:00:00+00:00",
                simhash=value,
                meeting_keys=(meeting,) if n % 5 == 0 else (),
            )
        )
    rows.sort(key=lambda r: r.published or "", reverse=True)
    times, collapse_times = [], []
    for _ in range(runs):
        started = time.perf_counter()
        grouper = EventGrouper().add_all(rows)
        times.append(time.perf_counter() - started)
        started = time.perf_counter()
        shown, _ = collapse(rows, grouper)
        collapse_times.append(time.perf_counter() - started)
    print(
        f"3. {count} stories: grouped into {len(shown)} events in "
        f"{statistics.median(times) * 1000:.0f} ms (median of {runs}); one row per event: "
        f"{statistics.median(collapse_times) * 1000:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=Path, default=SHARED / "corpus" / "reuters-2000.jsonl")
    parser.add_argument("--skip-refresh", action="store_true")
    args = parser.parse_args()
    if not args.texts.exists():
        raise SystemExit(f"bench_events: {args.texts}: no such file (give --texts FILE.jsonl)")
    texts = load_texts(args.texts)
    threshold(texts)
    if not args.skip_refresh:
        refresh_cost(args.texts)
    big_grouping(texts)


if __name__ == "__main__":
    main()
