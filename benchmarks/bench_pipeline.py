"""The refresh pipeline's figures in one run, side by side with newsboat.

1. Overlapping stages, on a farm of 12 feeds x 50 real wire stories with full article pages
   (/work/shared/tools/feedfarm.py serving /work/shared/corpus/reuters-2000.jsonl; 4 loopback
   hosts, 50 ms a request), each run with fresh data:

       newsdesk refresh --no-annotate --json      pages only
       newsdesk annotate TEXTS.jsonl              the same 600 texts, annotated alone
       newsdesk annotate --processes 0 TEXTS      ... on every core (shown, not the target's)
       newsdesk refresh --json                    everything, the stages overlapping

   Targets: full <= 1.15 x max(pages only, annotate alone); pages only <= 2.0 x the politeness
   floor (every request at 8 at a time, 2 per host, each taking the farm's latency).
   Peak memory is sampled every 50 ms over the whole process tree (worker processes
   included): the sum of RSS (which counts pages the workers share once per process) and the
   sum of PSS (shared pages split between the processes that share them). Targets: full
   refresh <= 700 MB, feeds-only refresh <= 150 MB.

2. A feeds-only reload against newsboat (reload-threads 8), 50 feeds x 20 items on 10 loopback
   hosts: with 100 ms a request (target <= 0.95 x newsboat on the first and the all-304 second
   refresh, medians of alternating rounds) and with none (target <= 1.5 x newsboat). See
   bench_refresh.py, whose farm and runs these are.

The load average is printed with the figures: the machine may be shared.

    python benchmarks/bench_pipeline.py [--rounds 1] [--repeat 3] [--skip-farm] [--skip-newsboat]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests"))

import bench_refresh  # noqa: E402

SHARED = REPO.parent / "shared"
FARM = SHARED / "tools" / "feedfarm.py"
TEXTS = SHARED / "corpus" / "reuters-2000.jsonl"
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Measured:
    seconds: float
    rss_mb: float  # peak of the sum over the process tree
    pss_mb: float
    output: str


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def _tree_memory(root: int) -> tuple[int, int]:
    """(sum of RSS, sum of PSS) in bytes over `root` and its descendants."""
    tree = _children()
    todo, rss, pss = [root], 0, 0
    while todo:
        pid = todo.pop()
        todo.extend(tree.get(pid, []))
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as f:
                rss += int(f.read().split()[1]) * PAGE
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
                        break
        except (OSError, ValueError, IndexError):
            continue
    return rss, pss


def measure(cmd: list[str], env: dict[str, str], stdin: Path | None = None) -> Measured:
    """Run `cmd`, sampling the memory of its process tree; its wall time and peaks."""
    started = time.perf_counter()
    source = open(stdin, "rb") if stdin else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen(
        cmd, env=env, stdin=source, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    peaks = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            rss, pss = _tree_memory(proc.pid)
            peaks[0], peaks[1] = max(peaks[0], rss), max(peaks[1], pss)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if stdin:
        source.close()  # type: ignore[union-attr]
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.decode()[-2000:]}")
    return Measured(seconds, peaks[0] / 1e6, peaks[1] / 1e6, out.decode(errors="replace"))


def start_farm(
    feeds: int, items: int, hosts: int, latency: float, folder: Path
) -> tuple[subprocess.Popen[bytes], list[str]]:
    portfile = folder / "farm.port"
    farm = subprocess.Popen(
        [sys.executable, str(FARM), "--feeds", str(feeds), "--items", str(items)]
        + ["--hosts", str(hosts), "--latency", str(latency), "--texts", str(TEXTS)]
        + ["--portfile", str(portfile)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        if portfile.exists() and portfile.read_text().strip():
            break
        time.sleep(0.05)
    port = portfile.read_text().strip()
    urls = [f"http://127.0.0.{f % hosts + 1}:{port}/feed/{f}.xml" for f in range(feeds)]
    return farm, urls


def export_texts(data_dir: Path, target: Path) -> int:
    """The stored stories as `newsdesk annotate` input (id, title, text, published)."""
    from newsdesk.store import Store

    with Store(data_dir, read_only=True) as store, target.open("w", encoding="utf-8") as out:
        rows = store.rows()
        for row in rows:
            story = store.story(row.id)
            if story is not None:
                line = {"id": story.id, "title": story.title, "text": story.text}
                out.write(json.dumps({**line, "published": story.published}) + "\n")
    return len(rows)


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def farm_figures(rounds: int) -> None:
    feeds, items, hosts, latency = 12, 50, 4, 0.05
    pages = feeds * items
    floor = (-(-feeds // 8) + -(-pages // 8)) * latency  # 8 at a time, 2 per host x 4 hosts
    runs: dict[str, list[Measured]] = {
        "pages only": [],
        "annotate alone": [],
        "annotate -p 0": [],
        "full": [],
    }
    stages: dict[str, list[dict[str, float]]] = {"pages only": [], "full": []}
    loads = [load()]
    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as tmp:
        folder = Path(tmp)
        farm, urls = start_farm(feeds, items, hosts, latency, folder)
        try:
            for n in range(rounds):
                env = bench_refresh.newsdesk_env(folder / f"pages-{n}", urls)
                cmd = bench_refresh.newsdesk_command()
                got = measure(cmd + ["refresh", "--no-annotate", "--json"], env)
                runs["pages only"].append(got)
                stages["pages only"].append(json.loads(got.output)["stage_seconds"])
                texts = folder / f"texts-{n}.jsonl"
                export_texts(folder / f"pages-{n}" / "data", texts)
                runs["annotate alone"].append(measure(cmd + ["annotate", str(texts)], env))
                all_cores = cmd + ["annotate", "--processes", "0", str(texts)]
                runs["annotate -p 0"].append(measure(all_cores, env))
                env = bench_refresh.newsdesk_env(folder / f"full-{n}", urls)
                got = measure(cmd + ["refresh", "--json"], env)
                report = json.loads(got.output)
                if report["annotated"] != pages:
                    raise SystemExit(f"full refresh annotated {report['annotated']} of {pages}")
                runs["full"].append(got)
                stages["full"].append(report["stage_seconds"])
                loads.append(load())
                print(f"farm round {n + 1}/{rounds} done", file=sys.stderr)
        finally:
            farm.terminate()
            farm.wait()
    print(
        f"== {feeds} feeds x {items} wire stories with pages, {hosts} loopback hosts, "
        f"{latency * 1000:.0f} ms a request; {rounds} round(s); load average "
        f"{' -> '.join(loads)}"
    )
    print(f"{'run':<16}{'median s':>9}{'min s':>7}{'tree RSS MB':>12}{'tree PSS MB':>12}  stages")
    for name, measured in runs.items():
        times = [m.seconds for m in measured]
        last = stages.get(name, [{}])[-1]
        stage_text = ", ".join(f"{k} {v:.1f} s" for k, v in last.items())
        print(
            f"{name:<16}{statistics.median(times):>9.2f}{min(times):>7.2f}"
            f"{max(m.rss_mb for m in measured):>12.0f}{max(m.pss_mb for m in measured):>12.0f}"
            f"  {stage_text}"
        )
    full = statistics.median(m.seconds for m in runs["full"])
    pages_only = statistics.median(m.seconds for m in runs["pages only"])
    alone = statistics.median(m.seconds for m in runs["annotate alone"])
    print(
        f"full / max(pages only, annotate alone) = {full:.2f} / {max(pages_only, alone):.2f} "
        f"= {full / max(pages_only, alone):.2f}  (target <= 1.15)"
    )
    print(
        f"pages only / politeness floor = {pages_only:.2f} / {floor:.2f} = "
        f"{pages_only / floor:.2f}  (target <= 2.0)"
    )
    print(
        f"peak memory of the full refresh, workers included: RSS sum "
        f"{max(m.rss_mb for m in runs['full']):.0f} MB, PSS sum "
        f"{max(m.pss_mb for m in runs['full']):.0f} MB  (target <= 700)"
    )
    print()


def newsboat_figures(latency: float, repeat: int) -> None:
    print(
        f"== feeds-only reload against newsboat, {latency * 1000:.0f} ms a request "
        f"(load average {load()})"
    )
    bench_refresh.main(
        ["--feeds", "50", "--items", "20", "--hosts", "10", "--latency", str(latency)]
        + ["--repeat", str(repeat)]
    )
    print(f"(load average after: {load()})")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=1, help="rounds on the 12 x 50 farm")
    parser.add_argument("--repeat", type=int, default=3, help="rounds against newsboat")
    parser.add_argument("--skip-farm", action="store_true")
    parser.add_argument("--skip-newsboat", action="store_true")
    args = parser.parse_args(argv)
    if not args.skip_farm:
        if not FARM.exists() or not TEXTS.exists():
            raise SystemExit(f"needs {FARM} and {TEXTS}")
        farm_figures(args.rounds)
    if not args.skip_newsboat:
        if shutil.which("newsboat") is None:
            raise SystemExit("newsboat is not installed (Debian/Ubuntu: apt install newsboat)")
        newsboat_figures(0.1, args.repeat)
        newsboat_figures(0.0, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
