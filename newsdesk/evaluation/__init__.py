"""`newsdesk eval GOLD.jsonl`: score meetings, countries and actors against hand annotations.

Gold lines: {"id", "title", "text", "meetings": [{"participants", "place", "country", "when",
"status", "mode", "evidence"}], "actors": [names], "countries": [names]} (optional "published").
With `--texts CORPUS.jsonl` a gold line may carry only its "id" (no "title"/"text"): the story is
looked up by id in that file, so gold files need not copy the stories they label.

Stories are annotated by the app's own `Annotator`, and the meetings scored are those the card
shows (at or above `[nlp] meeting_min_confidence`, or `--min-confidence`).

Names match strictly: a gold name matches a predicted participant when it equals the
participant's canonical name or one of the aliases the story's actor carries, ignoring case, a
leading "the", full stops, a possessive "'s" and a legal form such as "Corp" or "Ltd". A shared
surname or a word prefix is not enough.

Scores, all over in-person meetings:
- meetings: a predicted meeting matches a gold one when their participant sets match strictly
  (same size, each gold name matched by a different participant), one-to-one per story. A
  multi-party entry is one meeting here: naming three parties where the gold names two is a miss
  and a false alarm.
- pairs: every unordered pair of participants of an entry is one item (a three-party entry gives
  three pairs), matched one-to-one per story; so a multi-party entry scores partly.
- country accuracy on gold meetings with a matched pair (the predicted meeting with most of its
  pairs), story-country F1, and recall of gold actors among the first 8 predicted actors.

`--rules` adds, for every rule id, how many predicted meetings it took part in (before the
confidence threshold) and the share of those whose every pair is in the gold (its precision; for
a `place.*` rule, the share placed in the gold meeting's country), and the same by confidence
band.
"""

from newsdesk.evaluation.report import report, rules_report
from newsdesk.evaluation.run import GoldError, gold_problem, load_stories, run_eval
from newsdesk.evaluation.scoring import StoryScore, names_match, normal_name, score_story

__all__ = [
    "GoldError",
    "StoryScore",
    "gold_problem",
    "load_stories",
    "names_match",
    "normal_name",
    "report",
    "rules_report",
    "run_eval",
    "score_story",
]
