"""Word lists for actors and meetings: which words unmake a meeting, make it planned or remote,
or mark the press. The words that make a meeting are the predicate table in rules.py."""

from __future__ import annotations

from newsdesk.nlp.lexicon import words

# Ways of telling someone that are not an encounter ("told X in a letter", "in an interview").
WRITTEN = words("letter letters message messages cable telex statement note interview broadcast")
# Meeting nouns, whose place a sentence may give even when its parties are not named there
# ("the meeting will be held in Geneva"); the predicates themselves are in rules.py.
TALK_NOUNS = frozenset(
    {"talks", "talk", "meeting", "meetings", "summit", "consultations", "discussions", "audience"}
)
# Words that make a meeting a call (mode "remote").
REMOTE_WORDS = words(
    "phone telephone video videoconference telephoned phoned virtual virtually online"
)
# Prepositions that give a talk its medium ("by telephone", "over the phone", "via video").
MEANS_PREPS = words("by over via")
# The press: "met reporters" is no meeting.
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
# Adjectives of readiness or likelihood above a meeting ("willing to meet X", "ready for talks
# with X", "open to talks", "likely to meet"): a disposition, not a meeting held or set.
READINESS = words(
    """
    willing unwilling ready eager keen open anxious happy reluctant likely unlikely
    interested
    """
)
# Verbs that ask for a meeting ("called for talks with X"): it has not happened.
ASKERS = frozenset({"call", "press", "push", "appeal", "lobby", "clamour", "clamor"})
# Verbs above a meeting that make it planned ("scheduled to meet", "agreed to hold talks").
PLANNERS = frozenset({"plan", "schedule", "due", "expect", "agree", "arrange", "prepare"})
# Verbs of going somewhere ("flew to Paris for talks"): the talks are ahead.
MOTION = frozenset({"fly", "head", "travel", "go", "leave", "arrive", "come", "visit", "return"})
# Verbs of setting out whose "with"-person travels along and is on the doer's side: "Lee leaves
# for Paris tomorrow with Trade Secretary Ann Cole to join the talks with Acme" (Lee and Cole
# both hold the talks). Unlike MOTION, "set" ("set out") is one, and "visit" and "return" are not.
TRAVEL_VERBS = frozenset({"leave", "travel", "fly", "go", "set", "head", "arrive", "come"})
# Modal verbs that hedge a meeting ("may meet"): not a meeting.
MAYBE = frozenset({"may", "might", "could", "should", "can"})
# Words of a company's name that its initials leave out: legal forms and group words ("BA" for
# "British Airways Plc", "BC" for "Borden Chemical Group Ltd").
NOT_IN_INITIALS = frozenset(
    {"inc", "corp", "corporation", "co", "ltd", "limited", "plc", "ag", "sa", "nv", "group"}
    | {"holdings", "&", "and", "of", "the"}
)
# Verbs of expecting, which with an object of their own ("he expected X to telephone him",
# "they anticipate Y to call") tell a hope about another's act, not a meeting set.
EXPECTERS = frozenset({"expect", "anticipate"})
# Words opening a condition put on a meeting ("would meet X only if the notices were
# withdrawn", "will hold talks with Y unless the strike ends"): not a meeting held or set.
CONDITIONS = frozenset({"if", "unless", "provided", "providing"})
# A plan left open in its own sentence: "no date has been set", "no time had been fixed" (the
# nouns after "no", the verbs of fixing them). A meeting said to be expected there is not set.
UNSET_NOUNS = frozenset({"date", "dates", "time", "day"})
UNSET_VERBS = frozenset({"set", "fix", "arrange", "schedule", "agree", "decide", "announce"})
# Verbs saying that talks take place at all ("talks are expected to resume / begin / be held"):
# talks so expected are a forecast, not a plan.
TAKE_PLACE = frozenset({"resume", "begin", "start", "open", "take", "hold", "occur", "follow"})
# Titles of a body's officer written between the body and the name ("met the Acme Institute's
# fund manager Ann Lee", "met Acme (ACM) managing director Ann Lee"): the officer is the party.
OFFICER_NOUNS = words(
    """
    manager director chairman chairwoman president head chief secretary governor officer
    executive negotiator representative administrator secretary-general director-general
    """
)
# Auxiliaries of the future ("will meet"): planned.
FUTURE = frozenset({"will", "shall", "'ll", "would", "wo"})
# Modifiers of a meeting noun that make it unreal ("a proposed summit").
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

# Kin: visiting or meeting one's wife or son is a private visit, not an encounter the news
# reports as a meeting ("left to visit his wife Ann at the hospital").
KIN = words(
    """
    wife husband son sons daughter daughters mother father parents brother sister brothers
    sisters family grandson granddaughter widow fiancee
    """
)
# Things received, not guests: "received approval to market X", "received an order from X".
RECEIVED_THINGS = words(
    """
    approval approvals permission order orders bid bids offer offers letter letters award
    contract contracts payment payments loan loans license licence clearance support request
    requests report reports message messages invitation
    """
)


# "the company", "the government" as the subject of what a named speaker says: the speaker's
# own body, which the speaker stands for. Each noun with the kind of speaker that can speak for
# it: a body, or (for a government) a person holding one of its posts.
SPOKEN_FOR: dict[str, tuple[str, ...]] = {
    "company": ("ORG",),
    "firm": ("ORG",),
    "group": ("ORG",),
    "bank": ("ORG",),
    "union": ("ORG",),
    "government": ("ORG", "minister", "president", "premier", "secretary", "chancellor"),
}


# Verbs of speech and writing whose "to" names a listener or reader, never a place ("will speak
# to Jackson", "wrote to Washington state officials").
LISTENER_VERBS = words("speak talk write say tell explain complain appeal report reply respond")


# Verbs of a clause describing a party that place it for the meeting ("X, who arrived in Oslo
# on Monday, met Y", "X, who begins a visit to Ottawa, ..."); other clauses ("who is posted in
# Paris", "who lives in Rome") say where the party is based, not where the meeting is.
ARRIVALS = words("arrive come begin start visit fly travel land reach")


# Verbs of a participle saying where a party is based ("X, based in Paris", "posted in Rome").
STATIONED = words("base post station headquarter live reside")
