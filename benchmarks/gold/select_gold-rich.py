"""Select the "rich" meeting gold set from the Reuters-21578 sample and split it.

Usage (from the repository root):

    python benchmarks/gold/select_gold-rich.py [CORPUS] [--candidates]

CORPUS defaults to ../shared/corpus/reuters-2000.jsonl. With --candidates the
script prints every candidate id in reading order and stops; otherwise it walks
that order, leaves out the candidates recorded in SKIPPED (read by hand and
found to hold no meeting under the conventions), keeps the first 50 others and
prints each kept id with its split ("tuning" or "frozen").

The rule:
1. Leave out the 100 stories of the random gold set:
   random.Random(20261130).sample(ids, 100) over all ids in file order.
2. Candidates are the rest whose text matches MEETING_WORDS (ignoring case).
3. Shuffle the candidates with random.Random(4242) and read them in that order.
4. Keep the first 50 that hold at least one meeting.
5. Shuffle the kept ids with random.Random(2230): first half "tuning", second
   half "frozen".
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

# Words that suggest a meeting: forms of meet, talks, visits, hosting, receiving
# and conferring. A match only makes a story a candidate; reading decides.
MEETING_WORDS = re.compile(
    r"\b(met|meet|meets|meeting|talks|visit|visited|visiting|hosted|received|conferred)\b",
    re.IGNORECASE,
)

KEEP = 50

# Candidates read and left out, with the reason in one word. Filled in while
# reading, in reading order.
SKIPPED: dict[str, str] = {
    "reuters21578-6635": "none",
    "reuters21578-18904": "none",
    "reuters21578-3410": "unnamed",
    "reuters21578-3537": "unnamed",
    "reuters21578-7166": "none",
    "reuters21578-6941": "none",
    "reuters21578-2989": "body",
    "reuters21578-11442": "body",
    "reuters21578-18883": "unnamed",
    "reuters21578-11123": "unnamed",
    "reuters21578-3815": "none",
    "reuters21578-7972": "body",
    "reuters21578-8422": "none",
    "reuters21578-1103": "none",
    "reuters21578-15472": "none",
    "reuters21578-18489": "unscheduled",
    "reuters21578-19696": "none",
    "reuters21578-10535": "none",
    "reuters21578-13995": "body",
    "reuters21578-3445": "none",
    "reuters21578-12355": "body",
    "reuters21578-12739": "none",
    "reuters21578-8523": "unnamed",
    "reuters21578-11983": "none",
    "reuters21578-45": "body",
    "reuters21578-11280": "unnamed",
    "reuters21578-7062": "unnamed",
    "reuters21578-14845": "unnamed",
    "reuters21578-16866": "none",
    "reuters21578-3518": "none",
    "reuters21578-11525": "none",
    "reuters21578-9413": "none",
    "reuters21578-6137": "body",
    "reuters21578-17963": "body",
    "reuters21578-10445": "speech",
    "reuters21578-4806": "none",
    "reuters21578-4764": "unnamed",
    "reuters21578-12653": "body",
    "reuters21578-2267": "letter",
    "reuters21578-18428": "press",
    "reuters21578-11359": "none",
    "reuters21578-3441": "speech",
    "reuters21578-19068": "body",
    "reuters21578-6395": "country",
    "reuters21578-253": "unnamed",
    "reuters21578-13410": "body",
    "reuters21578-3292": "body",
    "reuters21578-2256": "unnamed",
    "reuters21578-1739": "none",
    "reuters21578-9371": "none",
    "reuters21578-10771": "unnamed",
    "reuters21578-2306": "none",
    "reuters21578-6901": "none",
    "reuters21578-7054": "unnamed",
    "reuters21578-14451": "none",
    "reuters21578-5515": "unnamed",
    "reuters21578-3670": "unnamed",
    "reuters21578-10512": "none",
    "reuters21578-18941": "none",
    "reuters21578-18578": "none",
    "reuters21578-11437": "body",
    "reuters21578-17358": "unnamed",
    "reuters21578-3435": "none",
    "reuters21578-18760": "body",
    "reuters21578-14029": "unscheduled",
    "reuters21578-11861": "body",
    "reuters21578-10067": "none",
    "reuters21578-13904": "speech",
    "reuters21578-9526": "none",
    "reuters21578-12552": "speech",
    "reuters21578-1419": "none",
    "reuters21578-14959": "unnamed",
    "reuters21578-16139": "body",
    "reuters21578-10346": "none",
    "reuters21578-3512": "speech",
    "reuters21578-19973": "none",
    "reuters21578-12208": "body",
    "reuters21578-3216": "none",
    "reuters21578-7532": "unnamed",
    "reuters21578-20769": "unnamed",
    "reuters21578-5985": "none",
    "reuters21578-17288": "body",
    "reuters21578-2652": "none",
    "reuters21578-9707": "none",
    "reuters21578-10221": "body",
    "reuters21578-10752": "none",
    "reuters21578-2731": "body",
    "reuters21578-11025": "body",
    "reuters21578-18568": "speech",
    "reuters21578-16144": "none",
    "reuters21578-5361": "body",
    "reuters21578-7060": "none",
    "reuters21578-19626": "none",
    "reuters21578-12584": "body",
    "reuters21578-5129": "country",
    "reuters21578-8242": "unnamed",
    "reuters21578-10081": "speech",
    "reuters21578-18196": "none",
    "reuters21578-11009": "none",
    "reuters21578-3222": "unclear",
    "reuters21578-3399": "none",
    "reuters21578-925": "unnamed",
    "reuters21578-10179": "body",
    "reuters21578-6624": "body",
    "reuters21578-5366": "unnamed",
    "reuters21578-10063": "none",
    "reuters21578-10133": "none",
    "reuters21578-8325": "unnamed",
    "reuters21578-17991": "press",
    "reuters21578-11171": "none",
    "reuters21578-2790": "unnamed",
    "reuters21578-18663": "unnamed",
    "reuters21578-2971": "body",
    "reuters21578-13295": "none",
    "reuters21578-60": "country",
    "reuters21578-3079": "speech",
    "reuters21578-7515": "speech",
    "reuters21578-1022": "unnamed",
    "reuters21578-4842": "none",
    "reuters21578-1306": "body",
    "reuters21578-16946": "none",
    "reuters21578-15531": "none",
    "reuters21578-1391": "none",
    "reuters21578-12206": "body",
    "reuters21578-12938": "none",
    "reuters21578-18820": "none",
    "reuters21578-7613": "none",
    "reuters21578-15437": "unnamed",
    "reuters21578-1155": "body",
    "reuters21578-5746": "none",
    "reuters21578-15213": "speech",
    "reuters21578-2992": "unnamed",
    "reuters21578-18429": "none",
    "reuters21578-6912": "country",
    "reuters21578-12142": "none",
    "reuters21578-16767": "none",
    "reuters21578-19063": "speech",
    "reuters21578-518": "unnamed",
    "reuters21578-21118": "none",
    "reuters21578-8608": "unnamed",
    "reuters21578-5311": "none",
    "reuters21578-46": "none",
    "reuters21578-18110": "press",
    "reuters21578-10540": "none",
    "reuters21578-13541": "none",
    "reuters21578-4877": "none",
    "reuters21578-20184": "unscheduled",
    "reuters21578-10568": "country",
    "reuters21578-18448": "body",
    "reuters21578-19040": "none",
    "reuters21578-84": "none",
    "reuters21578-11712": "none",
    "reuters21578-18962": "none",
    "reuters21578-8186": "body",
    "reuters21578-9733": "none",
    "reuters21578-443": "body",
    "reuters21578-4995": "unnamed",
    "reuters21578-2857": "body",
    "reuters21578-5889": "none",
    "reuters21578-13350": "body",
    "reuters21578-15788": "unnamed",
    "reuters21578-18621": "body",
    "reuters21578-16278": "speech",
    "reuters21578-12420": "none",
    "reuters21578-5802": "speech",
    "reuters21578-362": "unnamed",
    "reuters21578-16245": "body",
    "reuters21578-17349": "none",
    "reuters21578-12519": "refusal",
    "reuters21578-4256": "country",
    "reuters21578-15486": "body",
    "reuters21578-19813": "none",
    "reuters21578-1562": "body",
    "reuters21578-7071": "body",
    "reuters21578-19627": "speech",
    "reuters21578-13045": "unnamed",
    "reuters21578-13276": "speech",
    "reuters21578-6934": "none",
    "reuters21578-9064": "none",
    "reuters21578-14599": "body",
    "reuters21578-3070": "body",
    "reuters21578-11929": "none",
    "reuters21578-13215": "none",
    "reuters21578-9907": "none",
    "reuters21578-232": "body",
    "reuters21578-16948": "country",
    "reuters21578-9645": "none",
    "reuters21578-11240": "unnamed",
    "reuters21578-14357": "body",
    "reuters21578-13764": "none",
    "reuters21578-8074": "speech",
    "reuters21578-4127": "speech",
    "reuters21578-16985": "body",
    "reuters21578-14853": "unnamed",
    "reuters21578-4607": "body",
    "reuters21578-13730": "body",
    "reuters21578-10743": "none",
    "reuters21578-19604": "speech",
    "reuters21578-14071": "none",
    "reuters21578-8009": "unclear",
    "reuters21578-4365": "none",
    "reuters21578-8943": "body",
    "reuters21578-6110": "none",
    "reuters21578-19602": "letter",
    "reuters21578-12612": "speech",
    "reuters21578-5286": "body",
    "reuters21578-11497": "speech",
    "reuters21578-559": "none",
    "reuters21578-2831": "none",
    "reuters21578-1140": "country",
    "reuters21578-804": "press",
    "reuters21578-5147": "body",
    "reuters21578-8102": "body",
    "reuters21578-3992": "unscheduled",
    "reuters21578-10286": "speech",
    "reuters21578-6282": "none",
    "reuters21578-17228": "unnamed",
    "reuters21578-1906": "none",
    "reuters21578-9592": "unnamed",
    "reuters21578-4591": "letter",
    "reuters21578-9286": "none",
    "reuters21578-6815": "body",
    "reuters21578-5353": "none",
    "reuters21578-13424": "body",
    "reuters21578-4180": "none",
    "reuters21578-6143": "none",
    "reuters21578-5177": "body",
    "reuters21578-15678": "press",
    "reuters21578-983": "unnamed",
    "reuters21578-9720": "body",
    "reuters21578-1476": "unnamed",
    "reuters21578-401": "none",
    "reuters21578-2952": "body",
    "reuters21578-6707": "none",
    "reuters21578-19903": "none",
    "reuters21578-11360": "speech",
    "reuters21578-12655": "body",
    "reuters21578-15656": "speech",
    "reuters21578-15658": "none",
    "reuters21578-7186": "press",
    "reuters21578-17735": "none",
    "reuters21578-9670": "country",
    "reuters21578-11352": "unnamed",
    "reuters21578-15861": "none",
    "reuters21578-15539": "body",
    "reuters21578-16256": "body",
    "reuters21578-1957": "body",
    "reuters21578-10696": "body",
    "reuters21578-402": "body",
    "reuters21578-14847": "body",
    "reuters21578-7995": "body",
    "reuters21578-6108": "speech",
    "reuters21578-6657": "body",
    "reuters21578-3931": "unnamed",
    "reuters21578-15621": "body",
    "reuters21578-14666": "none",
    "reuters21578-6058": "press",
    "reuters21578-6098": "unnamed",
    "reuters21578-11943": "none",
    "reuters21578-19318": "body",
    "reuters21578-12337": "body",
    "reuters21578-18333": "none",
    "reuters21578-17692": "none",
    "reuters21578-10303": "none",
    "reuters21578-16213": "none",
    "reuters21578-3767": "hearing",
    "reuters21578-20886": "unnamed",
    "reuters21578-10319": "none",
    "reuters21578-19200": "body",
    "reuters21578-14949": "unnamed",
    "reuters21578-5331": "none",
    "reuters21578-11981": "body",
    "reuters21578-17969": "none",
}


def default_corpus() -> Path:
    return Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "reuters-2000.jsonl"


def candidates(corpus: Path) -> list[str]:
    stories = [
        json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    ids = [story["id"] for story in stories]
    random_set = set(random.Random(20261130).sample(ids, 100))
    found = [
        s["id"] for s in stories if s["id"] not in random_set and MEETING_WORDS.search(s["text"])
    ]
    random.Random(4242).shuffle(found)
    return found


def split(kept: list[str]) -> dict[str, str]:
    order = list(kept)
    random.Random(2230).shuffle(order)
    half = len(order) // 2
    return {story_id: ("tuning" if i < half else "frozen") for i, story_id in enumerate(order)}


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else default_corpus()
    if not corpus.is_file():
        print(f"select_gold-rich: {corpus}: no such corpus file", file=sys.stderr)
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
    for story_id, part in sorted(split(kept).items()):
        print(story_id, part)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
