"""The story's text and entities read once give what spaCy gives on each access."""

from __future__ import annotations

from nlp_meet_helpers import nlp

from newsdesk.nlp.doc_reads import doc_ents, ent_at, ents_in, text_of

STORY = (
    "Talks in Oslo\n\nOSLO, May 4 - Norwegian Prime Minister Ann Smith met Tom Jones of Acme "
    "Shipping Corp in Oslo on Monday. The two later flew to Bergen.\n\nThe United Nations and "
    "the European Union welcomed the talks on Tuesday, a spokesman said in Geneva."
)


def test_text_and_entities_read_once_match_spacy() -> None:
    doc = nlp()(STORY)
    assert text_of(doc) == doc.text == STORY
    assert doc_ents(doc) == tuple(doc.ents) and len(doc_ents(doc)) >= 6
    for sent in doc.sents:
        assert ents_in(sent) == list(sent.ents)
    for span in (doc[3:12], doc[10:30], doc[0:1], doc[len(doc) - 5 :]):
        assert ents_in(span) == list(span.ents)
    held = {t.i: e for e in doc.ents for t in e}
    for token in doc:
        assert ent_at(doc, token.i) == held.get(token.i)


def test_stories_read_are_not_kept_alive() -> None:
    import gc
    import weakref

    refs = []
    for n in range(10):
        doc = nlp()(f"Story {n}: Ann Smith met Tom Jones in Oslo.")
        assert ent_at(doc, 0) is None and text_of(doc).startswith(f"Story {n}")
        refs.append(weakref.ref(doc))
        del doc
    gc.collect()
    assert sum(ref() is not None for ref in refs) <= 4  # only the last few stay, whatever the count
