"""What the store-wide actor index adds to a refresh of 1,000 stories.

    python benchmarks/actor_index_cost.py [--corpus ../shared/corpus/reuters-2000.jsonl]
        [--farm ../shared/tools/feedfarm.py]

Refreshes 1,000 stories from a local feed farm through the whole pipeline (fetch, extract,
annotate, store, index), then replays the index's part on the same annotations, as a refresh
does it: every story added to a fresh index, and the index written as often as a refresh of
that length writes it (every ACTORS_SAVE_SECONDS, and at the end). Prints both times and their
ratio.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from actor_identity import farm_refresh  # noqa: E402

FEEDS = 20  # feeds of 50 items (the farm's layout in actor_identity.farm_refresh)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = HERE.parent.parent / "shared"
    ap.add_argument("--corpus", type=Path, default=shared / "corpus/reuters-2000.jsonl")
    ap.add_argument("--farm", type=Path, default=shared / "tools/feedfarm.py")
    args = ap.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="actor-index-cost-data-"))
    seconds = farm_refresh(args.farm, args.corpus, data_dir, FEEDS)

    from newsdesk.desk_actors import ACTORS_SAVE_SECONDS
    from newsdesk.nlp.identity import ActorRegistry
    from newsdesk.store import Store

    with Store(data_dir, read_only=True) as store:
        rows = [row for row in store.rows() if row.annotated]
        annotations = [(row.id, store.annotation(row.id)) for row in rows]
    saves = 1 + int(seconds // ACTORS_SAVE_SECONDS)
    out = Path(tempfile.mkdtemp(prefix="actor-index-cost-save-"))
    started = time.perf_counter()
    registry = ActorRegistry()
    with Store(out) as scratch:
        for n, (story_id, annotation) in enumerate(annotations):
            if annotation is not None:
                registry.add_story(story_id, annotation.actors)
            if saves > 1 and n % max(len(annotations) // saves, 1) == 0 and n:
                scratch.save_actor_index(registry.to_json())
        scratch.save_actor_index(registry.to_json())
    upkeep = time.perf_counter() - started
    print(f"refresh of {len(rows)} annotated stories: {seconds:.1f} s")
    print(f"actor index upkeep (add {len(annotations)} stories, {saves} writes): {upkeep:.2f} s")
    print(f"upkeep / refresh: {upkeep / seconds:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
