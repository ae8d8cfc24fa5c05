"""Select the stories of the random meeting gold set and split them.

Usage: python benchmarks/gold/select_gold-random.py [CORPUS.jsonl]

CORPUS defaults to ../shared/corpus/reuters-2000.jsonl relative to the repository root.
The ids are taken in file order, 100 are drawn with random.Random(20261130).sample, then
the drawn list is shuffled with random.Random(1130).shuffle: the first half is "tuning",
the second half "frozen". Prints one line per story: split, then id.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = ROOT / ".." / "shared" / "corpus" / "reuters-2000.jsonl"
SAMPLE_SEED = 20261130
SPLIT_SEED = 1130
SAMPLE_SIZE = 100


def select(corpus: Path) -> dict[str, str]:
    """Return {story id: split} for the drawn stories."""
    with corpus.open(encoding="utf-8") as handle:
        ids = [json.loads(line)["id"] for line in handle if line.strip()]
    if len(ids) < SAMPLE_SIZE:
        raise ValueError(f"holds {len(ids)} stories, fewer than the {SAMPLE_SIZE} to draw")
    chosen = random.Random(SAMPLE_SEED).sample(ids, SAMPLE_SIZE)
    random.Random(SPLIT_SEED).shuffle(chosen)
    half = len(chosen) // 2
    return {story_id: ("tuning" if i < half else "frozen") for i, story_id in enumerate(chosen)}


def main(argv: list[str]) -> int:
    corpus = Path(argv[1]) if len(argv) > 1 else DEFAULT_CORPUS
    if not corpus.is_file():
        print(f"select_gold-random: {corpus}: no such file (or not a file)", file=sys.stderr)
        return 2
    try:
        splits = select(corpus)
    except (json.JSONDecodeError, KeyError, TypeError, UnicodeDecodeError) as error:
        print(
            f"select_gold-random: {corpus}: not a JSON Lines corpus with an 'id' field ({error})",
            file=sys.stderr,
        )
        return 2
    except ValueError as error:
        print(f"select_gold-random: {corpus}: {error}", file=sys.stderr)
        return 2
    for story_id, split in sorted(splits.items()):
        print(split, story_id)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
