"""Site search: the terms both databases match, the index of every entry and tag, the ranking,
and which existing tag a new name would repeat.

May import core.models, core.registry, core.caching and core.prefetch; never an app, never
core.public or core.admin.
"""
