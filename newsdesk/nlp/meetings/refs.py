"""Who a common noun stands for: "officials from X", "the prime minister" named earlier."""

from __future__ import annotations

from itertools import islice

from spacy.tokens import Doc, Token

from newsdesk.nlp.lexicon import STYLES, words
from newsdesk.nlp.meetings.committees import creditor_committee
from newsdesk.nlp.meetings.lookup import ActorLookup
from newsdesk.nlp.meetings.sentences import sentences_before

__all__ = [
    "appositive_after",
    "bracketed_after",
    "from_body",
    "it_before",
    "listed_after",
    "previous_subject_body",
    "story_speaker_body",
    "the_named_body",
    "the_title_holder",
    "untagged_name",
]

# Role nouns: their "of"-object or appositive is the person meant ("commander of ... X"), and
# a definite "the <role>" can stand for the one holder named earlier.
ROLES = words(
    """
    president chairman chairwoman head chief commander leader minister secretary director
    governor ambassador envoy premier chancellor king queen prince representative spokesman
    director-general undersecretary deputy counterpart
    """
)


def from_body(actors: ActorLookup, tok: Token) -> str | None:
    """ "officials from Acme Bank": the body they come from (the parser often hangs the "from"
    on the verb; it still counts when it follows the noun at once)."""
    preps = [c for c in tok.children if c.dep_ == "prep"]
    if tok.dep_ in ("dobj", "pobj"):
        preps += [c for c in tok.head.children if c.dep_ == "prep" and c.i == tok.i + 1]
    for prep in preps:
        if prep.lower_ != "from":
            continue
        for pobj in prep.children:
            name = actors.at(pobj.i) if pobj.dep_ == "pobj" else None
            if name and actors.kind(name) == "ORG" and not pobj.conjuncts:
                return name
    return None


def the_title_holder(doc: Doc, actors: ActorLookup, tok: Token) -> str | None:
    """ "met the prime minister": the one person named earlier with every word of that title."""
    if tok.tag_ != "NN" or tok.lower_ not in ROLES:
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return None
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i]
    found = set(actors.holders(tok.lower_))
    for mod in mods:
        styled = set(actors.holders(mod.lower_))
        if mod.ent_type_ == "NORP":
            # "the Venezuelan minister": also the holder the story styled so when naming him
            # ("Venezuelan Energy and Mines Minister Ana Ruiz", whose title keeps only "Mines
            # Minister"), not a minister of another country
            styled |= {n for n in found if _styled_before(doc, actors, n, mod.lower_, tok.i)}
        found &= styled
    earlier = {actors.at(i) for i in range(tok.i)}
    if not found and not mods and tok.lower_ in STYLES:
        # "King Omar received X. The king had hosted Y": the one person named with that style
        found = {n for n in earlier if n and n.lower().startswith(tok.lower_ + " ")}
    named = [n for n in found if n in earlier and actors.kind(n) == "PERSON"]
    return named[0] if len(named) == 1 else None


def _styled_before(doc: Doc, actors: ActorLookup, name: str, word: str, limit: int) -> bool:
    """Whether a mention of `name` before token `limit` is preceded, within its own title (no
    verb, comma or other name between), by `word` ("Venezuelan ... Minister Ana Ruiz")."""
    for i in range(limit):
        if actors.at(i) != name or (i > 0 and actors.at(i - 1) == name):
            continue
        start = max(doc[i].sent.start, i - 8)
        for j in range(i - 1, start - 1, -1):
            t = doc[j]
            if t.lower_ == word:
                return True
            if actors.at(j) is not None or t.pos_ in ("VERB", "AUX") or t.text in ",;()":
                break
    return False


def _past_ticker(doc: Doc, i: int) -> int:
    """The index after a stock ticker in angle brackets starting at i ("<PRAT>"), else i."""
    if i < len(doc) and doc[i].text == ">":
        return i + 1  # the ticker itself was the name's last token
    if i + 2 < len(doc) and doc[i].text == "<" and doc[i + 2].text == ">":
        return i + 3
    return i


