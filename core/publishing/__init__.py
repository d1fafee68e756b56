"""Publication of entries: statuses, the review workflow, roles, working copies, history, locking.

May import core.models and core.caching; never an app, never core.admin or core.public.
"""
