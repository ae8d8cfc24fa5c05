"""The store-wide actor index: each story's actors mapped to canonical entities, kept up to date
story by story (adding a story never recomputes the others).

How mentions become one entity:

* a person's full names are compared by first and last word, case, diacritics and particles
  aside ("Ronald W. Reagan" is "Ronald Reagan", "Richard VON WEIZSAECKER" is "Richard von
  Weizsäcker");
* a bare surname ("Reagan", the title already gone) joins the one full name with that surname
  in the store; with two ("James Baker", "Howard Baker") the story's own mentions decided
  already (a story naming "James Baker" gave its "Baker" that name), otherwise it stays apart;
* an organisation joins every other that shares a name, an acronym or an expansion learned in
  any story ("Fed" for "Federal Reserve Board" and for "Federal Reserve"), and the bundled table
  of best-known bodies and their variants ("U.S. Federal Reserve");
* a company's name joins the same name with or without its legal form ("Morgan Stanley" and
  "Morgan Stanley and Co Inc");
* generic words are no evidence ("the Fund" never joins two bodies); a generic government body
  is joined by its country ("Finance Ministry (Japan)", see body_countries.py), and one whose
  story left its country unclear stays with that story;
* a one-word short name ("Bell", "Ford") joins the one full name the store gives it ("Ford
  Motor Co"); with several, the one company called just that with a legal form ("Boeing Co",
  not "Boeing Computer Services"), else it stays apart ("Bell Canada Enterprises", "Southwestern
  Bell Corp"); full names never join each other through it;
* an acronym joins two written-out names only when they start alike ("NSC" never joins the
  National Security Council and Norfolk Southern Corp).

Each entity keeps the id it was given when first seen; an entity merged into another leaves
its id as a redirect, so an id once printed keeps finding its actor.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from newsdesk.models import Actor
from newsdesk.nlp.body_countries import is_bare_generic
from newsdesk.nlp.body_names import acronym_key
from newsdesk.nlp.identity_entity import ActorEntity
from newsdesk.nlp.identity_keys import (
    PERSON,
    body_kind,
    body_name,
    company_form,
    entity_id,
    first_word,
    initials_of,
    one_word_stem,
    org_keys,
    person_key,
    short_of,
    surname_of,
)
from newsdesk.text import fold

__all__ = ["ActorRegistry", "body_kind", "entity_id"]


class ActorRegistry:
    """Canonical actors for a set of stories, updated one story at a time."""

    def __init__(self) -> None:
        self.entities: dict[str, ActorEntity] = {}
        self.stories: dict[str, list[str]] = {}  # story id -> entity ids, in its actors' order
        self.redirects: dict[str, str] = {}  # merged id -> the id it went into
        self._keys: dict[str, str] = {}  # key -> entity id
        self._surnames: dict[str, set[str]] = {}  # surname -> ids of people with a full name
        self._shorts: dict[str, set[str]] = {}  # one-word short name -> ids of bodies using it
        self._stems: dict[str, set[str]] = {}  # one word -> ids of bodies called it + a legal form
        self._names: dict[str, str] = {}  # canonical name -> id, kept with every rename
        self.version = 0  # bumped by every story added or removed
        self.changed = False

    # --- reading and writing ------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "version": 1,
            "entities": {eid: e.to_json() for eid, e in self.entities.items()},
            "stories": self.stories,
            "redirects": self.redirects,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ActorRegistry:
        """A registry from `to_json`'s form; records of the wrong shape are skipped."""
        reg = cls()
        for eid, doc in dict(data.get("entities") or {}).items():
            if not isinstance(doc, dict) or not isinstance(doc.get("name"), str):
                continue
            forms = {str(k): int(v) for k, v in dict(doc.get("forms") or {}).items()}
            aliases = [str(a) for a in doc.get("aliases") or ()]
            stories = {str(s) for s in doc.get("stories") or ()}
            entity = ActorEntity(str(eid), doc["name"], str(doc.get("kind")), forms, aliases)
            entity.stories = stories
            reg.entities[entity.id] = entity
            reg._names[entity.name] = entity.id
            reg._index(entity)
        for sid, ids in dict(data.get("stories") or {}).items():
            if isinstance(ids, list):
                reg.stories[str(sid)] = [str(i) for i in ids]
        reg.redirects = {str(k): str(v) for k, v in dict(data.get("redirects") or {}).items()}
        return reg

    def resolve(self, eid: str) -> str:
        while eid in self.redirects:
            eid = self.redirects[eid]
        return eid

    def by_name(self, name: str) -> ActorEntity | None:
        """The entity whose canonical name this is."""
        eid = self._names.get(name)
        entity = self.entities.get(self.resolve(eid)) if eid else None
        return entity if entity is not None and entity.name == name else None

    def story_entities(self, story_id: str) -> list[ActorEntity]:
        out = []
        for eid in self.stories.get(story_id, ()):
            entity = self.entities.get(self.resolve(eid))
            if entity is not None:
                out.append(entity)
        return out

    # --- adding stories -----------------------------------------------------------------------

    def add_story(self, story_id: str, actors: Sequence[Actor]) -> list[str]:
        """Map a story's actors to entities (creating, joining or merging them); their ids,
        in the actors' order. A story added again replaces what it gave before."""
        self.changed = True
        self.version += 1
        if story_id in self.stories:
            self.remove_story(story_id)
        ids = []
        for actor in actors:
            person = actor.kind == "PERSON" and not company_form(actor.name)
            entity = self._person(actor) if person else self._body(actor, story_id)
            entity.stories.add(story_id)
            entity.forms[actor.name] = entity.forms.get(actor.name, 0) + 1
            for alias in actor.aliases:
                if alias not in entity.aliases and alias != entity.name:
                    entity.aliases.append(alias)
            if entity.kind == PERSON and any(map(company_form, entity.forms)):
                # "Alex. Brown" seen as "Alex Brown Inc": a company, no person's surname
                entity.kind = body_kind(entity.forms)
                for people in self._surnames.values():
                    people.discard(entity.id)
            self._rename(entity)
            self._index(entity)
            if entity.kind != PERSON:
                entity = self._absorb_short(entity)
            ids.append(entity.id)
        self.stories[story_id] = ids
        return ids

    def remove_story(self, story_id: str) -> None:
        for eid in self.stories.pop(story_id, ()):
            entity = self.entities.get(self.resolve(eid))
            if entity is not None:
                entity.stories.discard(story_id)
        self.changed = True
        self.version += 1

    def _person(self, actor: Actor) -> ActorEntity:
        same = self._keys.get("@" + fold(actor.name))  # this very name, of either kind
        if same is not None and " " in actor.name.strip():
            return self.entities[same]
        forms = [actor.name, *actor.aliases]
        keys = [k for k in map(person_key, forms) if k]
        found = {self._keys[k] for k in keys if k in self._keys}
        if not keys:  # a bare name: the one full name with that surname, else its own entity
            surname = surname_of(actor.name) or fold(actor.name)
            people = self._surnames.get(surname, set())
            if len(people) == 1:
                return self.entities[next(iter(people))]
            key = "~" + surname
            if key in self._keys:
                return self.entities[self._keys[key]]
            if fold(actor.name) in self._keys:  # the same word taken for a body elsewhere
                return self.entities[self._keys[fold(actor.name)]]
            return self._new(PERSON, actor.name, key)
        entity = self._merge(found) if found else self._new(PERSON, actor.name, keys[0])
        last = surname_of(actor.name)
        if last:
            people = self._surnames.setdefault(last, set())
            people.add(entity.id)
            bare = self._keys.get("~" + last)
            if len(people) == 1 and bare is not None and bare != entity.id:
                entity = self._merge({entity.id, bare}, keep=entity.id)
        return entity

    def _body(self, actor: Actor, story_id: str) -> ActorEntity:
        name = actor.name
        if is_bare_generic(name):  # "Senate" of a story whose country is unclear: its own
            return self._new(body_kind([name]), name, f"#{story_id}#{fold(name)}", local=True)
        names = [name, *actor.aliases]
        aliases = [a for a in actor.aliases if not short_of(a, names)]
        keys = ["@" + fold(name), *org_keys(name)]
        keys += [k for form in aliases for k in org_keys(form, alias=True)]
        found = {self._keys[k] for k in keys if k in self._keys}
        found = {eid for eid in found if self._compatible(name, eid)}
        one_word = " " not in name.strip() and not acronym_key(name)
        owners = self._shorts.get(fold(name), set()) if one_word else set()
        found = {self.resolve(f) for f in found}
        shared = {self.resolve(o) for o in owners}
        called = {self.resolve(o) for o in self._stems.get(fold(name), ())} if one_word else set()
        if len(called) != 1:
            called = set()
        own = {f for f in found if f in called or fold(self.entities[f].name) == fold(name)}
        if called and own == found:
            found |= called  # "Boeing": Boeing Co, not Boeing Computer Services
        elif len(shared) == 1 and not found:
            found = shared  # "Ford": the one full name it is short for
        elif len(shared) > 1:  # "Allied" of Allied Lyons, Allied Stores, Allied-Signal: none
            found = {f for f in found if f not in shared} | own
        bare = self._keys.get("~" + fold(name))  # the same word taken for a person
        if bare is not None and one_word and not owners:
            found.add(bare)
        if found:
            return self._merge(found)
        people = self._surnames.get(fold(name), set())
        if one_word and not owners and len(people) == 1:
            return self.entities[next(iter(people))]  # "Volcker" tagged as a body
        kind = body_kind(names)
        return self._new(kind, name, keys[0] if keys else "#" + fold(name))

    def _absorb_short(self, entity: ActorEntity) -> ActorEntity:
        """A bare one-word body ("Ford", seen alone) goes into the full name that turns out to
        be the only one it is short for, or the only one called it with a legal form."""
        names = entity.all_names
        shorts = {fold(f) for f in names if short_of(f, names)}
        stems = {s for s in map(one_word_stem, names) if s}
        for key in sorted(shorts | stems):
            mine = {entity.id}
            if self._shorts.get(key) != mine and self._stems.get(key) != mine:
                continue
            bare = self._keys.get("@" + key) or self._keys.get(key)
            other = self.entities.get(self.resolve(bare)) if bare else None
            if other is not None and other is not entity and fold(other.name) == key:
                entity = self._merge({entity.id, other.id}, keep=entity.id)
        return entity

    def _compatible(self, name: str, eid: str) -> bool:
        """Two written-out names an acronym or a short name brought together start alike (or
        one is an acronym, or the table knows them): else they are different bodies."""
        entity = self.entities.get(self.resolve(eid))
        if entity is None or entity.kind == PERSON or acronym_key(name):
            return True
        if fold(name) in {fold(n) for n in entity.forms}:
            return True
        bare = [re.sub(r"(?:'s|\u2019s)$", "", n) for n in entity.forms]  # "IBM's" is IBM
        theirs = [n for n in bare if not acronym_key(n)]
        ours_table = body_name(name)
        tables = {t for t in map(body_name, theirs) if t}
        if ours_table and tables and ours_table not in tables:
            return False  # two bodies of the table ("Asian" and "African Development Bank")
        if not theirs or ours_table or tables:
            return True
        ours = initials_of(name)
        return any(
            first_word(n) == first_word(name) or initials_of(n) == fold(name) or ours == fold(n)
            for n in theirs
        )

    def _new(self, kind: str, name: str, key: str, *, local: bool = False) -> ActorEntity:
        eid = entity_id(kind, key)
        first_key = key
        while eid in self.entities or eid in self.redirects:
            eid = entity_id(kind, key + "'")
            key += "'"
        entity = ActorEntity(eid, name, kind)
        self.entities[eid] = entity
        if not local:
            self._names.setdefault(name, eid)
            self._keys[key] = eid
            self._keys[first_key] = eid  # (the name's own key, when its id was taken)
        return entity

    def _merge(self, ids: set[str], keep: str | None = None) -> ActorEntity:
        """Several entities found to be one: the one with most stories keeps its id."""
        live = {self.resolve(i) for i in ids}
        entities = [self.entities[i] for i in sorted(live) if i in self.entities]
        kept = self.entities[keep] if keep else max(entities, key=lambda e: len(e.stories))
        for other in entities:
            if other is kept:
                continue
            for form, n in other.forms.items():
                kept.forms[form] = kept.forms.get(form, 0) + n
            for alias in [*other.forms, *other.aliases]:
                if alias not in kept.aliases:
                    kept.aliases.append(alias)
            kept.stories |= other.stories
            del self.entities[other.id]
            if self._names.get(other.name) == other.id:
                self._names[other.name] = kept.id
            self.redirects[other.id] = kept.id
            for key, eid in list(self._keys.items()):
                if eid == other.id:
                    self._keys[key] = kept.id
            for people in [*self._surnames.values(), *self._shorts.values(), *self._stems.values()]:
                if other.id in people:
                    people.discard(other.id)
                    people.add(kept.id)
        self._rename(kept)
        return kept

    def _rename(self, entity: ActorEntity) -> None:
        """The canonical name: the table's for a best-known body, else the name most stories
        gave (for a person, a full name first; for a body, a written-out name first)."""
        names = list(entity.forms) or [entity.name]
        if entity.kind == PERSON:
            best = max(names, key=lambda n: (len(n.split()) > 1, entity.forms.get(n, 0), len(n)))
        else:
            table = [b for b in map(body_name, [*names, *entity.aliases]) if b]
            if table:
                best = max(table, key=table.count)
            else:
                best = max(
                    names,
                    key=lambda n: (
                        not acronym_key(n),
                        entity.forms.get(n, 0),
                        not short_of(n, names),  # "Allied Lyons Plc" before "Allied"
                        len(n),
                    ),
                )
        if entity.kind != PERSON:
            entity.kind = body_kind([best, *names])
        if best != entity.name:
            if entity.name not in entity.aliases:
                entity.aliases.append(entity.name)
            entity.name = best
            self._names[best] = entity.id
        if best in entity.aliases:
            entity.aliases.remove(best)

    def _index(self, entity: ActorEntity) -> None:
        if is_bare_generic(entity.name):
            return  # kept to its story
        for form in entity.forms:  # the names stories gave it, whatever their kind
            if not is_bare_generic(form):
                self._keys.setdefault("@" + fold(form), entity.id)
        names = entity.all_names  # (the loop below changes the indexes, not the entity)
        for form in names:
            if entity.kind == PERSON:
                key = person_key(form)
                if key:
                    self._keys.setdefault(key, entity.id)
                    surname = surname_of(form)
                    if surname:
                        self._surnames.setdefault(surname, set()).add(entity.id)
                elif len(entity.forms) == 1 and form == entity.name:
                    self._keys.setdefault("~" + (surname_of(form) or fold(form)), entity.id)
            elif short_of(form, names):
                self._shorts.setdefault(fold(form), set()).add(entity.id)
            else:
                stem = one_word_stem(form)  # "Bell Group": one more company called "Bell"
                if stem:
                    self._shorts.setdefault(stem, set()).add(entity.id)
                    self._stems.setdefault(stem, set()).add(entity.id)
                for key in org_keys(form, alias=form != entity.name):
                    self._keys.setdefault(key, entity.id)