def listed_after(actors: ActorLookup, tok: Token, *, past_ticker: bool = False) -> list[Token]:
    """The names listed after `tok` that the parser lost, read off the words: joined by commas
    and "and" (each maybe with its own ticker in angle brackets; title words before a name are
    passed over). A name right before a verb is the next clause's subject, not part of the list.
    - "talks between Acme Corp, Zenith Ltd and Borden Inc", "a meeting of the union, the
      Bankers Association and Labour Minister Ann Lee": the parser hangs the rest of the list on
      the verb; without its "and" there is no list.
    - `past_ticker`: "talks with Pratt Hotel Corp <PRAT> and Southmark Corp <SM> on ...": a
      ticker right after the name breaks the parse of the list it heads (none, no list)."""
    doc = tok.doc
    end = tok.sent.end
    if past_ticker:
        i = _past_ticker(doc, tok.i + 1)
        if i == tok.i + 1:
            return []
    else:
        i = _past_ticker(doc, tok.right_edge.i + 1)
    out: list[Token] = []
    joined = past_ticker
    while i < end and doc[i].lower_ in (",", "and", "&"):
        while i < end and doc[i].lower_ in (",", "and", "&", "the", "<"):
            joined = joined or doc[i].lower_ in ("and", "&")
            i += 1
        j = i  # "Labour Minister Ann Lee": the title words before the name
        while (
            j < end
            and j - i < 4
            and actors.at(j) is None
            and doc[j].dep_ in ("compound", "amod")
            and doc[j].head.i > j
        ):
            j += 1
        name = actors.at(j) if j < end else None
        if name is None:
            break
        first = doc[j]
        i = j
        while i < end and actors.at(i) == name:
            i += 1
        i = _past_ticker(doc, i)
        if i < end and doc[i].pos_ in ("VERB", "AUX"):
            break
        if past_ticker or first not in tok.subtree:  # a ticker's subtree may hold the rest
            out.append(first)
    return out if joined else []


