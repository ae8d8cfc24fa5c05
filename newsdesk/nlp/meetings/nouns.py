"""Meeting nouns: "talks/meeting with X", "talks between X and Y", "X and Y held talks", "a
courtesy call on X", "a working lunch with X", "a visit to X", "played host to X"."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token

from newsdesk.nlp.meetings.clauses import (
    Found,
    governor,
    has_remote_word,
    pobjs,
    speaker_above,
    subject_of,
    two_sides,
)
from newsdesk.nlp.meetings.clues import bodys_own, reporter
from newsdesk.nlp.meetings.context import MeetingContext
from newsdesk.nlp.meetings.deals import deal_partners, purchase_targets, settled_with
from newsdesk.nlp.meetings.mentions import co_leaders
from newsdesk.nlp.meetings.parties import parties_of
from newsdesk.nlp.meetings.refs import listed_after
from newsdesk.nlp.meetings.rounds import round_of_talks
from newsdesk.nlp.meetings.rules import Predicate
from newsdesk.nlp.meetings.speakers import speakers_body
from newsdesk.nlp.meetings.status import blocked, forecast, held_by_own_predicate, is_planned
from newsdesk.nlp.meetings.words import (
    INWARD_AMODS,
    MOTION,
    PRESS,
    REMOTE_WORDS,
    TALK_NOUNS,
    UNREAL_AMODS,
)

# Verbs of running a meeting: "the talks, chaired by X" puts X at the talks.
CHAIR_VERBS = ("chair", "preside")
# Prepositions whose objects are all the parties of the talks ("talks between X and Y", "a
# meeting among the three"), and, with "of", the list a misparse may cut ("a meeting of X, Y and
# Z": the rest is looked for after the last one named).
BETWEEN_PREPS = frozenset({"between", "among"})
LISTING_PREPS = BETWEEN_PREPS | {"of"}


def also_attended(ctx: MeetingContext, noun: Token) -> list[str]:
    """ "The meeting, also attended by X, ...", "the talks at the ministry, chaired by X":
    named people who joined or chaired a meeting told before (a definite meeting noun whose
    participle says so)."""
    if noun.lower_ not in ("meeting", "talks", "meetings") or not any(
        c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in noun.children
    ):
        return []
    out: list[str] = []
    holders = [noun]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        holders.append(noun.head.head)  # "the announcement of the meeting, also attended by X"
    verbs = [c for h in holders for c in h.children if c.dep_ == "acl"]
    head = noun.head
    if noun.dep_ == "nsubjpass" and not any(c.dep_ == "neg" for c in head.children):
        verbs.append(head)  # "The talks were chaired by X.": X was there too
    for acl in verbs:
        if acl.lemma_.lower() not in ("attend", *CHAIR_VERBS):
            continue
        chaired = acl.lemma_.lower() in CHAIR_VERBS  # "the talks, chaired by X": X was there
        if not chaired and not any(c.lower_ == "also" for c in acl.children):
            continue
        for agent in (a for a in acl.children if a.dep_ == "agent"):
            for p in pobjs(agent):
                out += [n for n in parties_of(ctx.doc, ctx.actors, p, set()) if n not in out]
    return [n for n in out if ctx.actors.kind(n) == "PERSON"]


def noun_meeting(ctx: MeetingContext, noun: Token, pred: Predicate) -> Found | None:
    doc, actors = ctx.doc, ctx.actors
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return None
    if any(c.lower_ in UNREAL_AMODS for c in noun.children):
        return None
    if any(t.lower_ in INWARD_AMODS for t in noun.lefts):
        return None  # "internal and external discussions": not (only) with each other
    if pred.frame == "round" and not round_of_talks(noun):
        return None
    separate = any(c.lower_ in ("separate", "respective") for c in noun.children)
    low = noun.lower_
    remote = has_remote_word(noun) or any(c.lower_ in REMOTE_WORDS for c in noun.children)
    if pred.frame == "call-noun" and not remote:
        courtesy = any(c.lower_ == "courtesy" for c in noun.children)
        if not courtesy or low != "call":
            return None
    if low == "conference" and not remote:
        return None
    gov = governor(noun)
    if blocked(noun) or (gov is not noun and blocked(gov)):
        return None
    # where the counterparts hang: the noun, its clause verb, a participle ("talks started
    # by X with Y"), or a sibling noun ("an offer at a meeting ... between X and Y")
    holders = [noun]
    holders += [c for c in noun.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
    # the clause's own meeting noun holds the clause's parties: "Talks are expected between X
    # and Y before the summit" are read at "Talks", not at "summit"
    other = any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj") and c != noun and c.lower_ in TALK_NOUNS
        for c in gov.children
    )
    if gov is not noun and not other:
        holders.append(gov)
        if gov.dep_ == "xcomp" and gov.head.lemma_.lower() in WITH_AGREERS:
            holders.append(gov.head)  # "agreed with Zenith to end talks": Zenith's talks
    siblings = [
        c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and c != noun
    ]
    skip = {t.i for t in noun.subtree}
    between = False
    press = False
    heads: list[Token] = []
    owners = False  # "meetings of the IMF and the World Bank": bodies owning the event
    notes: list[str] = []
    if pred.frame == "host-noun" and not any(c.lower_ == "to" for c in noun.children):
        return None  # "the host country", "hosts of a conference"
    attended = [  # "the meeting, attended by X and Y": those who attended it
        p
        for acl in noun.children
        if acl.dep_ == "acl" and acl.lemma_.lower() == "attend"
        for a in acl.children
        if a.dep_ == "agent"
        for p in pobjs(a)
    ]
    for holder in holders + siblings:
        for c in holder.children:
            if c.dep_ == "dative" and c.lower_ == "for" and pred.frame == "meal":
                heads += pobjs(c)  # "gave a dinner for X": in X's honour
                continue
            preps = ("with", "between", "among", "on", "of", "to")
            meal_for = c.lower_ == "for" and pred.frame == "meal"
            if c.dep_ != "prep" or (c.lower_ not in preps and not meal_for):
                continue
            if c.lower_ == "for" and holder != noun:
                continue  # "a dinner for X", not "went there for a dinner"
            if c.lower_ == "on" and low != "call":
                continue
            if (
                c.lower_ == "to"
                and pred.frame not in ("visit-noun", "host-noun")
                or c.lower_ == "of"
                and holder != noun
            ):
                continue
            if holder in siblings and c.lower_ not in BETWEEN_PREPS:
                continue
            listed = pobjs(c)
            # "talks with X and with Y": the repeated preposition hangs on the first
            listed += [p for again in c.conjuncts if again.lower_ == c.lower_ for p in pobjs(again)]
            if c.lower_ in LISTING_PREPS and listed:
                listed += listed_after(actors, listed[-1])  # the parser lost the list's rest
            for p in listed:
                press = press or p.lower_ in PRESS
                heads.append(p)
                between = between or c.lower_ in LISTING_PREPS
                owners = owners or c.lower_ == "of"

    if not heads:  # "talks on a merger with X": the other side of the deal is that of the talks
        heads += [h for h in deal_partners(noun) if _named_body(ctx, h)]
    if not heads:  # "reached agreement with X after five rounds of talks": X was across
        heads += [h for h in settled_with(noun) if _named_body(ctx, h)]
    # "in talks to acquire X": the body bought is the other side (of talks said to be held,
    # not of talks a clause aims at: "formed a venture to enter into talks to acquire X")
    aimed = any(c.dep_ == "aux" and c.tag_ == "TO" for c in gov.children)
    heads += [h for h in purchase_targets(noun) if not aimed and _named_body(ctx, h)]
    if attended:  # with those it was between, but not a body whose meeting it was ("of")
        heads = [h for h in heads if h.head.lower_ in BETWEEN_PREPS] + attended
        between = True

    def counter_of(avoid: Collection[str]) -> list[str]:
        out: list[str] = []
        for p in heads:
            out += [n for n in parties_of(doc, actors, p, set(), avoid) if n not in out]
        return out

    def subject_side(avoid: Collection[str]) -> list[str]:
        # "X and Y will hold their next round": "their" is the clause's subject, found below
        own_subject = any(c.dep_ == "nsubj" and c != noun for c in gov.children)
        for c in noun.children:
            if c.dep_ == "poss" and not (c.lower_ == "their" and own_subject):
                named = parties_of(doc, actors, c, set(), avoid)
                if named or c.lower_ != "its":
                    return named
                # "Acme said its talks with Zenith were continuing": the body that speaks
                said = reporter(doc, actors, noun, gov, avoid)
                bodies = [n for n in said if actors.kind(n) == "ORG"]
                return _for_speaker(bodies, avoid) if bodies == said else []
        if _inside_other_subject(ctx, noun, gov):
            return []  # "progress in talks with X was expected": no one here holds the talks
        # a participle's own doer first ("talks started by X"), then the clause's
        starts = list(dict.fromkeys([*(h for h in holders[1:] if h.pos_ == "VERB"), gov]))
        for h in starts:
            # a participle's doer sits inside the noun's phrase ("talks started by X")
            own = skip - {t.i for t in h.subtree} if h.head == noun else skip
            found = subject_of(ctx, h, own, avoid)
            if found:
                if speaker_above(h) and not _before_the_words(noun, h):
                    return _for_speaker(found, avoid)  # "talks have been held with X, he said"
                return found
        return _for_speaker(reporter(doc, actors, noun, gov, avoid), avoid)

    def _for_speaker(said: list[str], avoid: Collection[str]) -> list[str]:
        """The speaker as the party: the body the speaker holds a post of, or the speaker."""
        if not said:
            return said
        body = speakers_body(ctx, said[0]) if len(said) == 1 else None
        if body is not None and body not in avoid and actors.kind(said[0]) == "PERSON":
            notes.append("speakers-body")
            return [body]
        own = len(said) == 1 and actors.kind(said[0]) == "ORG"  # a body on its own talks
        note = "reporter-body" if own else "reporter"
        if note not in notes:
            notes.append(note)
        return said

    if press and not counter_of(()):
        return None
    with_x = any(h.head.lower_ == "with" for h in heads)
    if pred.frame == "round" and not with_x and not _heads_of_sides_hold(ctx, gov):
        return None  # "a round with X" only
    if pred.frame == "meal" and not any(h.head.lower_ in ("with", "for") for h in heads):
        return None  # "at a dinner" alone says nothing of who dined together
    subject: list[str] = []
    counter: list[str] = []
    if between:
        parties = counter_of(())
        if owners and not attended and all(actors.kind(p) != "PERSON" for p in parties):
            # "the meetings of the IMF and the World Bank", "a meeting of EC ministers": the
            # bodies own or hold the event; they are not parties meeting each other (with a
            # named person among them it is their meeting: "a meeting of the union, the
            # bankers' association and Labour Minister X")
            return None
    else:
        subject, counter = two_sides(counter_of, subject_side)
        if not counter and any(h.head.lower_ == "with" for h in heads):
            # "X and Y held talks with bankers": the co-subjects are one side, the other side
            # is not named
            return None
        if not counter and (len(subject) < 2 or separate or bodys_own(actors, noun)):
            return None
        setting = noun.head.dep_ == "prep" and noun.head.lower_ == "during"
        # "X and Y reached agreement after talks", "X and Y agreed at talks here": the two
        # sides of the talks agreed
        setting = setting or (
            noun.head.dep_ == "prep"
            and noun.head.lower_ in ("after", "following", "at")
            and gov.lemma_.lower() in SETTLERS
        )
        # "X and Y are in talks", "X and Y remain far apart in contract talks": being in talks
        # together (the sides of one negotiation)
        in_talks = noun.head.lower_ == "in" and noun.head.head.lemma_ in IN_TALKS_VERBS
        # "taking part in the talks were X and Y"
        in_talks = in_talks or (
            gov.lemma_ == "take" and any(c.lower_ == "part" for c in gov.children)
        )
        if not counter and gov.lemma_.lower() not in HOLD_VERBS and not setting and not in_talks:
            return None  # "X and Y attended the meeting": both on one side of it
        if not counter:
            notes.append("co-subjects")
            if setting:  # "X and Y set targets during talks": together, or one side?
                notes.append("co-subjects-during")
        if counter and not subject and len(counter) >= 2:
            return None  # "Zambia's talks with the World Bank and the IMF": one side
        parties = list(dict.fromkeys(subject + counter))
    planned = is_planned(noun) or (gov is not noun and is_planned(gov))
    if gov.lemma_.lower() in ENDERS or (planned and held_by_own_predicate(noun)):
        planned = False  # "agreed to discontinue negotiations", "talks broke off": held
    if any(
        c.dep_ == "acl"
        and c.tag_ == "VBN"
        and c.lemma_.lower() in HOLD_VERBS
        and not any(a.dep_ in ("aux", "auxpass") for a in c.children)
        for c in noun.children
    ):
        planned = False  # "will be brought into the talks started last week": under way
    if noun.head.lower_ == "for" and noun.head.head.lemma_.lower() in MOTION:
        planned = True
    # "held separate talks with Y and Z": one encounter with each
    hosts = len(subject) if separate and not between and subject and len(counter) > 1 else 0
    found = Found(parties, noun, gov, remote=remote, planned=planned, hosts=hosts)
    found.rules += [*notes, "expected-talks"] if forecast(noun) else notes
    return found


# Verbs of settling: their co-subjects "after talks" (or "at talks") were the sides of the
# talks ("X and Y reached agreement after talks", "signed a pact after talks", "agreed at talks").
SETTLERS = frozenset({"reach", "sign", "settle", "agree", "conclude", "initial"})
# Verbs whose "with"-object is the other side of the talks in their "to"-clause ("X agreed with
# Y to end talks").
WITH_AGREERS = frozenset({"agree"})
# Verbs that end talks already held: the talks took place, even when the ending is agreed or
# announced ("agreed to discontinue negotiations", "ended talks").
ENDERS = frozenset({"end", "discontinue", "terminate", "conclude", "break"})

# Verbs of being somewhere whose co-subjects "in talks" are in them together ("X and Y are in
# talks", "remain deadlocked in talks", "stay far apart in talks").
IN_TALKS_VERBS = frozenset({"be", "remain", "stay"})

# Verbs whose co-subjects hold a meeting noun together ("X and Y held talks").
HOLD_VERBS = frozenset(
    {"hold", "have", "conduct", "begin", "open", "start", "end", "resume", "continue"}
    | {"conclude", "complete", "finish", "wrap", "break", "discontinue", "terminate"}
)


def _before_the_words(noun: Token, clause: Token) -> bool:
    """ "X said after a meeting with Y that ...": the meeting noun stands between the verb of
    saying and the "that" opening the words said, so it belongs to the sayer's own clause
    (the parser hung it inside the words)."""
    node = clause
    while node.dep_ != "ccomp" and node.head != node:
        node = node.head
    say = node.head
    if node.dep_ != "ccomp" or not say.i < noun.i:
        return False
    up = noun
    while up != node and up.head != up:
        if up.dep_ in ("nsubj", "nsubjpass"):
            return False  # "said talks with X showed that ...": the talks are in the words
        up = up.head
    # the "that" opening the words, after the noun (the parser may take it for a determiner
    # of the words' subject), and none before it
    marks = [t.i for t in node.subtree if t.lower_ == "that" and node in (t.head, t.head.head)]
    after = [i for i in marks if i > noun.i]
    before = [i for i in marks if say.i < i < noun.i]
    return bool(after) and not before


def _inside_other_subject(ctx: MeetingContext, noun: Token, gov: Token) -> bool:
    """Whether the meeting noun sits inside another noun that is the clause's subject
    ("progress in talks with X was expected"): then the clause's subject is not a party. A
    named party as that subject holds the talks ("X, in Bonn for talks with Y, said ...")."""
    node = noun
    while node != gov and node.head != node:
        subject = node.dep_ in ("nsubj", "nsubjpass") and node.pos_ in ("NOUN", "PROPN")
        if node != noun and subject and ctx.actors.at(node.i) is None:
            return True
        node = node.head
    return False


def _named_body(ctx: MeetingContext, tok: Token) -> bool:
    return any(ctx.actors.kind(n) == "ORG" for n in parties_of(ctx.doc, ctx.actors, tok, set()))


def _heads_of_sides_hold(ctx: MeetingContext, gov: Token) -> bool:
    """ "The negotiating teams, led by Bellini and Dubois, will hold their seventh round": the
    sides' heads hold the round together, so it needs no "with"."""
    return gov.lemma_.lower() in HOLD_VERBS and any(
        c.dep_ == "nsubj" and co_leaders(ctx.actors, c) for c in gov.children
    )
