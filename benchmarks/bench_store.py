"""Store figures at 10,000 stored stories, with TinyDB's default JSONStorage as the reference.

    python benchmarks/bench_store.py [--stories 10000] [--keep DIR]

Prints a table: `newsdesk stories --limit 50` wall time (the real CLI in a subprocess when it
exists, and always the same work as a `python -c` subprocess and in-process), bookmark add p95
(200 adds, in-process), the store's share of a refresh adding 1,000 stories (add_stories +
set_annotations + save_feed_states), and TinyDB's JSONStorage inserting 1,000 stories one by one
(stopped after 60 s) plus one insert into a 10,000-story JSONStorage file.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tinydb import TinyDB  # noqa: E402
from tinydb.storages import JSONStorage  # noqa: E402

from newsdesk.models import (  # noqa: E402
    Actor,
    Annotation,
    Entity,
    FeedState,
    Meeting,
    Place,
    Story,
    to_dict,
)
from newsdesk.store import Store  # noqa: E402

NOW = datetime.now(UTC).replace(microsecond=0)
_PROSE = (
    "the minister said talks with government officials would continue after a meeting in the "
    "capital on Tuesday while opposition leaders called for elections and aid agencies warned of "
    "shortages across the northern region as troops moved toward the border and diplomats urged "
    "restraint ahead of a summit where the president is expected to meet his counterpart"
)
WORDS = _PROSE.split(" ")
PEOPLE = [
    ("Antonio Guterres", ("Guterres", "UN chief")),
    ("Khalifa Haftar", ("Haftar",)),
    ("Emmanuel Macron", ("Macron",)),
    ("Olaf Scholz", ("Scholz",)),
    ("Cyril Ramaphosa", ("Ramaphosa",)),
    ("Narendra Modi", ("Modi",)),
    ("Luiz Inacio Lula da Silva", ("Lula",)),
    ("Fumio Kishida", ("Kishida",)),
    ("African Union", ("AU",)),
    ("United Nations", ("UN",)),
]
PLACES = [
    ("Tripoli", "Libya", "Africa", "Northern Africa"),
    ("Paris", "France", "Europe", "Western Europe"),
    ("Pretoria", "South Africa", "Africa", "Southern Africa"),
    ("New Delhi", "India", "Asia", "Southern Asia"),
    ("Brasilia", "Brazil", "Americas", "Latin America and the Caribbean"),
    ("Tokyo", "Japan", "Asia", "Eastern Asia"),
]


def make_text(rng: random.Random, size: int = 3000) -> str:
    paragraphs, length = [], 0
    while length < size:
        sentences = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 25))).capitalize() + "."
            for _ in range(rng.randint(2, 4))
        ]
        paragraphs.append(" ".join(sentences))
        length += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)


def make_story(rng: random.Random, n: int, fetched: datetime, feed: int) -> Story:
    published = fetched - timedelta(minutes=rng.randint(5, 600))
    return Story(
        id=f"{n:016x}",
        feed_url=f"https://feed{feed}.example.org/rss.xml",
        title=f"Leaders meet in {rng.choice(PLACES)[0]} as talks resume ({n})",
        link=f"https://feed{feed}.example.org/story/{n}",
        guid=f"urn:story:{n}",
        feed_title=f"Example feed {feed}",
        published=published.isoformat(),
        author="Staff reporter",
        summary=make_text(rng, 200),
        text=make_text(rng),
        text_source="page",
        language="en",
        fetched=fetched.isoformat(),
        tags=("world",),
    )


def make_annotation(rng: random.Random, text: str) -> Annotation:
    people = rng.sample(PEOPLE, 8)
    places = rng.sample(PLACES, 3)
    entities = []
    for i in range(30):
        start = rng.randint(0, max(0, len(text) - 20))
        name, label = (people[i % 8][0], "PERSON") if i % 2 else (places[i % 3][0], "GPE")
        entities.append(Entity(name, label, start, start + len(name)))
    actors = tuple(
        Actor(name, "PERSON", aliases, rng.randint(1, 9), "official" if i < 3 else None)
        for i, (name, aliases) in enumerate(people)
    )
    meetings = tuple(
        Meeting(
            participants=(people[i][0], people[i + 1][0]),
            place=places[i][0],
            country=places[i][1],
            when="on Tuesday",
            date=NOW.date().isoformat(),
            topic="the ceasefire",
            evidence=f"{people[i][0]} met {people[i + 1][0]} in {places[i][0]} on Tuesday.",
        )
        for i in range(2)
    )
    return Annotation(
        entities=tuple(entities),
        actors=actors,
        places=tuple(Place(p[0], p[1], p[2], p[3], 10, 10 + len(p[0])) for p in places),
        countries=tuple(p[1] for p in places),
        regions=tuple(dict.fromkeys(p[2] for p in places)),
        subregions=tuple(p[3] for p in places),
        meetings=meetings,
        summary=" ".join(m.evidence for m in meetings),
        pipeline_version="bench-1",
    )


def populate(data_dir: Path, count: int, rng: random.Random) -> float:
    """`count` stories fetched over the last 30 days, in one refresh-sized batch per day."""
    started = time.perf_counter()
    per_day = max(1, count // 30)
    with Store(data_dir) as store:
        n = 0
        while n < count:
            day = NOW - timedelta(days=30 - n // per_day, hours=1)
            batch = [
                make_story(rng, n + i, day, (n + i) % 50) for i in range(min(per_day, count - n))
            ]
            store.add_stories(batch)
            store.set_annotations({s.id: make_annotation(rng, s.text) for s in batch})
            n += len(batch)
    return time.perf_counter() - started


LIST_CODE = (
    "import json, sys\n"
    "from pathlib import Path\n"
    "from newsdesk.models import to_dict\n"
    "from newsdesk.store import Store\n"
    "store = Store(Path(sys.argv[1]), read_only=True)\n"
    "out = [json.dumps(to_dict(r)) for r in store.rows(limit=50)]\n"
    "sys.stdout.write('\\n'.join(out) + '\\n')\n"
)


def cli_available() -> bool:
    tracked = subprocess.run(
        ["git", "ls-files", "--error-unmatch", "newsdesk/cli/stories.py"],
        cwd=REPO,
        capture_output=True,
    )
    cli = REPO / "newsdesk" / "cli" / "stories.py"
    return tracked.returncode == 0 and cli.exists() and "stories" in cli.read_text()


def time_subprocess(argv: list[str], env: dict[str, str], runs: int = 5) -> tuple[float, int]:
    times, lines = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(argv, cwd=REPO, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"{argv} failed: {done.stderr[-2000:]}")
        lines = len(done.stdout.splitlines())
    return statistics.median(times), lines


def list_figures(data_dir: Path, work: Path) -> list[tuple[str, str, str]]:
    env = dict(os.environ)
    env.update(
        NEWSDESK_DATA_DIR=str(data_dir),
        NEWSDESK_CONFIG=str(work / "no-config.toml"),
        XDG_CONFIG_HOME=str(work / "xdg-config"),
        XDG_DATA_HOME=str(work / "xdg-data"),
        PYTHONPATH=str(REPO),
    )
    figures = []
    if cli_available():
        argv = [sys.executable, "-m", "newsdesk", "stories", "--limit", "50", "--json"]
        wall, lines = time_subprocess(argv, env)
        figures.append(
            ("newsdesk stories --limit 50 --json (CLI, wall)", f"{wall:.3f} s", "<= 1 s")
        )
        figures[-1] = (figures[-1][0], f"{wall:.3f} s ({lines} lines)", "<= 1 s")
    else:
        figures.append(("newsdesk stories --limit 50 (CLI)", "not in git yet", "<= 1 s"))
    wall, lines = time_subprocess([sys.executable, "-c", LIST_CODE, str(data_dir)], env)
    figures.append(
        ("python -c: open + rows(50) + JSON (wall)", f"{wall:.3f} s ({lines} lines)", "<= 1 s")
    )
    started = time.perf_counter()
    store = Store(data_dir, read_only=True)
    text = "\n".join(json.dumps(to_dict(r)) for r in store.rows(limit=50))
    inproc = time.perf_counter() - started
    assert text.count("\n") == 49
    figures.append(("in-process: open + rows(50) + JSON", f"{inproc * 1000:.0f} ms", ""))
    return figures


def bookmark_figures(data_dir: Path, rng: random.Random) -> list[tuple[str, str, str]]:
    figures = []
    with Store(data_dir) as store:
        ids = [r.id for r in store.rows()]
        picks = rng.sample(ids, 200)
        cold, warm = [], []
        for sid in picks[:100]:  # the story's shard may not be loaded yet
            started = time.perf_counter()
            assert store.add_bookmark(sid)
            cold.append(time.perf_counter() - started)
        for sid in picks[100:]:  # as the reader does it: the story is open, then bookmarked
            store.story(sid)
            started = time.perf_counter()
            assert store.add_bookmark(sid)
            warm.append(time.perf_counter() - started)
        both = cold + warm
        figures.append(
            ("bookmark add p95 (200 adds, in-process)", f"{p95(both) * 1000:.1f} ms", "<= 20 ms")
        )
        figures.append(("  of which: story not yet loaded, p95", f"{p95(cold) * 1000:.1f} ms", ""))
        figures.append(
            ("  of which: story open in the reader, p95", f"{p95(warm) * 1000:.1f} ms", "")
        )
        user_files = [data_dir / n for n in ("user.json", "user.journal")]
        user_kb = sum(p.stat().st_size for p in user_files if p.exists()) / 1024
        figures.append(("  user.json + user.journal after 200 adds", f"{user_kb:.0f} KB", ""))
        for sid in picks:
            store.remove_bookmark(sid)
    return figures


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def refresh_figures(
    data_dir: Path, rng: random.Random, base: int
) -> tuple[float, list[tuple[str, str, str]]]:
    stories = [make_story(rng, base + i, NOW, i % 50) for i in range(1000)]
    annotations = {s.id: make_annotation(rng, s.text) for s in stories}
    states = [
        FeedState(url=f"https://feed{i}.example.org/rss.xml", status=200, entries=20)
        for i in range(50)
    ]
    with Store(data_dir) as store:
        t0 = time.perf_counter()
        assert store.add_stories(stories) == 1000
        t1 = time.perf_counter()
        store.set_annotations(annotations)
        t2 = time.perf_counter()
        store.save_feed_states(states)
        t3 = time.perf_counter()
    total = t3 - t0
    return total, [
        ("refresh of 1,000 new stories: store share", f"{total:.3f} s", "<= 2 s"),
        ("  add_stories(1000)", f"{t1 - t0:.3f} s", ""),
        ("  set_annotations(1000)", f"{t2 - t1:.3f} s", ""),
        ("  save_feed_states(50)", f"{(t3 - t2) * 1000:.0f} ms", ""),
    ]


def tinydb_reference(work: Path, rng: random.Random, cap: float = 60.0) -> tuple[float, int]:
    """TinyDB's default JSONStorage: insert 1,000 stories (with annotations) one by one."""
    path = work / "reference.json"
    db = TinyDB(path, storage=JSONStorage)
    docs = []
    for i in range(1000):
        story = make_story(rng, 900_000 + i, NOW, i % 50)
        docs.append({**to_dict(story), "annotation": to_dict(make_annotation(rng, story.text))})
    started = time.perf_counter()
    done = 0
    for doc in docs:
        db.insert(doc)
        done += 1
        if time.perf_counter() - started > cap:
            break
    elapsed = time.perf_counter() - started
    db.close()
    path.unlink()
    return elapsed, done


