"""What the words around an entity say about it: a platform named only as the medium of a
statement ("wrote on Twitter"), or a name in a place's context ("in X", "X, a city", "took X").
The entity fixes (entities.py) read these tests when they relabel a span."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newsdesk.nlp.lexicon import PLACE_NOUNS, words

# Platforms whose names are organisations, never people, and often only a statement's medium
PLATFORMS = words("""
    twitter facebook whatsapp telegram youtube instagram tiktok weibo wechat linkedin reddit
    snapchat viber skype zoom signal threads bluesky mastodon vkontakte vk discord
    """) | frozenset({"truth social"})
# Prepositions that make a platform the medium ("on Twitter", "via WhatsApp")
_MEDIUM_PREPS = frozenset({"on", "via", "over", "through"})
_MEDIA_PREPS = _MEDIUM_PREPS | {"in"}  # "in a Facebook post": before an article
# Nouns after a platform that make it the medium ("a Facebook post", "his Twitter account")
_MEDIUM_NOUNS = frozenset(
    {"post", "posts", "account", "video", "message", "messages", "page", "feed"}
)
# Prepositions before a place ("in Gharyan", "near Tripoli")
_LOC_PREPS = words(
    "in at near outside from to into toward towards around across inside through via"
)
# Verbs whose object is a place ("took Gharyan", "shelled Tripoli")
_CAPTURE_LEMMAS = words(
    "capture seize take enter shell bomb besiege liberate storm recapture retake overrun visit"
)


def is_medium(span: Span) -> bool:
    """True when a platform name is only where something was said ("on Twitter")."""
    return medium_at(span.doc, span.start, span.end)


def medium_at(doc: Doc, start: int, end: int) -> bool:
    """True when the tokens start..end name a platform as a medium (`is_medium` by offsets)."""
    before = doc[start - 1].lower_ if start > 0 else ""
    if before in _MEDIUM_PREPS:
        return True
    if before in ("a", "an", "the") and start > 1 and doc[start - 2].lower_ in _MEDIA_PREPS:
        return True
    if end < len(doc) and doc[end].lower_ in _MEDIUM_NOUNS:
        return True
    # "on Telegram and YouTube": a platform joined to one that is a medium is one too
    if before in ("and", "or", ",") and start > 1 and doc[start - 2].lower_ in PLATFORMS:
        return medium_at(doc, start - 2, start - 1)
    return False


def place_context(span: Span) -> bool:
    """True when the words around a span say it is a place ("in X", "X, a city", "took X")."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in _LOC_PREPS:
        return True
    if (
        span.start > 1
        and doc[span.start - 1].lower_ == "of"
        and doc[span.start - 2].lower_ in PLACE_NOUNS
    ):
        return True
    if span.end < len(doc) and doc[span.end].lower_ in PLACE_NOUNS:
        return True
    if span.end < len(doc) and doc[span.end].text == ",":
        for token in doc[span.end + 1 : span.end + 5]:
            if token.lower_ in PLACE_NOUNS:
                return True
            if token.pos_ not in ("DET", "ADJ", "ADV", "NUM") and token.lower_ != "eastern":
                break
    root = span.root
    return root.dep_ == "dobj" and root.head.lemma_ in _CAPTURE_LEMMAS
