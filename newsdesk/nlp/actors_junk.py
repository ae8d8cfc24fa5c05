"""Mentions that are not actors at all, by general rules, and names cleaned before merging.

Run on a story's PERSON/ORG mentions before they are merged into actors:

* a headline written in Title Case or ALL CAPITALS capitalises every word, so the tagger reads
  fragments of it as names ("Baker Sees No Trade War", "Reagan Ready"): a mention in a
  headline stays only when the body confirms it (the same words, the name without its company
  ending, or a person's surname); a sentence-case headline's names stand;
* stock tickers, exchange codes and units are no names (`<NJR>`, "Rjr>", "U.S. Dlrs", "Pct");
  a body's name with a ticker mark ("Bank of New Zealand>") keeps the name;
* a name of company-form words alone ("Co", "Co Inc") or one ending on a joining word ("Group
  of", "Economics and") is a broken span;
* a news agency cited as the source ("told Reuters", "Reuters reported", "a Reuters survey");
* a credit rating ("AAA", "BBB-plus") is a grade, not a body;
* a "person" whose name ends on a company ending ("Courier Corp") is a company;
* a generic word alone ("Bank", "State", "Budget"), and a country followed only by a common
  noun ("U.S. Dollar", "U.K. Money");
* a company's name cut at its "and" is joined again ("American Telephone" and "Telegraph Co");
* a person's name glued together ("MargaretThatcher") is split; titles and portfolios in front
  of a person's name are dropped ("Treasurer Paul Keating", "Trade and Industry Jose
  Concepcion").

Every list below is data: change what it covers there.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newsdesk.nlp.actors_mentions import ORG_SUFFIXES, TITLE_WORDS, Mention
from newsdesk.nlp.body_names import GENERIC_WORDS, is_org_word, known_bodies
from newsdesk.nlp.doc_reads import text_of, tokens_with
from newsdesk.nlp.gazetteer import gazetteer
from newsdesk.nlp.lexicon import words

__all__ = ["clean_mentions", "is_shouted", "split_glued"]

# Units, amounts and market shorthand of wire copy: a name holding one is a figure, not a body.
UNIT_WORDS = words(
    """
    dlr dlrs pct mln bln cts ct revs rev avg shr shrs qtr qtrs vs lbs tonnes tonne oper
    dlr-denominated yen stg pence bushels bu mths yr yrs gmt cif fob c&f
    """
)
# News agencies: cited as a source, they are not actors of the story.
NEWS_AGENCIES = words(
    """
    reuters reuter ap afp upi xinhua tass kyodo bloomberg dpa ansa efe interfax itar-tass
    """
)
NEWS_AGENCY_NAMES = frozenset(
    {
        "associated press",
        "agence france-presse",
        "agence france presse",
        "united press international",
        "new china news agency",
        "dow jones news service",
        "itar tass",
    }
)
# Words around an agency's name that make it the source of the story ("told Reuters",
# "Reuters reported", "a Reuters survey", "according to Reuters", "questions from Reuters",
# "asked by Reuters", "in an interview with Reuters").
_CITED_BEFORE = words("told tell telling tells to by according from asked")
_INTERVIEW_WORDS = words("interview interviews interviewed")
_CITED_AFTER = words(
    """
    reported reports report said says survey surveys poll polls calculations calculation
    correspondent correspondents reporter reporters interview estimate estimates count
    tally learned
    """
)
# Economic terms the tagger takes for bodies.
ECONOMIC_TERMS = frozenset(
    {
        "gross domestic product",
        "gross national product",
        "consumer price index",
        "producer price index",
        "prime rate",
        "london interbank offered rate",
        "libor",
        "common agricultural policy",
    }
)
# Common nouns a country's name is written beside without making a body ("U.S. Dollar").
_COUNTRY_NOUNS = words(
    """
    dollar dollars economy credit money attack attacks trade deficit surplus exports imports
    output inflation growth prices rates rate bonds stocks shares market markets sales
    interest interests view policy officials official sources source
    """
)
# Credit ratings (Moody's and Standard and Poor's scales, with their notches: "AAA", "BBB-plus",
# "Baa-2", "A-1"): a grade, never a body.
_CREDIT_RATING = re.compile(
    r"^(?:A{1,3}|B{1,3}|C{1,3}|Aa|Baa|Ba|Caa|D)(?:[-+]|-?[123]|-?(?:plus|minus))?$", re.IGNORECASE
)
# Joining words that cannot end a name ("Group of", "Economics and").
_JOINERS = words("of and for the in on at to by with de du des la le")
# Titles and portfolios written in front of a person's name beyond TITLE_WORDS.
EXTRA_TITLE_WORDS = words(
    """
    treasurer industry industries and trade economics planning transport communications
    tourism information culture environment fisheries forestry housing welfare finance
    insurer analyst economist banker broker dealer spokesman chairman president
    """
)
# Name openers a glued name keeps ("McDonald", "MacArthur", "DeConcini", "LaRouche").
_GLUE_PREFIXES = ("Mc", "Mac", "De", "Di", "La", "Le", "Van", "Von", "O")
_GLUED = re.compile(r"^([A-Z][a-z]{2,})([A-Z][a-z]{2,})$")
_TICKER_PAIR = re.compile(r"<[^<>]*>")


def is_shouted(title: str) -> bool:
    """A headline in ALL CAPITALS or Title Case: most of its longer words capitalised."""
    long_words = [w for w in re.findall(r"[A-Za-z][A-Za-z'\-]*", title) if len(w) > 3]
    if len(long_words) < 2:
        return False
    capitalised: int = sum(1 for w in long_words if w[0].isupper())
    return capitalised >= 0.8 * len(long_words)


def _folded_words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9]+", text.lower())) + " "


def split_glued(text: str) -> str:
    """ "MargaretThatcher" -> "Margaret Thatcher"; "McDonald" and "MacArthur" stay."""
    parts = text.split()
    out = []
    for part in parts:
        glued = _GLUED.match(part)
        if glued and glued.group(1) not in _GLUE_PREFIXES:
            out += [glued.group(1), glued.group(2)]
        else:
            out.append(part)
    return " ".join(out)


def _strip_titles(m: Mention) -> None:
    """Drop title and portfolio words in front of a person's name (keeping two words or more
    of the name)."""
    parts = m.text.split()
    dropped = 0
    while len(parts) - dropped > 2:
        word = parts[dropped].lower().strip(".,")
        if word in TITLE_WORDS or word in EXTRA_TITLE_WORDS or not parts[dropped][:1].isupper():
            dropped += 1
        else:
            break
    if dropped:
        m.text = " ".join(parts[dropped:])
        m.start = min(m.start + dropped, m.end - 1)


def _confirmed(m: Mention, body: str, raw_body: str) -> bool:
    """The body names it too: the whole name, the name without a company ending, or (for a
    person) the surname written with its capital ("Steady" in "was steady" is no one)."""
    words = _folded_words(m.text).split()
    while len(words) > 1 and words[-1] in ORG_SUFFIXES:
        words.pop()
    if f" {' '.join(words)} " in body:
        return True
    surname = m.text.split()[-1]
    if m.kind != "PERSON" or len(words) < 2 or not surname[:1].isupper():
        return False
    return re.search(rf"\b{re.escape(surname)}\b", raw_body) is not None


def _join_and_name(doc: Doc, m: Mention) -> None:
    """ "Standard and Poor's Corp" cut after "and": a company name ending in a company word
    takes back the capitalised word and the "and" before it."""
    if m.start < 2 or m.text.split()[-1].lower().strip(".,") not in ORG_SUFFIXES:
        return
    joiner, first = doc[m.start - 1], doc[m.start - 2]
    if re.search(r" (?:and|&) ", m.text):
        return  # "... of America and Atlantic Bell and Cable Co": the name has its "and"
    if first.lower_.strip(".") in ORG_SUFFIXES or first.ent_iob_ == "I":
        return  # "Morgan Guaranty Trust Co and Lloyds Bank Plc": "Co" ends the body before
    if joiner.lower_ in ("and", "&") and first.text[:1].isupper() and first.is_alpha:
        m.text = f"{first.text} {joiner.text} {m.text}"
        m.start -= 2


def _possessive_names(doc: Doc) -> set[str]:
    """Words the story writes with "'s" inside a longer name ("Moody's Investors Service")."""
    found = set()
    for tok in tokens_with(doc, ("'s", "\u2019s")):
        if not 0 < tok.i < len(doc) - 1:
            continue
        if tok.text in ("'s", "\u2019s") and doc[tok.i + 1].text[:1].isupper():
            found.add(doc[tok.i - 1].text)
    return found


# What may follow a one-word body's "'s" when the "'s" is part of its name, not a possessive:
# nothing is possessed before a verb ("Moody's cut its rating"), a conjunction ("rated A-2 by
# Moody's and Standard and Poor's"), a preposition ("Moody's in New York") or punctuation.
_AFTER_A_NAME_WITH_S = frozenset({"VERB", "AUX", "CCONJ", "ADP", "PUNCT"})


def _possessive_name(doc: Doc, m: Mention, possessives: set[str]) -> bool:
    """ "Moody's said": the name is "Moody's" when the story also writes "Moody's Investors",
    or when nothing it could possess follows (see _AFTER_A_NAME_WITH_S), or the text ends."""
    if m.end >= len(doc) or doc[m.end].text not in ("'s", "\u2019s"):
        return False
    after = doc[m.end + 1] if m.end + 1 < len(doc) else None
    return m.text in possessives or after is None or after.pos_ in _AFTER_A_NAME_WITH_S


def _without_ticker(text: str) -> str | None:
    """The name in a span holding a ticker mark, or None when only a ticker is there: wire
    copy writes "<NJR>" after a listed company and "<Acme Holdings>" around an unlisted one,
    and a span cut at the mark keeps "Rjr>" or "Bank of New Zealand>"."""
    text = _TICKER_PAIR.sub(" ", text)
    for mark in "><":
        if mark in text:
            text = text.split(mark)[0]
    name = " ".join(text.split())
    if not name or (" " not in name and len(name) <= 5):
        return None  # "Rjr", "NJR": a ticker's letters
    return name


def _is_title_word(word: str) -> bool:
    low = word.lower().strip(".,")
    return low in TITLE_WORDS or low in EXTRA_TITLE_WORDS or low in ("of", "&")


def _titled_person(text: str) -> bool:
    """An ORG span that is titles and portfolios, then two or three capitalised words that are
    no organisation's ("Trade and Industry Jose Concepcion")."""
    parts = text.split()
    lead = 0
    while lead < len(parts) and _is_title_word(parts[lead]):
        lead += 1
    name = parts[lead:]
    return (
        lead > 0
        and 2 <= len(name) <= 3
        and all(w[:1].isupper() and not is_org_word(w) and not _is_title_word(w) for w in name)
    )


