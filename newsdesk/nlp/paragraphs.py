"""Sentence starts at paragraph breaks.

The parser decides sentence boundaries itself, and a headline with no full stop, or a dateline
paragraph, runs into the first sentence of the body. This component, placed before the parser,
marks the first token after a line break as a sentence start; the parser keeps preset starts.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "newsdesk_paragraphs"


@Language.component(NAME)
def mark_paragraph_starts(doc: Doc) -> Doc:
    after_break = False
    for token in doc:
        if token.is_space and "\n" in token.text:
            after_break = True
            continue
        if after_break:
            token.is_sent_start = True
            after_break = False
        elif "\n" in token.whitespace_:
            after_break = True
    return doc


def add_paragraph_starts(nlp: Language) -> None:
    """Put the component before the parser (or first, when there is none)."""
    if NAME in nlp.pipe_names:
        return
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(NAME, before="parser")
    else:
        nlp.add_pipe(NAME, first=True)
