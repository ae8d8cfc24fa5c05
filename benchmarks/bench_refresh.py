"""Refresh speed and memory: `newsdesk refresh` against `newsboat -x reload`, side by side.

A local farm of feeds (default 50 feeds x 20 items) is served from several loopback addresses
(127.0.0.2, 127.0.0.3, ...; one threaded HTTP server each) with a fixed latency per request
(default 100 ms). Each feed has an ETag and a Last-Modified date, so a second refresh can be
all 304s. Both readers get fresh, private config and data files and refresh the farm twice:

    newsdesk refresh --no-fulltext --no-annotate     (NEWSDESK_CONFIG / NEWSDESK_DATA_DIR)
    newsboat -x reload -u URLS -c CACHE -C CONFIG     (reload-threads 8)

newsdesk runs from byte-compiled modules, as an installed copy does (see with_bytecode), with
its default limits: at most 2 requests at once to one host (politeness) and 32 overall;
newsboat's 8 threads are 8 requests at once overall, whatever their hosts.

newsboat keeps a feed's validators only once the feed is in its cache, so it gets one untimed
reload between its two timed ones; the request counts by status show both second runs are 304s.
A third row, "ingest-only", runs refresh_feeds and one batched Store write in a bare Python
process: the cost of fetching and parsing without the CLI's per-feed store writes. A fourth,
"bare python", is the floor of any Python reader: the standard library alone making the same
requests 8 at a time and reading the answers (ETags on the second pass), nothing parsed or kept.

The script prints the wall time of every refresh in every round (rounds are interleaved), the
median and the best; the ratios newsdesk/newsboat on both; the peak RSS of each process (from
wait4's rusage) and fixed costs measured in the same run. Both are shown because timings on a
shared machine are noisy, and newsboat's all-304 reload is bimodal here (its requests sometimes
stall for a few hundred ms between batches). Targets: both ratios <= 0.95 with latency, <= 1.5
without (where start-up costs dominate); newsdesk peak RSS <= 150 MB.

    python benchmarks/bench_refresh.py [--feeds 50] [--items 20] [--latency 0.1] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from ingest_helpers import FeedServer, Route, http_date, item, rss_feed  # noqa: E402


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float
    statuses: Counter[int]
    output: str


def build_farm(
    feeds: int, items: int, hosts: int, latency: float
) -> tuple[list[FeedServer], list[str]]:
    servers = [FeedServer(f"127.0.0.{2 + n}", latency=latency).start() for n in range(hosts)]
    urls: list[str] = []
    stamp = http_date(datetime(2026, 11, 1, tzinfo=UTC))
    # Stories of the last few days, whatever the date: all of them are kept (none is older than
    # the 30 days a store keeps), so every run stores the same 1,000 new stories.
    now = datetime.now(UTC).replace(microsecond=0)
    for n in range(feeds):
        server = servers[n % hosts]
        base = server.url(f"/site{n}/")
        start = now - timedelta(hours=n)
        entries = [
            item(
                n * 1000 + k,
                base=base,
                title=f"Feed {n} story {k}: ministers meet to discuss trade and energy",
                published=start - timedelta(minutes=k),
                description=(
                    f"<p>Summary {k} of feed {n}. Delegations met on Friday to talk about "
                    "grain exports, power lines and a new border crossing.</p>"
                ),
            )
            for k in range(items)
        ]
        body = rss_feed(f"Farm feed {n}", entries, link=base)
        path = f"/feed{n}.xml"
        urls.append(server.route(path, Route(body=body, etag=f'"farm-{n}"', last_modified=stamp)))
    return servers, urls


def run_measured(cmd: list[str], env: dict[str, str], servers: list[FeedServer]) -> Run:
    marks = [len(s.requests) for s in servers]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert proc.stdout is not None
    output = proc.stdout.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}):\n{output}")
    statuses: Counter[int] = Counter()
    for server, mark in zip(servers, marks, strict=True):
        statuses.update(seen.status for seen in server.requests[mark:])
    return Run(seconds, usage.ru_maxrss / 1024, statuses, output.strip())


# The same refresh without the CLI and Desk: refresh_feeds, then ONE batched Store write. It
# shows what fetching and parsing cost apart from how the stories are handed to the store.
INGEST_ONLY = """
import asyncio, sys
from pathlib import Path
from newsdesk.config import FetchSettings
from newsdesk.ingest.refresh import refresh_feeds
from newsdesk.models import FeedSpec
from newsdesk.store import Store

urls, data_dir = Path(sys.argv[1]).read_text().split(), Path(sys.argv[2])
with Store(data_dir) as store:
    outcomes = asyncio.run(refresh_feeds(
        [FeedSpec(u) for u in urls], store.feed_states(), store.is_known,
        FetchSettings(fulltext=False)))
    added = store.add_stories([s for o in outcomes for s in o.stories])
    store.save_feed_states([o.state for o in outcomes])
