"""Annotation on any text, and evaluation against hand-made answers."""

from __future__ import annotations

import argparse
import os
import sys
from typing import BinaryIO, TextIO

from newsdesk.cli.opening import (
    CommandError,
    read_config,
)


def cmd_annotate(args: argparse.Namespace) -> int:
    config = read_config(args)
    processes = args.processes or os.cpu_count() or 1
    # Bytes, decoded line by line: a line that is not UTF-8 costs that line, not the rest.
    if args.file == "-":
        stdin = getattr(sys.stdin, "buffer", sys.stdin)  # text only when replaced by a caller
        return _run_annotate(stdin, "standard input", processes, config.nlp_model)
    try:
        infile = open(args.file, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise CommandError(f"{args.file}: cannot read: {exc.strerror or exc}") from None
    with infile:
        return _run_annotate(infile, args.file, processes, config.nlp_model)


def _run_annotate(infile: BinaryIO | TextIO, name: str, processes: int, model: str | None) -> int:
    from newsdesk.nlp.annotate import run_annotate

    status: int = run_annotate(infile, sys.stdout, processes, model, name)
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
        threshold = read_config(args).meeting_min_confidence
    from newsdesk.evaluation import run_eval

    status: int = run_eval(
        args.gold,
        args.verbose,
        sys.stdout,
        texts=args.texts,
        rules=args.rules,
        min_confidence=threshold,
    )
    return status
