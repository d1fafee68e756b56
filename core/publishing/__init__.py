"""Publication of entries: statuses, the review workflow, roles, working copies, history, locking.

May import core.models, core.registry, core.caching and core.prefetch; never an app, never
core.admin or core.public. status.py and history.py import nothing of core: core.models builds
on them.
"""
