"""Who met whom, where and when.

- `rules.py`: the table of meeting predicates (verbs and nouns), the frame that fills their
  party roles, their base confidence and the adjustments for weaker readings.
- `engine.py` walks the story's sentences; `patterns.py` looks each token up in the table and
  runs its frame from `verbs.py` or `nouns.py` (over the clause helpers in `clauses.py`);
  `parties.py`, `pronouns.py`, `refs.py`, `deals.py` and `clues.py` turn phrases into the
  story's named actors; `names.py` gives each its one canonical name.
- `status.py` (negation, modality, plans), `where.py` and `frames.py` (clause, sentence, the
  story's visit frame, the dateline), `when.py`, and `build.py`, which makes the `Meeting` with
  its `confidence` and the ids of the rules that produced it (`rules`).
- `context.py`: the story context (dateline, paragraphs, actors, places) passed throughout;
  `words.py`: the word lists, each saying what it covers.
"""

from newsdesk.nlp.meetings.engine import find_meetings, participants_of

__all__ = ["find_meetings", "participants_of"]
