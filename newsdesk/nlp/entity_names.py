"""Person names the small model cuts or leaves untagged around titles (for `entities`).

* a title, then two or three capitalised words in no entity, is a person's name ("Bank of Japan
  Governor Satoshi Sumita" with the name untagged);
* two person's names side by side with nothing between are one ("Sahabzada Yaqub" + "Khan");
* a one- or two-word name right after an untagged capitalised word that follows a title takes
  that word ("President Junius Jayewardene" with "Jayewardene" tagged alone).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newsdesk.nlp.lexicon import words

__all__ = ["TITLE_WORDS", "joined_people", "untagged_titled_names", "with_given_name"]

# Words of titles and offices that stand before a person's name (cut off a PERSON span).
TITLE_WORDS = words("""
    president vice prime minister mr mr. mrs mrs. ms ms. dr dr. prof prof. professor sir dame
    lord lady chancellor premier secretary general secretary-general deputy senator sen sen.
    rep rep. congressman congresswoman governor gov gov. ambassador envoy king queen prince
    princess pope cardinal archbishop bishop rev rev. reverend chairman chairwoman chair chief
    judge justice gen gen. colonel col col. lieutenant lt lt. major maj maj. captain capt capt.
    commander marshal field admiral sergeant foreign defence defense interior finance trade
    mayor speaker leader spokesman spokeswoman spokesperson director director-general executive
    ceo former acting emir sultan sheikh ayatollah crown state affairs
    """)


# Titles that come right before a person's full name ("Governor Satoshi Sumita").
_NAME_TITLES = words("""
    president minister governor chairman secretary ambassador senator chancellor premier
    director envoy
    """)


# Words that make a capitalised run a body or a place rather than a person's name.
_BODY_WORDS = words("""
    bank street house party council fund group corp company board committee association union
    institute university airport hotel avenue square road hall ministry office club
    """)


def untagged_titled_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "Bank of Japan Governor Satoshi Sumita" with the name left untagged: two or three
    capitalised words right after a title, in no entity and followed by no other name word."""
    taken = {i for span in spans for i in range(span.start, span.end)}
    found: list[Span] = []
    for title in doc:
        if title.lower_ not in _NAME_TITLES or not title.is_title:
            continue
        end = title.i + 1
        while end < len(doc) and end - title.i <= 3:
            t = doc[end]
            if t.i in taken or t.pos_ != "PROPN" or not (t.is_alpha and t.is_title):
                break
            end += 1
        words_ = end - title.i - 1
        if words_ < 2 or (end < len(doc) and doc[end].pos_ == "PROPN"):
            continue
        if any(t.lower_ in _BODY_WORDS for t in doc[title.i + 1 : end]):
            continue  # "President Lincoln Street Bank": a body or a place, not a person
        found.append(Span(doc, title.i + 1, end, label="PERSON"))
    return found


def joined_people(spans: list[Span]) -> list[Span]:
    """ "Sahabzada Yaqub" + "Khan": two person's names side by side, nothing between them, all
    words capitalised and four at most, are one name the tagger cut in two."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if (
            prev is not None
            and span.label_ == prev.label_ == "PERSON"
            and span.start == prev.end
            and span.end - prev.start <= 4
            and all(t.is_title and t.is_alpha for t in span.doc[prev.start : span.end])
        ):
            out[-1] = Span(span.doc, prev.start, span.end, "PERSON")
        else:
            out.append(span)
    return out


def with_given_name(span: Span) -> Span:
    """ "President Junius Jayewardene" with only "Jayewardene" tagged, "Minister Sahabzada Yaqub
    Khan" with "Yaqub Khan": a person's name of one or two words right after an untagged
    capitalised word that itself follows a title takes that word as part of the name."""
    doc = span.doc
    i = span.start
    if span.label_ != "PERSON" or len(span) > 2 or i < 2:
        return span
    given, title = doc[i - 1], doc[i - 2]
    if (
        title.lower_ in _NAME_TITLES
        and not given.ent_type_
        and given.is_alpha
        and given.is_title
        and given.pos_ == "PROPN"
        and given.lower_ not in TITLE_WORDS
        and given.lower_ not in _BODY_WORDS
    ):
        return Span(doc, i - 1, span.end, "PERSON")
    return span
