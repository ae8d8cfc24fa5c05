"""Finding PERSON and ORG mentions: names without titles, acronym definitions, roles."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsdesk.nlp.body_names import (  # the table lives there, without spaCy
    acronym_key as acronym_key,
)
from newsdesk.nlp.body_names import (
    expansions as expansions,
)
from newsdesk.nlp.body_names import (
    known_bodies as known_bodies,
)
from newsdesk.nlp.doc_reads import doc_ents, text_of, tokens_with
from newsdesk.nlp.lexicon import STYLES, words
from newsdesk.nlp.meetings.where import dateline_end
from newsdesk.nlp.places import is_known_place, lookup_place

# Words that are titles or roles, never part of a name ("President", "Mr", "Secretary-General").
TITLE_WORDS = words(
    """
    president vice prime minister mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor
    sir dame lord lady chancellor premier secretary general secretary-general deputy senator
    sen sen. rep rep. representative congressman congresswoman governor gov gov. ambassador
    envoy king queen prince princess pope cardinal archbishop bishop rev rev. reverend
    chairman chairwoman chair chief judge justice gen gen. colonel col col. lieutenant lt
    lt. major maj maj. captain capt capt. commander marshal field admiral sergeant foreign
    defence defense trade finance interior economy agriculture energy commerce treasury
    state affairs oil mines labour labor health education justice home undersecretary under
    minister-president mayor speaker leader spokesman spokeswoman spokesperson director
    director-general executive officer ceo chief former acting incoming outgoing late crown
    emir sultan ayatollah
    """
)
# People sent by a body, that the tagger may glue onto its name ("Officials of Acme Corp").
PEOPLE_OF = words(
    """
    representatives representative officials official delegates delegation members executives
    negotiators envoys bankers staff
    """
)
ORG_SUFFIXES = words(
    """
    corp corp. corporation inc inc. co co. ltd ltd. plc ag sa nv bv group holdings llc
    """
)
_KINDS = ("PERSON", "ORG")


def initials(name: str) -> str:
    """ "Libyan National Army" -> "LNA" (capitalised words only)."""
    return "".join(w[0] for w in re.split(r"[\s\-]+", name) if w and w[0].isupper())


def norm(text: str) -> str:
    text = text.strip().replace("\u2019", "'")
    text = re.sub(r"'s?$", "", text).strip()
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return " ".join(text.split()).lower()


_ABBREVIATIONS = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general"}


def title_words(role: str) -> set[str]:
    words = {w.lower().rstrip(".") for w in re.split(r"[\s,]+", role) if w}
    # the parts of a hyphened word too: a dateline run into the title ("June 25-Saudi Oil
    # Minister") still styles its holder "Saudi"; "secretary-general" is kept whole as well
    words |= {part for w in words if "-" in w for part in w.split("-") if part}
    return {_ABBREVIATIONS.get(w, w) for w in words}


@dataclass
class Mention:
    start: int  # token indices of the name itself (titles stripped)
    end: int
    text: str
    kind: str
    role: str | None = None
    acronym: str | None = None  # defined right after: "Libyan National Army (LNA)"


def mention_tokens(mentions: list[Mention]) -> set[int]:
    """The indices of every token some mention covers."""
    return {i for m in mentions for i in range(m.start, m.end)}


def _strip_span(doc: Doc, start: int, end: int, kind: str) -> tuple[int, int, list[str]]:
    """Drop determiners, possessive endings, punctuation and (for people) leading titles."""
    titles: list[str] = []
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in ("'", "\u2019")):
        end -= 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in (".",):
        end -= 1
    sent_by = end - start > 2 and doc[start].lower_ in PEOPLE_OF and doc[start + 1].lower_ == "of"
    if kind == "ORG" and sent_by:
        start += 2  # "Representatives of Acme Corp" -> "Acme Corp"
    if kind == "PERSON":
        while end - start > 1 and (
            doc[start].lower_ in TITLE_WORDS or doc[start].is_punct or doc[start].is_lower
        ):
            if end - start == 2 and doc[start].lower_ in STYLES and doc[start].is_title:
                break  # "Lord Carrington": a style naming one known by one name
            titles.append(doc[start].text)
            start += 1
    return start, end, titles


def _role_of(doc: Doc, ent: Span, start: int, titles: list[str]) -> str | None:
    """The words in front of a person's name in the same noun phrase ("UN Secretary-General")."""
    root = ent.root
    left = root.left_edge.i
    for t in doc[left:start]:
        if t.is_space or "\n" in t.text:
            left = t.i + 1
    toks = [t for t in doc[left:start] if t.dep_ != "det" and not t.is_punct or t.text == "-"]
    while toks and (toks[0].is_punct or toks[0].dep_ in ("det", "poss", "case")):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    # "Trade Minister A and Farm Minister B": B's role starts after the other name
    cuts = [i for i, t in enumerate(toks) if t.dep_ == "cc" or t.ent_type_ == "PERSON"]
    if cuts:
        toks = toks[cuts[-1] + 1 :]
    if toks and toks[0].is_sent_start:
        # the parser may end a "sentence" after a bare "UN" opening a line: "UN | Secretary-..."
        j = toks[0].i - 1
        while j >= 0 and doc[j].ent_type_ in ("ORG", "GPE", "NORP") and doc[j].is_alpha:
            toks.insert(0, doc[j])
            j -= 1
    if not toks and root.dep_ == "appos" and root.head.pos_ == "NOUN":
        head = root.head
        toks = [t for t in head.subtree if t.i < root.i and t.dep_ != "det" and not t.is_punct]
        cut = max((t.i for t in doc[head.i : root.i] if "\n" in t.text), default=-1)
        toks = [t for t in toks if cut < t.i < ent.start]
        toks = [t for t in toks if t.i <= head.i or t.head.i < root.i]
        while toks and toks[0].dep_ in ("poss", "case"):
            toks = toks[1:]  # "his Japanese counterpart" -> "Japanese counterpart"
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        # "commander of the Libyan National Army (LNA) Khalifa Haftar"
        org = [
            t for t in doc[head.i + 1 : start] if t.text not in "()" and not _inside_parens(doc, t)
        ]
        if org:
            return f"{head.head.text} of {''.join(t.text_with_ws for t in org).strip()}"
    if not toks:
        return " ".join(titles) if titles else None
    toks = [t for t in toks if not _inside_parens(doc, t) and t.text not in ("(", ")")] or toks
    text = doc[toks[0].i : toks[-1].i + 1].text
    if titles:
        text = f"{text} {' '.join(titles)}"
    text = re.sub(r"\s*-\s*", "-", text)
    return text.strip(" ,") or None


