"""Keep the search index in step with the entries and tags saved, through signal receivers.

Receivers rather than `save()` methods: core.models then needs nothing of the search index
(which imports it), and `loaddata`, whose raw saves never call `save()`, is indexed the same way.
Bulk writes send no signal: the code that makes them rebuilds the index (`index.rebuild()`).
"""

from typing import Any

from django.db.models.signals import post_save

from core.models import Entry, Tag
from core.search import index


def _index_saved(sender: type[Entry | Tag], instance: Entry | Tag, **kwargs: Any) -> None:
    index.index(instance)


def connect_signals() -> None:
    """Index every entry and tag when it is saved; called once, from CoreConfig.ready()."""
    for model in index.searchable_models():
        uid = f"atlas-search-index:{model._meta.label}"
        post_save.connect(_index_saved, sender=model, dispatch_uid=uid)
