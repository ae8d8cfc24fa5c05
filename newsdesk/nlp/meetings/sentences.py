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


# Prepositions putting talks before an act ("reached agreement after five rounds of talks",
# "agreed to sell the unit following a week of talks").
AFTER_PREPS = frozenset({"after", "following"})


def act_after(tok: Token) -> Token | None:
    """The word that talks are put before: for "talks" in "reached agreement after five rounds
    of talks", "reached"; None when the talks hang on no "after" / "following" within reach."""
    node = tok
    for _ in range(4):  # talks -> of -> rounds -> after
        if node.dep_ == "prep" and node.lower_ in AFTER_PREPS:
            return node.head
        if node.dep_ not in ("pobj", "prep") or node.head == node:
            return None
        node = node.head
    return None


__all__ = ["AFTER_PREPS", "act_after", "sentences_before"]
