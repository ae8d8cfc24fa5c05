"""Word lists for actors and meetings: which words make a meeting, and which unmake it."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string."""
    return frozenset(text.split())


MEET_VERBS = frozenset(
    {"meet", "confer", "host", "receive", "visit", "sit", "huddle", "welcome", "greet"}
)
HOST_VERBS = frozenset({"host", "receive", "visit", "welcome", "greet"})  # need a named guest
TALK_VERBS = frozenset({"discuss"})  # a meeting only with two named subjects
WITH_VERBS = frozenset({"negotiate", "dine", "lunch"})  # a meeting only "with" a named party
SEE_VERBS = frozenset({"see", "tell", "brief"})  # a meeting only with a named person as the object
WRITTEN = words("letter letters message messages cable telex statement note interview broadcast")
MUTUAL_VERBS = frozenset({"meet", "confer", "huddle", "discuss", *WITH_VERBS, *SEE_VERBS})
CALL_VERBS = frozenset({"phone", "telephone", "call", "ring"})
TALK_NOUNS = frozenset(
    {"talks", "talk", "meeting", "meetings", "summit", "consultations", "discussions", "audience"}
)
MEAL_NOUNS = frozenset({"lunch", "dinner", "breakfast", "luncheon", "banquet"})  # "with X" only
CALL_NOUNS = frozenset({"call", "conversation", "conference"})
REMOTE_WORDS = words(
    "phone telephone video videoconference telephoned phoned virtual virtually online"
)
PRESS = words(
    """
    reporter reporters journalist journalists press newsmen newsman correspondents media
    """
)
# Verbs above a meeting that make it not (yet) real: refusals, hopes, proposals, doubts.
BLOCKERS = words(
    """
    refuse decline reject hope wish want seek propose suggest offer ask urge invite try
    consider request demand deny cancel postpone call_off rule doubt fail avoid prefer like
    love
    """
)
ASKERS = frozenset(
    {"call", "press", "push", "appeal", "lobby", "clamour", "clamor"}
)  # ... for talks
PLANNERS = frozenset({"plan", "schedule", "due", "expect", "agree", "arrange", "prepare"})
MOTION = frozenset({"fly", "head", "travel", "go", "leave", "arrive", "come", "visit", "return"})
SPEAK = frozenset({"talk", "speak"})
MAYBE = frozenset({"may", "might", "could", "should", "can"})
FUTURE = frozenset({"will", "shall", "'ll", "would", "wo"})
UNREAL_AMODS = frozenset({"proposed", "possible", "potential", "hoped", "likely", "unlikely"})
# Modifiers of a meeting noun that keep it within one party ("internal discussions",
# "in-house talks"): co-subjects of such talks did not meet each other.
INWARD_AMODS = frozenset({"internal", "in-house", "inhouse", "domestic", "inner"})


def _forms(bases: frozenset[str]) -> frozenset[str]:
    """Inflected forms, since the lemmatizer slips ("hopes" -> "hop")."""
    out = set(bases)
    for b in bases:
        stem = b[:-1] if b.endswith("e") else b
        out |= {b + "s", b + "es", stem + "ed", stem + "ing", b + "d"}
        if b.endswith("y"):
            out |= {b[:-1] + "ies", b[:-1] + "ied"}
    return frozenset(out)


BLOCKER_FORMS = _forms(BLOCKERS)
PLANNER_FORMS = _forms(PLANNERS)
