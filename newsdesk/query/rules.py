"""Ignore rules (newsboat's kill rules): which stories are never shown, counted or annotated."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from newsdesk.models import IgnoreRule, StoryRow
from newsdesk.query.actor_match import fold, matching_keys

if TYPE_CHECKING:
    from newsdesk.query.filters import FeedCatalog


def _same(a: str, b: str) -> bool:
    return a.casefold().strip() == b.casefold().strip()


class _Compiled:
    def __init__(self, rule: IgnoreRule) -> None:
        self.rule = rule
        self.title = IgnoreRule.compile(rule.title) if rule.title else None
        self.text = IgnoreRule.compile(rule.text) if rule.text else None

    def matches_row(self, row: StoryRow, feeds: FeedCatalog) -> bool:
        """Every part of the rule that the index row can answer matches."""
        rule = self.rule
        if rule.feed and not any(
            name and _same(rule.feed, name)
            for name in (row.feed_url, row.feed_title, feeds.title(row.feed_url))
        ):
            return False
        if rule.tag and not any(_same(rule.tag, t) for t in feeds.tags(row.feed_url)):
            return False
        if self.title and not self.title.search(row.title):
            return False
        if rule.actor:  # the same matching as an actor filter
            names = {fold(name) for name in (*row.actors, *row.actor_aliases)}
            if not matching_keys(rule.actor, names, names):
                return False
        return not (rule.country and not any(_same(rule.country, c) for c in row.countries))


class IgnoreSet:
    """The config's `[[ignore]]` rules, compiled once."""

    def __init__(self, rules: Sequence[IgnoreRule] = ()) -> None:
        self.rules = [_Compiled(rule) for rule in rules]

    def __bool__(self) -> bool:
        return bool(self.rules)

    def hidden(
        self,
        rows: Iterable[StoryRow],
        feeds: FeedCatalog,
        text_of: Callable[[str], str | None] | None = None,
    ) -> set[str]:
        """Ids of the rows some rule matches. A rule on the text needs `text_of` (a story's
        text by id); it is read only for rows that match the rest of that rule."""
        out: set[str] = set()
        if not self.rules:
            return out
        for row in rows:
            for rule in self.rules:
                if not rule.matches_row(row, feeds):
                    continue
                if rule.text is not None:
                    text = text_of(row.id) if text_of else None
                    if text is None or not rule.text.search(text):
                        continue
                out.add(row.id)
                break
        return out
