"""The landscape: a map of France, the atlas in charts, and the web of relations.

Reads every kind of entry, so it may import core, ecosystem, funding and trainings; none of
them imports it. It has no models: its figures are aggregates of theirs.
"""
