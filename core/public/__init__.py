"""The public site's shared pages and outputs: home, search page, tags, feeds, sitemaps, JSON-LD.

May import every core package but core.admin; never an app (apps are reached through the
registry of content models).
"""
