"""The reader under the store-wide actor index: canonical names in a story's actors and
meetings, and government bodies labelled for the legend (no Textual needed)."""

from __future__ import annotations

from newsdesk.models import Actor, Annotation, Entity, Meeting
from newsdesk.nlp.identity import ActorRegistry
from newsdesk.query import ActorCatalog
from newsdesk.ui.canonical import canonical_annotation, kind_labels


def test_canonical_names_in_actors_and_meetings() -> None:
    registry = ActorRegistry()
    registry.add_story("1", [Actor("Ronald Reagan", "PERSON", ("Reagan",), 2)])
    registry.add_story("2", [Actor("Reagan", "PERSON"), Actor("Fed", "ORG")])
    catalog = ActorCatalog.from_registry(registry)
    annotation = Annotation(
        actors=(Actor("Reagan", "PERSON", (), 3), Actor("Fed", "ORG", (), 1)),
        meetings=(Meeting(("Reagan", "Fed")),),
    )
    shown = canonical_annotation("2", annotation, catalog)
    assert [a.name for a in shown.actors] == ["Ronald Reagan", "Federal Reserve"]
    assert "Reagan" in shown.actors[0].aliases
    assert shown.meetings[0].participants == ("Ronald Reagan", "Federal Reserve")
    entities = [Entity("Fed", "ORG", 0, 3), Entity("Reagan", "PERSON", 10, 16)]
    labelled = kind_labels(entities, "2", annotation, catalog)
    assert [e.label for e in labelled] == ["GOV", "PERSON"]
