"""Caching of public pages and of what they compute, and keeping every cached copy correct.

Owns the page cache, the data cache of counts and fragments, what each cached page depends on
and how a change of content invalidates exactly that (in Django's caches and in the shared HTTP
caches in front). May import core.models, core.registry and core.publishing.status (what
"published" means); never an app, never core.public.
"""
