"""A story's actors: PERSON and ORG mentions merged into one entry per person or body.

Surnames join the full name they belong to ("Haftar" -> "Khalifa Haftar"), acronyms join their
expansion (from "(LNA)"-style definitions in the text, from initials, or from a small table of
well-known bodies; the keys are `actors_keys`), and titles are kept apart from names (in
`Actor.role`). Companies named with a legal form are found where the tagger lost them, and
their short forms join them ("Acme" and "ACME" in the headline -> "Acme Widget Corp"; see
`actors_companies` and `actors_short_forms`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from newsdesk.models import Actor
from newsdesk.nlp.actors_companies import (
    companies_tagged_as_people,
    legal_form_names,
    national_companies,
    untagged_bodies,
)
from newsdesk.nlp.actors_dateline import dateline_lead
from newsdesk.nlp.actors_filter import actor_mentions
from newsdesk.nlp.actors_junk import clean_mentions
from newsdesk.nlp.actors_keys import LONE_NAME_WORDS, OrgKeys, person_key
from newsdesk.nlp.actors_mentions import (
    TITLE_WORDS,
    Mention,
    acronym_key,
    expansions,
    known_bodies,
    mentions_of,
    norm,
    title_words,
)
from newsdesk.nlp.actors_short_forms import (
    short_form_owners,
    short_form_words,
    untagged_short_forms,
)
from newsdesk.nlp.doc_reads import tokens_with
from newsdesk.nlp.lexicon import STYLES, words

__all__ = ["ActorIndex", "build_actors"]

# Styles written before a person's name that are part of how the person is named ("Sir Ann
# Smith", "Sheikh Ali Hamad", "Dame Joan Reed"); the actor keeps the styled form as an alias.
NAME_STYLES = STYLES | words("sir")


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


class ActorIndex:
    """The merged actors of one story plus a resolver from any mention to its canonical name."""

    def __init__(
        self,
        actors: list[Actor],
        aliases: dict[str, str],
        spans: dict[int, str],
        titles: dict[str, set[str]] | None = None,
        body_start: int = 0,
        salience: dict[str, float] | None = None,
    ):
        self.actors = actors
        self._aliases = aliases
        self._spans = spans  # token index -> canonical name, for every token of every mention
        self._kinds = {a.name: a.kind for a in actors}
        self._titles = titles or {}
        self.body_start = body_start  # character offset of the story body in the doc
        self._salience = salience or {}  # before meetings: mentions plus a headline bonus

    def holders(self, title: str) -> list[str]:
        """People whose title includes a word ("senator" -> everyone styled "Sen."), by salience."""
        word = title.lower()
        return [a.name for a in self.actors if word in self._titles.get(a.name, set())]

    def canonical(self, text: str) -> str | None:
        """Any mention, alias or acronym -> the canonical name (None when unknown)."""
        key = norm(text)
        if key in self._aliases:
            return self._aliases[key]
        acr = acronym_key(text.strip())
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

    def rename(self, old: str, new: str) -> None:
        """Give an actor another canonical name (its old one kept as an alias); an actor of the
        story already called `new` takes it in."""
        if old == new or old not in self._kinds:
            return
        kept = next((a for a in self.actors if a.name == new), None)
        out: list[Actor] = []
        for a in self.actors:
            if a.name == new:
                continue
            if a.name != old:
                out.append(a)
                continue
            names = [*(kept.aliases if kept else ()), old, *a.aliases]
            aliases = tuple(n for n in dict.fromkeys(names) if n != new)
            mentions = a.mentions + (kept.mentions if kept else 0)
            out.append(replace(kept or a, name=new, aliases=aliases, mentions=mentions))
        self.actors = out
        self._aliases = {k: new if v == old else v for k, v in self._aliases.items()}
        self._aliases.setdefault(norm(new), new)
        self._spans = {i: new if v == old else v for i, v in self._spans.items()}
        self._kinds[new] = self._kinds.pop(old)
        if old in self._titles:
            self._titles[new] = self._titles.get(new, set()) | self._titles.pop(old)
        if old in self._salience:
            self._salience[new] = self._salience.get(new, 0.0) + self._salience.pop(old)

    def drop(self, name: str) -> None:
        """Take an actor out of the story (its mentions then resolve to no one)."""
        self.actors = [a for a in self.actors if a.name != name]
        self._aliases = {k: v for k, v in self._aliases.items() if v != name}
        self._spans = {i: v for i, v in self._spans.items() if v != name}
        for table in (self._kinds, self._titles, self._salience):
            table.pop(name, None)

    def mention_runs(self, name: str) -> list[tuple[int, int]]:
        """The token ranges of an actor's mentions (runs of tokens that resolve to it)."""
        runs: list[tuple[int, int]] = []
        for i in sorted(i for i, v in self._spans.items() if v == name):
            if runs and runs[-1][1] == i:
                runs[-1] = (runs[-1][0], i + 1)
            else:
                runs.append((i, i + 1))
        return runs

    def reorder(self, in_meetings: Iterable[str]) -> None:
        """Promote actors that take part in meetings (salience includes meeting roles)."""
        met = set(in_meetings)
        order = {a.name: i for i, a in enumerate(self.actors)}
        base = self._salience
        self.actors.sort(
            key=lambda a: (
                -(base.get(a.name, a.mentions) + (4 if a.name in met else 0)),
                order[a.name],
            )
        )


