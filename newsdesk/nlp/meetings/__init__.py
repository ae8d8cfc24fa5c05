"""Who met whom, where and when.

One engine (`engine.find_meetings`) reads the table of meeting predicates in `rules.py` over the
dependency parse; `parties` finds the named actors in each role, `status` the modality, `where`
and `when` the place and time, `build` turns a match into a `Meeting` with its confidence and the
ids of the rules that produced it. Word lists live in `words.py`, each with what it covers.
"""

from newsdesk.nlp.meetings.engine import find_meetings, participants_of

__all__ = ["find_meetings", "participants_of"]
