"""Whether a meeting pattern counts and when it is set: refusals, hopes and proposals block it;
"will", "is due to", "is set to" and planners ("scheduled", "expected") make it planned."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsdesk.nlp.meetings.sentences import act_after
from newsdesk.nlp.meetings.words import (
    ASKERS,
    BLOCKER_FORMS,
    BLOCKERS,
    CONDITIONS,
    EXPECTERS,
    FUTURE,
    MAYBE,
    PLANNER_FORMS,
    PLANNERS,
    READINESS,
    TAKE_PLACE,
    UNSET_NOUNS,
    UNSET_VERBS,
)

__all__ = [
    "blocked",
    "follows_plan",
    "forecast",
    "held_before",
    "held_by_own_predicate",
    "is_planned",
    "left_open",
]


# Verbs of bearing on talks: their negation says nothing of whether the talks are held ("the
# lawsuit will not affect the negotiations with Zenith", "the strike did not disrupt talks").
BEARERS = frozenset({"affect", "disrupt", "hamper", "jeopardize", "jeopardise"})


def blocked(tok: Token) -> bool:
    """Negated, hedged ("may meet"), or the object of a refusal/hope/proposal."""
    node = tok
    via = ""  # how the path reached `node`
    came_from = tok  # the node the path came up from
    for _ in range(6):
        for c in node.children:
            negation = c.dep_ == "neg" or c.lower_ in ("never", "no")
            if negation and node.lemma_.lower() not in BEARERS:
                return True
            if c.dep_ == "aux" and c.lower_ in MAYBE:
                return True
            if c.dep_ == "mark" and c.lower_ in ("whether", "if", "unless"):
                return True  # "declined to say whether he will meet X": open, not set
            if node == tok and c.dep_ == "advcl" and _conditional(c):
                return True  # "would meet X only if the notices were withdrawn"
        blocker = node.lemma_.lower() in BLOCKERS or node.lower_ in BLOCKER_FORMS
        if (
            node != tok
            and blocker
            and via in ("xcomp", "ccomp", "dobj", "advcl", "nsubjpass", "for")
        ):
            return True
        if node != tok and via == "for" and node.lemma_.lower() in ASKERS:
            return True  # "called for talks with X", "pressed for a meeting"
        ready = node != tok and node.pos_ == "ADJ" and node.lower_ in READINESS
        if ready and (via in ("xcomp", "for") or came_from.lower_ == "to"):
            return True  # "willing to meet X", "ready for talks with X", "open to talks"
        if node.dep_ not in ("xcomp", "ccomp", "advcl", "pobj", "prep", "dobj", "nsubjpass", "acl"):
            break
        if node.dep_ in ("xcomp", "ccomp") and _expects_another(node.head, node, node.dep_):
            return True  # "he expected Yeutter to telephone him": a hope about another's act
        head_blocks = node.head.lemma_ in BLOCKERS or node.head.lower_ in BLOCKER_FORMS
        if node.dep_ == "ccomp" and not head_blocks:
            break
        # how the next node governs this one ("asked for a meeting" governs like an object)
        for_object = node.dep_ == "prep" and node.lower_ == "for"
        via = "for" if for_object else node.dep_
        came_from = node
        node = node.head
    return False


def _expects_another(verb: Token, below: Token, via: str) -> bool:
    """An active verb of expecting whose clause below has a doer of its own ("expected X to
    call": X as its object, or as the subject of an infinitive the parser hangs as a clause),
    not the passive of a set plan ("X is expected to meet Y")."""
    if verb.lemma_.lower() not in EXPECTERS:
        return False
    kids = {c.dep_ for c in verb.children}
    if "auxpass" in kids or "nsubjpass" in kids:
        return False
    if via == "xcomp":
        return "dobj" in kids
    own = {c.dep_ for c in below.children}
    infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in below.children)
    return via == "ccomp" and "nsubj" in own and infinitive


def _conditional(clause: Token) -> bool:
    """An adverbial clause that is a condition ("if ...", "unless ...", "provided ...")."""
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in clause.children)


# Prepositions that set an act within talks ("agreed during talks"), not a plan.
SETTING_PREPS = frozenset({"during", "at", "after", "before", "in", "following"})
# Words that put a meeting on the calendar, hung on it or on a word above it ("talks planned for
# May", "is due to meet", "the scheduled talks"): planned; as the meeting's own modifier, "set"
# too ("talks set for Friday").
SCHEDULED = frozenset({"scheduled", "planned", "due"})
SCHEDULED_MODIFIERS = SCHEDULED | {"set"}


def is_planned(tok: Token) -> bool:
    node = tok
    # "agreed on X during talks": the talks are where it was agreed, not a plan (set below);
    # and so is a participle's meeting: "X and Y, meeting in Paris, agreed to cut rates"
    setting = tok.dep_ in ("advcl", "acl", "nsubj") and tok.tag_ == "VBG"
    for _ in range(5):
        for c in node.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE:
                return True
            if c.dep_ == "aux" and c.lower_ == "to" and node.head.lemma_ in ("be", "go"):
                return True
        planner = node.lemma_.lower() in PLANNERS or node.lower_ in PLANNER_FORMS
        # "Bellini's meeting with Dubois agreed that ...": the meeting is the doer of the
        # planner, so it has been held
        doer = node != tok and tok.head == node and tok.dep_ == "nsubj"
        if node != tok and planner and not setting and not doer:
            return True
        if node.dep_ == "prep" and node.lower_ in SETTING_PREPS:
            setting = True
        if node.dep_ in ("acl", "amod") and node.lower_ in SCHEDULED_MODIFIERS:
            return True
        if node != tok and node.lower_ == "set" and any(c.dep_ == "xcomp" for c in node.children):
            return True  # "are set to meet"
        if node != tok and node.lower_ in ("set", "slated") and tok.head == node:
            return True  # "talks with X are set for Friday"
        if any(c.lower_ in SCHEDULED for c in node.children):
            return True
        if node.dep_ not in (
            "xcomp",
            "advcl",
            "pobj",
            "prep",
            "dobj",
            "nsubj",
            "nsubjpass",
            "appos",  # "The talks, the first meeting of the two, are expected to ..."
        ):
            break
        node = node.head
    return False


# Prepositions tying a second act to a first ("meet X before visiting Y").
SEQUENCE_PREPS = frozenset({"before", "after", "then", "while"})


def follows_plan(tok: Token) -> bool:
    """ "X will meet Y on Tuesday before visiting Z": a second verb tied to a planned one
    ("before/after ...ing", "and then visit", an adverbial clause) is planned too; one with a
    tense of its own in the past is not ("talks broke off, and Acme will hire new staff")."""
    if tok.tag_ == "VBD" or any(
        c.dep_ == "nsubj" and held_by_own_predicate(c) for c in tok.children
    ):
        return False
    head = tok.head
    if tok.dep_ == "pcomp" and head.lower_ in SEQUENCE_PREPS and head.head != head:
        return is_planned(head.head)
    if tok.dep_ in ("advcl", "conj") and head != tok and head.pos_ in ("VERB", "AUX"):
        return is_planned(head)
    return False


def forecast(noun: Token) -> bool:
    """ "Talks are expected between Bellini and Dubois", "talks with Dubois were expected to
    resume": that the talks happen at all is expected, a forecast rather than a firm plan ("the
    talks are expected to cover tariffs" speaks of talks already set, and is not one)."""
    head = noun.head
    if noun.dep_ != "nsubjpass" or head.lemma_.lower() != "expect":
        return False
    goals = [c for c in head.children if c.dep_ == "xcomp"]
    return not goals or any(g.lemma_.lower() in TAKE_PLACE for g in goals)


def left_open(sent: Span) -> bool:
    """ "X was expected to meet Y, but no time had been fixed": the sentence says the plan has
    no date yet (a subject "no date/time" of a verb of fixing), so no meeting is set."""
    for tok in sent:
        if tok.lower_ not in UNSET_NOUNS or tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if not any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            continue
        if tok.head.lemma_.lower() in UNSET_VERBS or tok.head.lower_ in UNSET_VERBS:
            return True
    return False


def held_before(tok: Token) -> bool:
    """ "Acme agreed to sell the unit after a week of talks with Zenith": talks put before an
    act told in the simple past were held, though the act itself is an infinitive ("to sell")
    under a verb of agreeing."""
    verb = act_after(tok)
    if verb is None:
        return False
    for _ in range(3):  # "agreed to reschedule": the tense is the outer verb's
        if verb.tag_ == "VBD" and not any(c.lower_ in FUTURE for c in verb.children):
            return True
        if verb.dep_ != "xcomp" or verb.head == verb:
            return False
        verb = verb.head
    return False


# Nouns of talks ending or failing: talks "of" which they speak were held ("the collapse of
# talks with Zenith", "after the breakdown of negotiations with Zenith").
ENDED_NOUNS = frozenset({"collapse", "breakdown", "failure", "end", "suspension", "breakup"})
# Verbs whose subject talks are still ahead even in the past tense ("talks were scheduled for
# Monday", "talks were set for Friday").
SETTERS = PLANNERS | frozenset({"set", "slate", "fix"})
# Auxiliaries of a past or perfect predicate ("talks had broken off", "have ended").
DONE_AUX = frozenset({"was", "were", "had", "has", "have"})


def held_by_own_predicate(noun: Token) -> bool:
    """The talks' own predicate, not a later main verb, sets their status: "with talks with
    Zenith broken off, Acme will hire new staff" and "talks with Zenith collapsed last week and
    Acme will close the plant" (a past verb whose subject they are), "Acme will sue following
    the collapse of talks with Zenith" (a noun of their ending): held, whatever comes next.
    Talks "were scheduled" or "were due to resume" are not told as held."""
    if noun.dep_ in ("nsubj", "nsubjpass"):
        verb = noun.head
        if verb.lemma_.lower() in SETTERS or verb.lower_ in PLANNER_FORMS:
            return False
        if any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
            return False  # "talks were due to resume", "were expected to begin"
        aux = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(a in FUTURE or a in MAYBE for a in aux):
            return False
        return verb.tag_ == "VBD" or any(a in DONE_AUX for a in aux)
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in BEARERS:
        return True  # "the suit will not affect the talks with Zenith": talks under way
    return noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in ENDED_NOUNS
