"""What the meeting rules ask of the story's actors, declared once."""

from __future__ import annotations

from typing import Protocol


class ActorLookup(Protocol):
    """The story's actors as the rules see them (newsdesk.nlp.actors builds them)."""

    def at(self, token_index: int) -> str | None:
        """The canonical actor a token belongs to, if any."""
        ...

    def kind(self, name: str) -> str | None:
        """An actor's kind ("PERSON", "ORG", ...), by canonical name."""
        ...

    def canonical(self, text: str) -> str | None:
        """Any mention, alias or acronym -> the canonical name (None when unknown)."""
        ...

    def holders(self, title: str) -> list[str]:
        """The story's people who hold a title ("prime minister")."""
        ...


__all__ = ["ActorLookup"]
