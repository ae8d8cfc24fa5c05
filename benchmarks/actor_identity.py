"""Actor identity at volume: the Reuters corpus served by a local feed farm, refreshed through
the whole pipeline, then scored against the corpus's own `people` and `orgs` tags.

    python benchmarks/actor_identity.py [--corpus ../shared/corpus/reuters-2000.jsonl]
        [--farm ../shared/tools/feedfarm.py] [--data-dir DIR] [--keep]

The corpus headlines are in capitals; they are recased as feeds write them (every other one in
Title Case, the rest in sentence case; words the story's text writes in capitals stay so). The
stories are split once by a seeded random draw (SPLIT_SEED below, half and half) into a part the
rules were tuned on and a held-out part; every figure is printed for both.

Figures:
- entries per tagged person / body: distinct actor entries naming it among its stories (1.0 is
  one entry for one actor);
- recall of `stories --actor <surname>` over the stories naming a tagged person (the same
  query layer the command uses, in this process);
- entries that differ only by case, spacing, diacritics or punctuation; entries holding < or >;
- entries found only in headlines; the top 50 actors by stories.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPLIT_SEED = 20261130  # the tuning / held-out draw: never change it after tuning
FEEDS, ITEMS, HOSTS = 40, 50, 4
# Tags whose given name comes first and whose surname is the last word; other tags are written
# as the name is ("de-clercq", "deng-xiaoping", "leigh-pemberton").
GIVEN_FIRST = {"james"}
# Organisation tags of the corpus -> the names a user would type.
ORG_QUERIES = {
    "ec": "EC",
    "oecd": "OECD",
    "opec": "OPEC",
    "imf": "IMF",
    "gatt": "GATT",
    "ico-coffee": "ICO",
    "worldbank": "World Bank",
    "fao": "FAO",
    "icco": "ICCO",
    "adb-africa": "African Development Bank",
    "iea": "IEA",
    "bis": "BIS",
    "gcc": "GCC",
    "un": "UN",
    "unctad": "UNCTAD",
    "inro": "INRO",
}


def recase(title: str, text: str, title_case: bool) -> str:
    shouted = set(re.findall(r"\b[A-Z][A-Z.&\-]+\b", text))
    out = []
    for n, word in enumerate(title.split()):
        if word in shouted or word.strip(",.:;'\"") in shouted:
            out.append(word)
        elif title_case or n == 0:
            out.append(word[:1].upper() + word[1:].lower())
        else:
            out.append(word.lower())
    return " ".join(out)


def run_refresh(corpus: list[dict[str, object]], data_dir: Path, farm: Path) -> float:
    work = Path(tempfile.mkdtemp(prefix="actor-identity-"))
    texts = work / "texts.jsonl"
    with texts.open("w", encoding="utf-8") as out:
        for n, doc in enumerate(corpus):
            title = recase(str(doc["title"]), str(doc["text"]), n % 2 == 0)
            out.write(json.dumps({"title": title, "text": doc["text"]}) + "\n")
    return farm_refresh(farm, texts, data_dir, FEEDS)


def farm_refresh(farm: Path, texts: Path, data_dir: Path, feeds: int) -> float:
    """Serve `texts` from the feed farm (`feeds` feeds of ITEMS items over HOSTS loopback
    hosts) and time one `newsdesk refresh` of them into `data_dir`, in seconds."""
    work = Path(tempfile.mkdtemp(prefix="farm-refresh-"))
    portfile = work / "port"
    command = [sys.executable, str(farm), "--feeds", str(feeds), "--items", str(ITEMS)]
    command += ["--hosts", str(HOSTS), "--texts", str(texts), "--portfile", str(portfile)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            if portfile.exists() and portfile.read_text().strip():
                break
            time.sleep(0.1)
        port = int(portfile.read_text().strip())
        config = work / "config.toml"
        config.write_text(
            "".join(
                f'[[feeds]]\nurl = "http://127.0.0.{1 + f % HOSTS}:{port}/feed/{f}.xml"\n'
                for f in range(feeds)
            )
        )
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "newsdesk",
                "--config",
                str(config),
                "--data-dir",
                str(data_dir),
                "refresh",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()


def person_query(tag: str) -> str:
    parts = tag.split("-")
    return parts[-1] if parts[0] in GIVEN_FIRST and len(parts) == 2 else " ".join(parts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--corpus", type=Path, default=HERE.parent.parent / "shared/corpus/reuters-2000.jsonl"
    )
    ap.add_argument("--farm", type=Path, default=HERE.parent.parent / "shared/tools/feedfarm.py")
    ap.add_argument("--data-dir", type=Path, help="reuse (or keep) this data dir")
    args = ap.parse_args()
    corpus = [json.loads(line) for line in args.corpus.open(encoding="utf-8")]
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="actor-identity-data-"))
    if not (data_dir / "index.json").exists():
        seconds = run_refresh(corpus, data_dir, args.farm)
        print(f"refresh of {len(corpus)} stories: {seconds:.0f} s  (data dir {data_dir})")

    from newsdesk.config import load_config
    from newsdesk.desk import Desk
    from newsdesk.query import filter_state
    from newsdesk.query.actor_match import matching_keys
    from newsdesk.query.stored import stored_index
    from newsdesk.text import fold

    config = load_config(None, data_dir=data_dir)
    desk = Desk(config, read_only=True)
    registry = desk.actor_registry()
    index = stored_index(desk.store, config, actors=desk.actor_catalog())
    corpus_of: dict[str, dict[str, object]] = {}  # story id -> its corpus item
    for row in index.rows:
        found = re.search(r"\((\d+)-(\d+)\)\s*$", row.title)
        if found:
            f, i = int(found.group(1)), int(found.group(2))
            corpus_of[row.id] = corpus[(f * ITEMS + i) % len(corpus)]
    draw = random.Random(SPLIT_SEED)
    held_out = {str(doc["id"]) for doc in corpus if draw.random() < 0.5}
    print(f"stories matched to the corpus: {len(corpus_of)} of {len(index.rows)}")
    print(f"actor entries: {sum(1 for e in registry.entities.values() if e.stories)}")

    entries = [e for e in registry.entities.values() if e.stories]
    for part in ("tuning", "held-out"):
        ids = {
            sid
            for sid, doc in corpus_of.items()
            if (str(doc["id"]) in held_out) == (part == "held-out")
        }
        per_person: list[int] = []
        found_n = named_n = 0
        missed: list[str] = []
        tags: dict[str, set[str]] = defaultdict(set)
        for sid in ids:
            for tag in corpus_of[sid]["people"]:  # type: ignore[attr-defined]
                tags[tag].add(sid)
        for tag, sids in sorted(tags.items()):
            query = person_query(tag)
            named = {
                s
                for s in sids
                if fold(query) in fold(f"{corpus_of[s]['title']} {corpus_of[s]['text']}")
            }
            if not named:
                continue
            selected = {r.id for r in index.select(filter_state(actor=query))}
            found_n += len(named & selected)
            named_n += len(named)
            if named - selected:
                missed.append(f"{query} {len(named - selected)}/{len(named)}")
            hits = set()
            for s in named:
                for e in registry.story_entities(s):
                    names = {fold(n) for n in (e.name, *e.aliases)}
                    if e.kind == "person" and matching_keys(query, names, names):
                        hits.add(e.id)
            per_person.append(len(hits))
        org_tags: dict[str, set[str]] = defaultdict(set)
        for sid in ids:
            for tag in corpus_of[sid]["orgs"]:  # type: ignore[attr-defined]
                org_tags[tag].add(sid)
        per_body: list[int] = []
        for tag, sids in sorted(org_tags.items()):
            query = ORG_QUERIES.get(tag, tag.upper())
            hits = set()
            for s in sids:
                for e in registry.story_entities(s):
                    names = {fold(n) for n in (e.name, *e.aliases)}
                    if fold(query) in names:
                        hits.add(e.id)
            if hits:
                per_body.append(len(hits))
        avg_p = sum(per_person) / max(len(per_person), 1)
        avg_b = sum(per_body) / max(len(per_body), 1)
        print(f"\n[{part}] stories {len(ids)}")
        print(f"  entries per tagged person: {avg_p:.3f} over {len(per_person)} people")
        print(f"  entries per tagged body:   {avg_b:.3f} over {len(per_body)} bodies")
        print(
            f"  stories --actor <surname> recall: {found_n}/{named_n}"
            f" = {found_n / max(named_n, 1):.3f}"
        )
        if missed:
            print("  missed: " + ", ".join(missed))

    folded: dict[str, list[str]] = defaultdict(list)
    for e in entries:
        folded[fold(e.name)].append(e.name)
    dupes = {k: v for k, v in folded.items() if len(v) > 1}
    marks = [e.name for e in entries if "<" in e.name or ">" in e.name]
    print(
        f"\nentries differing only by case/spacing/diacritics/punctuation: {len(dupes)}"
        + (f" {list(dupes.values())[:10]}" if dupes else "")
    )
    print(f"entries holding < or >: {len(marks)}")
    headline_only = []

    def words_of(text: str) -> str:
        return " " + " ".join(re.findall(r"[a-z0-9]+", fold(text.replace("'", " ")))) + " "

    texts: dict[str, str] = {}
    for e in entries:
        names = [words_of(n) for n in (e.name, *e.aliases, *e.forms)]
        bodies = []
        for s in e.stories:
            if s not in texts:
                story = desk.store.story(s)  # the text the pipeline read, without its title
                texts[s] = words_of(story.text if story else "")
            bodies.append(texts[s])
        if bodies and not any(n.strip() and n in b for n in names for b in bodies):
            headline_only.append(e.name)
    share = len(headline_only) / max(len(entries), 1)
    print(f"entries only in headlines: {len(headline_only)} of {len(entries)} = {share:.2%}")
    print(f"  e.g. {headline_only[:15]}")
    top = sorted(entries, key=lambda e: (-len(e.stories), e.name))[:50]
    print("\ntop 50 actors by stories:")
    print("; ".join(f"{e.name} ({len(e.stories)}, {e.kind})" for e in top))
    desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
