"""The sentences before a token's own, nearest first: what "the team", "the company", "the two
ministers" or a "round" look back through to find what they refer to."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token


def sentences_before(tok: Token, count: int) -> Iterator[Span]:
    """Up to `count` sentences before the one that holds `tok`, nearest first; fewer when the
    story begins sooner."""
    doc, sent = tok.doc, tok.sent
    for _ in range(count):
        if sent.start == 0:
            return
        sent = doc[sent.start - 1].sent
        yield sent


__all__ = ["sentences_before"]