def _cited_agency(doc: Doc, m: Mention) -> bool:
    low = m.text.lower()
    whole = low in NEWS_AGENCIES or low in NEWS_AGENCY_NAMES
    # "told Reuters Japan is likely to ...": the parser ran the agency into the next name
    leading = not whole and low.split()[0] in NEWS_AGENCIES
    if not (whole or leading):
        return False
    before = doc[m.start - 1].lower_ if m.start > 0 else ""
    if before in _CITED_BEFORE:
        return True  # "told Reuters", "polled by Reuters", "questions from Reuters"
    if before == "with" and m.start > 1 and doc[m.start - 2].lower_ in _INTERVIEW_WORDS:
        return True  # "in a telephone interview with Reuters": the agency reports it
    article = doc[m.start - 1].lower_ in ("a", "an", "the") if m.start > 0 else False
    after = doc[m.end].lower_ if m.end < len(doc) else ""
    return whole and (after in _CITED_AFTER or article)  # "Reuters reported", "a Reuters poll"


def _is_junk(m: Mention) -> bool:
    parts = m.text.split()
    lows = [p.lower().strip(".,") for p in parts]
    if not parts or len(m.text.replace(".", "")) < 2:
        return True  # "P", "J."
    rating = _CREDIT_RATING.match(parts[0]) and parts[0].upper() not in known_bodies()
    if len(parts) == 1 and rating and parts[0][:1].isupper():
        return True  # "AAA", "BBB-plus": a credit rating
    if any(w in UNIT_WORDS for w in lows):
        return True  # "U.S. Dlrs", "Revs", "Avg"
    if " ".join(lows) in ECONOMIC_TERMS:
        return True
    if all(w in ORG_SUFFIXES or w in ("and", "&") for w in lows):
        return True  # "Co", "Co Inc"
    if lows[-1] in _JOINERS or lows[0] in ("and", "of", "&"):
        return True  # "Group of"
    if len(parts) == 1 and (lows[0] in GENERIC_WORDS or lows[0] in TITLE_WORDS):
        return True  # "Bank", "State", "Minister"
    if len(parts) >= 2 and all(w in _COUNTRY_NOUNS for w in lows[1:]):
        first = gazetteer().core_meanings(parts[0])
        if any(x.kind in ("country", "alias", "demonym") for x in first):
            return not any(is_org_word(w) for w in lows[1:])  # "U.S. Dollar"
    return False


