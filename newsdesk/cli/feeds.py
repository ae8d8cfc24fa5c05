"""Fetching and the feed list: refresh, feeds, OPML import and export."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from newsdesk.cli.opening import (
    CommandError,
    annotate_stories,
    open_desk,
    read_config,
)
from newsdesk.output import json_text, progress_bar


def cmd_refresh(args: argparse.Namespace) -> int:
    import asyncio

    config = read_config(args)
    with open_desk(config, args, write=True) as desk:
        new_ids: list[str] = []
        bar = progress_bar(sys.stderr) if sys.stderr.isatty() and not args.json else None
        report = asyncio.run(
            desk.refresh(
                fulltext=False if args.no_fulltext else None,
                annotate=False,
                on_progress=bar,
                on_stories=new_ids.extend,
            )
        )
        if bar is not None:
            sys.stderr.write("\r\x1b[K")
        if new_ids and config.annotate and not args.no_annotate:
            report.annotated = annotate_stories(desk, new_ids)
        if args.json:
            from newsdesk.models import to_dict

            data = {
                "ok": [to_dict(s) for s in report.ok],
                "failed": [to_dict(s) for s in report.failed],
                "new_stories": report.new_stories,
                "annotated": report.annotated,
                "seconds": round(report.seconds, 3),
            }
            print(json_text(data, indent=2))
            return 0
        from newsdesk.text import clean_line

        print(
            f"{len(report.ok) + len(report.failed)} feeds: {len(report.ok)} ok, "
            f"{len(report.failed)} failed; {report.new_stories} new stories, "
            f"{report.annotated} annotated; {report.seconds:.1f} s"
        )
        for state in report.failed:
            print(f"  failed  {clean_line(state.url)}: {clean_line(state.error or '')}")
    return 0


def cmd_feeds(args: argparse.Namespace) -> int:
    from newsdesk.models import FeedState, to_dict
    from newsdesk.text import clean_line

    config = read_config(args)
    with open_desk(config, args, write=False) as desk:
        states = desk.store.feed_states()
        for spec in desk.feed_specs():
            state = states.get(spec.url)
            title = spec.title or (state.title if state else None)
            if args.json:
                data: dict[str, Any] = {**to_dict(spec), "title": title}
                # a feed never fetched: every field of its state is null
                fetched = to_dict(state) if state else dict.fromkeys(to_dict(FeedState(spec.url)))
                data.update((k, v) for k, v in fetched.items() if k not in data)
                print(json_text(data))
                continue
            if state is None or state.last_checked is None:
                status = "never fetched"
            elif state.error:
                status = f"FAILED: {state.error}"
            else:
                http = f"HTTP {state.status}, " if state.status else ""
                status = f"ok ({http}{state.entries} entries, checked {state.last_checked})"
            print(
                f"{clean_line(title or spec.url)}\n  {clean_line(spec.url)}\n  {clean_line(status)}"
            )
    return 0


def cmd_import_opml(args: argparse.Namespace) -> int:
    from newsdesk.config import config_path, data_dir_path
    from newsdesk.config.feedlists import FeedListError, import_feed_list

    target = config_path(args.config)
    try:
        found, added = import_feed_list(args.file, target, data_dir_path(args.data_dir))
    except FeedListError as exc:
        raise CommandError(str(exc)) from None
    for reason in found.skipped:
        print(f"newsdesk: skipped {reason}", file=sys.stderr)
    for note in found.notes:
        print(f"newsdesk: {args.file}: {note}", file=sys.stderr)
    print(f"added {added} feeds to {target} ({len(found.feeds) - added} already there)")
    return 0


def cmd_export_opml(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from newsdesk.config.feedlists import export_opml

    config = read_config(args)
    feeds = list(config.feeds)
    if not feeds:
        print("newsdesk: no feeds configured", file=sys.stderr)
    elif any(spec.title is None for spec in feeds):
        try:
            with open_desk(config, args, write=False) as desk:
                states = desk.store.feed_states()
        except Exception:  # titles from the store are a nicety; the feeds matter
            states = {}
        feeds = [
            replace(spec, title=spec.title or getattr(states.get(spec.url), "title", None))
            for spec in feeds
        ]
    sys.stdout.write(export_opml(feeds))
    return 0
