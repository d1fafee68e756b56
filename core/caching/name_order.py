"""Which lists by name a rename moves: bands of ranks, so that a rename far down leaves page 1 kept.

The lists and the API sort by name unless asked otherwise. A page of such a list shows entries
up to some rank among its kind's published entries by name (its last entry has that many
before it). Ranks are grouped in bands that double in size: with BAND = 100, ranks 0–99 are
band 0, 100–199 band 1, 200–399 band 2, 400–799 band 3…, up to the last band (LAST_BAND = 6),
which holds every rank from 3 200 on. A page by name depends on every band up to its last
entry's (`depend_on_page`); renaming an entry replaces the bands of its rank before and after
(`rename_keys`, core.caching.invalidation). The last band bounds what a rank costs to count
(3 200 rows, where a page at rank 50 000 counted 50 000: 37 ms on PostgreSQL); its price is
that a rename deep in a list remakes all its deep pages, which few visitors reach.

The rank of a page's last entry costs two queries (`depend_on_page`), except where the page's
place bounds it: the unfiltered list's page N ends at rank N × size − 1 or before, the API's
unfiltered first page at rank size − 1 (`depend_on_rank`).
A filtered list, whose place says nothing of the ranks in the whole kind, depends on every
rename of its kind instead (`depend_on_any_rename`): a list page stays within ten queries.

Why no page is left stale: while a page stays kept, no entry has appeared, left, or moved from
one side of its last entry to the other (each replaces the kind's list key or a band the page
depends on), so as many entries come before its last one as when it was made. An entry whose
old or new name sorts at or before the last entry's has no more before it: its band is one
the page depends on. A rename that stays past the page keeps it, wherever the rest goes.
"""

from django.db.models import Model, QuerySet

from core.caching import dependencies as deps
from core.publishing.status import published_condition

BAND = 100
LAST_BAND = 6


def band(rank: int) -> int:
    return min((rank // BAND).bit_length(), LAST_BAND)


def _last_band_start() -> int:
    return BAND * 2 ** (LAST_BAND - 1)


def band_key(model: type[Model], number: int) -> str:
    return f"named:{model._meta.label}:{number}"


def _before(model: type[Model], name: str | None, *, other_than: object = None) -> int:
    """How many of `model`'s public entries, `other_than` aside, sort before `name`, counted up
    to the start of the last band: past it, the band is the same."""
    if name is None:  # The entry is gone (deleted since): nothing sorts before it.
        return 0
    entries: QuerySet = model._default_manager.filter(published_condition(), name__lt=name)
    if other_than is not None:
        entries = entries.exclude(pk=other_than)
    return entries.order_by()[: _last_band_start()].count()


def _name_of(model: type[Model], pk: object) -> str | None:
    """The column the lists sort on, as stored: the instance's `name` reads the visitor's language.

    Read apart and counted against as a value: against a subquery, PostgreSQL counts by reading
    the whole table (50 ms at 50 000 actors), against a value along its (status, name) index.
    """
    return model._default_manager.filter(pk=pk).values_list("name", flat=True).first()


def any_rename_key(model: type[Model]) -> str:
    return f"named:{model._meta.label}:any"


def depend_on_rank(model: type[Model], last_rank: int) -> None:
    """Record that a page by name whose last entry has at most `last_rank` entries before it
    depends on the renames up to there."""
    deps.depend_on(*(band_key(model, number) for number in range(band(last_rank) + 1)))


def depend_on_page(model: type[Model], entries: list[Model]) -> None:
    """Record that a page showing `entries`, sorted by name, depends on the renames before its end."""
    if entries:
        depend_on_rank(model, _before(model, _name_of(model, entries[-1].pk)))


def depend_on_any_rename(model: type[Model]) -> None:
    deps.depend_on(any_rename_key(model))


def rename_keys(model: type[Model], pk: object, old_name: str) -> set[str]:
    """The bands that renaming the entry `pk` from `old_name` to its stored name moves."""
    ranks = {_before(model, name, other_than=pk) for name in (old_name, _name_of(model, pk))}
    return {any_rename_key(model), *(band_key(model, band(rank)) for rank in ranks)}
