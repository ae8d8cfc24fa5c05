"""Meeting patterns over the dependency parse: which words make a meeting, and who is in it.

Verbs ("met (with)", "visited", "hosted", "received", "conferred with", "sat down with"), nouns
("talks/meeting with X", "talks between X and Y", "a courtesy call on X", "X and Y held talks"),
relative clauses ("X and Y, who met in ...") and calls (phone or video). Refusals, hopes,
proposals, "met reporters" and bodies convening alone are not meetings.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from spacy.tokens import Token

from newsdesk.nlp.meetings.clues import bodys_own, reporter
from newsdesk.nlp.meetings.context import MeetingContext
from newsdesk.nlp.meetings.parties import (
    mentioned_in,
    parties_of,
)
from newsdesk.nlp.meetings.rules import Predicate, predicate_for
from newsdesk.nlp.meetings.status import blocked, is_planned
from newsdesk.nlp.meetings.words import (
    INWARD_AMODS,
    MOTION,
    PRESS,
    REMOTE_WORDS,
    TALK_NOUNS,
    UNREAL_AMODS,
    WRITTEN,
)


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


def match_at(ctx: MeetingContext, tok: Token) -> Found | None:
    """The meeting a token triggers, by the predicate table (`rules.PREDICATES`)."""
    pred = predicate_for(tok)
    if pred is None:
        return None
    found: Found | None
    if pred.frame == "joined":
        found = _joined(ctx, tok) if tok.tag_ == "VBN" else None
    elif pred.frame == "lead-sides":
        found = _led_sides(ctx, tok)
    elif pred.pos == "verb":
        found = _verb(ctx, tok, pred)
    else:
        found = _noun(ctx, tok, pred)
    if found is not None:
        found.rules.insert(0, pred.id)
        found.base = pred.confidence
    return found


# Nouns for one side of talks ("the two sides will be headed by X and Y").
SIDES = frozenset({"side", "sides", "delegation", "delegations", "team", "teams"})


def _led_sides(ctx: MeetingContext, verb: Token) -> Found | None:
    """ "The two sides in the talks will be headed by X and Y": the heads meet; the sentence must
    speak of talks, and each side's head is named."""
    if blocked(verb) or not any(t.lower_ in TALK_NOUNS for t in verb.sent):
        return None
    passive = [c for c in verb.children if c.dep_ == "nsubjpass" and c.lower_ in SIDES]
    active = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in SIDES]
    heads: list[str] = []
    if passive:
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            for p in _pobjs(agent):
                heads += [n for n in parties_of(ctx.doc, ctx.actors, p, set()) if n not in heads]
    elif active:
        heads = _subject_of(ctx, verb, set())
    if len(heads) < 2 or any(ctx.actors.kind(h) != "PERSON" for h in heads):
        return None
    return Found(heads, verb, verb, planned=is_planned(verb))


def _joined(ctx: MeetingContext, verb: Token) -> Found | None:
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


def _subject_of(
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
                out += [n for n in parties_of(doc, actors, c, skip, avoid) if n not in out]
            return out
        for c in node.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return parties_of(doc, actors, p, skip, avoid)
        # "Acme Widget Tuesday night met ...": a name the parser left as a modifier
        for c in node.lefts:
            if c.dep_ == "npadvmod":
                named = mentioned_in(doc, actors, c.left_edge.i, c.i + 1, skip)
                if named:
                    return named[:1]
        if node.dep_ in ("relcl", "acl", "appos") and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return parties_of(doc, actors, node.head, skip, avoid)
        if node.pos_ in ("NOUN", "PROPN") and node.dep_ in ("nsubj", "nsubjpass"):
            return parties_of(doc, actors, node, skip, avoid)
        if node.dep_ in (
            "xcomp",
            "advcl",
            "conj",
            "prep",
            "pobj",
            "dobj",
            "pcomp",
            "ccomp",
            "acomp",
        ):
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


def _pobjs(prep: Token) -> list[Token]:
    """Objects of a preposition, looking through a doubled one ("talks with with X")."""
    out = [p for p in prep.children if p.dep_ == "pobj"]
    for p in prep.children:
        if p.dep_ == "prep" and p.lower_ == prep.lower_:
            out += _pobjs(p)
    return out


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
                p for w in c.children if w.dep_ == "prep" and w.lower_ == "with" for p in _pobjs(w)
            ]
        elif c.dep_ in ("prep", "prt") and c.lower_ in ("with", "on", "between", "among"):
            if c.lower_ != "on" or not discuss:
                heads = _pobjs(c)
        elif c.dep_ == "prt" and c.lower_ == "down":
            for p in verb.children:
                if p.dep_ == "prep" and p.lower_ == "with":
                    heads += _pobjs(p)
        elif c.dep_ == "prep" and c.lower_ == "including":
            heads = _pobjs(c)  # "meet business leaders, including X"
        elif c.dep_ == "prep" and c.lower_ == "to" and speak:
            heads = _pobjs(c)  # "spoke to X by phone"
        elif c.dep_ == "prep" and c.lower_ in ("by", "over", "via") and speak:
            # "spoke by telephone with X": the parser hangs X under the medium
            for medium in _pobjs(c):
                for p in medium.children:
                    if p.dep_ == "prep" and p.lower_ in ("with", "to"):
                        heads += _pobjs(p)
        for h in heads:
            if h.lower_ in PRESS or h.lemma_.lower() in PRESS:
                press = True
            out += [n for n in parties_of(doc, actors, h, skip, avoid) if n not in out]
    return out, press


