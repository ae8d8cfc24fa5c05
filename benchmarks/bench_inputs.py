"""The cost of checking outside input: feed character references, OPML nesting, annotate lines.

Prints, for made-up inputs (best of --rounds):

    feed       parse_feed on an RSS document of --items items, and the share of that time spent
               replacing character references that name no character (fix_char_refs)
    opml       parse_opml on folders nested --depth deep (read without recursion)
    annotate   reading and checking JSON Lines for `newsdesk annotate` (no spaCy): lines per
               second, with one line in ten bad (not UTF-8, NaN, a lone surrogate)

    python benchmarks/bench_inputs.py [--items 2000] [--depth 100000] [--lines 100000]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsdesk.config.feedlists import parse_opml  # noqa: E402
from newsdesk.ingest.parse import fix_char_refs, parse_feed  # noqa: E402
from newsdesk.models import FeedSpec  # noqa: E402
from newsdesk.nlp.annotate import _lines  # noqa: E402


def best(rounds: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def feed_document(items: int) -> bytes:
    parts = ['<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>']
    for n in range(items):
        odd = "&#xD800; &#0;" if n % 50 == 0 else "&#233;t&#xE9;"
        parts.append(
            f"<item><title>Story {n} {odd}</title><link>http://h.example/{n}</link>"
            f"<guid>g{n}</guid><description>&lt;p&gt;Paragraph {n} of the story, with a "
            f"few words &amp;amp; an entity.&lt;/p&gt;</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def nested_opml(depth: int) -> bytes:
    opening = "".join(f'<outline text="F{i}">' for i in range(depth))
    inner = '<outline text="Deep" xmlUrl="https://deep.example/rss"/>'
    return (
        f"<opml version='2.0'><body>{opening}{inner}{'</outline>' * depth}</body></opml>".encode()
    )


def jsonl(lines: int) -> bytes:
    good = b'{"id": "s%d", "text": "Minister Maria Lopez met John Carter in Lima on Friday."}'
    bad = (b'{"id": "b%d", "text": "\xff"}', b'{"id": NaN, "text": "x%d"}', b'{"id": "\\udfff%d"}')
    out = [bad[n // 10 % 3] % n if n % 10 == 9 else good % n for n in range(lines)]
    return b"\n".join(out) + b"\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--depth", type=int, default=100_000)
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    spec = FeedSpec("http://h.example/feed.xml")

    doc = feed_document(args.items)
    parsed = parse_feed(doc, spec)
    whole = best(args.rounds, lambda: parse_feed(doc, spec))
    fixing = best(args.rounds, lambda: fix_char_refs(doc))
    print(
        f"feed      {args.items} items, {len(doc) / 1e6:.2f} MB: parse_feed {whole * 1000:.0f} ms, "
        f"fix_char_refs {fixing * 1000:.1f} ms ({100 * fixing / whole:.1f}%); "
        f"{len(parsed.stories)} stories, error={parsed.error}"
    )

    opml = nested_opml(args.depth)
    took = best(args.rounds, lambda: parse_opml(opml))
    found = parse_opml(opml)
    print(
        f"opml      {args.depth} nested folders: {took * 1000:.0f} ms, "
        f"{len(found.feeds)} feed with {len(found.feeds[0].tags)} tags"
    )

    data = jsonl(args.lines)
    took = best(args.rounds, lambda: sum(1 for _ in _lines(io.BytesIO(data))))
    errors = sum(1 for line in _lines(io.BytesIO(data)) if line.error)
    print(
        f"annotate  {args.lines} lines, {len(data) / 1e6:.1f} MB read and checked: "
        f"{args.lines / took:,.0f} lines/s ({len(data) / took / 1e6:.0f} MB/s), "
        f"{errors} error lines"
    )


if __name__ == "__main__":
    main()