# --- building -------------------------------------------------------------------------------


def build_actors(doc: Doc, body_start: int) -> ActorIndex:
    """Merge the story's PERSON and ORG mentions into actors, most salient first."""
    found = dateline_lead(doc, mentions_of(doc, body_start), body_start)
    found = legal_form_names(doc, found, body_start)
    found = untagged_bodies(doc, found, body_start)
    found = national_companies(doc, found)
    found = companies_tagged_as_people(found)
    mentions = clean_mentions(doc, found, body_start)
    person_full = [m.text for m in mentions if m.kind == "PERSON" and len(m.text.split()) > 1]
    mentions = actor_mentions(doc, mentions, person_full)
    person_full = [m.text for m in mentions if m.kind == "PERSON" and len(m.text.split()) > 1]
    surnames: dict[str, str] = {}
    for full in dict.fromkeys(person_full):  # the full names in the order the story gives them
        words = full.split()
        surnames.setdefault(words[-1].lower(), full)
    # A bare surname tagged ORG after the full name appeared as PERSON is that person.
    full_names = set(person_full)
    given: dict[str, list[str]] = {}
    for full in set(person_full):
        given.setdefault(full.split()[0].lower(), []).append(full)
    org_starts = {m.text.split()[0].lower() for m in mentions if m.kind == "ORG" and " " in m.text}
    not_given = org_starts | set(surnames)  # words that open a body's name or end a person's
    for m in mentions:
        low = m.text.lower()
        family_first = len(given.get(low, [])) == 1 and low not in not_given
        if m.kind == "ORG" and " " not in m.text and family_first:
            m.kind = "PERSON"  # "Choi" after "Choi Min-jun": a family name written first
        bare_surname = " " not in m.text and m.text.lower() in surnames
        if m.kind == "ORG" and (bare_surname or m.text in full_names):
            m.kind = "PERSON"
        elif m.kind == "PERSON" and acronym_key(m.text) and m.text in known_bodies():
            m.kind = "ORG"
    # "Deere" alone beside "Deere and Co": the company's short form, whatever the tagger said
    # (a lone word of no one's full name, or the surname of a person named after the company)
    owners = short_form_owners([m.text for m in mentions if m.kind == "ORG"])
    brands = _brand_names(doc, mentions)
    for m in mentions:
        if " " in m.text or m.role or m.text in full_names:
            continue
        person = surnames.get(m.text.lower())
        if m.text.lower() in owners and (person is None or person in brands):
            m.kind = "ORG"

    groups: dict[str, _Group] = {}
    spans: dict[int, str] = {}
    key_of_mention: list[str] = []

    def group_for(key: str, kind: str) -> _Group:
        if key not in groups:
            groups[key] = _Group(kind)
        return groups[key]

    definitions = {m.acronym: m.text for m in mentions if m.acronym and m.kind == "ORG"}
    org_names = [m.text for m in mentions if m.kind == "ORG" and not acronym_key(m.text)]
    org_keys = OrgKeys(org_names)
    # "United" alone: the cut-off start of a name ("United Medical Corp"); it joins the story's
    # one longer name holding it, else it names no one
    mentions = [
        m
        for m in mentions
        if m.kind != "ORG"
        or m.text not in LONE_NAME_WORDS
        or org_keys.key(m.text, definitions) != m.text
    ]
    defined = set(definitions.values())
    styled: dict[str, list[str]] = {}
    for m in mentions:
        in_title = doc[m.start].idx < body_start
        key = person_key(m.text, person_full) if m.kind == "PERSON" else None
        if m.kind == "ORG":
            key = org_keys.key(m.text, definitions)
            if in_title and key not in defined:
                key = org_keys.shouted_short_form(m.text) or key
        assert key is not None
        g = group_for(key, m.kind)
        g.names.append(m.text)
        g.mentions += 1
        g.first = min(g.first, m.start)
        g.in_title = g.in_title or in_title
        if m.role and (not g.role or (g.role_in_title and not in_title)):
            g.role = m.role
            g.role_in_title = in_title
        if m.role:
            g.title_words |= title_words(m.role)
        if m.acronym:
            g.acronym = m.acronym
        if m.kind == "PERSON" and m.start > 0 and doc[m.start - 1].lower_ in NAME_STYLES:
            # "Sir Ann Smith", "Sheikh Ali Hamad": the styled form is a name the person goes by
            styled.setdefault(key, []).append(f"{doc[m.start - 1].text} {m.text}")
        key_of_mention.append(key)

    for g in groups.values():
        g.canonical = _pick_canonical(g)
    _merge_same_names(groups)
    for m, key in zip(mentions, key_of_mention, strict=True):
        for i in range(m.start, m.end):
            spans[i] = groups[key].canonical
    _untagged_surnames(doc, groups, spans)
    _untagged_companies(doc, groups, spans)
    actors: list[Actor] = []
    aliases: dict[str, str] = {}
    keys_of: dict[int, list[str]] = {}
    for key, g in groups.items():
        keys_of.setdefault(id(g), []).append(key)
    distinct = _distinct(groups)
    for g in distinct:
        forms = list(dict.fromkeys(g.names))
        forms += [f for k in keys_of[id(g)] for f in styled.get(k, ()) if f not in forms]
        acr = g.acronym or expansions().get(g.canonical.lower())
        if acr and acr not in forms:
            forms.append(acr)
        others = tuple(f for f in forms if f != g.canonical)
        actors.append(Actor(g.canonical, g.kind, others, g.mentions, g.role))
        for form in [g.canonical, *others, *keys_of[id(g)]]:
            aliases.setdefault(norm(form), g.canonical)
            akey = acronym_key(form)
            if akey:
                aliases.setdefault(akey.lower(), g.canonical)
        if g.kind == "PERSON":
            aliases.setdefault(g.canonical.split()[-1].lower(), g.canonical)

    weight = {g.canonical: g for g in distinct}
    salience = {g.canonical: g.mentions + (2.0 if g.in_title else 0.0) for g in distinct}
    actors.sort(key=lambda a: (-salience[a.name], weight[a.name].first))
    titles = {g.canonical: g.title_words for g in distinct if g.title_words}
    return ActorIndex(actors, aliases, spans, titles, body_start, salience)


