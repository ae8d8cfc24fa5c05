"""Word lists for actors and meetings, written as plain strings."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string."""
    return frozenset(text.split())
