"""What the landscape's figures depend on, for the data cache (core/caching/remembered.py).

A figure counts entries it never loads as rows: the cache cannot learn from it which entries
it shows. It depends instead on every kind's counts, whose key any publication, withdrawal,
relation, award or change of a counted field replaces (not a new name or summary), and on the
tags. A figure that names entries also depends on each one it names (their new names).
"""

from core.caching import dependencies as deps
from core.registry import content_models


def whole_atlas() -> list[str]:
    """The dependency keys of a figure drawn over the whole published atlas."""
    return [*(deps.counted_key(model) for model in content_models()), deps.TAGS]
