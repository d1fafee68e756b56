"""Entry images: what an upload must be, the renditions made from it, the placeholders without.

May import core.models and core.registry; never an app, never core.public or core.admin.
"""
