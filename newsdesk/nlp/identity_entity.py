"""One actor across the store (`ActorEntity`, what the store-wide index holds of it), and a
story's actors as printed under the canonical names of their entities (`canonical_items`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ActorEntity", "canonical_items"]


@dataclass
class ActorEntity:
    """One actor across the store."""

    id: str
    name: str
    kind: str
    forms: dict[str, int] = field(default_factory=dict)  # name as a story gave it -> stories
    aliases: list[str] = field(default_factory=list)  # other names seen, first first
    stories: set[str] = field(default_factory=set)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "forms": self.forms,
            "aliases": self.aliases,
            "stories": sorted(self.stories),
        }

    @property
    def all_names(self) -> list[str]:
        return list(dict.fromkeys([self.name, *self.forms, *self.aliases]))


def canonical_items(
    items: list[dict[str, Any]], entities: Sequence[ActorEntity]
) -> list[dict[str, Any]]:
    """A story's actors as printed (`annotation_json`'s dicts), under their entities' canonical
    names, each with the entity's id (null when the index does not hold the story); two the
    index found to be one actor are printed once, their mentions added."""
    if len(entities) != len(items):
        return [{"id": None, **item} for item in items]
    out: dict[str, dict[str, Any]] = {}
    for item, entity in zip(items, entities, strict=True):
        kept = out.get(entity.id)
        if kept is not None:
            kept["mentions"] = int(kept.get("mentions", 0)) + int(item.get("mentions", 0))
            more = [*item.get("aliases", ()), item["name"]]
            kept["aliases"] = [
                a for a in dict.fromkeys([*kept["aliases"], *more]) if a != entity.name
            ]
            continue
        seen = [*item.get("aliases", ()), item["name"]]
        aliases = [a for a in dict.fromkeys(seen) if a != entity.name]
        out[entity.id] = {"id": entity.id, **item, "name": entity.name, "aliases": aliases}
    return list(out.values())
