"""The `newsdesk` command: the reader (no subcommand) and headless subcommands.

Start-up time matters (`newsdesk stories` is run from scripts), so each subcommand imports only
what it needs: spaCy, Textual and trafilatura are loaded only by the commands that use them.

Exit status: 0 done; 1 a problem with the input or the data directory (message on stderr);
2 an invalid config file or command line; 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from newsdesk.cli.actors import cmd_actors
from newsdesk.cli.events import cmd_events
from newsdesk.cli.feeds import cmd_export_opml, cmd_feeds, cmd_import_opml, cmd_refresh
from newsdesk.cli.nlp import cmd_annotate, cmd_eval
from newsdesk.cli.opening import CommandError, fail
from newsdesk.cli.stories import cmd_bookmarks, cmd_stories, cmd_tui
from newsdesk.config import ConfigError


class _Version(argparse.Action):
    """--version, reading the package metadata only when asked (it costs every command)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        from newsdesk import __version__

        print(f"newsdesk {__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsdesk",
        description="A terminal news reader that knows who met whom, where and when. "
        "Without a command, opens the reader.",
    )
    parser.add_argument("--version", action=_Version, help="show the version and exit")
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
    p.add_argument("--feed", metavar="URL_OR_TITLE", help="only stories of this feed")
    p.add_argument("--tag", metavar="TAG", help="only stories of feeds with this tag")
    p.add_argument("--search", metavar="WORDS", help="only stories holding every word")
    p.add_argument("--view", metavar="NAME", help="the filters of a [[views]] entry, plus these")
    p.add_argument(
        "--ignored", action="store_true", help="the stories the [[ignore]] rules hide, instead"
    )

    p = add(sub, "actors", "list the actors of the stored stories, most stories first")
    p.add_argument("--json", action="store_true", help="JSON Lines output")
    p.add_argument("--match", metavar="TEXT", help="only actors matching TEXT (name, alias, word)")
    p.add_argument("--limit", type=_positive, metavar="N", help="at most N actors")

    p = add(sub, "events", "list events: the copies of one story and its follow-ups, grouped")
    p.add_argument("--limit", type=_positive, metavar="N", help="at most N events")
    p.add_argument("--json", action="store_true", help="JSON Lines output")
    p.add_argument("--actor", metavar="NAME", help="only events naming this actor (or alias)")
    p.add_argument("--region", metavar="NAME", help="only events about this region/sub-region")

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
        "--processes",
        type=_processes,
        default=1,
        metavar="N",
        help=f"worker processes, at most {MAX_PROCESSES} (0: all cores)",
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


MAX_PROCESSES = 256  # as for [nlp] processes in the config file


def _processes(text: str) -> int:
    value = _count(text)
    if value > MAX_PROCESSES:
        raise argparse.ArgumentTypeError(f"must be at most {MAX_PROCESSES}, not {text!r}")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be an integer, not {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, not {text!r}")
    return value


# Commands that, run as the program, end without tearing the interpreter down (see
# `_leave_now`): they start no processes and hold nothing open once they return.
QUICK_EXIT = frozenset(
    ("refresh", "feeds", "stories", "actors", "events", "bookmarks", "import-opml", "export-opml")
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command of `argv` (the program's arguments when None) and give its exit status.

    Run as the program (`argv` None), a headless command that returned ends the process at
    once (see `_leave_now`); called with arguments (tests, other Python code), it returns.
    """
    status, command = _main(argv)
    # (a command that started worker processes ends the usual way: multiprocessing's own
    # clean-up, such as removing its temporary folder, runs only then)
    if argv is None and command in QUICK_EXIT and "multiprocessing" not in sys.modules:
        _leave_now(status)
    return status


def _leave_now(status: int) -> NoReturn:
    """Flush the output and end the process without the interpreter's teardown.

    Tearing down the some 400 modules a refresh imports (and the objects they hold) takes
    about 40 ms, a sixth of a reload where every feed answers 304, and saves nothing: by now
    the store is closed (every file written, fsynced and its lock released), no worker
    process was started, and no thread is left with work. Only buffered output and log
    handlers remain, and they are flushed here.
    """
    for stream in (sys.stdout, sys.stderr):
        # a closed pipe (`newsdesk stories | head`) has nothing left to keep
        with contextlib.suppress(Exception):
            stream.flush()
    if "logging" in sys.modules:
        sys.modules["logging"].shutdown()
    os._exit(status)


def _main(argv: Sequence[str] | None) -> tuple[int, str | None]:
    """The exit status, and the command run (None: the reader, or no command at all)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version or a usage error (already printed)
        return (exc.code if isinstance(exc.code, int) else 2), None
    return _run(args), args.command


def _run(args: argparse.Namespace) -> int:
    commands: dict[str | None, Callable[[argparse.Namespace], int]] = {
        None: cmd_tui,
        "refresh": cmd_refresh,
        "feeds": cmd_feeds,
        "stories": cmd_stories,
        "actors": cmd_actors,
        "events": cmd_events,
        "bookmarks": cmd_bookmarks,
        "import-opml": cmd_import_opml,
        "export-opml": cmd_export_opml,
        "annotate": cmd_annotate,
        "eval": cmd_eval,
    }
    try:
        return commands[args.command](args)
    except ConfigError as exc:
        return fail(str(exc), 2)
    except CommandError as exc:
        return fail(str(exc), exc.status)
    except KeyboardInterrupt:
        return fail("interrupted", 130)
    except BrokenPipeError:  # `newsdesk stories | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:
        from newsdesk.store import StoreError, StoreLocked

        if isinstance(exc, StoreLocked | StoreError):
            return fail(str(exc), 1)
        raise


__all__ = ["CommandError", "build_parser", "main"]


if __name__ == "__main__":
    raise SystemExit(main())
