"""A "round" as a meeting: "is to return to Madrid on December 2 for a seventh round with X"
is a round of talks only where the story speaks of talks, and "a round of talks" is left to the
word "talks" itself."""

from __future__ import annotations

from spacy.tokens import Token

from newsdesk.nlp.meetings.sentences import sentences_before
from newsdesk.nlp.meetings.words import TALK_NOUNS

# Nouns that say the rounds are of talks: the meeting nouns and these.
NEGOTIATING_NOUNS = frozenset({"negotiations", "negotiation", "negotiator", "negotiators"})
# How many sentences before the round may speak of the talks it belongs to.
ROUND_CONTEXT_SENTENCES = 2


def round_of_talks(noun: Token) -> bool:
    """Whether this "round" is one of talks: not "a round of talks" (the talks noun counts), and
    its sentence or one of the two before it speaks of talks or negotiators."""
    if any(
        c.dep_ == "prep" and c.lower_ == "of" and any(p.lower_ in TALK_NOUNS for p in c.children)
        for c in noun.children
    ):
        return False
    return any(
        t.lower_ in TALK_NOUNS or t.lower_ in NEGOTIATING_NOUNS
        for sent in (noun.sent, *sentences_before(noun, ROUND_CONTEXT_SENTENCES))
        for t in sent
    )
