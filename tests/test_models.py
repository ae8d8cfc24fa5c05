"""Round trips through the one serialisation of the shared data types."""

import json

from newsdesk.models import (
    Actor,
    Annotation,
    Entity,
    FeedState,
    Meeting,
    Place,
    Story,
    StoryRow,
    annotation_from_dict,
    feed_state_from_dict,
    story_from_dict,
    story_row_from_dict,
    to_dict,
)


def test_annotation_round_trip_through_json() -> None:
    annotation = Annotation(
        entities=(Entity("Ana Pereira", "PERSON", 0, 11),),
        actors=(Actor("Ana Pereira", "PERSON", ("Pereira",), 3, "foreign minister"),),
        places=(Place("Lisbon", "Portugal", "Europe", "Southern Europe", 20, 26),),
        countries=("Portugal",),
        regions=("Europe",),
        subregions=("Southern Europe",),
        meetings=(Meeting(("Ana Pereira", "Ola Berg"), "Lisbon", "Portugal", "on Monday"),),
        summary="Ana Pereira met Ola Berg in Lisbon on Monday.",
        pipeline_version="7",
    )
    back = annotation_from_dict(json.loads(json.dumps(to_dict(annotation))))
    assert back == annotation
    assert isinstance(back.meetings[0].participants, tuple)


def test_story_row_keeps_actor_names_as_strings() -> None:
    row = StoryRow(id="r1", feed_url="https://example.org/feed", title="t", actors=("Ola Berg",))
    back = story_row_from_dict(json.loads(json.dumps(to_dict(row))))
    assert back.actors == ("Ola Berg",)
    assert back == row


def test_unknown_fields_from_a_newer_version_are_ignored() -> None:
    data = to_dict(Story(id="s", feed_url="https://example.org/feed", title="t", tags=("x",)))
    data["from_the_future"] = 1
    story = story_from_dict(data)
    assert story.tags == ("x",)
    state = feed_state_from_dict({"url": "https://example.org/feed", "status": 304, "new": True})
    assert state == FeedState(url="https://example.org/feed", status=304)
