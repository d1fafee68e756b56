"""A fourth kind of entry, « événements », built by the checklist of docs/architecture.md.

Installed by the test settings only, and listed in ATLAS_CONTENT_MODELS only by its own tests:
it proves that a new kind needs a new app and nothing written into core.
"""
