"""The public site's shared pages and outputs: home, search page, tags, feeds, sitemaps, JSON-LD.

May import core.models, core.registry, core.formats, core.prefetch, core.caching, core.search,
core.images and core.publishing; never core.admin, core.http or core.transfer, never an app (apps
are reached through the registry of content models). links.py imports nothing of core:
core.models builds on it.
"""