def _inside_parens(doc: Doc, tok: Token) -> bool:
    return 0 < tok.i < len(doc) - 1 and doc[tok.i - 1].text == "(" and doc[tok.i + 1].text == ")"


def mentions_of(doc: Doc, body_start: int) -> list[Mention]:
    out: list[Mention] = []
    ends = dateline_end(doc, body_start)
    filed_end = -1 if ends is None else ends  # (no dateline: no entity starts inside one)
    for ent in doc_ents(doc):
        if ent.label_ not in _KINDS and not _person_tagged_place(ent):
            continue
        if ent.start_char < filed_end and ent.end_char > body_start:
            continue  # "AMSTERDAM, March 20 -" is where the story was filed, not an actor
        kind = ent.label_ if ent.label_ in _KINDS else "PERSON"
        start, end = ent.start, ent.end
        for i in range(start, end):
            if "\n" in doc[i].text:  # never across the title/body gap or a paragraph break
                start = i + 1
        if start >= end:
            continue
        acronym: str | None = None
        # "Organization of Islamic Cooperation (OIC" -> name + acronym
        for i in range(start, end):
            if doc[i].text == "(" and i + 1 < end and acronym_key(doc[i + 1].text):
                acronym = acronym_key(doc[i + 1].text)
                end = i
                break
        if (
            acronym is None
            and end + 2 < len(doc)
            and doc[end].text == "("
            and doc[end + 2].text == ")"
            and acronym_key(doc[end + 1].text)
        ):
            acronym = acronym_key(doc[end + 1].text)
        # the tagger often stops one word short: "Klaus/compound -> Richter"
        while (
            end < len(doc)
            and not doc[end].ent_type_
            and doc[end].pos_ == "PROPN"
            and doc[end].text[:1].isupper()
            and doc[end].lower_ not in TITLE_WORDS
            and doc[end - 1].head.i == end
            and doc[end - 1].dep_ in ("compound", "flat")
        ):
            end += 1
        start, end, titles = _strip_span(doc, start, end, kind)
        if end <= start:
            continue
        role = _role_of(doc, ent, start, titles) if kind == "PERSON" else None
        text = doc[start:end].text
        if acronym and initials(text) != acronym and kind == "PERSON":
            acronym = None
        out.append(Mention(start, end, text, kind, role, acronym))
    out = _split_joined(doc, out)
    out += _untagged_full_names(doc, out, body_start)
    title = text_of(doc)[: max(0, body_start - 2)]
    if title and title.upper() == title:
        # an all-capitals headline confuses the tagger: keep only names the body confirms
        body = {w.lower() for m in out if doc[m.start].idx >= body_start for w in m.text.split()}
        out = [
            m
            for m in out
            if doc[m.start].idx >= body_start or all(w.lower() in body for w in m.text.split())
        ]
    return out


