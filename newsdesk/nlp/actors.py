"""A story's actors: PERSON and ORG mentions merged into one entry per person or body.

Surnames join the full name they belong to ("Haftar" -> "Khalifa Haftar"), acronyms join their
expansion (from "(LNA)"-style definitions in the text, from initials, or from a small table of
well-known bodies), and titles are kept apart from names (in `Actor.role`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from newsdesk.models import Actor
from newsdesk.nlp.meetings_where import DATELINE
from newsdesk.nlp.meetings_words import words

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
_ORG_SUFFIXES = words(
    """
    corp corp. corporation inc inc. co co. ltd ltd. plc ag sa nv bv group holdings llc
    """
)
_ACRONYM = re.compile(r"^[A-Z][A-Z&\-]{1,9}$")
_KINDS = ("PERSON", "ORG")


@lru_cache(maxsize=1)
def known_bodies() -> dict[str, str]:
    """The bundled acronym table: "UN" -> "United Nations"."""
    raw = resources.files("newsdesk.nlp").joinpath("data/known_bodies.json").read_text("utf-8")
    table: dict[str, str] = json.loads(raw)
    return table


@lru_cache(maxsize=1)
def _expansions() -> dict[str, str]:
    return {v.lower(): k for k, v in known_bodies().items()}


def _acronym_key(text: str) -> str | None:
    """ "U.N." / "UN" -> "UN"; None when the text is not acronym-like."""
    bare = text.replace(".", "").strip()
    return bare if _ACRONYM.match(bare) and (len(bare) > 1) else None


def initials(name: str) -> str:
    """ "Libyan National Army" -> "LNA" (capitalised words only)."""
    return "".join(w[0] for w in re.split(r"[\s\-]+", name) if w and w[0].isupper())


def _norm(text: str) -> str:
    text = text.strip().replace("\u2019", "'")
    text = re.sub(r"'s?$", "", text).strip()
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return " ".join(text.split()).lower()


@dataclass
class _Group:
    kind: str
    names: list[str] = field(default_factory=list)  # every surface form seen, first first
    canonical: str = ""
    mentions: int = 0
    first: int = 10**9
    in_title: bool = False
    role: str | None = None
    role_in_title: bool = False
    acronym: str | None = None
    title_words: set[str] = field(default_factory=set)


_ABBREVIATIONS = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general"}


def _title_words(role: str) -> set[str]:
    words = {w.lower().rstrip(".") for w in re.split(r"[\s,]+", role) if w}
    return {_ABBREVIATIONS.get(w, w) for w in words}


class ActorIndex:
    """The merged actors of one story plus a resolver from any mention to its canonical name."""

    def __init__(
        self,
        actors: list[Actor],
        aliases: dict[str, str],
        spans: dict[int, str],
        titles: dict[str, set[str]] | None = None,
        body_start: int = 0,
    ):
        self.actors = actors
        self._aliases = aliases
        self._spans = spans  # token index -> canonical name, for every token of every mention
        self._kinds = {a.name: a.kind for a in actors}
        self._titles = titles or {}
        self.body_start = body_start  # character offset of the story body in the doc

    def holders(self, title: str) -> list[str]:
        """People whose title includes a word ("senator" -> everyone styled "Sen."), by salience."""
        word = title.lower()
        return [a.name for a in self.actors if word in self._titles.get(a.name, set())]

    def canonical(self, text: str) -> str | None:
        """Any mention, alias or acronym -> the canonical name (None when unknown)."""
        key = _norm(text)
        if key in self._aliases:
            return self._aliases[key]
        acr = _acronym_key(text.strip())
        if acr and acr.lower() in self._aliases:
            return self._aliases[acr.lower()]
        words = key.split()
        while len(words) > 1 and words[0] in TITLE_WORDS:
            words = words[1:]
        return self._aliases.get(" ".join(words))

    def at(self, token_index: int) -> str | None:
        """The canonical actor whose mention covers this token, if any."""
        return self._spans.get(token_index)

    def kind(self, name: str) -> str | None:
        return self._kinds.get(name)

    def reorder(self, in_meetings: Iterable[str]) -> None:
        """Promote actors that take part in meetings (salience includes meeting roles)."""
        met = set(in_meetings)
        order = {a.name: i for i, a in enumerate(self.actors)}
        self.actors.sort(key=lambda a: (-(_score(a) + (4 if a.name in met else 0)), order[a.name]))


def _score(actor: Actor) -> float:
    return float(actor.mentions)


# --- building -------------------------------------------------------------------------------


@dataclass
class _Mention:
    start: int  # token indices of the name itself (titles stripped)
    end: int
    text: str
    kind: str
    role: str | None = None
    acronym: str | None = None  # defined right after: "Libyan National Army (LNA)"


def _strip_span(doc: Doc, start: int, end: int, kind: str) -> tuple[int, int, list[str]]:
    """Drop determiners, possessive endings, punctuation and (for people) leading titles."""
    titles: list[str] = []
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in ("'", "\u2019")):
        end -= 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in (".",):
        end -= 1
    if kind == "PERSON":
        while end - start > 1 and (
            doc[start].lower_ in TITLE_WORDS or doc[start].is_punct or doc[start].is_lower
        ):
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
    if not toks and root.dep_ == "appos" and root.head.pos_ == "NOUN":
        head = root.head
        toks = [t for t in head.subtree if t.i < root.i and t.dep_ != "det" and not t.is_punct]
        toks = [t for t in toks if t.i <= head.i or t.head.i < root.i]
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


def _mentions(doc: Doc, body_start: int) -> list[_Mention]:
    out: list[_Mention] = []
    dateline = DATELINE.match(doc.text[body_start : body_start + 80])
    dateline_end = body_start + dateline.end() if dateline else -1
    for ent in doc.ents:
        if ent.label_ not in _KINDS:
            continue
        if ent.start_char < dateline_end and ent.end_char > body_start:
            continue  # "AMSTERDAM, March 20 -" is where the story was filed, not an actor
        kind = ent.label_
        start, end = ent.start, ent.end
        for i in range(start, end):
            if "\n" in doc[i].text:  # never across the title/body gap or a paragraph break
                start = i + 1
        if start >= end:
            continue
        acronym: str | None = None
        # "Organization of Islamic Cooperation (OIC" -> name + acronym
        for i in range(start, end):
            if doc[i].text == "(" and i + 1 < end and _acronym_key(doc[i + 1].text):
                acronym = _acronym_key(doc[i + 1].text)
                end = i
                break
        if (
            acronym is None
            and end + 2 < len(doc)
            and doc[end].text == "("
            and doc[end + 2].text == ")"
            and _acronym_key(doc[end + 1].text)
        ):
            acronym = _acronym_key(doc[end + 1].text)
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
        out.append(_Mention(start, end, text, kind, role, acronym))
    out = _split_joined(doc, out)
    title = doc.text[: max(0, body_start - 2)]
    if title and title.upper() == title:
        # an all-capitals headline confuses the tagger: keep only names the body confirms
        body = {w.lower() for m in out if doc[m.start].idx >= body_start for w in m.text.split()}
        out = [
            m
            for m in out
            if doc[m.start].idx >= body_start or all(w.lower() in body for w in m.text.split())
        ]
    return out


def _split_joined(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Split ORG spans glued onto a person: "Haftar and Government of National Accord"."""
    person_words = {
        w.lower() for m in mentions if m.kind == "PERSON" for w in m.text.split() if w[0].isupper()
    }
    out: list[_Mention] = []
    for m in mentions:
        ands = [i for i in range(m.start, m.end) if doc[i].lower_ == "and"]
        if m.kind == "ORG" and ands:
            cut = ands[0]
            left = doc[m.start : cut].text
            if left and all(w.lower() in person_words for w in left.split()):
                out.append(_Mention(m.start, cut, left, "PERSON"))
                right_start = cut + 1
                if right_start < m.end:
                    text = doc[right_start : m.end].text
                    out.append(_Mention(right_start, m.end, text, "ORG", None, m.acronym))
                continue
        out.append(m)
    return out


