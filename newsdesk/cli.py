"""The `newsdesk` command: the reader (no subcommand) and headless subcommands.

Start-up time matters (`newsdesk stories` is run from scripts), so each subcommand imports only
what it needs: spaCy, Textual and trafilatura are loaded only by the commands that use them.

Exit status: 0 done; 1 a problem with the input or the data directory (message on stderr);
2 an invalid config file or command line; 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from newsdesk import __version__
from newsdesk.config import Config, ConfigError, load_config
from newsdesk.output import print_rows, progress_bar, story_json

if TYPE_CHECKING:
    from newsdesk.desk import Desk
    from newsdesk.models import StoryRow


class CommandError(Exception):
    """A problem to report to the user, with the exit status to use."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsdesk",
        description="A terminal news reader that knows who met whom, where and when. "
        "Without a command, opens the reader.",
    )
    parser.add_argument("--version", action="version", version=f"newsdesk {__version__}")
    _global_options(parser, argparse.SUPPRESS)
    parser.set_defaults(config=None, data_dir=None, read_only=False)
    common = argparse.ArgumentParser(add_help=False)  # the same options after the command
    _global_options(common, argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(group: Any, name: str, text: str) -> argparse.ArgumentParser:
        command: argparse.ArgumentParser = group.add_parser(name, parents=[common], help=text)
        return command

    p = add(sub, "refresh", "fetch every feed, store and annotate new stories")
    p.add_argument("--no-fulltext", action="store_true", help="do not download story pages")
    p.add_argument("--no-annotate", action="store_true", help="do not annotate new stories")
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    p = add(sub, "feeds", "list the feeds with their last status")
    p.add_argument("--json", action="store_true", help="JSON Lines output")

    p = add(sub, "stories", "list stored stories, newest first")
    p.add_argument("--limit", type=_positive, metavar="N", help="at most N stories")
    p.add_argument("--json", action="store_true", help="JSON Lines output")
    p.add_argument("--actor", metavar="NAME", help="only stories naming this actor (or alias)")
    p.add_argument("--region", metavar="NAME", help="only stories about this region/sub-region")
    p.add_argument("--country", metavar="NAME", help="only stories about this country")
    p.add_argument("--unread", action="store_true", help="only unread stories")
    p.add_argument("--bookmarked", action="store_true", help="only bookmarked stories")

    p = add(sub, "bookmarks", "add, remove, list or export bookmarks")
    bsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add(bsub, "add", "bookmark a story").add_argument("id", metavar="ID")
    add(bsub, "remove", "remove a bookmark").add_argument("id", metavar="ID")
    add(bsub, "list", "list bookmarks")
    e = add(bsub, "export", "print every bookmarked story")
    e.add_argument("--format", choices=("json", "markdown"), default="json")

    p = add(sub, "import-opml", "add the feeds of an OPML or newsboat urls file")
    p.add_argument("file", type=Path, metavar="FILE")

    add(sub, "export-opml", "print the configured feeds as OPML 2.0")

    p = add(sub, "annotate", "annotate JSON Lines stories (id, text, title, published)")
    p.add_argument("file", nargs="?", default="-", metavar="FILE|-")
    p.add_argument(
        "--processes", type=_count, default=1, metavar="N", help="worker processes (0: all cores)"
    )

    p = add(sub, "eval", "score meeting extraction against a gold JSON Lines file")
    p.add_argument("gold", type=Path, metavar="GOLD.jsonl")
    p.add_argument("--verbose", action="store_true", help="list every miss and false alarm")
    p.add_argument("--texts", type=Path, metavar="CORPUS.jsonl", help="stories looked up by id")
    p.add_argument("--rules", action="store_true", help="how often each rule fired, and how well")
    p.add_argument(
        "--min-confidence", type=float, metavar="X", help="score meetings at or above X (0..1)"
    )
    return parser


def _global_options(parser: argparse.ArgumentParser, default: Any) -> None:
    parser.add_argument(
        "--config", type=Path, metavar="FILE", default=default, help="config file to use"
    )
    parser.add_argument(
        "--data-dir", type=Path, metavar="DIR", default=default, help="where stories are kept"
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        default=default,
        help="open the data directory without writing to it",
    )


def _positive(text: str) -> int:
    value = _count(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, not {text!r}")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be an integer, not {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, not {text!r}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version or a usage error (already printed)
        return exc.code if isinstance(exc.code, int) else 2
    commands: dict[str | None, Callable[[argparse.Namespace], int]] = {
        None: cmd_tui,
        "refresh": cmd_refresh,
        "feeds": cmd_feeds,
        "stories": cmd_stories,
        "bookmarks": cmd_bookmarks,
        "import-opml": cmd_import_opml,
        "export-opml": cmd_export_opml,
        "annotate": cmd_annotate,
        "eval": cmd_eval,
    }
    try:
        return commands[args.command](args)
    except ConfigError as exc:
        return _fail(str(exc), 2)
    except CommandError as exc:
        return _fail(str(exc), exc.status)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:  # `newsdesk stories | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:
        from newsdesk.store import StoreError, StoreLocked

        if isinstance(exc, StoreLocked | StoreError):
            return _fail(str(exc), 1)
        raise


def _fail(message: str, status: int) -> int:
    print(f"newsdesk: {message}", file=sys.stderr)
    return status


# --- opening things -------------------------------------------------------------------------


def _config(args: argparse.Namespace) -> Config:
    return load_config(args.config, args.data_dir)


def _open(config: Config, args: argparse.Namespace, *, write: bool) -> Desk:
    """A Desk on the data dir; read-only unless `write` (and --read-only was not given)."""
    from newsdesk.desk import Desk

    if write and args.read_only:
        raise CommandError("--read-only was given, but this command must write")
    desk = Desk(config, read_only=not write)
    for message in desk.store.messages:
        print(f"newsdesk: {message}", file=sys.stderr)
    return desk


def _seed_if_empty(config: Config, args: argparse.Namespace, desk: Desk) -> Desk:
    """With no feeds configured and nothing stored, store and annotate the seed stories."""
    if config.feeds or args.read_only or desk.store.rows(limit=1):
        return desk
    desk.close()
    desk = _open(config, args, write=True)
    if desk.ensure_seeded():
        print("newsdesk: no feeds configured; stored the bundled seed stories", file=sys.stderr)
        if config.annotate:
            _annotate(desk, None)
    return desk


def _annotate(desk: Desk, ids: list[str] | None) -> int:
    """Annotate stories, showing progress on a terminal; a missing model is a warning."""
    from newsdesk.nlp.pipeline import ModelMissing

    total = len(ids) if ids is not None else None
    done = 0

    def show(_: str) -> None:
        nonlocal done
        done += 1
        if sys.stderr.isatty():
            of = f"/{total}" if total else ""
            sys.stderr.write(f"\rannotating {done}{of} stories")
            sys.stderr.flush()

    try:
        count = desk.annotate_pending(ids, on_annotated=show)
    except ModelMissing as exc:
        print(f"newsdesk: stories not annotated: {exc}", file=sys.stderr)
        return 0
    finally:
        if done and sys.stderr.isatty():
            sys.stderr.write("\r\x1b[K")
    return count


# --- the reader -----------------------------------------------------------------------------


def cmd_tui(args: argparse.Namespace) -> int:
    from importlib.util import find_spec

    from newsdesk.desk import Desk
    from newsdesk.store import StoreLocked

    config = _config(args)
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
        if not desk.store.read_only:
            desk.ensure_seeded()
        print_rows(desk.store.rows(limit=50), sys.stdout)
        return 0


# --- refresh and feeds ----------------------------------------------------------------------


def cmd_refresh(args: argparse.Namespace) -> int:
    import asyncio

    config = _config(args)
    with _open(config, args, write=True) as desk:
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
            report.annotated = _annotate(desk, new_ids)
        if args.json:
            from newsdesk.models import to_dict

            data = {
                "ok": [to_dict(s) for s in report.ok],
                "failed": [to_dict(s) for s in report.failed],
                "new_stories": report.new_stories,
                "annotated": report.annotated,
                "seconds": round(report.seconds, 3),
            }
            print(json.dumps(data, ensure_ascii=False, indent=2))
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
    from newsdesk.text import clean_line

    config = _config(args)
    with _open(config, args, write=False) as desk:
        states = desk.store.feed_states()
        for spec in desk.feed_specs():
            state = states.get(spec.url)
            title = spec.title or (state.title if state else None)
            if args.json:
                data: dict[str, Any] = {"url": spec.url, "title": title, "tags": list(spec.tags)}
                for key in ("status", "error", "last_checked", "last_ok", "entries", "bozo"):
                    data[key] = getattr(state, key) if state else None
                print(json.dumps(data, ensure_ascii=False))
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


# --- stories ---------------------------------------------------------------------------------


def cmd_stories(args: argparse.Namespace) -> int:
    config = _config(args)
    desk = _seed_if_empty(config, args, _open(config, args, write=False))
    with desk:
        filtered = args.actor or args.region or args.country or args.unread or args.bookmarked
        rows = desk.store.rows(limit=None if filtered else args.limit)
        if filtered:
            rows = [row for row in rows if _matches(row, args)]
            if args.limit is not None:
                rows = rows[: args.limit]
        if args.json:
            for row in rows:
                print(json.dumps(story_json(desk.store, row), ensure_ascii=False))
        else:
            print_rows(rows, sys.stdout, filtered=bool(filtered))
    return 0


def _matches(row: StoryRow, args: argparse.Namespace) -> bool:
    def has(name: str | None, values: Sequence[str]) -> bool:
        if name is None:
            return True
        wanted = name.casefold().strip()
        return any(value.casefold() == wanted for value in values)

    return (
        has(args.actor, row.actors + row.actor_aliases)
        and has(args.region, row.regions + row.subregions)
        and has(args.country, row.countries)
        and not (args.unread and row.read)
        and not (args.bookmarked and not row.bookmarked)
    )


# --- bookmarks -------------------------------------------------------------------------------


def cmd_bookmarks(args: argparse.Namespace) -> int:
    from newsdesk.output import bookmarks_json, bookmarks_markdown
    from newsdesk.text import clean_line

    config = _config(args)
    write = args.action in ("add", "remove")
    with _open(config, args, write=write) as desk:
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
                sys.stdout.write(bookmarks_json(items))
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


# --- feed lists ------------------------------------------------------------------------------


def cmd_import_opml(args: argparse.Namespace) -> int:
    from newsdesk.config import config_path, data_dir_path
    from newsdesk.ingest.opml import FeedListError, import_feed_list

    target = config_path(args.config)
    try:
        found, added = import_feed_list(args.file, target, data_dir_path(args.data_dir))
    except FeedListError as exc:
        raise CommandError(str(exc)) from None
    for reason in found.skipped:
        print(f"newsdesk: skipped {reason}", file=sys.stderr)
    print(f"added {added} feeds to {target} ({len(found.feeds) - added} already there)")
    return 0


def cmd_export_opml(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from newsdesk.ingest.opml import export_opml

    config = _config(args)
    feeds = list(config.feeds)
    if not feeds:
        print("newsdesk: no feeds configured", file=sys.stderr)
    elif any(spec.title is None for spec in feeds):
        try:
            with _open(config, args, write=False) as desk:
                states = desk.store.feed_states()
        except Exception:  # titles from the store are a nicety; the feeds matter
            states = {}
        feeds = [
            replace(spec, title=spec.title or getattr(states.get(spec.url), "title", None))
            for spec in feeds
        ]
    sys.stdout.write(export_opml(feeds))
    return 0


# --- annotation and evaluation ---------------------------------------------------------------


def cmd_annotate(args: argparse.Namespace) -> int:
    config = _config(args)
    processes = args.processes or os.cpu_count() or 1
    if args.file == "-":
        return _run_annotate(sys.stdin, processes, config.nlp_model)
    try:
        infile = open(args.file, encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise CommandError(f"{args.file}: cannot read: {exc.strerror or exc}") from None
    with infile:
        return _run_annotate(infile, processes, config.nlp_model)


def _run_annotate(infile: TextIO, processes: int, model: str | None) -> int:
    from newsdesk.nlp.annotate import run_annotate

    status: int = run_annotate(infile, sys.stdout, processes, model)
    return status


def cmd_eval(args: argparse.Namespace) -> int:
    if not args.gold.is_file():
        raise CommandError(f"{args.gold}: no such file")
    if args.texts is not None and not args.texts.is_file():
        raise CommandError(f"{args.texts}: no such file")
    threshold = args.min_confidence
    if threshold is not None and not 0 <= threshold <= 1:
        raise CommandError(f"--min-confidence: must be a number from 0 to 1, not {threshold}")
    if threshold is None:
        threshold = _config(args).meeting_min_confidence
    from newsdesk.nlp.evaluate import run_eval

    status: int = run_eval(
        args.gold,
        args.verbose,
        sys.stdout,
        texts=args.texts,
        rules=args.rules,
        min_confidence=threshold,
    )
    return status


if __name__ == "__main__":
    raise SystemExit(main())
