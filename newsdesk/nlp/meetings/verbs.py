"""Meeting verbs: "met (with)", "visited", "hosted", "received", "conferred with", "sat down
with", "called on", "told" a person, calls by phone, "X and Y were joined by Z", and the heads of
the two sides of talks."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token

from newsdesk.nlp.meetings.clauses import (
    Found,
    has_remote_word,
    pobjs,
    speaker_above,
    subject_of,
    two_sides,
)
from newsdesk.nlp.meetings.context import MeetingContext
from newsdesk.nlp.meetings.deals import purchase_targets
from newsdesk.nlp.meetings.mentions import mentioned_in
from newsdesk.nlp.meetings.names import canonical_participants
from newsdesk.nlp.meetings.parties import OFFICIALS, parties_of
from newsdesk.nlp.meetings.refs import ROLES as ROLE_NOUNS
from newsdesk.nlp.meetings.rules import Predicate
from newsdesk.nlp.meetings.sentences import sentences_before
from newsdesk.nlp.meetings.status import blocked, is_planned
from newsdesk.nlp.meetings.words import (
    KIN,
    MEANS_PREPS,
    OFFICER_NOUNS,
    PRESS,
    RECEIVED_THINGS,
    REMOTE_WORDS,
    TALK_NOUNS,
    WRITTEN,
)

# Nouns for one side of talks that a person heads ("the two sides will be headed by X and Y",
# "the delegations are led by ..."); unlike sequel.BOTH_SIDES, each noun stands for one side.
HEADED_SIDES = frozenset({"side", "sides", "delegation", "delegations", "team", "teams"})


def led_sides_meeting(ctx: MeetingContext, verb: Token) -> Found | None:
    """ "The two sides in the talks will be headed by X and Y": the heads meet; the sentence must
    speak of talks, and each side's head is named."""
    if blocked(verb):
        return None
    passive = [c for c in verb.children if c.dep_ == "nsubjpass" and c.lower_ in HEADED_SIDES]
    active = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in HEADED_SIDES]
    if not _sides_of_talks(verb, passive + active):
        return None
    heads: list[str] = []
    if passive:
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            for p in pobjs(agent):
                heads += [n for n in parties_of(ctx.doc, ctx.actors, p, set()) if n not in heads]
    elif active:
        heads = subject_of(ctx, verb, set())
    heads = canonical_participants(heads, ctx.people, ctx.bodies)
    if len(heads) < 2 or any(ctx.actors.kind(h) != "PERSON" for h in heads):
        return None
    return Found(heads, verb, verb, planned=is_planned(verb))


# Gatherings whose sides may be led by named heads, besides the meeting nouns ("the
# delegations to the conference are headed by X and Y").
SIDED_GATHERINGS = frozenset({"conference", "negotiations", "commission"})


def _sides_of_talks(verb: Token, sides: list[Token]) -> bool:
    """Whether the sides are those of talks: the sentence speaks of talks (or of a conference
    or negotiations), or it says "their respective delegations" right after a sentence that
    does ("X begins talks in Bonn." + "X and Y are heading their respective delegations")."""
    sent = verb.sent
    if any(t.lower_ in TALK_NOUNS or t.lower_ in SIDED_GATHERINGS for t in sent):
        return True
    respective = any(c.lower_ == "respective" for s in sides for c in s.children)
    return respective and any(
        t.lower_ in TALK_NOUNS for before in sentences_before(verb, 1) for t in before
    )


def joined_meeting(ctx: MeetingContext, verb: Token) -> Found | None:
    """ "X and Y were joined by Z": people joined by a person (not "joined NATO")."""
    doc, actors = ctx.doc, ctx.actors
    if blocked(verb):
        return None
    joined = [c for c in verb.children if c.dep_ == "nsubjpass"]
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if not joined or not agents:
        return None
    people = parties_of(doc, actors, joined[0], set())
    people += [n for n in parties_of(doc, actors, agents[0], set(), people) if n not in people]
    if any(actors.kind(p) != "PERSON" for p in people):
        return None
    return Found(people, verb, verb, planned=is_planned(verb))


