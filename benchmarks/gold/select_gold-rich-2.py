"""Select the second "rich" meeting gold set (tuning-rich-2.jsonl) from the Reuters-21578 sample.

Usage (from the repository root):

    python benchmarks/gold/select_gold-rich-2.py [CORPUS] [--candidates]

CORPUS defaults to ../shared/corpus/reuters-2000.jsonl. With --candidates the
script prints every candidate id in reading order and stops; otherwise it walks
that order, leaves out the candidates recorded in SKIPPED (read by hand and
found to hold no meeting under the conventions), keeps the first 50 others and
prints each kept id with its split (always "tuning").

The rule:
1. Leave out every id of the gold sets that came before this one (OTHER_GOLD,
   in this folder), every id of the DEV set (meetings-dev.jsonl in the eval
   folder beside the corpus folder) and the 100 stories of the random gold
   set: random.Random(20261130).sample(ids, 100) over all ids in file order.
2. Candidates are the rest whose text matches MEETING_WORDS (ignoring case).
3. Shuffle the candidates with random.Random(5151) and read them in that order.
4. Keep the first 50 that hold at least one meeting; all are "tuning".
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

# Words that suggest a meeting: forms of meet, talks, visits, hosting, receiving,
# conferring and negotiating. A match only makes a story a candidate; reading decides.
MEETING_WORDS = re.compile(
    r"\b(met|meet|meets|meeting|talks|visit|visited|visiting|hosted|received|conferred"
    r"|negotiat\w*)\b",
    re.IGNORECASE,
)

KEEP = 50
SHUFFLE_SEED = 5151
RANDOM_SET_SEED = 20261130
RANDOM_SET_SIZE = 100
# The gold sets that existed when this one was selected; their stories are left out.
OTHER_GOLD = (
    "tuning-random.jsonl",
    "frozen-random.jsonl",
    "tuning-rich.jsonl",
    "frozen-rich.jsonl",
)

# Candidates read and left out, with the reason in one word. Filled in while
# reading, in reading order.
SKIPPED: dict[str, str] = {}


def default_corpus() -> Path:
    return Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "reuters-2000.jsonl"


def read_ids(path: Path) -> set[str]:
    return {
        json.loads(line)["id"]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }


def excluded_ids(corpus: Path) -> set[str]:
    """The ids of the other gold sets of this folder and of the DEV set."""
    found: set[str] = set()
    for name in OTHER_GOLD:
        found |= read_ids(Path(__file__).resolve().parent / name)
    found |= read_ids(corpus.resolve().parents[1] / "eval" / "meetings-dev.jsonl")
    return found


def candidates(corpus: Path) -> list[str]:
    stories = [
        json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    ids = [story["id"] for story in stories]
    left_out = set(random.Random(RANDOM_SET_SEED).sample(ids, RANDOM_SET_SIZE))
    left_out |= excluded_ids(corpus)
    found = [
        s["id"] for s in stories if s["id"] not in left_out and MEETING_WORDS.search(s["text"])
    ]
    random.Random(SHUFFLE_SEED).shuffle(found)
    return found


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else default_corpus()
    if not corpus.is_file():
        print(f"select_gold-rich-2: {corpus}: no such corpus file", file=sys.stderr)
        return 2
    dev = corpus.resolve().parents[1] / "eval" / "meetings-dev.jsonl"
    if not dev.is_file():
        print(
            f"select_gold-rich-2: {dev}: no such DEV file (needed to leave its stories out)",
            file=sys.stderr,
        )
        return 2
    order = candidates(corpus)
    if "--candidates" in argv:
        print("\n".join(order))
        return 0
    kept: list[str] = []
    for story_id in order:
        if len(kept) == KEEP:
            break
        if story_id not in SKIPPED:
            kept.append(story_id)
    for story_id in sorted(kept):
        print(story_id, "tuning")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
