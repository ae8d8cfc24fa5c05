"""Entity spans the small model cuts short or mislabels, repaired after the other fixes.

* a body's name cut before its own last capitalised word: "the Office of the Zenith Trade" +
  "Representative" (the cut word is the head the name's last word modifies, and the run of
  capitalised words ends there) is "Office of the Zenith Trade Representative";
* a city the gazetteer knows, tagged as a nationality, is a place where it follows "in", "to" or
  "at" ("will meet X in Tunis next week");
* a nationality and a portfolio tagged as a body in front of a coordinated title ("Bolivian
  Energy" of "Bolivian Energy and Mines Minister Ana Ruiz") is part of the title, no body;
* a name the gazetteer does not know, tagged as a place right after a lower-case noun for a
  body ("the growers' association Agrima", "the dockers' union Portunion"), is that body;
* a body's name cut at the "and" of a fixed compound ("Valley Federal Savings" + "and" + "Loan
  Association") is whole again: "Valley Federal Savings and Loan Association".
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span

from newsdesk.nlp.entity_names import PORTFOLIO_TITLES, TITLE_WORDS
from newsdesk.nlp.gazetteer import gazetteer
from newsdesk.nlp.lexicon import words

__all__ = ["BODY_COMPOUNDS", "cut_at_compound", "repaired_spans"]

# Prepositions after which a nationality-tagged city is a place ("talks in Tunis", "flew to
# Tunis", "at Tunis").
PLACE_PREPS = words("in to at")
# Lower-case nouns for a body that a body's own name may follow in apposition ("the shipowners'
# association Agrima", "the state oil company Petrozen", "the farmers' federation Agrifed").
BODY_NOUNS = words("association union federation company firm group agency council syndicate")

# Fixed compounds of body names joined by "and" (first word, second word), at whose "and" the
# model may cut a name: savings and trust banks ("Savings and Loan", "Trust and Savings", "Loan
# and Trust"), utilities ("Gas and Electric", "Power and Light", "Light and Power", "Water and
# Power"), telecoms ("Telephone and Telegraph"), industry ("Oil and Gas", "Iron and Steel",
# "Mining and Smelting", "Mining and Manufacturing") and agencies ("Securities and Exchange",
# "Food and Drug", "Food and Agriculture", "Fish and Wildlife", "Trade and Industry").
BODY_COMPOUNDS = frozenset(
    tuple(pair.split("+"))
    for pair in words(
        """
        savings+loan trust+savings loan+trust savings+trust
        gas+electric power+light light+power water+power telephone+telegraph
        oil+gas iron+steel mining+smelting mining+manufacturing
        securities+exchange food+drug food+agriculture fish+wildlife trade+industry
        """
    )
)
# How many capitalised words before the compound a name may take back ("Valley Federal").
COMPOUND_LEAD = 4
# Punctuation left at the end of a span that gave its last words to such a name ("March 9 -").
_TRAILING = frozenset({"-", "--", ",", "(", ":"})


def repaired_spans(doc: Doc, spans: list[Span], is_place: Callable[[str], bool]) -> list[Span]:
    """The spans with the repairs above (a dropped span is left out)."""
    spans = _whole_compounds(doc, spans)
    taken = {i for span in spans for i in range(span.start, span.end)}
    out: list[Span] = []
    for span in spans:
        if span.label_ == "ORG":
            if _title_fragment(doc, span):
                continue
            span = _with_head_word(doc, span, taken)
        elif span.label_ == "NORP" and _place_after_preposition(span, is_place):
            span = Span(doc, span.start, span.end, label="GPE")
        elif span.label_ in ("GPE", "LOC") and _named_body(doc, span, is_place):
            span = Span(doc, span.start, span.end, label="ORG")
        out.append(span)
    return out


def cut_at_compound(doc: Doc, start: int) -> bool:
    """The name opening at token `start` follows the "and" of a fixed compound whose first word
    stands before it ("Savings and" before "Loan Association")."""
    if start < 2 or doc[start - 1].lower_ not in ("and", "&"):
        return False  # (the cheap test first: most names follow no "and")
    return (doc[start - 2].lower_, doc[start].lower_) in BODY_COMPOUNDS


def _whole_compounds(doc: Doc, spans: list[Span]) -> list[Span]:
    """The spans with each body name cut at the "and" of a fixed compound made whole; a span
    that held the name's first words gives them up ("March 9 - Valley Federal Savings and"
    tagged as a date keeps "March 9")."""
    grown: dict[int, Span] = {}
    for k, span in enumerate(spans):
        start = span.start
        if span.label_ != "ORG" or not cut_at_compound(doc, start):
            continue
        if not doc[start - 2].is_title:
            continue
        new_start = start - 2
        for _ in range(COMPOUND_LEAD):
            before = doc[new_start - 1] if new_start > 0 else None
            if before is None or doc[new_start].is_sent_start:
                break
            if not (before.is_alpha and before.is_title) or before.pos_ == "DET":
                break
            new_start -= 1
        grown[k] = Span(doc, new_start, span.end, label="ORG")
    if not grown:
        return spans
    claimed = {i for span in grown.values() for i in range(span.start, span.end)}
    out: list[Span] = []
    for k, span in enumerate(spans):
        if k in grown:
            out.append(grown[k])
            continue
        if not any(i in claimed for i in range(span.start, span.end)):
            out.append(span)
            continue
        end = span.start  # the span keeps only its words before the name
        while end < span.end and end not in claimed:
            end += 1
        while end > span.start and doc[end - 1].lower_ in _TRAILING:
            end -= 1
        if end > span.start:
            out.append(Span(doc, span.start, end, label=span.label_))
    return out


def _with_head_word(doc: Doc, span: Span, taken: set[int]) -> Span:
    """ "Office of the Zenith Trade" + "Representative": the span with its cut last word."""
    end = span.end
    if end + 1 >= len(doc) or end in taken or not any(t.lower_ == "of" for t in span):
        return span
    last, nxt, after = doc[end - 1], doc[end], doc[end + 1]
    modifies = last.head.i == nxt.i and last.dep_ in ("compound", "amod")
    capitalised = nxt.is_alpha and nxt.is_title and nxt.lower_ not in TITLE_WORDS
    run_ends = not (after.is_alpha and after.is_title)  # not a title before a name
    if modifies and capitalised and run_ends and not nxt.is_sent_start:
        return Span(doc, span.start, end + 1, label=span.label_)
    return span


def _named_body(doc: Doc, span: Span, is_place: Callable[[str], bool]) -> bool:
    """ "the shipowners' association Agrima": an unknown place name right after a body noun."""
    if span.start == 0 or is_place(span.text):
        return False
    before = doc[span.start - 1]
    return before.is_lower and before.lower_ in BODY_NOUNS


def _place_after_preposition(span: Span, is_place: Callable[[str], bool]) -> bool:
    """ "in Tunis" tagged as a nationality: a city the gazetteer knows after "in"/"to"/"at"."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return (
        before is not None
        and before.lower_ in PLACE_PREPS
        and len(span) <= 3
        and span.text[:1].isupper()
        and is_place(span.text)
    )


def _title_fragment(doc: Doc, span: Span) -> bool:
    """ "Bolivian Energy" + "and Mines Minister Ana Ruiz": a nationality and a portfolio that
    open a coordinated title, not a body."""
    i = span.end
    if len(span) != 2 or i >= len(doc) or doc[i].lower_ != "and":
        return False  # the cheap test first: most bodies are not followed by "and"
    if not any(m.kind == "demonym" for m in gazetteer().meanings(span[0].text)):
        return False
    for t in doc[i + 1 : min(len(doc), i + 4)]:
        if t.lower_ in PORTFOLIO_TITLES and t.is_title:
            return True
        if not t.is_title:
            return False
    return False