def build_actors(doc: Doc, body_start: int) -> ActorIndex:
    """Merge the story's PERSON and ORG mentions into actors, most salient first."""
    mentions = _mentions(doc, body_start)
    person_full = [m.text for m in mentions if m.kind == "PERSON" and len(m.text.split()) > 1]
    surnames: dict[str, str] = {}
    for full in sorted(set(person_full), key=lambda n: person_full.index(n)):
        words = full.split()
        surnames.setdefault(words[-1].lower(), full)
    # A bare surname tagged ORG after the full name appeared as PERSON is that person.
    full_names = set(person_full)
    for m in mentions:
        bare_surname = " " not in m.text and m.text.lower() in surnames
        if m.kind == "ORG" and (bare_surname or m.text in full_names):
            m.kind = "PERSON"
        elif m.kind == "PERSON" and _acronym_key(m.text) and m.text in known_bodies():
            m.kind = "ORG"

    groups: dict[str, _Group] = {}
    alias_to_key: dict[str, str] = {}
    spans: dict[int, str] = {}
    key_of_mention: list[str] = []

    def group_for(key: str, kind: str) -> _Group:
        if key not in groups:
            groups[key] = _Group(kind)
        return groups[key]

    definitions = {m.acronym: m.text for m in mentions if m.acronym and m.kind == "ORG"}
    org_names = [m.text for m in mentions if m.kind == "ORG" and not _acronym_key(m.text)]
    for m in mentions:
        key = _person_key(m.text, person_full) if m.kind == "PERSON" else None
        if m.kind == "ORG":
            key = _org_key(m.text, definitions, org_names)
        assert key is not None
        g = group_for(key, m.kind)
        g.names.append(m.text)
        g.mentions += 1
        g.first = min(g.first, m.start)
        if doc[m.start].idx < body_start:
            g.in_title = True
        in_title = doc[m.start].idx < body_start
        if m.role and (not g.role or (g.role_in_title and not in_title)):
            g.role = m.role
            g.role_in_title = in_title
        if m.role:
            g.title_words |= _title_words(m.role)
        if m.acronym:
            g.acronym = m.acronym
        key_of_mention.append(key)

    for g in groups.values():
        g.canonical = _pick_canonical(g)
    for m, key in zip(mentions, key_of_mention, strict=True):
        for i in range(m.start, m.end):
            spans[i] = groups[key].canonical
    _untagged_surnames(doc, groups, spans)
    actors: list[Actor] = []
    aliases: dict[str, str] = {}
    for key, g in groups.items():
        forms = list(dict.fromkeys(g.names))
        acr = g.acronym or _expansions().get(g.canonical.lower())
        if acr and acr not in forms:
            forms.append(acr)
        others = tuple(f for f in forms if f != g.canonical)
        actors.append(Actor(g.canonical, g.kind, others, g.mentions, g.role))
        for form in [g.canonical, *others, key]:
            aliases.setdefault(_norm(form), g.canonical)
            akey = _acronym_key(form)
            if akey:
                aliases.setdefault(akey.lower(), g.canonical)
        if g.kind == "PERSON":
            aliases.setdefault(g.canonical.split()[-1].lower(), g.canonical)
        alias_to_key[g.canonical] = key

    weight = {g.canonical: g for g in groups.values()}
    actors.sort(
        key=lambda a: (
            -(a.mentions + (2 if weight[a.name].in_title else 0)),
            weight[a.name].first,
        )
    )
    titles = {g.canonical: g.title_words for g in groups.values() if g.title_words}
    return ActorIndex(actors, aliases, spans, titles, body_start)


