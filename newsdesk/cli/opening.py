"""What every command needs: the config, a Desk on the data directory, the seed stories, and
the one way to report a problem."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from newsdesk.config import Config, load_config

if TYPE_CHECKING:
    from newsdesk.desk import Desk


class CommandError(Exception):
    """A problem to report to the user, with the exit status to use."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def fail(message: str, status: int) -> int:
    print(f"newsdesk: {message}", file=sys.stderr)
    return status


def read_config(args: argparse.Namespace) -> Config:
    config = load_config(args.config, args.data_dir)
    if config.regions:  # each member must be a country or an M49 region: the table is in nlp
        from newsdesk.query import resolve_regions

        resolve_regions(config.regions, config.path)
    return config


def open_desk(config: Config, args: argparse.Namespace, *, write: bool) -> Desk:
    """A Desk on the data dir; read-only unless `write` (and --read-only was not given)."""
    from newsdesk.desk import Desk

    if write and args.read_only:
        raise CommandError("--read-only was given, but this command must write")
    desk = Desk(config, read_only=not write)
    for message in desk.store.messages:
        print(f"newsdesk: {message}", file=sys.stderr)
    desk.store.on_message = warn  # problems found later (a damaged shard read on demand)
    return desk


def warn(message: str) -> None:
    print(f"newsdesk: {message}", file=sys.stderr)


def seed_if_empty(config: Config, args: argparse.Namespace, desk: Desk) -> Desk:
    """With no feeds configured and nothing stored, store and annotate the seed stories."""
    if config.feeds or args.read_only or desk.store.rows(limit=1):
        return desk
    desk.close()
    desk = open_desk(config, args, write=True)
    if desk.ensure_seeded():
        print("newsdesk: no feeds configured; stored the bundled seed stories", file=sys.stderr)
        if config.annotate:
            annotate_stories(desk, None)
    return desk


def annotate_stories(desk: Desk, ids: list[str] | None) -> int:
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
