"""Ranking names for a type-to-filter box: fast enough to run on every keystroke."""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable


def _score(q: str, pattern: re.Pattern[str], low: str) -> int | None:
    at = low.find(q)
    if at == 0 or (at > 0 and not low[at - 1].isalnum()):
        return 0  # a word starts with the query
    if at > 0:
        return 1  # inside a word
    found = pattern.search(low)
    if found is None:
        return None
    return 2 + found.end() - found.start()  # letters in order: tighter is better


class FuzzyMatcher:
    """Ranks (name, count) candidates for a query; a query that extends the previous one only
    looks at the previous matches, so each keystroke gets cheaper."""

    def __init__(self, candidates: Iterable[tuple[str, int]]) -> None:
        self.candidates = [(name.lower(), name, count) for name, count in candidates]
        self._last_query = ""
        self._last_matches = self.candidates

    def rank(self, query: str, limit: int = 200) -> list[tuple[str, int]]:
        q = "".join(query.lower().split())
        if not q:
            self._last_query, self._last_matches = "", self.candidates
            return [(name, count) for _, name, count in self.candidates[:limit]]
        pool = (
            self._last_matches
            if self._last_query and q.startswith(self._last_query)
            else (self.candidates)
        )
        pattern = re.compile(".*?".join(re.escape(ch) for ch in q))
        scored = []
        matches = []
        for item in pool:
            score = _score(q, pattern, item[0])
            if score is not None:
                matches.append(item)
                scored.append((score, -item[2], len(item[1]), item[1]))
        self._last_query, self._last_matches = q, matches
        best = heapq.nsmallest(limit, scored)
        return [(name, -neg) for _, neg, _, name in best]


def fuzzy_rank(
    query: str, candidates: Iterable[tuple[str, int]], limit: int = 200
) -> list[tuple[str, int]]:
    """Candidates (name, count) matching `query`: word starts first, then inner substrings,
    then letters in order; ties by count. An empty query keeps the given order."""
    return FuzzyMatcher(candidates).rank(query, limit)