def _untagged_surnames(doc: Doc, groups: dict[str, _Group], spans: dict[int, str]) -> None:
    """A known person's surname the tagger missed ("Tremblay is due to fly ...") still counts."""
    by_surname: dict[str, _Group | None] = {}
    for g in groups.values():
        words = g.canonical.split()
        if g.kind == "PERSON" and len(words) > 1:
            last = words[-1]
            by_surname[last] = None if last in by_surname else g  # ambiguous -> None
    if not by_surname:
        return

    def in_longer_name(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper()

    for tok in doc:
        found = by_surname.get(tok.text)
        if found is None or tok.i in spans or tok.ent_type_ or tok.pos_ not in ("PROPN", "NOUN"):
            continue
        if in_longer_name(tok.i - 1) or in_longer_name(tok.i + 1):
            continue  # "Dayton Hudson Corp" is not Mr Hudson
        g = found
        spans[tok.i] = g.canonical
        g.mentions += 1
        g.first = min(g.first, tok.i)


def _person_key(text: str, full_names: list[str]) -> str:
    words = text.split()
    if len(words) == 1:
        low = text.lower()
        last = [f for f in full_names if f.split()[-1].lower() == low]
        if last:
            return _longest_containing(last[0], full_names)
        first = [f for f in full_names if f.split()[0].lower() == low]
        if first:
            return _longest_containing(first[0], full_names)
        return text
    return _longest_containing(text, full_names)


def _longest_containing(name: str, full_names: list[str]) -> str:
    """ "Mancera Aguayo" -> "Miguel Mancera Aguayo" when the longer form also appears."""
    best = name
    for f in full_names:
        if len(f) > len(best) and (f.endswith(" " + best) or f.startswith(best + " ")):
            best = f
    return best


def _org_key(text: str, definitions: dict[str, str], org_names: list[str]) -> str:
    acr = _acronym_key(text)
    if acr:
        if acr in definitions:
            return _org_key(definitions[acr], {}, org_names)
        for name in org_names:
            if initials(name) == acr:
                return _org_key(name, {}, org_names)
        if acr in known_bodies():
            expansion = known_bodies()[acr]
            for name in org_names:
                if name.lower() == expansion.lower():
                    return _org_key(name, {}, org_names)
            return expansion
        return acr
    # "Dayton Hudson" and "Dayton Hudson Corp" are one body: key on the longest form.
    best = text
    for name in org_names:
        if len(name) > len(best) and name.startswith(best + " "):
            rest = name[len(best) + 1 :].split()
            if all(w.lower().rstrip(".,") in _ORG_SUFFIXES for w in rest):
                best = name
    if text in ("Government", "Ministry", "House", "Council"):
        return text
    return best


def _pick_canonical(g: _Group) -> str:
    if g.kind == "PERSON":
        return max(g.names, key=lambda n: (len(n.split()), -g.names.index(n)))
    full = [n for n in g.names if not _acronym_key(n)]
    if not full:
        acr = _acronym_key(g.names[0]) or g.names[0]
        return known_bodies().get(acr, g.names[0])
    return max(full, key=lambda n: (len(n), -g.names.index(n)))


def token_actor(index: ActorIndex, token: Token) -> str | None:
    """Convenience: the actor a token belongs to."""
    return index.at(token.i)
