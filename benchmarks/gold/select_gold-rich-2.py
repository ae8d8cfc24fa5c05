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

The candidates ran out first: all 387 were read and 18 hold a meeting, so the
set has 18 stories (see README-gold-rich-2.md). The script then keeps every
candidate not in SKIPPED and says on stderr how many it found.
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
SKIPPED: dict[str, str] = {
    "reuters21578-6098": "unnamed",
    "reuters21578-18489": "unscheduled",
    "reuters21578-4127": "speech",
    "reuters21578-8523": "unnamed",
    "reuters21578-10081": "speech",
    "reuters21578-5889": "none",
    "reuters21578-16307": "unscheduled",
    "reuters21578-2267": "letter",
    "reuters21578-5774": "unnamed",
    "reuters21578-19604": "speech",
    "reuters21578-2831": "none",
    "reuters21578-4165": "none",
    "reuters21578-18551": "none",
    "reuters21578-3441": "speech",
    "reuters21578-14845": "unnamed",
    "reuters21578-5904": "none",
    "reuters21578-18892": "unnamed",
    "reuters21578-16200": "body",
    "reuters21578-3931": "unnamed",
    "reuters21578-20632": "none",
    "reuters21578-12142": "none",
    "reuters21578-13995": "body",
    "reuters21578-6624": "body",
    "reuters21578-13541": "none",
    "reuters21578-5947": "unnamed",
    "reuters21578-4764": "unnamed",
    "reuters21578-13730": "body",
    "reuters21578-2992": "unnamed",
    "reuters21578-10303": "body",
    "reuters21578-18878": "refusal",
    "reuters21578-3512": "speech",
    "reuters21578-9286": "body",
    "reuters21578-17735": "none",
    "reuters21578-11359": "none",
    "reuters21578-318": "unnamed",
    "reuters21578-9592": "unnamed",
    "reuters21578-14666": "none",
    "reuters21578-266": "unnamed",
    "reuters21578-15539": "body",
    "reuters21578-1957": "body",
    "reuters21578-3815": "body",
    "reuters21578-19660": "press",
    "reuters21578-12519": "refusal",
    "reuters21578-7532": "unnamed",
    "reuters21578-18904": "none",
    "reuters21578-6143": "none",
    "reuters21578-12612": "speech",
    "reuters21578-1022": "unnamed",
    "reuters21578-9670": "country",
    "reuters21578-13424": "body",
    "reuters21578-10319": "none",
    "reuters21578-11451": "body",
    "reuters21578-18352": "country",
    "reuters21578-14745": "unscheduled",
    "reuters21578-14451": "none",
    "reuters21578-10133": "none",
    "reuters21578-9371": "body",
    "reuters21578-3639": "none",
    "reuters21578-13215": "none",
    "reuters21578-4256": "country",
    "reuters21578-6912": "country",
    "reuters21578-10067": "none",
    "reuters21578-6137": "body",
    "reuters21578-17358": "unnamed",
    "reuters21578-11240": "country",
    "reuters21578-13949": "none",
    "reuters21578-18663": "unnamed",
    "reuters21578-14029": "unscheduled",
    "reuters21578-11717": "none",
    "reuters21578-518": "unnamed",
    "reuters21578-13446": "body",
    "reuters21578-5147": "body",
    "reuters21578-6707": "none",
    "reuters21578-12143": "unnamed",
    "reuters21578-804": "press",
    "reuters21578-9707": "body",
    "reuters21578-14357": "body",
    "reuters21578-11442": "body",
    "reuters21578-60": "country",
    "reuters21578-11861": "body",
    "reuters21578-18448": "body",
    "reuters21578-21118": "none",
    "reuters21578-12584": "body",
    "reuters21578-8325": "country",
    "reuters21578-19007": "unscheduled",
    "reuters21578-19318": "body",
    "reuters21578-10568": "country",
    "reuters21578-5361": "body",
    "reuters21578-4469": "unnamed",
    "reuters21578-12206": "body",
    "reuters21578-10063": "none",
    "reuters21578-1155": "body",
    "reuters21578-16985": "body",
    "reuters21578-3070": "body",
    "reuters21578-10743": "none",
    "reuters21578-2306": "none",
    "reuters21578-5281": "country",
    "reuters21578-11654": "unscheduled",
    "reuters21578-3410": "country",
    "reuters21578-12337": "body",
    "reuters21578-14847": "body",
    "reuters21578-5515": "body",
    "reuters21578-10279": "none",
    "reuters21578-3079": "speech",
    "reuters21578-17168": "unnamed",
    "reuters21578-6657": "body",
    "reuters21578-6282": "none",
    "reuters21578-7613": "none",
    "reuters21578-7186": "press",
    "reuters21578-3140": "none",
    "reuters21578-11497": "speech",
    "reuters21578-18416": "unscheduled",
    "reuters21578-9064": "body",
    "reuters21578-1103": "body",
    "reuters21578-10535": "none",
    "reuters21578-821": "none",
    "reuters21578-19696": "none",
    "reuters21578-2971": "body",
    "reuters21578-18883": "country",
    "reuters21578-9629": "none",
    "reuters21578-15678": "press",
    "reuters21578-8608": "unnamed",
    "reuters21578-1562": "body",
    "reuters21578-2652": "body",
    "reuters21578-4718": "none",
    "reuters21578-7175": "none",
    "reuters21578-16767": "none",
    "reuters21578-15472": "none",
    "reuters21578-18428": "press",
    "reuters21578-13286": "none",
    "reuters21578-5777": "unnamed",
    "reuters21578-8569": "country",
    "reuters21578-7062": "unnamed",
    "reuters21578-12208": "body",
    "reuters21578-11198": "body",
    "reuters21578-15861": "none",
    "reuters21578-362": "unnamed",
    "reuters21578-19813": "none",
    "reuters21578-12034": "unnamed",
    "reuters21578-14511": "none",
    "reuters21578-7515": "speech",
    "reuters21578-4180": "none",
    "reuters21578-16144": "none",
    "reuters21578-2952": "body",
    "reuters21578-5286": "body",
    "reuters21578-19627": "speech",
    "reuters21578-4607": "body",
    "reuters21578-401": "body",
    "reuters21578-18621": "body",
    "reuters21578-20769": "unnamed",
    "reuters21578-18568": "speech",
    "reuters21578-5338": "country",
    "reuters21578-6665": "none",
    "reuters21578-17991": "press",
    "reuters21578-8210": "press",
    "reuters21578-4995": "unnamed",
    "reuters21578-5311": "none",
    "reuters21578-559": "none",
    "reuters21578-19040": "press",
    "reuters21578-12655": "body",
    "reuters21578-3435": "none",
    "reuters21578-5331": "none",
    "reuters21578-11089": "none",
    "reuters21578-1148": "body",
    "reuters21578-9908": "body",
    "reuters21578-13390": "body",
    "reuters21578-19973": "body",
    "reuters21578-9681": "country",
    "reuters21578-2790": "unnamed",
    "reuters21578-19758": "body",
    "reuters21578-12355": "body",
    "reuters21578-3537": "unnamed",
    "reuters21578-1306": "body",
    "reuters21578-4806": "body",
    "reuters21578-13542": "country",
    "reuters21578-10691": "none",
    "reuters21578-11943": "body",
    "reuters21578-1140": "country",
    "reuters21578-16278": "speech",
    "reuters21578-253": "unnamed",
    "reuters21578-2989": "body",
    "reuters21578-11983": "none",
    "reuters21578-14949": "unnamed",
    "reuters21578-8242": "country",
    "reuters21578-14853": "none",
    "reuters21578-46": "none",
    "reuters21578-18820": "none",
    "reuters21578-9733": "none",
    "reuters21578-19068": "speech",
    "reuters21578-4877": "none",
    "reuters21578-4349": "body",
    "reuters21578-18578": "none",
    "reuters21578-17754": "speech",
    "reuters21578-12938": "none",
    "reuters21578-6901": "none",
    "reuters21578-11712": "none",
    "reuters21578-10221": "body",
    "reuters21578-8422": "none",
    "reuters21578-6108": "speech",
    "reuters21578-5118": "none",
    "reuters21578-12552": "speech",
    "reuters21578-3216": "none",
    "reuters21578-1476": "unnamed",
    "reuters21578-13295": "none",
    "reuters21578-2878": "unnamed",
    "reuters21578-12739": "body",
    "reuters21578-6110": "none",
    "reuters21578-10512": "country",
    "reuters21578-3518": "none",
    "reuters21578-7060": "body",
    "reuters21578-15531": "none",
    "reuters21578-6635": "body",
    "reuters21578-13410": "body",
    "reuters21578-10346": "none",
    "reuters21578-5008": "speech",
    "reuters21578-13045": "unnamed",
    "reuters21578-10286": "speech",
    "reuters21578-3292": "body",
    "reuters21578-7995": "body",
    "reuters21578-10179": "body",
    "reuters21578-18333": "none",
    "reuters21578-443": "body",
    "reuters21578-1419": "body",
    "reuters21578-3446": "none",
    "reuters21578-10752": "none",
    "reuters21578-5230": "none",
    "reuters21578-4627": "unnamed",
    "reuters21578-20184": "unscheduled",
    "reuters21578-11437": "body",
    "reuters21578-17228": "unnamed",
    "reuters21578-10445": "speech",
    "reuters21578-17288": "body",
    "reuters21578-19602": "letter",
    "reuters21578-7644": "unnamed",
    "reuters21578-11576": "body",
    "reuters21578-14071": "none",
    "reuters21578-15658": "none",
    "reuters21578-16875": "refusal",
    "reuters21578-13904": "speech",
    "reuters21578-15621": "body",
    "reuters21578-20462": "speech",
    "reuters21578-9310": "country",
    "reuters21578-3399": "body",
    "reuters21578-13764": "none",
    "reuters21578-17872": "body",
    "reuters21578-7166": "none",
    "reuters21578-16946": "none",
    "reuters21578-19164": "country",
    "reuters21578-16948": "country",
    "reuters21578-1626": "unnamed",
    "reuters21578-1906": "none",
    "reuters21578-3445": "none",
    "reuters21578-20886": "unnamed",
    "reuters21578-2857": "body",
    "reuters21578-18941": "none",
    "reuters21578-18760": "body",
    "reuters21578-9413": "body",
    "reuters21578-8386": "unnamed",
    "reuters21578-9138": "press",
    "reuters21578-6815": "body",
    "reuters21578-21368": "body",
    "reuters21578-45": "body",
    "reuters21578-4591": "letter",
    "reuters21578-13276": "speech",
    "reuters21578-15437": "unnamed",
    "reuters21578-16245": "body",
    "reuters21578-7268": "none",
    "reuters21578-286": "unscheduled",
    "reuters21578-5177": "body",
    "reuters21578-1391": "none",
    "reuters21578-18542": "none",
    "reuters21578-8943": "body",
    "reuters21578-9907": "none",
    "reuters21578-20614": "press",
    "reuters21578-10788": "none",
    "reuters21578-16213": "country",
    "reuters21578-5129": "country",
    "reuters21578-9645": "none",
    "reuters21578-17692": "none",
    "reuters21578-2256": "unnamed",
    "reuters21578-5366": "unnamed",
    "reuters21578-13418": "body",
    "reuters21578-8647": "country",
    "reuters21578-3992": "unscheduled",
    "reuters21578-11929": "body",
    "reuters21578-7972": "body",
    "reuters21578-3767": "hearing",
    "reuters21578-925": "unnamed",
    "reuters21578-7071": "body",
    "reuters21578-9560": "speech",
    "reuters21578-3222": "country",
    "reuters21578-11360": "speech",
    "reuters21578-4365": "none",
    "reuters21578-874": "unscheduled",
    "reuters21578-11025": "body",
    "reuters21578-5746": "body",
    "reuters21578-10523": "none",
    "reuters21578-15486": "body",
    "reuters21578-8102": "body",
    "reuters21578-11171": "none",
    "reuters21578-6395": "country",
    "reuters21578-3670": "unnamed",
    "reuters21578-11525": "none",
    "reuters21578-19903": "none",
    "reuters21578-16139": "body",
    "reuters21578-11352": "unnamed",
    "reuters21578-5802": "speech",
    "reuters21578-16855": "none",
    "reuters21578-16866": "body",
    "reuters21578-18429": "none",
    "reuters21578-8074": "speech",
    "reuters21578-8186": "body",
    "reuters21578-19626": "body",
    "reuters21578-10540": "none",
    "reuters21578-5353": "none",
    "reuters21578-11009": "none",
    "reuters21578-1739": "none",
    "reuters21578-9720": "body",
    "reuters21578-13270": "body",
    "reuters21578-14959": "unnamed",
    "reuters21578-5985": "speech",
    "reuters21578-17969": "none",
    "reuters21578-18196": "none",
    "reuters21578-17963": "press",
    "reuters21578-1329": "none",
    "reuters21578-12653": "body",
    "reuters21578-14599": "body",
    "reuters21578-4842": "none",
    "reuters21578-10771": "unnamed",
    "reuters21578-9526": "none",
    "reuters21578-17103": "none",
    "reuters21578-13171": "none",
    "reuters21578-11981": "body",
    "reuters21578-6934": "press",
    "reuters21578-11280": "unnamed",
    "reuters21578-232": "body",
    "reuters21578-2731": "body",
    "reuters21578-11123": "country",
    "reuters21578-18110": "press",
    "reuters21578-402": "body",
    "reuters21578-6058": "press",
    "reuters21578-10132": "unnamed",
    "reuters21578-15788": "unnamed",
    "reuters21578-15213": "speech",
    "reuters21578-15656": "speech",
    "reuters21578-18962": "body",
    "reuters21578-1153": "none",
    "reuters21578-17203": "body",
    "reuters21578-19200": "body",
    "reuters21578-13350": "body",
    "reuters21578-10696": "body",
    "reuters21578-3991": "none",
    "reuters21578-7054": "unnamed",
    "reuters21578-8151": "speech",
    "reuters21578-11251": "unnamed",
    "reuters21578-9367": "none",
    "reuters21578-12846": "none",
    "reuters21578-8901": "country",
    "reuters21578-17329": "speech",
    "reuters21578-12092": "hearing",
    "reuters21578-84": "none",
    "reuters21578-17349": "unnamed",
    "reuters21578-16420": "none",
    "reuters21578-505": "unnamed",
    "reuters21578-19063": "speech",
    "reuters21578-5745": "unnamed",
    "reuters21578-2848": "none",
    "reuters21578-12420": "none",
    "reuters21578-16256": "body",
}


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
    try:
        order = candidates(corpus)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as error:
        print(
            f"select_gold-rich-2: {corpus}: not a JSON Lines corpus with ids ({error})",
            file=sys.stderr,
        )
        return 2
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
    if len(kept) < KEEP:
        print(
            f"select_gold-rich-2: {len(kept)} kept of {len(order)} candidates"
            f" (fewer than {KEEP}: the candidates ran out)",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
