"""The store-wide actor index applied to what the reader shows: a story's actors, meetings and
highlighted names under their canonical names and kinds (no Textual here)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from newsdesk.models import Actor, Annotation, Entity, StoryRow
from newsdesk.query import ActorCatalog
from newsdesk.ui.render import KIND_LABELS


def canonical_names(story_id: str, annotation: Annotation, catalog: ActorCatalog) -> dict[str, str]:
    """A story's own actor names -> their canonical names (only those the index renames)."""
    registry = catalog.registry
    entities = registry.story_entities(story_id) if registry is not None else []
    if len(entities) != len(annotation.actors):
        return {}
    return {
        a.name: e.name for a, e in zip(annotation.actors, entities, strict=True) if a.name != e.name
    }


def canonical_annotation(
    story_id: str, annotation: Annotation, catalog: ActorCatalog
) -> Annotation:
    """The annotation with its actors and meeting participants under canonical names."""
    names = canonical_names(story_id, annotation, catalog)
    if not names:
        return annotation
    actors: dict[str, Actor] = {}
    for a in annotation.actors:
        name = names.get(a.name, a.name)
        aliases = tuple(dict.fromkeys(x for x in (*a.aliases, a.name) if x != name))
        kept = actors.get(name)
        if kept is None:
            actors[name] = replace(a, name=name, aliases=aliases)
        else:
            merged = tuple(dict.fromkeys((*kept.aliases, *aliases)))
            actors[name] = replace(kept, aliases=merged, mentions=kept.mentions + a.mentions)
    meetings = tuple(
        replace(m, participants=tuple(names.get(p, p) for p in m.participants))
        for m in annotation.meetings
    )
    return replace(annotation, actors=tuple(actors.values()), meetings=meetings)


def canonical_reader(
    annotation_of: Callable[[str], Annotation | None], catalog: ActorCatalog
) -> Callable[[str], Annotation | None]:
    """`annotation_of` giving canonical names (for the actor timeline)."""

    def read(story_id: str) -> Annotation | None:
        annotation = annotation_of(story_id)
        return canonical_annotation(story_id, annotation, catalog) if annotation else None

    return read


def canonical_rows(rows: Sequence[StoryRow], catalog: ActorCatalog) -> list[StoryRow]:
    """Rows whose actors are the canonical names, aliases included."""
    out = []
    for row in rows:
        names = catalog.names_of_row(row)
        out.append(replace(row, actors=catalog.of_row(row), actor_aliases=names))
    return out


def kind_labels(
    entities: Sequence[Entity], story_id: str, annotation: Annotation | None, catalog: ActorCatalog
) -> list[Entity]:
    """Highlighted names labelled by the index's kind: an organisation that is a government
    body gets the reader's GOV colour (and legend entry)."""
    registry = catalog.registry
    if annotation is None or registry is None:
        return list(entities)
    found = registry.story_entities(story_id)
    if len(found) != len(annotation.actors):
        return list(entities)
    kind_of: dict[str, str] = {}
    for actor, entity in zip(annotation.actors, found, strict=True):
        for name in (actor.name, *actor.aliases):
            kind_of[name.casefold()] = KIND_LABELS.get(entity.kind, actor.kind)
    out = []
    for e in entities:
        label = kind_of.get(e.text.strip().casefold()) if e.label == "ORG" else None
        out.append(replace(e, label=label) if label == "GOV" else e)
    return out
