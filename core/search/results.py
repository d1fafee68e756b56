"""What a visitor sees of each match: its kind, its name and an excerpt, the words marked."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode

from core.models import Entry, Tag
from core.search.terms import EXCERPT_WORDS, Query, highlight, mentions


@dataclass(frozen=True)
class Result:
    """One entry or tag found, with its name and an excerpt where the matched words are marked."""

    object: Entry | Tag
    kind: str | Promise
    name: str
    excerpt: str
    tags: list[Tag]

    @property
    def url(self) -> str:
        return self.object.get_absolute_url()


@dataclass(frozen=True)
class ResultSection:
    """The results of one kind: the best ones, and how many there are in all."""

    model: type[Entry] | type[Tag]
    results: list[Result]
    count: int
    query: Query
    # The count stopped at the cap: there may be more.
    capped: bool = False

    @property
    def verbose_name_plural(self) -> str | Promise | None:
        return self.model._meta.verbose_name_plural

    @property
    def more_url(self) -> str:
        """The full list of this kind filtered by the same words, when there is more to see."""
        if self.count <= len(self.results) or self.model is Tag:
            return ""
        return f"{reverse(self.model.list_url_name)}?{urlencode({'q': self.query.text})}"


def result_of(instance: Entry | Tag, query: Query) -> Result:
    """What a result shows of `instance`: its kind, name and excerpt, the words marked."""
    terms = set(query.terms)
    if isinstance(instance, Entry):
        texts, kind = [instance.summary, instance.description], instance.category_label
        tags = list(instance.tags.all())
    else:
        texts, kind, tags = [instance.description], instance.get_group_display(), []
    language = query.language
    shown = next((text for text in texts if mentions(text, terms, language)), texts[0])
    return Result(
        object=instance,
        kind=kind,
        name=highlight(instance.name, terms, language=language),
        excerpt=highlight(shown, terms, words=EXCERPT_WORDS, language=language),
        tags=tags,
    )
