"""The store-wide actor index: `newsdesk actors`."""

from __future__ import annotations

import argparse
import sys

from newsdesk.cli.opening import open_desk, read_config, seed_if_empty
from newsdesk.output import json_text
from newsdesk.text import clean_line


def cmd_actors(args: argparse.Namespace) -> int:
    """Each actor of the index: name, kind, aliases and number of stories, most stories first;
    `--match` ranks as the reader's actor box does (exact, alias, word start, inside)."""
    from newsdesk.query import ActorRanker

    config = read_config(args)
    desk = seed_if_empty(config, args, open_desk(config, args, write=False))
    with desk:
        registry = desk.actor_registry()
        entities = sorted(
            registry.entities.values(), key=lambda e: (-len(e.stories), e.name.casefold())
        )
        entities = [e for e in entities if e.stories]
        by_name = {e.name: e for e in entities}
        if args.match is not None:
            ranker = ActorRanker(
                [(e.name, len(e.stories)) for e in entities],
                {e.name: tuple(e.aliases) for e in entities},
            )
            entities = [by_name[name] for name, _ in ranker.rank(args.match, len(entities))]
        if args.limit is not None:
            entities = entities[: args.limit]
        if not entities:
            what = "no actor matches" if args.match else "no actors yet: run `newsdesk refresh`"
            print(what, file=sys.stdout if not args.json else sys.stderr)
            return 0
        for e in entities:
            if args.json:
                record = {
                    "id": e.id,
                    "name": e.name,
                    "kind": e.kind,
                    "aliases": e.aliases,
                    "stories": len(e.stories),
                }
                print(json_text(record))
            else:
                aliases = ", ".join(clean_line(a) for a in e.aliases[:6])
                more = f" (+{len(e.aliases) - 6})" if len(e.aliases) > 6 else ""
                line = f"{len(e.stories):5}  {e.kind:<15}  {clean_line(e.name)}"
                print(line + (f"  [{aliases}{more}]" if aliases else ""))
    return 0