def _distinct(groups: dict[str, _Group]) -> list[_Group]:
    """Each group once (several keys lead to one group after merging), first key first."""
    return list({id(g): g for g in groups.values()}.values())


def _count(g: _Group, spans: dict[int, str], i: int) -> None:
    """One more mention of a group: token `i`, which the tagger left out of every mention."""
    spans[i] = g.canonical
    g.mentions += 1
    g.first = min(g.first, i)


def _merge_same_names(groups: dict[str, _Group]) -> None:
    """Two groups that ended on one canonical name are one actor (keep the first)."""
    first: dict[str, _Group] = {}
    for key, g in list(groups.items()):
        kept = first.setdefault(g.canonical, g)
        if kept is g:
            continue
        kept.names += g.names
        kept.mentions += g.mentions
        kept.first = min(kept.first, g.first)
        kept.in_title = kept.in_title or g.in_title
        kept.role = kept.role or g.role
        kept.acronym = kept.acronym or g.acronym
        kept.title_words |= g.title_words
        groups[key] = kept


def _untagged_surnames(doc: Doc, groups: dict[str, _Group], spans: dict[int, str]) -> None:
    """A known person's surname the tagger missed ("Tremblay is due to fly ...") still counts."""
    by_surname: dict[str, _Group | None] = {}
    for g in _distinct(groups):
        words = g.canonical.split()
        if g.kind == "PERSON" and len(words) > 1:
            last = words[-1]
            by_surname[last] = None if last in by_surname else g  # ambiguous -> None
    if not by_surname:
        return

    def in_longer_name(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper()

    for tok in tokens_with(doc, {s.lower() for s in by_surname}):
        found = by_surname.get(tok.text)
        if found is None or tok.i in spans or tok.ent_type_ or tok.pos_ not in ("PROPN", "NOUN"):
            continue
        if in_longer_name(tok.i - 1) or in_longer_name(tok.i + 1):
            continue  # "Acme Widget Corp" is not Mr Widget
        _count(found, spans, tok.i)


def _brand_names(doc: Doc, mentions: list[Mention]) -> set[str]:
    """Full "person" names only ever written in front of a common noun ("John Deere diesel
    engines"): a brand, whose surname does not make a lone word a person."""
    used: dict[str, set[bool]] = {}
    for m in mentions:
        if m.kind != "PERSON" or " " not in m.text:
            continue
        last = doc[m.end - 1]
        modifies = last.dep_ == "compound" and last.head.i > last.i and last.head.is_lower
        used.setdefault(m.text, set()).add(modifies)
    return {name for name, ways in used.items() if ways == {True}}


def _untagged_companies(doc: Doc, groups: dict[str, _Group], spans: dict[int, str]) -> None:
    """ "Acme said ..." untagged after "Acme Widget Corp": the company's short form counts."""
    unique = [g for g in _distinct(groups) if g.kind == "ORG"]
    by_canonical = {g.canonical: g for g in sorted(unique, key=lambda g: g.first)}
    owners = short_form_words(doc, list(by_canonical))
    for i, name in untagged_short_forms(doc, owners, set(spans)).items():
        _count(by_canonical[name], spans, i)


def _pick_canonical(g: _Group) -> str:
    if g.kind == "PERSON":
        return max(g.names, key=lambda n: (len(n.split()), -g.names.index(n)))
    full = [n for n in g.names if not acronym_key(n)]
    if not full:
        acr = acronym_key(g.names[0]) or g.names[0]
        return known_bodies().get(acr, g.names[0])
    return max(full, key=lambda n: (len(n), -g.names.index(n)))
