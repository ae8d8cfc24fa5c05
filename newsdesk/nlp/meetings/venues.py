"""Named venues as the place of a meeting: "at Chequers", "at the Elysee palace", "at Parliament
House", "at the Hotel Crillon".

The tagger seldom tags a venue as a place: it leaves "Chequers" untagged, tags "Parliament House"
as an organisation and "Elysee" in "the Elysee palace" as a city. A venue is the object of "at"
(or "in") hanging from the meeting's own clause, written with capitals, and either a place the
gazetteer knows by another name ("Chequers", "the Kremlin": a seat of government standing for
its country) or a name holding a word for a building (`VENUE_WORDS`). Its country is the
gazetteer's, else the place the sentence puts it in ("at the Amber Palace in Vilnius"); without
either, the meeting keeps the venue and the engine may give it the country of where the story
places the meeting (its dateline, its visit frame).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from newsdesk.nlp.doc_reads import ent_at
from newsdesk.nlp.gazetteer import gazetteer
from newsdesk.nlp.lexicon import words

__all__ = ["VENUE_WORDS", "venue_of"]

# Words for a building or estate that make a capitalised name a venue ("Parliament House",
# "the Elysee palace", "Hotel Matignon", "the Great Hall of the People", "Blenheim Castle").
VENUE_WORDS = words(
    """
    palace palais house hall hotel castle residence lodge manor villa chateau mansion
    building centre center
    """
)
# Prepositions that put a meeting at a venue ("met at Chequers", "talks in the Kremlin").
_VENUE_PREPS = frozenset({"at", "in", "inside"})
# Entity kinds a venue's words may carry by mistake; a person or a date never names a venue.
_VENUE_KINDS = frozenset({"", "ORG", "FAC", "GPE", "LOC", "NORP"})


def _name_tokens(head: Token) -> list[Token]:
    """The head noun of a venue with the capitalised words before it ("Parliament House",
    "Elysee palace") and an "of" phrase after it ("Great Hall of the People")."""
    doc = head.doc
    start = head.i
    while start > 0 and doc[start - 1].dep_ in ("compound", "amod") and doc[start - 1].is_title:
        if doc[start - 1].head.i not in range(start, head.i + 1):
            break
        start -= 1
    end = head.i + 1
    if (
        end + 2 < len(doc)
        and doc[end].lower_ == "of"
        and doc[end + 1].lower_ == "the"
        and doc[end + 2].is_title
        and doc[end + 2].pos_ in ("PROPN", "NOUN")
    ):
        end += 3  # "Great Hall of the People"
    return list(doc[start:end])


def _venue_name(pobj: Token) -> tuple[str, list[Token]] | None:
    """The venue a preposition's object names and its words, if it names one."""
    toks = _name_tokens(pobj)
    if any(t.ent_type_ not in _VENUE_KINDS for t in toks):
        return None
    capitals = [t for t in toks if t.is_title or t.is_upper]
    if not capitals:
        return None
    text = " ".join(t.text for t in toks)
    has_word = any(t.lower_ in VENUE_WORDS for t in toks)
    seat = any(m.kind == "metonym" for m in gazetteer().core_meanings(text))
    if has_word and len(toks) > 1 and (toks[0].is_title or toks[0].is_upper):
        return text, toks  # "Parliament House", "Elysee palace", "Hotel Matignon"
    if seat and pobj.pos_ == "PROPN":
        return text, toks  # "Chequers", "the Kremlin"
    return None


def venue_of(
    sent: Span, chain: list[Token], country_of: Callable[[str], str | None]
) -> tuple[str, str | None] | None:
    """The venue named in the meeting's own clause (`chain`: its trigger and verbs) and its
    country if known, or None."""
    for tok in sent:
        prep = tok.head
        if tok.dep_ != "pobj" or prep.lower_ not in _VENUE_PREPS or prep.head not in chain:
            continue
        venue = _venue_name(tok)
        if venue is None:
            continue
        name, toks = venue
        country = country_of(name)
        for t in toks:  # "a downtown Detroit hotel": the country of the city it is named by
            if country is None and t.ent_type_ in ("GPE", "LOC"):
                ent = ent_at(t.doc, t.i)
                country = country_of(ent.text if ent is not None else t.text)
        return name, country
    return None
