"""UI benchmark: launch time and filter latency with 10,000 stored stories.

    python benchmarks/bench_ui.py [--stories 10000] [--runs 3]

Builds two data directories in a temp dir through the real Store: one with N synthetic annotated
stories, one empty. Each launch is a fresh Python process (interpreter start, imports, opening
the Store, Textual start) running the real NewsdeskApp headless through `App.run_test` at
120x40. Times are from just before the child process is spawned to:
  first paint   the story list has been drawn holding stored rows (the newest 200 come first;
                for the empty database: the list drawn once the load finished);
  interactive   a key (`j`) sent right after the first paint has been handled and drawn;
  all loaded    every row is in the list, actors and regions are counted, and a second key
                has been handled and drawn.
In the 10,000-story child, it then types actor names into the actor filter (`a`, letters,
`enter`, `x`) and times each key press until the app has handled it (the actor list or the
story list is updated) and the screen is repainted; and it reports its peak RSS.
Launches are interleaved (empty, full, empty, full, ...) and the medians are compared.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FEED = "http://127.0.0.1:9/bench.xml"  # a configured feed: the empty database is not seeded


def _config(data_dir: Path) -> object:
    from newsdesk.config import Config, FetchSettings
    from newsdesk.models import FeedSpec

    return Config(
        path=None, data_dir=data_dir, feeds=(FeedSpec(FEED, "bench"),), fetch=FetchSettings()
    )


def _pipeline_version() -> str:
    try:
        from newsdesk.nlp.pipeline import PIPELINE_VERSION
    except ImportError:
        return "bench"
    return PIPELINE_VERSION


def generate(data_dir: Path, count: int, seed: int = 7) -> None:
    """Fill a Store with `count` annotated stories over a few thousand actors and all countries."""
    from newsdesk.models import Actor, Annotation, Meeting, Story
    from newsdesk.nlp.regions import all_regions
    from newsdesk.store import Store

    rng = random.Random(seed)
    countries = [
        (country, region, sub)
        for region, subs in all_regions().items()
        for sub, names in subs.items()
        for country in names
    ]
    first = ["Ahmed", "Maria", "John", "Li", "Fatima", "Olga", "Carlos", "Aiko", "Kwame", "Anna"]
    last = ["Haddad", "Silva", "Smith", "Wang", "Diallo", "Ivanova", "Garcia", "Sato", "Mensah"]
    people = [f"{f} {lname}{i or ''}" for i in range(40) for f in first for lname in last]
    people[0] = "Khalifa Haftar"
    version = _pipeline_version()
    day = 86400
    base = time.time()
    with Store(data_dir) as store:
        for start in range(0, count, 1000):
            stories, notes = [], {}
            for i in range(start, min(start + 1000, count)):
                who = rng.sample(people[: rng.choice((200, 1000, len(people)))], 4)
                where = rng.sample(countries, rng.choice((1, 1, 2)))
                when = time.strftime(
                    "%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(base - rng.random() * 20 * day)
                )
                text = " ".join(
                    f"{who[j % 4]} spoke in {where[0][0]} about item {i}." for j in range(30)
                )
                sid = f"bench{i:011d}"
                stories.append(
                    Story(
                        id=sid,
                        feed_url=FEED,
                        feed_title="Bench Wire",
                        title=f"{who[0]} and {who[1]} discuss {where[0][0]} ({i})",
                        link=f"https://bench.example.org/{i}",
                        published=when,
                        text=text,
                    )
                )
                meets = (Meeting((who[0], who[1]), where[0][0], where[0][0]),) if i % 3 else ()
                notes[sid] = Annotation(
                    actors=tuple(Actor(n, "PERSON", (n.split()[-1],), 2) for n in who),
                    countries=tuple(c for c, _, _ in where),
                    regions=tuple(dict.fromkeys(r for _, r, _ in where)),
                    subregions=tuple(dict.fromkeys(s for _, _, s in where)),
                    meetings=meets,
                    summary=f"{who[0]} met {who[1]}.",
                    pipeline_version=version,
                )
            store.add_stories(stories)
            store.set_annotations(notes)


# --- child: one launch ---------------------------------------------------------------------


class _Frames:
    """Stamps each frame the app hands to its driver (headless: rendered, not written)."""

    def __init__(self, app: Any) -> None:
        self.stamps: list[float] = []
        self.last = 0.0
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is not None:
                self.stamps.append(time.perf_counter())

        app._display = display

    async def after(self, moment: float, wait: float = 0.25) -> float:
        """The time of the first frame drawn after `moment` (`moment` itself when nothing
        needed drawing within `wait` seconds, e.g. `j` in an empty list)."""
        while not self.stamps or self.stamps[-1] <= moment:
            if time.perf_counter() - moment > wait:
                return moment
            await asyncio.sleep(0.0005)
        return next(t for t in self.stamps if t > moment)


async def _key(app: Any, key: str, frames: _Frames, done: Any) -> float:
    """Send one key as the terminal driver would; seconds until it is handled and drawn
    (`_Frames.last` is then the moment it was drawn)."""
    from textual import events

    char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    start = time.perf_counter()
    app._driver.send_message(event)
    while not done():
        await asyncio.sleep(0.0005)
    handled = time.perf_counter()
    frames.last = await frames.after(handled)
    return frames.last - start


async def _child(data_dir: Path, spawned: float, typing: bool) -> dict[str, object]:
    to_wall = time.time() - time.perf_counter()
    from newsdesk.desk import Desk
    from newsdesk.ui.app import NewsdeskApp
    from newsdesk.ui.widgets.sidebar import ActorFilter
    from newsdesk.ui.widgets.story_list import StoryList

    desk = Desk(_config(data_dir))  # type: ignore[arg-type]
    app = NewsdeskApp(desk)
    frames = _Frames(app)
    shown_at: list[float] = []
    set_rows = app.set_rows

    def stamped_set_rows(rows: Any, partial: bool = False) -> None:
        set_rows(rows, partial)
        shown_at.append(time.perf_counter())

    app.set_rows = stamped_set_rows  # type: ignore[method-assign]
    out: dict[str, object] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        story_list = app.query_one(StoryList)
        while not shown_at:
            await asyncio.sleep(0.0005)
        out["first_paint"] = await frames.after(shown_at[0]) + to_wall - spawned
        # interactive: a key pressed right after the first paint is handled and drawn
        target = min(story_list.cursor + 1, max(len(story_list.rows) - 1, 0))
        await _key(app, "j", frames, lambda: story_list.cursor == target)
        out["interactive"] = frames.last + to_wall - spawned
        # loaded: every row in the list, actors and regions counted, a key answered
        while not (app.loaded and app.sidebar_ready):
            await asyncio.sleep(0.0005)
        target = min(story_list.cursor + 1, max(len(story_list.rows) - 1, 0))
        await _key(app, "j", frames, lambda: story_list.cursor == target)
        out["loaded"] = frames.last + to_wall - spawned
        out["rows"] = len(story_list.rows)
        if typing:
            # steady state: background work after launch (annotation start-up) has finished
            await app.workers.wait_for_complete()
            await pilot.pause(0.2)
            actor_filter = app.query_one(ActorFilter)
            actors = actor_filter.actors
            rng = random.Random(3)
            keys: list[float] = []
            firsts: list[float] = []
            laters: list[float] = []
            enters: list[float] = []
            picks = [name for name, _ in actors[:20]] + [n for n, _ in rng.sample(actors, 20)]
            for name in picks:
                await pilot.press("a")
                typed = ""
                for position, ch in enumerate(name.split()[-1].lower()[:5]):
                    typed += ch
                    old = actor_filter.shown

                    def updated(old: list[str] = old) -> bool:
                        return actor_filter.shown is not old

                    seconds = await _key(app, ch, frames, updated)
                    keys.append(seconds)
                    (firsts if position == 0 else laters).append(seconds)
                filters = len(app.state.filters)
                enters.append(
                    await _key(app, "enter", frames, lambda n=filters: len(app.state.filters) > n)
                )
                await pilot.press("x", "a", *["backspace"] * len(typed), "escape")
            out["keys"] = keys
            out["firsts"] = firsts
            out["laters"] = laters
            out["enters"] = enters
    desk.close()
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def _launch(data_dir: Path, typing: bool) -> dict[str, object]:
    spawned = time.time()
    cmd = [sys.executable, __file__, "--child", str(data_dir), str(spawned)]
    if typing:
        cmd.append("--typing")
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"child failed:\n{done.stderr[-3000:]}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=2)
    parser.add_argument("--typing", action="store_true")
    args = parser.parse_args()
    if args.child:
        result = asyncio.run(_child(Path(args.child[0]), float(args.child[1]), args.typing))
        print(json.dumps(result))
        return 0

    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-ui-") as tmp:
        full, empty = Path(tmp) / "full", Path(tmp) / "empty"
        t = time.perf_counter()
        generate(full, args.stories)
        print(f"generated {args.stories} stories in {time.perf_counter() - t:.1f} s", flush=True)
        from newsdesk.store import Store

        with Store(empty):
            pass
        runs: dict[str, list[dict[str, object]]] = {"empty": [], "full": []}
        for _ in range(args.runs):
            runs["empty"].append(_launch(empty, False))
            runs["full"].append(_launch(full, False))
        typed = _launch(full, True)

    def med(kind: str, key: str) -> float:
        return statistics.median(float(r[key]) for r in runs[kind])  # type: ignore[arg-type]

    print(
        f"launches: {args.runs} each, interleaved, medians; 120x40 headless;"
        f" {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    for key, label in (
        ("first_paint", "first paint"),
        ("interactive", "interactive"),
        ("loaded", "all loaded"),
    ):
        e, f = med("empty", key), med("full", key)
        print(
            f"  {label:<12} empty db {e:6.3f} s   {args.stories} stories {f:6.3f} s"
            f"   ratio {f / e:4.2f}x   (targets: <= 1.0 s, <= 1.5x)"
        )
    print(
        f"  rows in the list when all loaded: {runs['full'][0]['rows']}"
        f" (empty: {runs['empty'][0]['rows']}); first paint shows the newest 200"
    )
    keys = [float(k) * 1000 for k in typed["keys"]]  # type: ignore[attr-defined]
    enters = [float(k) * 1000 for k in typed["enters"]]  # type: ignore[attr-defined]
    print(
        f"actor filter, typing a letter -> actor list updated and repainted: n={len(keys)}"
        f"  p50 {_p(keys, 0.5):5.1f} ms  p95 {_p(keys, 0.95):5.1f} ms  max {max(keys):5.1f} ms"
    )
    firsts = [float(k) * 1000 for k in typed["firsts"]]  # type: ignore[attr-defined]
    laters = [float(k) * 1000 for k in typed["laters"]]  # type: ignore[attr-defined]
    print(
        f"   of which the first letter: p95 {_p(firsts, 0.95):5.1f} ms;"
        f" later letters: p95 {_p(laters, 0.95):5.1f} ms"
    )
    print(
        f"actor filter, enter -> story list filtered and repainted:         n={len(enters)}"
        f"  p50 {_p(enters, 0.5):5.1f} ms  p95 {_p(enters, 0.95):5.1f} ms"
        f"  max {max(enters):5.1f} ms   (target p95 <= 50 ms)"
    )
    print(
        f"peak RSS of the UI process with {args.stories} stories: {typed['peak_rss_mb']:.0f} MB"
        "   (target <= 400 MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
