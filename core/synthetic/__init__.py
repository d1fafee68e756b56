"""Synthetic published entries, for load tests and the benchmark (`manage.py generate_entries`).

Each content app provides `<app>/synthetic.py` with:

- `SHARES`: {model label: share of the N entries} (actors half of them, awards a quarter…);
- `generate(context)`: creates that app's rows from `context.rng` with bulk_create, and records
  its entries in `context.created[label]` for the apps that relate to them.

`generator_modules()` finds those modules through settings.ATLAS_CONTENT_MODELS, in that order
(actors first: funding and trainings link to them), so `core` imports none of the apps.
Everything is drawn from one seeded random.Random, dates included: the same N and seed on the
same database give the same rows. May import core.models, core.registry, core.caching and
core.search; never an app (their modules are found by name).
"""