def _objects(
    ctx: MeetingContext,
    verb: Token,
    pred: Predicate,
    skip: set[int],
    avoid: Collection[str] = (),
) -> tuple[list[str], bool]:
    """Named counterparts of a verb (dobj, "with"/"on"/"between" objects); flag if press."""
    doc, actors = ctx.doc, ctx.actors
    out: list[str] = []
    press = False
    discuss = pred.id == "verb.discuss" or pred.frame == "with"
    speak = pred.frame == "speak"
    for c in verb.children:
        heads: list[Token] = []
        if pred.frame == "see":
            if c.dep_ == "dobj":
                people = parties_of(doc, actors, c, skip, avoid)
                out += [n for n in people if actors.kind(n) == "PERSON" and n not in out]
            continue
        if c.dep_ in ("dobj", "nsubjpass") and not discuss:
            heads = [c]
        elif c.dep_ == "dobj" and pred.id == "verb.discuss":
            # "discussed tariffs with X": the parser hangs the "with" on the topic
            heads = [
                p for w in c.children if w.dep_ == "prep" and w.lower_ == "with" for p in pobjs(w)
            ]
        elif c.dep_ in ("prep", "prt") and c.lower_ in ("with", "on", "between", "among"):
            if c.lower_ != "on" or not discuss:
                heads = pobjs(c)
        elif c.dep_ == "prt" and c.lower_ == "down":
            for p in verb.children:
                if p.dep_ == "prep" and p.lower_ == "with":
                    heads += pobjs(p)
        elif c.dep_ == "prep" and c.lower_ == "in" and pred.id == "verb.call-in":
            heads = pobjs(c)  # "called in the president of Acme": "in" parsed as a preposition
        elif c.dep_ == "prep" and c.lower_ == "including":
            heads = pobjs(c)  # "meet business leaders, including X"
        elif c.dep_ == "prep" and c.lower_ == "to" and speak:
            heads = pobjs(c)  # "spoke to X by phone"
        elif c.dep_ in ("prep", "agent") and c.lower_ in MEANS_PREPS:
            # "spoke by telephone with X", "conferred by telephone with X": the parser hangs X
            # under the medium (taken as the agent of a participle, even)
            for medium in pobjs(c):
                if not speak and medium.lower_ not in REMOTE_WORDS:
                    continue
                for p in medium.children:
                    if p.dep_ == "prep" and p.lower_ in ("with", "to"):
                        heads += pobjs(p)
        for h in heads:
            if h.lower_ in PRESS or h.lemma_.lower() in PRESS:
                press = True
            if h.lower_ in KIN or any(k.lower_ in KIN for k in h.children if k.i < h.i):
                continue  # "visited his wife Ann": a private visit
            named = parties_of(doc, actors, h, skip, avoid)
            if not named and c.lower_ == "with":
                named = _named_after(ctx, verb, h, skip, avoid)
            if named and c.dep_ == "dobj":
                named = _officer_after(ctx, verb, h) or named
            out += [n for n in named if n not in out]
    if pred.id == "verb.negotiate":  # "negotiating to buy the assets of X": X
        for h in purchase_targets(verb):
            named = parties_of(doc, actors, h, skip, avoid)
            out += [n for n in named if actors.kind(n) == "ORG" and n not in out]
    return out, press


def _officer_after(ctx: MeetingContext, verb: Token, body: Token) -> list[str]:
    """ "met Acme Institute (AI) fund manager Ann Lee": the parser may end the object at the
    body and hang the officer's name on the verb; the named officer right after the body, with
    an officer's title, is the one met (the body only says whose officer she is)."""
    actors = ctx.actors
    name = actors.at(body.i)
    if name is None or actors.kind(name) != "ORG":
        return []
    for c in verb.children:
        if c.i <= body.i or c.dep_ not in ("npadvmod", "appos", "dobj"):
            continue
        if c.left_edge.i > body.right_edge.i + 1:
            continue
        person = actors.at(c.i)
        titled = any(w.lower_ in OFFICER_NOUNS for left in c.lefts for w in left.subtree)
        if person and actors.kind(person) == "PERSON" and titled:
            return [person]
    return []


