"""Annotation of stories with spaCy: entities, actors, places, meetings and a summary.

`pipeline.Annotator` runs the stages in order; `annotate.run_annotate` is the JSON Lines runner
behind `newsdesk annotate`. Nothing here imports Textual.
"""