print(f"{len(outcomes)} feeds, {added} new stories")
"""


# The floor for any Python reader: a bare interpreter with the standard library only, making the
# same requests 8 at a time (as newsboat does) and reading the answers, with nothing parsed or
# stored. On the second pass it sends each feed's ETag, so all its answers are 304s. If this row
# is already over the target against newsboat, no Python refresh can meet it on this machine.
BARE_PYTHON = """
import sys
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPConnection
from urllib.parse import urlsplit

urls, second = open(sys.argv[1]).read().split(), sys.argv[2] == "second"

def get(n_url):
    n, url = n_url
    parts = urlsplit(url)
    conn = HTTPConnection(parts.hostname, parts.port)
    conn.request("GET", parts.path, headers={"If-None-Match": f'"farm-{n}"'} if second else {})
    answer = conn.getresponse()
    answer.read()
    conn.close()
    return answer.status

with ThreadPoolExecutor(8) as pool:
    print(sorted(set(pool.map(get, enumerate(urls)))))
"""


def bare_python_command(folder: Path, which: str) -> list[str]:
    return [sys.executable, "-c", BARE_PYTHON, str(folder / "urls"), which]


def ingest_only_command(folder: Path, urls: list[str]) -> list[str]:
    folder.mkdir()
    (folder / "urls").write_text("\n".join(urls))
    return [sys.executable, "-c", INGEST_ONLY, str(folder / "urls"), str(folder / "data")]


def startup_seconds(cmd: list[str], env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def newsdesk_command() -> list[str]:
    beside_python = Path(sys.executable).parent / "newsdesk"
    if beside_python.exists():
        return [str(beside_python)]
    found = shutil.which("newsdesk")
    return [found] if found else [sys.executable, "-m", "newsdesk"]


_compiled: set[str] = set()


def with_bytecode(env: dict[str, str]) -> dict[str, str]:
    """`env` for running newsdesk as an installed copy runs: from byte-compiled modules.

    pip byte-compiles a package when it installs it; a machine that sets
    PYTHONDONTWRITEBYTECODE (this one does) would otherwise compile every newsdesk module
    from source on every run, some 40 ms that no installed newsdesk pays. The package is
    compiled once, before anything is timed."""
    env = dict(env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    key = env.get("PYTHONPATH", "")
    if key not in _compiled:
        code = (
            "import compileall, os, newsdesk\n"
            "compileall.compile_dir(os.path.dirname(newsdesk.__file__), quiet=1)"
        )
        subprocess.run([sys.executable, "-c", code], env=env, check=True)
        _compiled.add(key)
    return env


def newsdesk_env(folder: Path, urls: list[str]) -> dict[str, str]:
    folder.mkdir()
    config = folder / "config.toml"
    lines: list[str] = []  # the default [fetch] limits: 2 requests per host, 32 overall
    for url in urls:
        lines += ["[[feeds]]", f'url = "{url}"', ""]
    config.write_text("\n".join(lines))
    env = dict(os.environ)
    env.update(
        NEWSDESK_CONFIG=str(config),
        NEWSDESK_DATA_DIR=str(folder / "data"),
        XDG_CONFIG_HOME=str(folder / "xdg-config"),
        XDG_DATA_HOME=str(folder / "xdg-data"),
        XDG_CACHE_HOME=str(folder / "xdg-cache"),
    )
    return with_bytecode(env)


def newsboat_setup(folder: Path, urls: list[str]) -> tuple[list[str], dict[str, str]]:
    folder.mkdir()
    (folder / "urls").write_text("".join(f"{url}\n" for url in urls))
    (folder / "config").write_text("reload-threads 8\n")
    cmd = [
        "newsboat",
        "-x",
        "reload",
        "-u",
        str(folder / "urls"),
        "-c",
        str(folder / "cache.db"),
        "-C",
        str(folder / "config"),
    ]
    env = dict(os.environ)
    env.update(
        HOME=str(folder),
        XDG_CONFIG_HOME=str(folder / "xdg-config"),
        XDG_DATA_HOME=str(folder / "xdg-data"),
    )
    return cmd, env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--hosts", type=int, default=5, help="loopback addresses 127.0.0.2...")
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per request")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; medians are reported")
    args = parser.parse_args(argv)
    if shutil.which("newsboat") is None:
        raise SystemExit("newsboat is not installed (Debian/Ubuntu: apt install newsboat)")

    servers, urls = build_farm(args.feeds, args.items, args.hosts, args.latency)
    results: dict[str, list[Run]] = {
        key: []
        for key in (
            "newsdesk first",
            "newsboat first",
            "ingest-only first",
            "bare python first",
            "newsdesk second",
            "newsboat second",
            "ingest-only second",
            "bare python second",
        )
    }
    try:
        for round_no in range(args.repeat):
            with tempfile.TemporaryDirectory(prefix="bench-refresh-") as tmp:
                nd_env = newsdesk_env(Path(tmp) / "newsdesk", urls)
                nd_cmd = newsdesk_command() + ["refresh", "--no-fulltext", "--no-annotate"]
                nb_cmd, nb_env = newsboat_setup(Path(tmp) / "newsboat", urls)
                io_cmd = ingest_only_command(Path(tmp) / "ingest-only", urls)
                results["newsdesk first"].append(run_measured(nd_cmd, nd_env, servers))
                results["newsboat first"].append(run_measured(nb_cmd, nb_env, servers))
                results["ingest-only first"].append(run_measured(io_cmd, nd_env, servers))
                bare_first = bare_python_command(Path(tmp) / "ingest-only", "first")
                results["bare python first"].append(run_measured(bare_first, nd_env, servers))
                # newsboat stores a feed's ETag/Last-Modified only once the feed is in its
                # cache, so its second reload still downloads everything; one untimed reload
                # primes it, and the timed one after it is all 304s, as newsdesk's second is.
                run_measured(nb_cmd, nb_env, servers)
                results["newsdesk second"].append(run_measured(nd_cmd, nd_env, servers))
                results["newsboat second"].append(run_measured(nb_cmd, nb_env, servers))
                results["ingest-only second"].append(run_measured(io_cmd, nd_env, servers))
                bare_second = bare_python_command(Path(tmp) / "ingest-only", "second")
                results["bare python second"].append(run_measured(bare_second, nd_env, servers))
            print(f"round {round_no + 1}/{args.repeat} done", file=sys.stderr)
    finally:
        for server in servers:
            server.stop()

    print(
        f"farm: {args.feeds} feeds x {args.items} items on {args.hosts} loopback addresses, "
        f"{args.latency * 1000:.0f} ms per request; {args.repeat} interleaved rounds"
    )
    print(f"newsdesk: {' '.join(nd_cmd)}")
    print(f"newsboat: {' '.join(nb_cmd[:3])} -u URLS -c CACHE -C CONFIG (reload-threads 8)")
    print()
    print(f"{'run':<19}{'median s':>9}{'min s':>7}{'peak RSS MB':>13}  each round; requests")
    for key, runs in results.items():
        times = [r.seconds for r in runs]
        peak = max(r.peak_rss_mb for r in runs)
        rounds = " ".join(f"{t:.2f}" for t in times)
        statuses = ", ".join(f"{code}: {n}" for code, n in sorted(runs[-1].statuses.items()))
        print(
            f"{key:<19}{statistics.median(times):>9.2f}{min(times):>7.2f}{peak:>13.1f}"
            f"  {rounds}; {statuses}"
        )
    print()
    target = 0.95 if args.latency > 0 else 1.5  # with no latency, start-up costs dominate
    for mine in ("newsdesk", "ingest-only", "bare python"):
        for which in ("first", "second"):
            ours = [r.seconds for r in results[f"{mine} {which}"]]
            theirs = [r.seconds for r in results[f"newsboat {which}"]]
            median_ratio = statistics.median(ours) / statistics.median(theirs)
            print(
                f"ratio {mine}/newsboat, {which} refresh: median {median_ratio:.2f}, "
                f"best {min(ours) / min(theirs):.2f}  (target <= {target:g})"
            )
    peak_nd = max(
        r.peak_rss_mb for key in results if key.startswith("newsdesk") for r in results[key]
    )
    peak_nb = max(
        r.peak_rss_mb for key in results if key.startswith("newsboat") for r in results[key]
    )
    print(f"peak RSS: newsdesk {peak_nd:.1f} MB (target <= 150), newsboat {peak_nb:.1f} MB")
    print()
    floor = -(-args.feeds // 8) * args.latency
    per_host = -(-args.feeds // args.hosts)  # feeds of the busiest host, 2 at a time
    floor_ours = max(-(-per_host // 2), -(-args.feeds // 32)) * args.latency
    bare = statistics.median(startup_seconds([sys.executable, "-c", "pass"]) for _ in range(5))
    version = statistics.median(
        startup_seconds(newsdesk_command() + ["--version"], with_bytecode(dict(os.environ)))
        for _ in range(5)
    )
    print(
        f"fixed costs: network floor {floor:.2f} s ({args.feeds} requests, 8 at a time), "
        f"{floor_ours:.2f} s (2 per host, 32 at a time); "
        f"python -c pass {bare:.2f} s; newsdesk --version {version:.2f} s"
    )
    print(f"newsdesk says: {results['newsdesk first'][-1].output.splitlines()[-1:]}")
    print(f"newsdesk says (second): {results['newsdesk second'][-1].output.splitlines()[-1:]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
