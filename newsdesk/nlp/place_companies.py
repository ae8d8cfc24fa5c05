"""Names a story uses for companies, products or ships are not places there: "Dome" in a
story about Dome Petroleum is not the town in Ghana, "Pan Am" is an airline.

A name counts as a company's when the story writes it right before a company word ("Dome
Petroleum", "Pan Am Corp"), or after a ship word ("the tanker Dome"). Countries, their other
names, nationalities and capitals stay places whatever follows them ("Ghana Commercial Bank"
still says Ghana).
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsdesk.nlp.doc_reads import tokens_with
from newsdesk.nlp.lexicon import words
from newsdesk.nlp.place_mentions import Mention
from newsdesk.nlp.regions import fold

__all__ = ["company_names", "without_company_names"]

# Words that end a company's or a product's name ("Dome Petroleum", "Pan Am Corp").
COMPANY_WORDS = words(
    """
    petroleum petroleums oil oils gas resources mines mining minerals motors motor steel
    chemical chemicals industries industry holdings group corp corporation inc co ltd plc ag sa
    nv bv llc airways airlines air energy pipelines pipeline explorations exploration
    securities bancorp bankshares financial insurance electric electronics computer computers
    systems communications foods brewing breweries textiles shipping lines
    """
)
# Words before a ship's name ("the tanker Dome").
SHIP_WORDS = words("tanker ship vessel freighter carrier liner ferry frigate destroyer barge")
# (the words `company_names` looks for)
_WORDS = COMPANY_WORDS | SHIP_WORDS
# Meanings that stay places whatever the story does with the name.
_ALWAYS_PLACES = frozenset({"country", "alias", "historical", "demonym", "region"})


def company_names(doc: Doc) -> set[str]:
    """Folded names the story writes as a company's (one or two capitalised words before a
    company word) or a ship's."""
    found: set[str] = set()
    for tok in tokens_with(doc, _WORDS):
        low = tok.lower_
        if low in COMPANY_WORDS and tok.text[:1].isupper() and tok.i > 0:
            prev = doc[tok.i - 1]
            if prev.text[:1].isupper() and prev.is_alpha:
                found.add(fold(prev.text))
                if tok.i > 1 and doc[tok.i - 2].text[:1].isupper() and doc[tok.i - 2].is_alpha:
                    found.add(fold(doc[tok.i - 2 : tok.i].text))
        if low in SHIP_WORDS and tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].isupper():
            found.add(fold(doc[tok.i + 1].text))
    return found


def without_company_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The place mentions less those of names the story uses for companies or ships."""
    companies = company_names(doc)
    if not companies:
        return mentions
    return [
        m
        for m in mentions
        if fold(m.text) not in companies
        or m.zone == "dateline"  # "OSAKA, March 3 - Osaka Gas ...": the dateline is a place
        or any(x.kind in _ALWAYS_PLACES or x.capital for x in m.meanings)
    ]