def clean_mentions(doc: Doc, mentions: list[Mention], body_start: int) -> list[Mention]:
    """The mentions that can be actors, their names cleaned (see the module's rules)."""
    title, body_text = text_of(doc)[:body_start], text_of(doc)[body_start:]
    shouted = body_start > 0 and is_shouted(title)
    # the body, less the headline repeated at its top (a page's text often starts with it)
    body = ""
    if shouted:  # (a feed's title may carry a suffix the page's heading lacks: "(3-6)")
        heading = re.sub(r"\s*\([^()]*\)\s*$", "", title.strip())
        body = _folded_words(body_text).replace(_folded_words(heading), " ")
    if body.strip() == "":
        body = ""  # a headline alone: nothing to confirm with
    possessives = _possessive_names(doc)
    out: list[Mention] = []
    for m in mentions:
        if "<" in m.text or ">" in m.text:
            name = _without_ticker(m.text)
            if name is None:
                continue
            m.text = name
        parts = m.text.split()
        while len(parts) > 1 and parts[-1].islower() and not is_org_word(parts[-1]):
            parts.pop()  # "Sosnoff is": a verb the span ran into
        m.text = " ".join(parts)
        if m.kind == "ORG" and _titled_person(m.text):
            m.kind = "PERSON"  # "Trade and Industry Jose Concepcion": a portfolio, then a name
        if m.kind == "PERSON" and len(parts) > 1 and parts[-1].lower() in ORG_SUFFIXES:
            m.kind = "ORG"  # "Courier Corp": a company ending is no person's
        if m.kind == "PERSON":
            m.text = split_glued(m.text)
            _strip_titles(m)
        if _is_junk(m) or _cited_agency(doc, m):
            continue
        in_title = doc[m.start].idx < body_start
        if in_title and body and not _confirmed(m, body, body_text):
            continue  # a headline fragment the body does not confirm
        if m.kind == "ORG":
            _join_and_name(doc, m)
        if m.kind == "ORG" and " " not in m.text and _possessive_name(doc, m, possessives):
            m.text += "'s"  # "Moody's Investors Service": the name is "Moody's"
        out.append(m)
    return _join_cut_names(doc, out)