# Entity labels a body's name may get by mistake in one mention ("talks with Dome", tagged as a
# building), or none: never a person's or a place's ("Washington" the city is no body).
OTHER_LABELS = frozenset({"", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"})
# Company forms a name may carry in one mention and drop in another ("Acme Corp", "Acme").
COMPANY_FORMS = words("corp corporation inc co ltd plc sa ag nv")


def untagged_name(actors: ActorLookup, tok: Token) -> str | None:
    """ "Acme Corp is negotiating with ...", where the tagger missed the name it found
    elsewhere in the story: a capitalised proper noun phrase no person, body or place covers
    whose words (a company form aside) are the name or an alias of one of the story's bodies."""
    if tok.pos_ != "PROPN" or not tok.text[:1].isupper():
        return None
    if tok.ent_type_ not in OTHER_LABELS:
        return _body_tagged_elsewhere(actors, tok)
    words_ = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok]
    if any(w.ent_type_ not in OTHER_LABELS for w in words_):
        return None
    texts = [w.text for w in words_]
    while len(texts) > 1 and texts[-1].lower().strip(".") in COMPANY_FORMS:
        texts.pop()
    text = " ".join(texts)
    named = {a.name for a in getattr(actors, "actors", ())}
    name = text if text in named else actors.canonical(text)  # "Dome" before "DOME"
    return name if name and actors.kind(name) == "ORG" else None


def _body_tagged_elsewhere(actors: ActorLookup, tok: Token) -> str | None:
    """ "Hutton had been in talks with ...", where the tagger took this one-word mention for a
    place but took the very same word for a body elsewhere in the story ("a Hutton spokesman"):
    the body. Only a lone word outside any longer name, and only when every other mention of
    the word is that one body."""
    if tok.ent_type_ not in ("GPE", "NORP") or tok.ent_iob_ != "B":
        return None
    known = actors.canonical(tok.text)  # a mention's text is an alias of its actor
    if known is None or actors.kind(known) != "ORG":
        return None
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.ent_iob_ == "I":
        return None
    bodies = {
        actors.at(t.i)
        for t in tok.doc
        if t.i != tok.i and t.text == tok.text and t.ent_type_ == "ORG"
    }
    if len(bodies) != 1:
        return None
    name = bodies.pop()
    others = {actors.at(t.i) for t in tok.doc if t.text == tok.text and t.ent_type_ != "ORG"}
    if name is None or actors.kind(name) != "ORG" or others - {None, name}:
        return None
    return name


# Bare definite nouns for a company that stand for the body the sentence before is about: "The
# group, led by Acme Corp, bought 5 pct of Zenith." + "The group said it held talks with ...".
ANTECEDENT_NOUNS = words("company group firm")


# How many sentences back a chain of "it" / "the group" subjects is followed to its named body.
ANTECEDENT_CHAIN = 3


def previous_subject_body(actors: ActorLookup, tok: Token, depth: int = 0) -> str | None:
    """The clear antecedent of a bare "the company", "the group" or "it" subject: the named body
    that is the subject of the sentence before (its head's name, else the one body its phrase
    names: "the group, led by Acme Corp"); none when that subject names no body or several.
    When that subject is itself a bare "it" or "the group", the chain is followed a few
    sentences back ("The group, led by Acme Corp, bought ..." + "It also said ..." + "The
    group said it held talks with ...": Acme)."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    if tok.lower_ != "it" and not _bare_antecedent(tok):
        return None
    before = next(sentences_before(tok, 1), None)
    if before is None:
        return None
    for subject in (c for c in before.root.children if c.dep_ in ("nsubj", "nsubjpass")):
        name = actors.at(subject.i)
        others = {n for c in subject.conjuncts if (n := actors.at(c.i)) and n != name}
        if others:
            return None  # "Acme and Zenith reported ...": "the company" is either
        if name is None:
            named = {n for t in subject.subtree if (n := actors.at(t.i))}
            name = named.pop() if len(named) == 1 else None
        if name and actors.kind(name) == "ORG":
            return name
        if name is None and depth < ANTECEDENT_CHAIN:
            chained = previous_subject_body(actors, subject, depth + 1)
            if chained:
                return chained
    return None


def _bare_antecedent(tok: Token) -> bool:
    """ "the company", "the group": a noun that stands for a body, with "the" and nothing else."""
    dets = list(tok.children)
    return tok.lower_ in ANTECEDENT_NOUNS and len(dets) == 1 and dets[0].lower_ == "the"


def it_before(actors: ActorLookup, tok: Token) -> str | None:
    """ "Acme Corp reported a loss. It is in talks with Zenith.": the body the sentence before
    is about, unless "it" is what someone says (then it is the speaker's, or no one's)."""
    node = tok.head
    while node.dep_ in ("xcomp", "conj") and node.head != node:
        node = node.head
    if node.dep_ == "ccomp":
        return None
    return previous_subject_body(actors, tok)


# Verbs of a body's statements: "the company said", "the group added".
STATEMENT_VERBS = words("say add announce report disclose")


def story_speaker_body(actors: ActorLookup, tok: Token) -> str | None:
    """ "LONDON - Acme Holdings Plc said profits rose." + ... + "The group said talks with
    Zenith had been called off": a bare "the company" / "the group" making a statement is the
    body whose statement opens the story (the named subject of a statement verb in the body's
    first sentence), when no other body makes a statement before it."""
    if tok.dep_ != "nsubj" or tok.head.lemma_.lower() not in STATEMENT_VERBS:
        return None
    if not _bare_antecedent(tok):
        return None
    start = int(getattr(actors, "body_start", 0))
    # the body's first sentence (two, when the parser cut the dateline off as one)
    lead = list(islice((s for s in tok.doc.sents if s.end_char > start), 2))
    if not lead or tok.i < lead[-1].end:
        return None
    speakers = {
        n
        for t in tok.doc[lead[0].start : tok.sent.start]
        if t.dep_ == "nsubj" and t.head.lemma_.lower() in STATEMENT_VERBS
        for n in _subject_names(actors, t)
        if actors.kind(n) == "ORG"
    }
    if len(speakers) != 1:
        return None
    name = speakers.pop()
    first = {
        n
        for s in lead
        for t in s
        if t.dep_ == "nsubj" and t.head.lemma_.lower() in STATEMENT_VERBS
        for n in _subject_names(actors, t)
    }
    return name if name in first else None


def _subject_names(actors: ActorLookup, subject: Token) -> set[str]:
    """The names a subject's words up to its head hold ("Acme Corp <ACME>": the ticker heads)."""
    return {n for t in subject.subtree if t.i <= subject.i and (n := actors.at(t.i))}


# Common nouns that end a body's own name, so that "the union" can stand for the one union the
# story names ("the Acme Workers' Union" ... "the union's executive committee").
NAME_HEADS = words("union association federation bank exchange council confederation")


def the_named_body(actors: ActorLookup, tok: Token) -> str | None:
    """ "the union", "the association": the one body of the story whose name ends in that word
    (none when the story names two such bodies, or the noun has words of its own); "the
    bank advisory committee" of debt talks is named by its phrase (see `committees`)."""
    committee = creditor_committee(tok)
    if committee is not None:
        return committee
    if tok.lower_ not in NAME_HEADS:
        return None
    # its own words, not what hangs after it ("the union's", "the union and Acme")
    own = [c for c in tok.children if c.dep_ in ("det", "amod", "compound", "nmod", "poss")]
    if len(own) != 1 or own[0].lower_ != "the":
        return None
    found = {
        a.name
        for a in getattr(actors, "actors", ())
        if actors.kind(a.name) == "ORG" and a.name.lower().rstrip(".").split()[-1:] == [tok.lower_]
    }
    return found.pop() if len(found) == 1 else None


def appositive_after(actors: ActorLookup, tok: Token) -> str | None:
    """ "the president of the country's largest chip maker, Acme Corp, ...": the body named
    right after a comma that ends a common noun's phrase, when the parser hung the name
    elsewhere (outside the phrase); only when the name ends there (a comma, a ticker, a time
    word or the sentence's end follows), so that a list or a new clause is not taken."""
    if not _unnamed_noun(actors, tok):
        return None
    doc = tok.doc
    i = tok.right_edge.i + 1
    if i + 1 >= tok.sent.end or doc[i].text != ",":
        return None
    i += 1
    name = actors.at(i)
    if name is None or actors.kind(name) != "ORG" or doc[i] in tok.subtree:
        return None
    while i < tok.sent.end and actors.at(i) == name:
        i += 1
    i = _past_ticker(doc, i)
    after = doc[i] if i < tok.sent.end else None
    if after is None or after.is_punct and after.text != "-" or after.ent_type_ in ("DATE", "TIME"):
        return name
    return None


def _unnamed_noun(actors: ActorLookup, tok: Token) -> bool:
    """A common noun whose phrase names no actor ("the chip maker"), which a name after it may
    describe."""
    return tok.pos_ == "NOUN" and not any(actors.at(t.i) for t in tok.subtree)


def bracketed_after(actors: ActorLookup, tok: Token) -> str | None:
    """ "talks with the high street chemist <Zenith Plc>": the wire writes an unlisted company's
    name in angle brackets, often right after a common noun that describes it; the parser then
    hangs the bracketed name elsewhere. The body named whole between the brackets that open
    right after the noun's phrase (nothing else inside them)."""
    if not _unnamed_noun(actors, tok):
        return None
    doc = tok.doc
    i = tok.right_edge.i + 1
    end = min(len(doc), i + 12)  # (the parser may end the sentence inside the brackets)
    if i + 2 >= end or doc[i].text != "<":
        return None
    name = actors.at(i + 1)
    if name is None or actors.kind(name) != "ORG":
        return None
    j = i + 1
    while j < end and actors.at(j) == name and doc[j].text != ">":  # (the tagger may take ">")
        j += 1
    return name if j < end and doc[j].text == ">" else None
