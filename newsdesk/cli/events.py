"""Events: the copies of one story across feeds, and its follow-ups, grouped."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from newsdesk.cli.opening import open_desk, read_config, seed_if_empty
from newsdesk.output import json_text

if TYPE_CHECKING:
    from newsdesk.query.events import Event


def cmd_events(args: argparse.Namespace) -> int:
    from newsdesk.query import filter_state
    from newsdesk.query.stored import stored_index

    config = read_config(args)
    desk = seed_if_empty(config, args, open_desk(config, args, write=False))
    with desk:
        index = stored_index(desk.store, config)
        rows = index.select(filter_state(actor=args.actor, region=args.region))
        events = index.events.events(rows)
        if args.limit is not None:
            events = events[: args.limit]
        if args.json:
            for event in events:
                print(json_text(event.as_json()))
            return 0
        if not events:
            filtered = args.actor is not None or args.region is not None
            print("no events match" if filtered else "no stories stored yet: run `refresh`")
        for event in events:
            for line in _event_lines(event):
                print(line)
    return 0


def _event_lines(event: Event) -> list[str]:
    """An event for the terminal: its first line, its meetings, then one line per source."""
    from newsdesk.output import clip
    from newsdesk.text import clean_line

    first = event.earliest
    when = (first.published or first.fetched or "")[:10] or " " * 10
    title = clean_line(event.rows[0].title)
    lines = [f"{event.id[:8]}  {when}  ⧉ {len(event.rows):<3} {title}"]
    for meeting in event.meetings:
        where = " / ".join(clean_line(p) for p in meeting.places or meeting.countries)
        names = " — ".join(clean_line(p) for p in meeting.participants)
        details = "  ".join(d for d in (where, " / ".join(meeting.dates)) if d)
        lines.append(f"          ⇄ {names}  {details}".rstrip())
    for row in event.rows:
        source = clip(clean_line(row.feed_title or row.feed_url), 18)
        stamp = (row.published or row.fetched or "")[:16].replace("T", " ")
        link = clean_line(row.link or "")
        lines.append(f"          {row.id[:8]}  {stamp:<16}  {source:<18}  {link}")
    return lines
