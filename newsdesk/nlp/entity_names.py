"""Person names the small model cuts or leaves untagged around titles (for `entities`).

* a title, then two or three capitalised words in no entity, is a person's name ("Bank of Japan
  Governor Satoshi Sumita" with the name untagged);
* two person's names side by side with nothing between are one ("Sahabzada Yaqub" + "Khan");
* a one- or two-word name right after an untagged capitalised word that follows a title takes
  that word ("President Junius Jayewardene" with "Jayewardene" tagged alone);
* a portfolio and its holder's name tagged as one body after "Minister of" ("Minister of Foreign
  Trade and Shipping Kenji Moriya" with "Foreign Trade and Shipping Kenji Moriya" one body) are
  a title and a person: the person is "Kenji Moriya", the portfolio no actor.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newsdesk.nlp.lexicon import words

__all__ = [
    "PORTFOLIO_TITLES",
    "TITLE_WORDS",
    "joined_people",
    "portfolio_holders",
    "untagged_titled_names",
    "with_given_name",
]

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


# Title heads of a portfolio: one it follows with "of" or "for" ("Minister of Trade", "Secretary
# for Health"), or one that ends a coordinated portfolio title ("Energy and Mines Minister").
PORTFOLIO_TITLES = words("minister secretary commissioner")
# Words that make up a portfolio's name after such a head ("International Trade and Industry",
# "Health and Human Services", "Posts and Telecommunications"), with the joiners between them.
PORTFOLIO_WORDS = words("""
    and of for the & foreign international external internal home interior affairs trade
    industry industries commerce finance economy economic economics planning budget treasury
    health human services social welfare labour labor employment agriculture fisheries food
    forestry energy mines mining oil petroleum resources natural defence defense war justice
    transport communications posts telecommunications education culture information housing
    urban rural development environment public works state relations cooperation national
    security shipping tourism science technology water power
    """)
# Most words of a portfolio holder's name taken at a span's end ("Kenji Moriya").
_HOLDER_WORDS = 3


def portfolio_holders(spans: list[Span]) -> list[Span]:
    """The spans with each "Minister of <portfolio> <name>" body cut to its holder's name, and a
    portfolio tagged alone right before its holder's name dropped (it is part of a title)."""
    out: list[Span] = []
    for span in spans:
        if span.label_ != "ORG" or span.start < 2 or not _after_portfolio_head(span):
            out.append(span)
            continue
        cut = _holder_start(span)
        if cut is None:
            out.append(span)
        elif cut < span.end:
            out.append(Span(span.doc, cut, span.end, label="PERSON"))
        elif not _name_follows(span):
            out.append(span)
    return out


def _after_portfolio_head(span: Span) -> bool:
    """The span follows "Minister of" (or "Secretary for"), perhaps over portfolio words
    ("Minister of Finance and" + "Economy Kiichi Miyazawa")."""
    doc = span.doc
    i = span.start - 1
    while i > 0 and doc[i].lower_ in PORTFOLIO_WORDS and doc[i].lower_ not in ("of", "for"):
        i -= 1
    return i >= 1 and doc[i].lower_ in ("of", "for") and doc[i - 1].lower_ in PORTFOLIO_TITLES


def _holder_start(span: Span) -> int | None:
    """Where the holder's name starts in "Foreign Trade and Shipping Kenji Moriya" (span.end
    when the span is all portfolio), or None when the span is no portfolio then a name."""
    doc = span.doc
    cut = span.end
    while cut > span.start and doc[cut - 1].lower_ not in PORTFOLIO_WORDS:
        if not (doc[cut - 1].is_alpha and doc[cut - 1].is_title):
            return None
        cut -= 1
    if cut == span.start or span.end - cut > _HOLDER_WORDS:
        return None  # no portfolio, or too long a name
    if any(t.lower_ not in PORTFOLIO_WORDS for t in doc[span.start : cut]):
        return None  # "Zenith Trade Bank": a body's own name
    return cut


def _name_follows(span: Span) -> bool:
    """A person's name follows the span at once ("... Industry" + "Haruki Tomoda")."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].ent_type_ == "PERSON"


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
