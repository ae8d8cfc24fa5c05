"""What one huge story costs to annotate, with newsdesk's caps on titles and texts.

Each case runs in a fresh process that loads the pipeline, annotates a small story to warm up,
then times one story through `Annotator.annotate` (which caps the title at MAX_TITLE_CHARS and
the text at MAX_TEXT_CHARS) and reads the process's peak resident memory before and after:

    text 10k / 25k / 50k / 100k / 1M   a body of that many characters, short title
    title 1.2M                         a 1.2 MB title (over spaCy's limit) on a short body
    raw 50k / 100k                     spaCy's `nlp()` on that many characters, uncapped

The texts are made from sentence templates, or taken from --texts (JSON Lines with "text", such
as ../shared/corpus/reuters-2000.jsonl), joined until long enough.

    python benchmarks/bench_limits.py [--texts FILE]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

SENTENCES = [
    "Foreign minister Maria Lopez met her counterpart John Carter in Oslo on Monday.",
    "Officials in Nairobi said the talks on fishing rights would go on next month.",
    "Trade between Peru and Poland fell by a tenth last year, the central bank said.",
    "Amina Diallo, the president of the assembly, told reporters in Accra that time was short.",
]
CASES = {
    "text 10k": ("text", 10_000),
    "text 25k": ("text", 25_000),
    "text 50k": ("text", 50_000),
    "text 100k": ("text", 100_000),
    "text 1M": ("text", 1_000_000),
    "title 1.2M": ("title", 1_200_000),
    "raw 50k": ("raw", 50_000),
    "raw 100k": ("raw", 100_000),
}


def long_text(chars: int, source: Path | None) -> str:
    pieces: list[str] = []
    if source is not None:
        with source.open(encoding="utf-8") as lines:
            pieces = [json.loads(line)["text"] for line in lines if line.strip()]
    if not pieces:
        pieces = [" ".join(SENTENCES[i % 4 :] + SENTENCES[: i % 4]) for i in range(4)]
    out: list[str] = []
    size = 0
    i = 0
    while size < chars:
        out.append(pieces[i % len(pieces)])
        size += len(out[-1]) + 2
        i += 1
    return "\n\n".join(out)[:chars]


def run_case(name: str, source: Path | None) -> dict[str, float]:
    """In this (fresh) process: annotate one story of case `name`; seconds and memory in MB."""
    from newsdesk.nlp.pipeline import Annotator

    kind, chars = CASES[name]
    annotator = Annotator()
    annotator.annotate(SENTENCES[0])  # load and warm up
    text, title = long_text(chars, source), "A long story"
    if kind == "title":
        text, title = SENTENCES[0], (SENTENCES[1] + " ") * (chars // len(SENTENCES[1]))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    if kind == "raw":
        annotator.nlp(text)
    else:
        annotator.annotate(text, title)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": after, "added_mb": after - before}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=Path, help="JSON Lines with a 'text' field")
    parser.add_argument("--case", help=argparse.SUPPRESS)  # run one case, print JSON
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, args.texts)))
        return 0
    from newsdesk.nlp.pipeline import MAX_TEXT_CHARS, MAX_TITLE_CHARS

    print(f"caps: title {MAX_TITLE_CHARS:,} characters, text {MAX_TEXT_CHARS:,} characters")
    print(f"{'case':<12} {'seconds':>8} {'peak MB':>8} {'added MB':>9}")
    for name in CASES:
        command = [sys.executable, __file__, "--case", name]
        if args.texts:
            command += ["--texts", str(args.texts)]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["?"])[-1]
            print(f"{name:<12} failed: {last}")
            continue
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"{name:<12} {figures['seconds']:>8.1f} {figures['peak_mb']:>8.0f} "
            f"{figures['added_mb']:>9.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
