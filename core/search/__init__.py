"""Site search: the terms both databases match, the index of every entry and tag, the ranking.

May import core.models, core.registry and core.caching; never an app, never core.public or
core.admin.
"""
