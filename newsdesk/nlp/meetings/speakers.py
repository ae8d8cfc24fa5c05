"""The body a speaker talks for: "Talks have been held with Zenith, he said", said by Acme's
chairman, are Acme's talks, not the chairman's own.

A person speaks for a named body when the story gives them one of the body's posts: "Acme
chairman Ann Lee", "Acme's chairman, Ann Lee", "Ann Lee, chairman of Acme", or a bare post in the
sentence that reports the body's own words ("Acme plans to expand, chairman Ann Lee said").
"""

from __future__ import annotations

from spacy.tokens import Token

from newsdesk.nlp.lexicon import words
from newsdesk.nlp.meetings.context import MeetingContext

__all__ = ["speakers_body"]

# Posts whose holder speaks for the body that holds the talks: a company's or an agency's
# officers. Not analysts, advisers or lawyers, who speak about others' talks.
OFFICER_POSTS = words(
    """
    chairman chairwoman president spokesman spokeswoman director executive chief head
    secretary-general director-general governor minister
    """
)


def speakers_body(ctx: MeetingContext, person: str) -> str | None:
    """The one named body the person holds a post of, by the story's own words, or None."""
    found: set[str] = set()
    for tok in ctx.doc:
        if ctx.actors.at(tok.i) != person or ctx.actors.at(tok.head.i) == person:
            continue  # the head word of each mention of the person
        found |= _bodies_of_post(ctx, tok)
    return found.pop() if len(found) == 1 else None


def _bodies_of_post(ctx: MeetingContext, name: Token) -> set[str]:
    """The bodies one mention ties the person to through a post."""
    actors = ctx.actors
    posts: list[Token] = [  # "chairman Ann Lee": the title words before the name
        c
        for c in name.children
        if c.dep_ in ("compound", "amod", "nmod") and c.lower_ in OFFICER_POSTS
    ]
    if name.dep_ == "appos" and name.head.lower_ in OFFICER_POSTS:
        posts.append(name.head)  # "Acme's chairman, Ann Lee"
    posts += [  # "Ann Lee, chairman of Acme"
        c for c in name.children if c.dep_ == "appos" and c.lower_ in OFFICER_POSTS
    ]
    out: set[str] = set()
    for post in posts:
        for c in [*post.children, *name.children]:
            if c.dep_ in ("compound", "poss", "nmod") and c.i < post.i:
                body = actors.at(c.i)  # "Acme chairman", "Acme's chairman"
                if body and actors.kind(body) == "ORG":
                    out.add(body)
            if c.dep_ == "prep" and c.lower_ == "of" and c.head == post:
                for p in c.children:
                    body = actors.at(p.i) if p.dep_ == "pobj" else None
                    if body and actors.kind(body) == "ORG":
                        out.add(body)  # "chairman of Acme"
    if posts and not out and name.dep_ == "nsubj" and name.head.lemma_ == "say":
        # "Acme plans to expand, chairman Ann Lee said": the post is the reported body's
        for clause in name.head.children:
            if clause.dep_ != "ccomp":
                continue
            for s in clause.children:
                body = actors.at(s.i) if s.dep_ == "nsubj" else None
                if body and actors.kind(body) == "ORG":
                    out.add(body)
    return out