def _two_sides(
    ctx: MeetingContext,
    counter_of: Callable[[Collection[str]], list[str]],
    subject_of: Callable[[Collection[str]], list[str]],
) -> tuple[list[str], list[str]]:
    """Resolve both sides so that a pronoun never points back at the other side."""
    counter = counter_of(())
    subject = subject_of(counter)
    if set(subject) & set(counter):
        counter = counter_of(subject)
    return subject, counter


def _verb(ctx: MeetingContext, verb: Token, pred: Predicate) -> Found | None:
    lemma = verb.lemma_.lower()
    if blocked(verb):
        return None
    remote = pred.frame == "call" or _has_remote_word(verb)
    if pred.frame == "speak" and not remote:
        return None
    if lemma == "call" and not any(c.dep_ in ("dobj", "prep") for c in verb.children):
        return None
    if lemma == "call" and any(c.dep_ in ("xcomp", "oprd") for c in verb.children):
        return None  # "called on X to act", "called X a liar"
    if lemma == "tell" and any(t.lower_ in WRITTEN for t in verb.subtree):
        return None  # "told X in a letter", "in an interview"
    skip: set[int] = set()
    objects, press = _objects(ctx, verb, pred, skip)
    if press and not objects:
        return None
    guest = _visiting_guest(ctx, verb) if pred.frame == "see" and not objects else None
    if guest is not None:
        # "X told visiting Secretary of State Y ...": the parser may lose the object
        subject = [n for n in _subject_of(ctx, verb, skip) if n != guest]
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
    subject, objects = _two_sides(
        ctx,
        lambda avoid: _objects(ctx, verb, pred, skip, avoid)[0],
        lambda avoid: _subject_of(ctx, verb, skip, avoid),
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
        above = _subject_of(ctx, head, skip) + _objects(ctx, head, pred, skip)[0]
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
    if subject and _speaker_above(verb):
        notes.append("reporter")  # "X is being visited by a priest, Y told reporters"
    if pred.frame == "see" and any(
        t.lower_ == "visiting"
        for c in verb.children
        if c.dep_ in ("dobj", "xcomp")
        for t in c.subtree
    ):
        notes.append("visiting")
    separately = any(c.lower_ in ("separately", "individually") for c in verb.children)
    hosts = len(subject) if separately and subject and len(objects) > 1 else 0
    found = Found(parties, verb, verb, remote=remote, planned=is_planned(verb), hosts=hosts)
    found.rules += notes
    return found


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


def _noun(ctx: MeetingContext, noun: Token, pred: Predicate) -> Found | None:
    doc, actors = ctx.doc, ctx.actors
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return None
    if any(c.lower_ in UNREAL_AMODS for c in noun.children):
        return None
    if any(t.lower_ in INWARD_AMODS for t in noun.lefts):
        return None  # "internal and external discussions": not (only) with each other
    separate = any(c.lower_ in ("separate", "respective") for c in noun.children)
    low = noun.lower_
    remote = _has_remote_word(noun) or any(c.lower_ in REMOTE_WORDS for c in noun.children)
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
    if gov is not noun:
        holders.append(gov)
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
        for p in _pobjs(a)
    ]
    for holder in holders + siblings:
        for c in holder.children:
            if c.dep_ == "dative" and c.lower_ == "for" and pred.frame == "meal":
                heads += _pobjs(c)  # "gave a dinner for X": in X's honour
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
            if holder in siblings and c.lower_ not in ("between", "among"):
                continue
            for p in _pobjs(c):
                press = press or p.lower_ in PRESS
                heads.append(p)
                between = between or c.lower_ in ("between", "among", "of")
                owners = owners or c.lower_ == "of"

    if attended:  # with those it was between, but not a body whose meeting it was ("of")
        heads = [h for h in heads if h.head.lower_ in ("between", "among")] + attended
        between = True

    def counter_of(avoid: Collection[str]) -> list[str]:
        out: list[str] = []
        for p in heads:
            out += [n for n in parties_of(doc, actors, p, set(), avoid) if n not in out]
        return out

    def subject_of(avoid: Collection[str]) -> list[str]:
        for c in noun.children:
            if c.dep_ == "poss":
                return parties_of(doc, actors, c, set(), avoid)
        if _inside_other_subject(noun, gov):
            return []  # "progress in talks with X was expected": no one here holds the talks
        starts = [h for h in holders[1:] if h.pos_ == "VERB"] or [gov]
        for h in starts:
            found = _subject_of(ctx, h, skip, avoid)
            if found:
                if _speaker_above(h) and "reporter" not in notes:
                    notes.append("reporter")  # "talks have been held with X, he said"
                return found
        said = reporter(doc, actors, noun, gov, avoid)
        if said and "reporter" not in notes:
            notes.append("reporter")
        return said

    if press and not counter_of(()):
        return None
    if pred.frame == "meal" and not any(h.head.lower_ in ("with", "for") for h in heads):
        return None  # "at a dinner" alone says nothing of who dined together
    if between:
        parties = counter_of(())
        if owners and not attended and all(actors.kind(p) != "PERSON" for p in parties):
            # "the meetings of the IMF and the World Bank", "a meeting of EC ministers": the
            # bodies own or hold the event; they are not parties meeting each other (with a
            # named person among them it is their meeting: "a meeting of the union, the
            # bankers' association and Labour Minister X")
            return None
    else:
        subject, counter = _two_sides(ctx, counter_of, subject_of)
        if not counter and (len(subject) < 2 or separate or bodys_own(actors, noun)):
            return None
        setting = noun.head.dep_ == "prep" and noun.head.lower_ == "during"
        # "X and Y are in talks": being in talks together
        in_talks = noun.head.lower_ == "in" and noun.head.head.lemma_ == "be"
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
    if noun.head.lower_ == "for" and noun.head.head.lemma_.lower() in MOTION:
        planned = True
    found = Found(parties, noun, gov, remote=remote, planned=planned)
    found.rules += notes
    return found