def _join_cut_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "American Telephone" + "and" + "Telegraph Co": a company's name the tagger cut at its
    "and" is one name when the part after it ends on a company word."""
    starts = {m.start: m for m in mentions if m.kind == "ORG"}
    dropped: set[int] = set()
    for m in mentions:
        joiner = m.end - 1 if doc[m.end - 1].lower_ in ("and", "&") else m.end  # "Alex. Brown and"
        if m.kind != "ORG" or joiner + 1 >= len(doc) or doc[joiner].lower_ not in ("and", "&"):
            continue
        if m.text.split()[-1].lower() in ORG_SUFFIXES or is_org_word(m.text.split()[-1]):
            continue  # "Acme Inc and Unisys Corp", "Pilots Association and Apex Inc": two names
        rest = starts.get(joiner + 1) or starts.get(joiner - 1)
        if rest is None or rest is m or rest.text.split()[-1].lower() not in ORG_SUFFIXES:
            continue
        if re.search(r" (?:and|&) ", rest.text) or " of " in m.text:
            continue  # "Communications Workers of America and Atlantic Bell and Cable Co": two
        head = doc[m.start : rest.start].text
        if "<" in head or ">" in head:
            continue
        m.text = _without_ticker(f"{head} {rest.text}") or m.text
        m.end = rest.end
        dropped.add(id(rest))
    return [m for m in mentions if id(m) not in dropped]
