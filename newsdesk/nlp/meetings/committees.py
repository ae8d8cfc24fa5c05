"""The creditor banks' committee: a real party of debt talks although it has no capitalised name.

A debtor's minister or central bank negotiates with "the 14-bank advisory committee", "the
steering committee for the country's creditor banks", "a debt negotiating committee representing
its creditors". Such a committee is named by its bare phrase without numbers or articles ("bank
advisory committee"), and a later "the committee", "the steering committee" or "the full panel"
of the same story stands for it. Nothing else is: "the central bank's monetary committee", a
parliament's "finance committee", a union's "executive committee" or a bare "the committee" in a
story that never says whose it is.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsdesk.nlp.lexicon import words

__all__ = ["committees_named_in", "creditor_committee"]

# Head nouns of the committee's own phrase ("the bank advisory committee").
COMMITTEE_HEADS = words("committee")
# Head nouns that may stand for it later in the story ("the committee", "the full panel").
BACK_HEADS = words("committee panel")
# Modifiers that say the committee is the creditors' ("the 14-bank advisory committee", "a
# creditor committee", "the debt steering committee").
CREDITOR_WORDS = words("bank banks creditor creditors lender lenders debt")
# Of those, the ones that say so alone ("a bank committee"); "debt" needs a word of
# NAME_WORDS beside it ("a debt committee" may be a parliament's).
BANK_WORDS = CREDITOR_WORDS - {"debt"}
# Words kept in the committee's name, in the story's order ("14-bank advisory committee" ->
# "bank advisory committee"; "new debt negotiating committee" -> "debt negotiating committee").
NAME_WORDS = CREDITOR_WORDS | words("advisory steering negotiating coordinating working")
# Words a later mention may add without naming another committee ("the full panel").
BACK_WORDS = NAME_WORDS | words("the full whole same")
# Owners named after the noun that make it the creditors' ("the steering committee for the
# country's creditor banks", "a committee representing its creditors", "of commercial banks").
OWNER_WORDS = words("creditor creditors lender lenders")
OWNER_BANK_MODIFIERS = words("creditor commercial foreign")
# What introduces that owner after the noun: "for"/"of" ("committee of commercial banks") or a
# participle of representing ("a committee representing its creditors").
OWNER_PREPS = words("for of")
OWNER_VERBS = words("represent")


def creditor_committee(tok: Token) -> str | None:
    """The name of the creditor banks' committee that `tok` stands for, else None."""
    low = tok.lower_
    if low not in BACK_HEADS:
        return None
    own = _own_words(tok)
    if low in COMMITTEE_HEADS and _defining(tok, own):
        return _name(tok)
    if any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and own <= BACK_WORDS:
        referent = _last_committee(tok)
        name = _name(referent) if referent is not None else None
        if name is not None and own & NAME_WORDS <= set(name.split()):
            return name
    return None


def committees_named_in(span: Span) -> set[str]:
    """The creditor committees a sentence names by their own phrase (not "the committee")."""
    return {_name(t) for t in span if t.lower_ in COMMITTEE_HEADS and _defining(t, _own_words(t))}


def _own_words(tok: Token) -> set[str]:
    """The lower-case words before the noun in its phrase, after any owner ("Brazil's")."""
    left = [t for t in tok.subtree if t.i < tok.i]
    owners = [t.i for t in left if t.dep_ == "case" or t.lower_ in ("'s", "'")]
    start = max(owners) + 1 if owners else tok.left_edge.i
    return {t.lower_ for t in tok.doc[start : tok.i] if t.is_alpha}


def _defining(tok: Token, own: set[str]) -> bool:
    """Whether the phrase itself says the committee is the creditor banks' (`own`: the words
    before the noun, as `_own_words` gives them)."""
    if own & BANK_WORDS or ("debt" in own and own & (NAME_WORDS - CREDITOR_WORDS)):
        return True
    for child in tok.children:
        owner = child.dep_ == "prep" and child.lower_ in OWNER_PREPS
        if not (owner or child.dep_ == "acl" and child.lemma_ in OWNER_VERBS):
            continue
        for t in child.subtree:
            if t.lower_ in OWNER_WORDS:
                return True
            mods = {c.lower_ for c in t.children}
            if t.lower_ == "banks" and mods & OWNER_BANK_MODIFIERS:
                return True
    return False


def _name(tok: Token) -> str:
    """ "Brazil's 14-bank advisory committee" -> "bank advisory committee"."""
    start = tok.left_edge.i
    kept = [t.lower_ for t in tok.doc[start : tok.i] if t.lower_ in NAME_WORDS]
    # "the committee of creditor banks": no words of its own, so named for whose it is
    return " ".join([*dict.fromkeys(kept or ["creditor"]), tok.lower_])


def _last_committee(tok: Token) -> Token | None:
    """The creditor committee a later "the committee" stands for: the last committee told
    before it with words of its own, when that one is the creditors'."""
    for t in reversed(tok.doc[: tok.i]):
        if t.lower_ not in COMMITTEE_HEADS:
            continue
        own = _own_words(t)
        if not own - {"the", "a", "an"}:
            continue
        return t if _defining(t, own) else None
    return None
