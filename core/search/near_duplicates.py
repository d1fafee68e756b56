"""Which existing tag a new name would repeat: the one rule the tag admin and imports apply.

A typo or a plural must not start a second theme beside the first (« radilogie » beside
« radiologie »): a name is compared with every tag's, folded as search folds them.
"""

import difflib
import re

from core.models import Tag
from core.search.terms import fold

# Keys this alike (difflib's ratio, 1.0 for equal) name one theme: « radiologie » / « radilogie ».
SIMILARITY_CUTOFF = 0.85
NUMBER = re.compile(r"\d+")


def tag_key(name: str) -> str:
    """The name as compared for duplicates: accents, case, spacing and a final s or x dropped."""
    words = fold(name).replace("-", " ").split()
    return " ".join(word[:-1] if len(word) > 3 and word[-1] in "sx" else word for word in words)


def near_duplicate(name: str, *, exclude_pk: int | None = None) -> Tag | None:
    """The existing tag that `name` would repeat, written another way, or None.

    Names that differ only by their numbers (« diabète de type 1 », « … 2 ») are distinct themes.
    """
    key = tag_key(name)
    tags = Tag.objects.all() if exclude_pk is None else Tag.objects.exclude(pk=exclude_pk)
    others = {tag_key(tag.name): tag for tag in tags}
    if key in others:
        return others[key]
    numbers = NUMBER.findall(key)
    alike = [other for other in others if NUMBER.findall(other) == numbers]
    close = difflib.get_close_matches(key, alike, n=1, cutoff=SIMILARITY_CUTOFF)
    return others[close[0]] if close else None