# Verbs whose co-subjects hold a meeting noun together ("X and Y held talks").
HOLD_VERBS = frozenset(
    {"hold", "have", "conduct", "begin", "open", "start", "end", "resume", "continue"}
    | {"conclude", "complete", "finish", "wrap", "break"}
)


# Dependency labels through which a clause without a subject takes the one above it.
CLIMB_DEPS = frozenset({"xcomp", "advcl", "conj", "prep", "pobj", "dobj", "pcomp", "acomp"})


def _speaker_above(verb: Token) -> bool:
    """Whether the clause of a meeting noun has no subject of its own and hangs from a verb of
    saying ("talks have been held with X, he said"): its subject is found only as the speaker."""
    node = verb
    for _ in range(6):
        deps = ("nsubj", "csubj") if node == verb else ("nsubj", "csubj", "nsubjpass")
        if any(c.dep_ in deps for c in node.children):
            return False
        if node.dep_ == "ccomp":
            return True
        if node.dep_ not in CLIMB_DEPS or node.head == node:
            return False
        node = node.head
    return False


def _inside_other_subject(noun: Token, gov: Token) -> bool:
    """Whether the meeting noun sits inside another noun that is the clause's subject
    ("progress in talks with X was expected"): then the clause's subject is not a party."""
    node = noun
    while node != gov and node.head != node:
        if node != noun and node.pos_ in ("NOUN", "PROPN") and node.dep_ in ("nsubj", "nsubjpass"):
            return True
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


def _has_remote_word(tok: Token) -> bool:
    return any(t.lower_ in REMOTE_WORDS and abs(t.i - tok.i) < 8 for t in tok.subtree)
