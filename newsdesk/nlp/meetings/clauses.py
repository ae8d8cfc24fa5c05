"""What a meeting pattern found, and the clause helpers every pattern uses: the doer of a
verb (climbing through "to"-clauses and relative clauses), the objects of a preposition, the
two sides of an encounter resolved together, and whether a clause takes its subject only from a
speaker above it."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from spacy.tokens import Token

from newsdesk.nlp.meetings.context import MeetingContext
from newsdesk.nlp.meetings.mentions import mentioned_in
from newsdesk.nlp.meetings.parties import parties_of
from newsdesk.nlp.meetings.when import WEEKDAYS
from newsdesk.nlp.meetings.words import MEANS_PREPS, REMOTE_WORDS, TRAVEL_VERBS

# Prepositions of a day that open a clause before its doer ("On Friday Acme met Zenith").
_TIME_PREPS = frozenset({"on", "by", "until"})


@dataclass
class Found:
    parties: list[str]
    trigger: Token
    gov: Token  # the clause's main verb (or the trigger itself)
    remote: bool = False
    planned: bool = False
    hosts: int = 0  # "X met separately with Y and Z": the first `hosts` parties met each other one
    rules: list[str] = field(default_factory=list)  # predicate id, then how parties were found
    base: float = 1.0  # the predicate's confidence


def subject_of(
    ctx: MeetingContext, verb: Token, skip: set[int], avoid: Collection[str] = ()
) -> list[str]:
    """The doer of a verb, climbing through "to"-clauses, relative clauses and participles."""
    doc, actors = ctx.doc, ctx.actors
    node = verb
    for _ in range(6):
        # after climbing, a passive subject is the doer too: "X is expected to meet Y"
        deps = ("nsubj", "csubj") if node == verb else ("nsubj", "csubj", "nsubjpass")
        subjects = [c for c in node.children if c.dep_ in deps]
        if subjects:
            out: list[str] = []
            for c in subjects:
                if _object_of_participle(c):
                    continue
                named = parties_of(doc, actors, c, skip, avoid)
                if ctx.in_dateline(c.i):
                    named = _dateline_subject(ctx, verb, node, c, named, skip, avoid)
                out += [n for n in named if n not in out]
            return out + [n for n in _companions(ctx, node, skip, [*avoid, *out]) if n not in out]
        for c in node.children:
            if c.dep_ == "agent":
                for p in c.children:
                    # "conferred by telephone with X": a medium taken for the agent is no doer
                    if p.dep_ == "pobj" and p.lower_ not in REMOTE_WORDS:
                        return parties_of(doc, actors, p, skip, avoid)
        # "Acme Widget Tuesday night met ...": a name the parser left as a modifier
        for c in node.lefts:
            if c.dep_ == "npadvmod":
                named = mentioned_in(doc, actors, c.left_edge.i, c.i + 1, skip)
                if named:
                    return named[:1]
        # "On Friday Acme met Zenith": the parser read "Friday Acme" as the object of "On"
        for c in node.lefts:
            if c.dep_ == "prep" and c.lower_ in _TIME_PREPS:
                for p in c.children:
                    if p.dep_ == "pobj" and any(
                        d.dep_ == "compound" and d.lower_ in WEEKDAYS for d in p.children
                    ):
                        return parties_of(doc, actors, p, skip, avoid)[:1]
        above = _relative_antecedent(node)
        if above is not None:
            return parties_of(doc, actors, above, skip, avoid)
        if node.dep_ in ("relcl", "acl", "appos") and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return parties_of(doc, actors, node.head, skip, avoid)
        if node.pos_ in ("NOUN", "PROPN") and node.dep_ in ("nsubj", "nsubjpass"):
            return parties_of(doc, actors, node, skip, avoid)
        if node.dep_ in CLIMB_DEPS:
            if not ctx.same_paragraph(node.i, node.head.i):
                # the parser ran across a paragraph break: the paragraph's first name is the doer
                start = ctx.paragraph_start(node.i)
                return mentioned_in(doc, actors, start, node.i, skip)[:1]
            node = node.head
            continue
        break
    # inverted copula: "Taking part in the talks were X and Y"
    for c in [node, *[a for a in node.children if a.dep_ in ("aux", "auxpass")]]:
        for a in c.children:
            if a.dep_ == "attr":
                return parties_of(doc, actors, a, skip, avoid)
    return []


def _companions(
    ctx: MeetingContext, node: Token, skip: set[int], avoid: Collection[str]
) -> list[str]:
    """The named people who set out with the doer ("leaves for Paris with X"): persons only
    ("left with Acme's offer" brings no one)."""
    if node.lemma_ not in TRAVEL_VERBS:
        return []
    out: list[str] = []
    for prep in (c for c in node.children if c.dep_ == "prep" and c.lower_ == "with"):
        for p in pobjs(prep):
            named = parties_of(ctx.doc, ctx.actors, p, skip, avoid)
            out += [n for n in named if ctx.actors.kind(n) == "PERSON" and n not in out]
    return out


def pobjs(prep: Token) -> list[Token]:
    """Objects of a preposition, looking through a doubled one ("talks with with X")."""
    out = [p for p in prep.children if p.dep_ == "pobj"]
    for p in prep.children:
        if p.dep_ == "prep" and p.lower_ == prep.lower_:
            out += pobjs(p)
    return out


def two_sides(
    counter_of: Callable[[Collection[str]], list[str]],
    subject_of: Callable[[Collection[str]], list[str]],
) -> tuple[list[str], list[str]]:
    """Resolve both sides so that a pronoun never points back at the other side."""
    counter = counter_of(())
    subject = subject_of(counter)
    if set(subject) & set(counter):
        counter = counter_of(subject)
    return subject, counter


# Dependency labels through which a clause without a subject takes the one above it (subject_of
# climbs all of them; speaker_above stops at a "ccomp" clause, whose subject is the speaker).
CLIMB_DEPS = frozenset(
    {"xcomp", "advcl", "conj", "prep", "pobj", "dobj", "pcomp", "acomp", "ccomp"}
)


def speaker_above(verb: Token) -> bool:
    """Whether the clause of a meeting noun has no subject of its own and hangs from a verb of
    saying ("talks have been held with X, he said"): its subject is found only as the speaker."""
    node = verb
    # "X was received by Y, the statement said": a passive with its doer named has its own
    # subject (the guest), not one taken from the speaker
    passive = any(c.dep_ == "agent" for c in verb.children)
    for _ in range(6):
        own = node != verb or passive
        deps = ("nsubj", "csubj", "nsubjpass") if own else ("nsubj", "csubj")
        if any(c.dep_ in deps for c in node.children):
            return False
        if node.dep_ == "ccomp":
            return True
        if node.dep_ not in CLIMB_DEPS or node.head == node:
            return False
        node = node.head
    return False


def governor(noun: Token) -> Token:
    """The verb whose clause a meeting noun sits in ("held talks", "after talks with ...")."""
    node = noun
    for _ in range(4):
        head = node.head
        if head == node:
            return node
        if head.pos_ in ("VERB", "AUX"):
            return head
        if node.dep_ not in ("dobj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "conj"):
            return noun
        node = head
    return noun


def _relative_antecedent(verb: Token) -> Token | None:
    """ "X, who arrived on Sunday for a visit, called on Y": a finite past verb the parser
    hung as a modifier inside a relative clause is the main verb of the clause's antecedent;
    so is one set off by a comma (the tagger may call it a participle) with no "by"-agent
    ("talks held in Rome", "a visit, arranged by Y," are modifiers)."""
    if verb.dep_ != "acl":
        return None
    set_off = verb.i > 0 and verb.doc[verb.i - 1].text == ","
    if verb.tag_ != "VBD" and not (set_off and not any(c.dep_ == "agent" for c in verb.children)):
        return None
    node = verb.head
    for _ in range(5):
        if node.dep_ == "relcl" and node.head.pos_ == "PROPN":
            return node.head
        if node.head == node:
            return None
        node = node.head
    return None


def _dateline_subject(
    ctx: MeetingContext,
    verb: Token,
    node: Token,
    subject: Token,
    named: list[str],
    skip: set[int],
    avoid: Collection[str],
) -> list[str]:
    """The doer when the parser hung the dateline ("UNITED NATIONS, Aug 4 -") as the subject
    (`named` is what that subject gave): the dateline says where the story is filed and is never
    the doer, so the doer is taken from the names of the lead before the verb."""
    doc = ctx.doc
    outside = skip | set(range(ctx.lead_token, len(doc)))
    dateline = parties_of(doc, ctx.actors, subject, outside, avoid)
    named = [n for n in named if n not in dateline]
    # "JAKARTA, July 2 - Foreign Minister X and Trade Minister Y held talks here": the parse of
    # the names before the verb may lose one; when the lead up to the verb is only names and
    # titles joined by one "and", all of them
    span = doc[ctx.lead_token : verb.i]
    if sum(t.lower_ == "and" for t in span) == 1 and all(t.pos_ in LEAD_NAME_POS for t in span):
        listed = _lead_mentions(ctx, verb.i, skip, avoid)
        if len(listed) > len(named) and all(n in listed for n in named):
            named = listed
    # "A delegation led by X met Y" or "Negotiators for X and Y met": the lead's names up to
    # the verb when none was found, or, in a plain phrase (no verb or comma: no clause or aside
    # inside), when they hold those
    end = min(subject.right_edge.i + 1, node.i)
    lead = _lead_mentions(ctx, end, skip, avoid)
    plain = not any(t.pos_ in ("VERB", "AUX") or t.text == "," for t in doc[ctx.lead_token : end])
    if not named or (plain and set(named) < set(lead)):
        return lead
    return named


# The parts of speech of a lead that is only names and titles joined by "and" (no verb).
LEAD_NAME_POS = frozenset({"PROPN", "ADJ", "CCONJ", "PUNCT", "NOUN"})


def _lead_mentions(
    ctx: MeetingContext, end: int, skip: set[int], avoid: Collection[str]
) -> list[str]:
    """The named actors from the start of the lead up to token `end`, but those in `avoid`."""
    named = mentioned_in(ctx.doc, ctx.actors, ctx.lead_token, end, skip)
    return [n for n in named if n not in avoid]


def _object_of_participle(subject: Token) -> bool:
    """ "A delegation of businessmen accompanying Lee held talks with Acme": the parser may
    make Lee a second subject; a name right after a participle that modifies a noun is the
    participle's object, and the delegation (unnamed) is the doer."""
    before = subject.left_edge.i - 1
    if before < subject.sent.start:
        return False
    participle = subject.doc[before]
    return participle.dep_ == "acl" and participle.tag_ in ("VBG", "VBN")


def has_remote_word(tok: Token) -> bool:
    """A phone or video word near the verb, or its own means ("discussed the franc with the
    West German finance minister by telephone": however far the "by" comes)."""
    if any(t.lower_ in REMOTE_WORDS and abs(t.i - tok.i) < 8 for t in tok.subtree):
        return True
    return any(
        c.dep_ in ("prep", "agent")
        and c.lower_ in MEANS_PREPS
        and any(p.lower_ in REMOTE_WORDS for p in pobjs(c))
        for c in tok.children
    )
