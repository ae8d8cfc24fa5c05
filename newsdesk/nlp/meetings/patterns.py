"""Meeting patterns over the dependency parse: which words make a meeting, and who is in it.

Verbs ("met (with)", "visited", "hosted", "received", "conferred with", "sat down with"), nouns
("talks/meeting with X", "talks between X and Y", "a courtesy call on X", "X and Y held talks"),
relative clauses ("X and Y, who met in ...") and calls (phone or video). Refusals, hopes,
proposals, "met reporters" and bodies convening alone are not meetings.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsdesk.nlp.meetings.clauses import Found, governor
from newsdesk.nlp.meetings.context import MeetingContext
from newsdesk.nlp.meetings.nouns import noun_meeting
from newsdesk.nlp.meetings.rules import predicate_for
from newsdesk.nlp.meetings.verbs import joined_meeting, led_sides_meeting, verb_meeting

__all__ = ["Found", "governor", "match_at"]


def match_at(ctx: MeetingContext, tok: Token) -> Found | None:
    """The meeting a token triggers, by the predicate table (`rules.PREDICATES`)."""
    pred = predicate_for(tok)
    if pred is None:
        return None
    found: Found | None
    if pred.frame == "joined":
        found = joined_meeting(ctx, tok) if tok.tag_ == "VBN" else None
    elif pred.frame == "lead-sides":
        found = led_sides_meeting(ctx, tok)
    elif pred.pos == "verb":
        found = verb_meeting(ctx, tok, pred)
    else:
        found = noun_meeting(ctx, tok, pred)
    if found is not None:
        found.rules.insert(0, pred.id)
        found.base = pred.confidence
    return found