def _untagged_full_names(doc: Doc, mentions: list[Mention], body_start: int) -> list[Mention]:
    """ "the envoy, Mamadou Kone, ..." untagged, then "Kone said" tagged PERSON: the full name is
    a mention too (a capitalised given name the tagger left out, right before the surname)."""
    lone = {m.text for m in mentions if m.kind == "PERSON" and " " not in m.text}
    full = {m.text.split()[-1] for m in mentions if m.kind == "PERSON" and " " in m.text}
    if not lone:
        return []  # no bare surname tagged: nothing to look for
    taken = mention_tokens(mentions)
    found: list[Mention] = []
    for tok in tokens_with(doc, {s.lower() for s in lone}):
        if tok.text not in lone or tok.text in full or tok.i in taken or tok.i == 0:
            continue
        given = doc[tok.i - 1]
        if (
            given.i in taken
            or given.ent_type_
            or given.pos_ != "PROPN"
            or not given.is_title
            or given.lower_ in TITLE_WORDS
            or given.is_sent_start
            or given.idx < body_start <= tok.idx
        ):
            continue
        found.append(Mention(given.i, tok.i + 1, f"{given.text} {tok.text}", "PERSON"))
        taken |= {given.i, tok.i}
    return found


def _person_tagged_place(ent: Span) -> bool:
    """ "its director-general, Amara Okafor" tagged GPE: a name of two or more capitalised words
    in apposition to a title, that the gazetteer does not know, is a person; and so is a lone
    surname that someone is to "meet" ("is due to meet Hollis in Ottawa": places are visited,
    people met)."""
    if ent.label_ not in ("GPE", "LOC", "NORP"):
        return False
    if len(ent) == 1:
        root = ent.root
        met = root.dep_ == "dobj" and root.head.lemma_ == "meet" and root.pos_ == "PROPN"
        return met and root.is_title and not is_known_place(ent.text) and not lookup_place(ent.text)
    if not all(t.pos_ == "PROPN" and (t.is_title or t.text == "-") for t in ent):
        return False
    head = ent.root.head
    if ent.root.dep_ != "appos" or head.lower_ not in TITLE_WORDS:
        return False
    return not is_known_place(ent.text) and not lookup_place(ent.text)


def _split_joined(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Split ORG spans glued onto a person: "Haftar and Government of National Accord", or
    "Okafor, Trade" (a surname, a comma, then the title of the next sentence part's subject)."""
    person_words = {
        w.lower() for m in mentions if m.kind == "PERSON" for w in m.text.split() if w[0].isupper()
    }
    out: list[Mention] = []
    for m in mentions:
        commas = [i for i in range(m.start + 1, m.end) if doc[i].text == ","]
        if m.kind == "ORG" and commas:
            left = doc[m.start : commas[0]].text
            rest = [t for t in doc[commas[0] + 1 : m.end] if not t.is_punct]
            if left and all(w.lower() in person_words for w in left.split()):
                out.append(Mention(m.start, commas[0], left, "PERSON"))
                if rest and not all(t.lower_ in TITLE_WORDS for t in rest):
                    text = doc[rest[0].i : m.end].text
                    out.append(Mention(rest[0].i, m.end, text, "ORG", None, m.acronym))
                continue
        ands = [i for i in range(m.start, m.end) if doc[i].lower_ == "and"]
        if m.kind == "ORG" and ands:
            cut = ands[0]
            left = doc[m.start : cut].text
            if left and all(w.lower() in person_words for w in left.split()):
                out.append(Mention(m.start, cut, left, "PERSON"))
                right_start = cut + 1
                if right_start < m.end:
                    text = doc[right_start : m.end].text
                    out.append(Mention(right_start, m.end, text, "ORG", None, m.acronym))
                continue
        out.append(m)
    return out
