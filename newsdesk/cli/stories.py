"""Reading what is stored: the reader, story lists and bookmarks."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from newsdesk.cli.opening import (
    CommandError,
    open_desk,
    read_config,
    seed_if_empty,
    warn,
)
from newsdesk.output import json_text, print_rows, story_json

if TYPE_CHECKING:
    from newsdesk.desk import Desk


def cmd_tui(args: argparse.Namespace) -> int:
    from importlib.util import find_spec

    from newsdesk.desk import Desk
    from newsdesk.store import StoreLocked

    config = read_config(args)
    try:
        desk = Desk(config, read_only=args.read_only)
    except StoreLocked as exc:
        desk = Desk(config, read_only=True)
        desk.store.messages.append(f"{exc}; opened read-only: nothing will be saved")
    with desk:
        terminal = sys.stdin.isatty() and sys.stdout.isatty()
        if terminal and find_spec("newsdesk.ui.app") is not None:
            from newsdesk.ui.app import run_tui

            return run_tui(desk)  # it shows desk.store.messages, seeds and annotates itself
        for message in desk.store.messages:
            print(f"newsdesk: {message}", file=sys.stderr)
        desk.store.on_message = warn  # the story index is read below: what it finds, too
        if not desk.store.read_only:
            desk.ensure_seeded()
        print_rows(desk.store.rows(limit=50), sys.stdout)
        return 0


def cmd_stories(args: argparse.Namespace) -> int:
    from newsdesk.models import ViewSpec
    from newsdesk.query import StoryIndex, view_state
    from newsdesk.query.stored import UnknownView, named_view_state, stored_index

    config = read_config(args)
    desk = seed_if_empty(config, args, open_desk(config, args, write=False))
    with desk:
        # the options are a view of their own, narrowing the named view when one is given
        options = ViewSpec(
            "the command line",
            actor=args.actor,
            region=args.region,
            country=args.country,
            feed=args.feed,
            tag=args.tag,
            query=args.search,
            unread=args.unread,
        )
        state = view_state(options, desk.store.search)
        state.bookmarks_only = args.bookmarked
        if args.view is not None:
            try:
                state = named_view_state(desk.store, config, args.view).narrowed_by(state)
            except UnknownView as exc:
                raise CommandError(str(exc)) from None
        catalog = desk.actor_catalog()
        index = stored_index(desk.store, config, actors=catalog)
        if args.ignored:
            index = StoryIndex(index.ignored, feeds=index.feeds, actors=catalog)
        rows = index.select(state)
        if args.limit is not None:
            rows = rows[: args.limit]
        if args.json:
            events = index.events
            for row in rows:
                data = story_json(desk.store, row, catalog)
                data["event"] = events.event_of(row.id)
                print(json_text(data))
        else:
            print_rows(rows, sys.stdout, filtered=state.active or args.ignored)
    return 0


def cmd_bookmarks(args: argparse.Namespace) -> int:
    from newsdesk.output import bookmarks_json, bookmarks_markdown
    from newsdesk.text import clean_line

    config = read_config(args)
    write = args.action in ("add", "remove")
    with open_desk(config, args, write=write) as desk:
        store = desk.store
        if args.action == "add":
            story_id = _resolve_id(desk, args.id, bookmarks=False)
            row = store.row(story_id)
            added = store.add_bookmark(story_id)
            title = clean_line(row.title) if row else story_id
            print(f"{'bookmarked' if added else 'already bookmarked'}: {story_id}  {title}")
        elif args.action == "remove":
            story_id = _resolve_id(desk, args.id, bookmarks=True)
            if not store.remove_bookmark(story_id):
                raise CommandError(f"story {story_id} is not bookmarked")
            print(f"removed bookmark: {story_id}")
        elif args.action == "list":
            if not store.bookmarks():
                print("no bookmarks yet: `newsdesk bookmarks add ID`")
            for story, _, added_at in store.bookmarks():
                print(f"{story.id[:8]}  {added_at[:10]}  {clean_line(story.title)}")
        else:
            items = store.bookmarks()
            if args.format == "json":
                sys.stdout.write(bookmarks_json(items, desk.actor_catalog()))
            else:
                sys.stdout.write(bookmarks_markdown(items))
    return 0


def _resolve_id(desk: Desk, given: str, *, bookmarks: bool) -> str:
    """A full story id from an id or a unique prefix of one."""
    given = given.strip().lower()
    if not given:
        raise CommandError("an empty story id")
    ids = {story.id for story, _, _ in desk.store.bookmarks()} if bookmarks else set()
    if given in ids or (not bookmarks and desk.store.row(given) is not None):
        return given
    if not bookmarks:
        ids = {row.id for row in desk.store.rows()}
    found = sorted(i for i in ids if i.startswith(given))
    if not found:
        what = "bookmarked story" if bookmarks else "story"
        raise CommandError(f"no {what} with id {given!r} (see `newsdesk stories`)")
    if len(found) > 1:
        raise CommandError(f"id {given!r} is ambiguous: {', '.join(found[:5])}")
    return found[0]