def _named_after(
    ctx: MeetingContext, verb: Token, head: Token, skip: set[int], avoid: Collection[str]
) -> list[str]:
    """ "met with the Iranian and Iraqi ambassadors to the U.N., Ali X and Omar Y, to ...": the
    people who name a plural counterpart, set off by commas right after its phrase (the parser
    hangs them anywhere); nothing between may be a verb, so a new clause never lends names."""
    if head.tag_ != "NNS" or head.lemma_.lower() not in ROLE_NOUNS | OFFICIALS:
        return []
    doc = ctx.doc
    end = min(verb.sent.end, head.i + 12)
    comma = next((t.i for t in doc[head.i + 1 : end] if t.text in (",", ";")), None)
    if comma is None or doc[comma].text != ",":
        return []
    if any(t.pos_ in ("VERB", "AUX") for t in doc[head.i + 1 : comma]):
        return []  # at most a prepositional phrase ("to the U.N.") comes first
    close = next((t.i for t in doc[comma + 1 : verb.sent.end] if t.text in (",", ".", ";")), None)
    if close is None or any(t.pos_ in ("VERB", "AUX") for t in doc[comma + 1 : close]):
        return []
    named = mentioned_in(doc, ctx.actors, comma + 1, close, skip)
    named = [n for n in named if n not in avoid]
    if named and all(ctx.actors.kind(n) == "PERSON" for n in named):
        return named
    return []


def verb_meeting(ctx: MeetingContext, verb: Token, pred: Predicate) -> Found | None:
    lemma = verb.lemma_.lower()
    if blocked(verb):
        return None
    remote = pred.frame == "call" or has_remote_word(verb)
    if pred.frame == "speak" and not remote:
        return None
    if lemma == "call":
        if not any(c.dep_ in ("dobj", "prep") for c in verb.children):
            return None
        if any(c.dep_ in ("xcomp", "oprd") for c in verb.children):
            return None  # "called on X to act", "called X a liar"
        if any(_urged(verb, c) for c in verb.children):
            return None  # "called on X to release the prisoners" parsed as a purpose
    if lemma == "tell" and any(t.lower_ in WRITTEN for t in verb.subtree):
        return None  # "told X in a letter", "in an interview"
    if pred.frame == "host" and any(
        c.dep_ == "dobj" and c.lower_ in RECEIVED_THINGS for c in verb.children
    ):
        return None  # "received approval to market X": a thing received, not a guest
    skip: set[int] = set()
    objects, press = _objects(ctx, verb, pred, skip)
    if press and not objects:
        return None
    guest = _visiting_guest(ctx, verb) if pred.frame == "see" and not objects else None
    if guest is not None:
        # "X told visiting Secretary of State Y ...": the parser may lose the object
        subject = [n for n in subject_of(ctx, verb, skip) if n != guest]
        if not subject:
            return None
        found = Found([*subject, guest], verb, verb, planned=is_planned(verb))
        found.rules.append("visiting")
        return found
    complement = _has_complement(verb, pred)
    if complement and not objects:
        # "X and Y are meeting with portfolio managers", "X and Y will negotiate with a third
        # party", "X and Y called on Greece": co-subjects are one side; the other is unnamed
        return None
    if pred.frame in ("host", "with", "see") and not objects:
        return None
    subject, objects = two_sides(
        lambda avoid: _objects(ctx, verb, pred, skip, avoid)[0],
        lambda avoid: subject_of(ctx, verb, skip, avoid),
    )
    if lemma == "receive" and verb.tag_ == "VBN" and not subject:
        return None
    notes: list[str] = []
    parties = list(dict.fromkeys(subject + objects))
    if not objects and verb.dep_ == "relcl" and len(parties) < 2:
        parties = _antecedent_group(ctx, verb)
        notes.append("antecedent")
    if not objects and len(parties) < 2 and _says_they(verb):
        # "she would raise it with Varga when they meet": the clause above names them
        head = verb.head
        above = subject_of(ctx, head, skip) + _objects(ctx, head, pred, skip)[0]
        parties = list(dict.fromkeys(above))
        notes.append("they")
    if not objects and not notes:
        if not pred.symmetric:
            return None  # "X and Y visited ...": the visited one is not named
        notes.append("co-subjects")
    if len(parties) < 2:
        return None
    if objects and not subject and len(objects) >= 2 and not notes:
        return None  # "(unnamed) met X and Y": counterparts of one party, not each other's
    if subject and speaker_above(verb):
        notes.append("reporter")  # "X is being visited by a priest, Y told reporters"
    if pred.frame == "see" and any(
        t.lower_ == "visiting"
        for c in verb.children
        if c.dep_ in ("dobj", "xcomp")
        for t in c.subtree
    ):
        notes.append("visiting")
    if pred.frame == "see" and _at_a_meeting(verb):
        notes.append("told-at-meeting")  # "told Dubois at a meeting in Paris that ..."
    separately = any(c.lower_ in ("separately", "individually") for c in verb.children)
    hosts = len(subject) if separately and subject and len(objects) > 1 else 0
    found = Found(parties, verb, verb, remote=remote, planned=is_planned(verb), hosts=hosts)
    found.rules += notes
    return found


