"""Site search: the terms both databases match, the index of every entry and tag, the ranking.

May import core.models, core.registry, core.caching and core.prefetch; never an app, never
core.public or core.admin.
"""