def tinydb_single_insert_at(work: Path, rng: random.Random, count: int) -> float:
    path = work / "reference-big.json"
    template = make_story(rng, 0, NOW, 0)
    ann = to_dict(make_annotation(rng, template.text))
    table = {
        str(i + 1): {**to_dict(make_story(rng, 800_000 + i, NOW, i % 50)), "annotation": ann}
        for i in range(count)
    }
    path.write_text(json.dumps({"_default": table}))
    db = TinyDB(path, storage=JSONStorage)
    started = time.perf_counter()
    db.insert({**to_dict(template), "annotation": ann})
    elapsed = time.perf_counter() - started
    db.close()
    path.unlink()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="build the data dir here and keep it")
    args = parser.parse_args()
    rng = random.Random(7)
    work = Path(tempfile.mkdtemp(prefix="bench-store-"))
    data_dir = args.keep or work / "data"
    try:
        build = populate(data_dir, args.stories, rng)
        size = sum(p.stat().st_size for p in data_dir.rglob("*.json")) / 1e6
        index_mb = (data_dir / "index.json").stat().st_size / 1e6
        shards = len(list((data_dir / "stories").glob("*.json")))
        rows: list[tuple[str, str, str]] = [
            (f"data dir: {args.stories} stories", f"{size:.0f} MB, {shards} shards", ""),
            ("  index.json", f"{index_mb:.1f} MB", ""),
            ("  built in (30 daily batches)", f"{build:.1f} s", ""),
        ]
        rows += list_figures(data_dir, work)
        rows += bookmark_figures(data_dir, rng)
        ours, refresh = refresh_figures(data_dir, rng, base=args.stories)
        rows += refresh
        ref, done = tinydb_reference(work, rng)
        label = "TinyDB JSONStorage: 1,000 inserts one by one"
        if done < 1000:
            rows.append((label, f"> {ref:.1f} s (stopped after {done})", "reference"))
            per_1000 = ref / done * 1000
        else:
            rows.append((label, f"{ref:.1f} s", "reference"))
            per_1000 = ref
        rows.append(("  ratio store refresh share / reference", f"{ours / per_1000:.3f}", ""))
        single = tinydb_single_insert_at(work, rng, args.stories)
        rows.append(
            (
                f"TinyDB JSONStorage: 1 insert at {args.stories} stories",
                f"{single:.2f} s",
                "reference",
            )
        )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    width = max(len(r[0]) for r in rows) + 2
    vwidth = max(len(r[1]) for r in rows) + 2
    print(f"{'figure':<{width}}{'value':<{vwidth}}target")
    print("-" * (width + vwidth + 9))
    for name, value, target in rows:
        print(f"{name:<{width}}{value:<{vwidth}}{target}")


if __name__ == "__main__":
    main()