# What a caller comes to do on a visit ("called on X to discuss trade"); any other act after
# "called on X to" is what X is urged to do ("called on X to release the prisoners").
VISIT_PURPOSES = frozenset({"discuss", "review", "talk", "brief", "deliver", "present", "pay"})


def _urged(verb: Token, clause: Token) -> bool:
    """An infinitive clause after "called on X" that is not a visit's purpose (not one put
    before the verb: "To cut output, the ministry called in X")."""
    return (
        clause.dep_ == "advcl"
        and clause.i > verb.i
        and any(c.lower_ == "on" for c in verb.children)
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children)
        and clause.lemma_.lower() not in VISIT_PURPOSES
    )


def _visiting_guest(ctx: MeetingContext, verb: Token) -> str | None:
    """ "told visiting U.S. Secretary of State Y": the first person named right after a
    "visiting" that follows the verb."""
    doc = ctx.doc
    if verb.i + 1 >= len(doc) or doc[verb.i + 1].lower_ != "visiting":
        return None
    for t in doc[verb.i + 2 : verb.i + 10]:
        if t.pos_ in ("VERB", "AUX") or t.text in (",", ".", ";"):
            return None
        name = ctx.actors.at(t.i)
        if name and ctx.actors.kind(name) == "PERSON":
            return name
    return None


def _at_a_meeting(verb: Token) -> bool:
    """Whether the verb's own clause says it happened at or during a meeting ("told X at a
    meeting last week", "during talks"): then the words were said face to face."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("at", "during")
        and any(p.lower_ in TALK_NOUNS for p in pobjs(c))
        for c in verb.children
    )


def _has_complement(verb: Token, pred: Predicate) -> bool:
    """Whether the verb has a counterpart slot filled at all, named or not: its other side."""
    for c in verb.children:
        if c.dep_ == "dobj" and pred.id != "verb.discuss" and pred.frame != "with":
            return True
        if c.dep_ in ("prep", "prt") and c.lower_ in ("with", "between", "among"):
            return True
        if c.dep_ == "prep" and c.lower_ == "on" and pred.id == "verb.call-on":
            return True
    return False


def _says_they(verb: Token) -> bool:
    """The verb's subject is "they" and its clause hangs from another one."""
    subject = [c for c in verb.children if c.dep_ == "nsubj"]
    return (
        bool(subject)
        and subject[0].lower_ == "they"
        and verb.dep_ in ("advcl", "ccomp", "conj", "xcomp")
    )


def _antecedent_group(ctx: MeetingContext, verb: Token) -> list[str]:
    """ "X and Y, who met in ...": the named parties of the antecedent's noun phrase."""
    doc, actors = ctx.doc, ctx.actors
    ante = verb.head
    top = ante
    while top.dep_ in ("appos", "conj", "compound") and top.head != top:
        top = top.head
    start = min(top.left_edge.i, ante.left_edge.i)
    end = max(ante.i, top.i) + 1
    return mentioned_in(doc, actors, start, end, set())
