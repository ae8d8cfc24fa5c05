"""The other side of deal talks: "Acme is negotiating to buy the assets of Zenith", "Acme said it
was in talks to acquire Zenith", "Acme ended negotiations to sell its unit to Zenith". Talks to buy
a named body, or its assets, are talks with it; talks to sell something to a named body are talks
with the buyer."""

from __future__ import annotations

from spacy.tokens import Token

from newsdesk.nlp.lexicon import words
from newsdesk.nlp.meetings.sentences import act_after

__all__ = ["deal_partners", "purchase_targets"]

# Verbs of buying a company: their object is the other side of the talks about it.
ACQUIRE_VERBS = words("buy acquire purchase")
# Verbs of selling: the body a thing is sold "to" is the other side of the talks about it
# ("ended negotiations to sell its unit to Zenith").
SELL_VERBS = words("sell")
# What is bought of a company ("the assets of Zenith", "Zenith's unit"): the company sells it.
ASSET_NOUNS = words(
    """
    assets asset unit units operations business businesses division divisions subsidiary
    subsidiaries property properties
    """
)


def purchase_targets(tok: Token) -> list[Token]:
    """The phrases naming the body a purchase is negotiated with, in a "to buy"-clause hanging
    from the talks word `tok` ("negotiating to buy X", "talks to acquire X", "to buy the assets
    of X", "to buy X's unit"). Only a proper name is taken: "to buy a stake in X" is bought
    from X's owners, not from X."""
    out: list[Token] = []
    for verb in tok.children:
        if verb.dep_ in ("xcomp", "acl") and verb.lemma_.lower() in SELL_VERBS:
            for to in verb.children:  # "to sell its unit to Zenith": the buyer
                if to.dep_ in ("dative", "prep") and to.lower_ == "to":
                    out += [p for p in to.children if p.dep_ == "pobj" and p.pos_ == "PROPN"]
        if verb.dep_ not in ("xcomp", "acl") or verb.lemma_.lower() not in ACQUIRE_VERBS:
            continue
        for obj in verb.children:
            if obj.dep_ != "dobj":
                continue
            if obj.pos_ == "PROPN":
                out.append(obj)
            elif obj.lower_ in ASSET_NOUNS:
                for c in obj.children:
                    if c.dep_ == "poss":
                        out.append(c)
                    elif c.dep_ == "prep" and c.lower_ == "of":
                        out += [p for p in c.children if p.dep_ == "pobj" and p.pos_ == "PROPN"]
    return out


# Deals whose "with"-object is the other side of talks about them ("talks on a merger with
# Zenith", "negotiations over the supply contract with Zenith").
DEAL_NOUNS = words("merger transaction deal agreement contract accord venture")
# Prepositions that give talks their subject matter.
ABOUT_PREPS = words("on over about")


def deal_partners(tok: Token) -> list[Token]:
    """ "negotiations on the merger transaction with Zenith": the phrases named as the other
    side of the deal the talks word `tok` is about (the parser hangs "with" on the deal, not on
    the talks). A proper name only."""
    return [
        p
        for about in tok.children
        if about.dep_ == "prep" and about.lower_ in ABOUT_PREPS
        for deal in about.children
        if deal.dep_ == "pobj" and deal.lower_ in DEAL_NOUNS
        for p in _proper_with(deal)
    ]


def _proper_with(word: Token) -> list[Token]:
    """The proper names a word is done "with" ("a merger with Zenith", "reached agreement with
    Zenith")."""
    return [
        p
        for w in word.children
        if w.dep_ == "prep" and w.lower_ == "with"
        for p in w.children
        if p.dep_ == "pobj" and p.pos_ == "PROPN"
    ]


# Verbs of settling whose "with"-partner is the other side of the talks told "after" them
# ("Acme reached agreement with Zenith after five rounds of talks").
SETTLE_VERBS = frozenset({"reach", "sign", "settle", "conclude", "initial"})


def settled_with(tok: Token) -> list[Token]:
    """ "Acme reached agreement with Zenith after five rounds of talks": the proper names the
    settling verb (or its object, "agreement with Zenith") is done with, for talks put after
    it; none when the talks hang elsewhere."""
    verb = act_after(tok)
    if verb is None:
        return []
    if verb.pos_ == "NOUN" and verb.dep_ == "dobj":
        verb = verb.head  # "reached agreement ... after talks" hung on "agreement"
    if verb.lemma_.lower() not in SETTLE_VERBS:
        return []
    owners = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    return [p for owner in owners for p in _proper_with(owner)]
