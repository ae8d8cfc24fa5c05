"""The first name of a wire story, which the tagger often loses to the dateline.

"NEW YORK, March 3 - Acme Exchange said ...": the small model glues the name after the dash to
the date ("March 3 - Acme Exchange" tagged DATE), tags only part of it ("KLM" left out of
"KLM Royal Dutch Airways"), or tags nothing at all ("June 8 - Jane Holloway met ..."). The
rules here, by position and form only, give those words back as a mention.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsdesk.nlp.actors_companies import (
    LEGAL_FORMS,
    NAME_JOINERS,
    OPENERS,
    name_word,
)
from newsdesk.nlp.actors_filter import word_classes
from newsdesk.nlp.actors_mentions import TITLE_WORDS, Mention
from newsdesk.nlp.body_names import is_org_word, known_bodies
from newsdesk.nlp.doc_reads import doc_ents
from newsdesk.nlp.gazetteer import gazetteer
from newsdesk.nlp.meetings.where import dateline_end

__all__ = ["dateline_lead"]


def dateline_lead(doc: Doc, mentions: list[Mention], body_start: int) -> list[Mention]:
    """ "NEW YORK, March 3 - Acme Exchange said": the tagger glues the first name of the story
    to the dateline's date ("March 3 - Acme Exchange" tagged DATE). The capitalised words after
    the dash, up to the first word that is not part of a name, are a mention when they hold an
    organisation word ("Exchange", "Bank", a legal form) or are a known body; a single word is
    also one when the story writes it again, capitalised, and never in lowercase ("Citicorp
    said ... Citicorp also"). Places and nationality words stay out."""
    cut = dateline_end(doc, body_start)
    if cut is None:
        return mentions
    glued = next((e for e in doc_ents(doc) if e.start_char < cut < e.end_char), None)
    if glued is None:
        return _untagged_lead(doc, mentions, cut)
    if glued.label_ not in ("DATE", "TIME", "CARDINAL"):
        return mentions
    start = next((t.i for t in glued if t.idx >= cut), glued.end)
    while start < glued.end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    end = start
    while end < glued.end and (
        name_word(doc[end])
        or (end + 1 < glued.end and name_word(doc[end + 1]) and _inner_joiner(doc[end]))
    ):
        end += 1
    if end <= start or any(m.start < end and start < m.end for m in mentions):
        return mentions
    rest = next((m for m in mentions if m.start == end + 1 and m.kind == "ORG"), None)
    if (
        rest is not None
        and end == glued.end
        and doc[end].lower_ in ("and", "&")
        and rest.text.split()[-1].lower() in LEGAL_FORMS
        and len([w for w in rest.text.split() if w.lower() not in LEGAL_FORMS]) == 1
    ):  # "March 3 - Standard" + "and" + "Poor's Corp": the tagger cut one name at its "and"
        # (one word and a legal form after it: "Acme and Bramble Holdings Plc" may be two)
        return _merged_with_rest(doc, mentions, start, rest)
    rest = next((m for m in mentions if m.start == end and m.kind == "ORG"), None)
    if rest is not None and end == glued.end:
        # "March 3 - KLM" + "Royal Dutch Airways": the tagger cut one name at the dash's glue
        return _merged_with_rest(doc, mentions, start, rest)
    text = doc[start:end].text
    body_after = end - start >= 2 and doc[end].is_lower and is_org_word(doc[end].text)
    if _is_lead_name(doc, text, start, end) or body_after:
        # ... or "Sept 2 - The United Pipefitters" + "union": the name of the body it heads
        return _with(mentions, Mention(start, end, text, "ORG"))
    return mentions


def _merged_with_rest(
    doc: Doc, mentions: list[Mention], start: int, rest: Mention
) -> list[Mention]:
    """The mentions with `rest` grown back to `start`: one ORG mention of the whole name."""
    whole = Mention(start, rest.end, doc[start : rest.end].text, "ORG", None, rest.acronym)
    return _with([m for m in mentions if m is not rest], whole)


def _with(mentions: list[Mention], mention: Mention) -> list[Mention]:
    """The mentions and one more, in order of start."""
    return sorted([*mentions, mention], key=lambda m: m.start)


def _untagged_lead(doc: Doc, mentions: list[Mention], cut: int) -> list[Mention]:
    """The tagger, thrown by the dateline, often tags nothing, or only part of a name, right
    after the dash. Capitalised words there, untagged, up to the first lowercase word:
    * one or two of them right before an organisation's name are the start of that name
      ("March 3 - KLM" + "Royal Dutch Airways" is "KLM Royal Dutch Airways");
    * two or three title-case words, none a title, an organisation word, a sentence opener or
      a place, followed by a lowercase word, are a person's name ("June 8 - Jane Holloway met")."""
    start = next((t.i for t in doc if t.idx >= cut), len(doc))
    body = _untagged_lead_body(doc, mentions, start)
    if body is not None:
        return _with(mentions, body)
    end = start
    while end < len(doc) and end - start < 4 and name_word(doc[end]) and doc[end].is_alpha:
        if doc[end].ent_type_ or any(m.start <= end < m.end for m in mentions):
            break
        end += 1
    if end == start or end >= len(doc):
        return mentions
    rest = next((m for m in mentions if m.start == end and m.kind == "ORG"), None)
    if rest is not None and end - start <= 2:
        return _merged_with_rest(doc, mentions, start, rest)
    run = doc[start:end]
    if not 2 <= len(run) <= 3 or not doc[end].is_lower or not all(t.is_title for t in run):
        return mentions
    if any(t.lower_ in TITLE_WORDS or t.lower_ in OPENERS or is_org_word(t.text) for t in run):
        return mentions
    if any(gazetteer().core_meanings(t.text) for t in run):
        return mentions  # "Polish Officials", "Paris Bourse"
    return _with(mentions, Mention(start, end, run.text, "PERSON"))


def _untagged_lead_body(doc: Doc, mentions: list[Mention], start: int) -> Mention | None:
    """ "Aug 12 - The Harbour Pilots' Federation and ...", "Oct 27 - The United Pilots union
    said": capitalised words after the dash (and an opening "the"), none tagged, are a body's
    name when they hold an organisation word or a legal form, are a known body, or are followed
    by a lowercase organisation word ("union", "group")."""
    i = start + 1 if start < len(doc) and doc[start].lower_ == "the" else start
    end = i
    while end < len(doc) and end - i < 8:
        tok = doc[end]
        joins = end > i and end + 1 < len(doc) and name_word(doc[end + 1]) and _inner_joiner(tok)
        if not (name_word(tok) or joins):
            break
        if tok.ent_type_ or any(m.start <= end < m.end for m in mentions):
            if end == i or not _inner_joiner(doc[end - 1]):
                return None
            end -= 1  # "Acme Workers of America and" + a tagged name: the run ends at "and"
            break
        end += 1
    if end - i < 2 or end >= len(doc) or doc[end - 1].text in ("'", "\u2019"):
        return None
    if any(t.lower_ in TITLE_WORDS for t in doc[i:end]):
        return None  # "The Finance Minister said"
    text = doc[i:end].text
    after = doc[end]
    of_place = (
        " of " in text and end - i >= 4 and bool(gazetteer().core_meanings(doc[end - 1].text))
    )
    if (after.is_lower and is_org_word(after.text)) or of_place or _is_lead_name(doc, text, i, end):
        # ... or a body "of" a place ("Communications Workers of America")
        return Mention(i, end, text, "ORG")
    return None


def _inner_joiner(tok: Token) -> bool:
    """A joining word inside a name: "and", "of", a hyphen written without spaces, or the
    apostrophe of a plural possessive."""
    hyphen = tok.text == "-" and not tok.whitespace_ and not tok.nbor(-1).whitespace_
    possessive = tok.text in ("'", "\u2019") and tok.i > 0 and tok.nbor(-1).text.endswith("s")
    return tok.lower_ in NAME_JOINERS or hyphen or possessive  # "Bank Employees' Union"


def _is_lead_name(doc: Doc, text: str, start: int, end: int) -> bool:
    parts = text.split()
    if gazetteer().core_meanings(text):
        return False  # "South Africa", "Italian"
    if text in known_bodies() or any(is_org_word(w) or w.lower() in LEGAL_FORMS for w in parts):
        return True  # "Scandinavian Airlines Systems", "Hong Kong Stock Exchange"
    if len(parts) != 1 or not text.isalpha() or len(text) < 4:
        return False  # "Soviet Prime Minister", "Opr"
    low = text.lower()
    classes = word_classes()
    if (
        low in classes["adj"]
        or low in classes["adv"]
        or any(t.lower_ == low and t.is_lower for t in doc)
    ):
        return False  # "Cocoa futures fell", "Renewed confidence"
    return any(t.text == text for t in doc[end:])
