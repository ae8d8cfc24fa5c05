"""A company's short form: the first word of its name, written alone ("Acme said ..." after
"Acme Widget Corp").

The word stands for the one company of the story named with a legal form that it opens (with
several, for the story's first company named with a legal form), wherever the story writes it
alone, untagged or tagged as some other kind of thing ("Acme" tagged PRODUCT or a lone PERSON),
unless it is a common opening word, a country, region or nationality, an English adjective or
adverb, or a word the story also writes in lowercase.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsdesk.nlp.actors_companies import (
    COMMON_LEADS,
    LEGAL_FORMS,
    OPENERS,
    ends_on_legal_form,
    name_word,
)
from newsdesk.nlp.actors_filter import word_classes
from newsdesk.nlp.doc_reads import tokens_of, tokens_with
from newsdesk.nlp.gazetteer import gazetteer

__all__ = ["short_form_owners", "short_form_words", "untagged_short_forms"]

# Entity kinds a company's short form may wrongly carry, and still be the company ("Atlantis"
# tagged PRODUCT): never a place, a date or a figure.
_LOOSE_KINDS = frozenset({"", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "LAW", "PERSON", "ORG"})


def _lead_word(name: str) -> str:
    return name.split()[0].lower()


def short_form_owners(companies: list[str]) -> dict[str, str]:
    """Lowercased word -> the one company of the story whose name, ending on a legal form,
    starts with it (a word that opens several such names is left out)."""
    found: dict[str, set[str]] = {}
    for c in companies:
        if " " in c and ends_on_legal_form(c):
            found.setdefault(_lead_word(c), set()).add(c)
    return {word: next(iter(owners)) for word, owners in found.items() if len(owners) == 1}


def untagged_short_forms(doc: Doc, companies: dict[str, str], taken: set[int]) -> dict[int, str]:
    """Tokens that are a company's short form the tagger missed: `companies` maps a lowercased
    first word to the company's name; `taken` are tokens of mentions already. Token -> name."""
    found: dict[int, str] = {}
    for tok in tokens_with(doc, companies):
        owner = companies.get(tok.lower_)
        if owner is None or tok.i in taken or not tok.text[:1].isupper():
            continue
        if tok.ent_type_ not in _LOOSE_KINDS or tok.pos_ not in ("PROPN", "NOUN"):
            continue
        before = doc[tok.i - 1] if tok.i > 0 else None
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if after is not None and name_word(after) and after.pos_ == "PROPN":
            continue  # "Acme Alabama LP": another name starting with the word
        if before is not None and name_word(before) and before.lower_ not in OPENERS:
            continue  # "John Acme": a person of that name
        found[tok.i] = owner
    return found


def short_form_words(doc: Doc, names: list[str]) -> dict[str, str]:
    """Lowercased first word -> company, for the story's companies (in the order the story
    names them) with a legal form whose first word can stand for them alone (with several
    sharing it, the story's first company named with a legal form has it): not a common
    opening word, a country, region or nationality, an English adjective or adverb, or a word
    the story also writes in lowercase."""
    lowercase = {t.lower_ for t in tokens_of(doc) if t.is_lower}
    adjectives = word_classes()
    leads: dict[str, set[str]] = {}
    for name in names:
        if " " in name and ends_on_legal_form(name):
            leads.setdefault(_lead_word(name), set()).add(name)
    out: dict[str, str] = {}
    lead = next((n for n in names if ends_on_legal_form(n)), None)
    for word, owners in leads.items():
        if len(owners) > 1 and lead in owners:
            owners = {lead}  # "Acme Holdings Inc" named first, then its "Acme Texas LP"
        if len(owners) != 1 or len(word) < 3 or not word.isalpha():
            continue
        if word in COMMON_LEADS or word in lowercase or word in LEGAL_FORMS:
            continue
        if word in adjectives["adj"] or word in adjectives["adv"]:
            continue
        if gazetteer().core_meanings(word):
            continue  # a country, region or nationality ("Texas Air Corp")
        out[word] = next(iter(owners))
    return out
