"""Presentation helpers shared by every template: French amounts, language alternates."""

import functools
from collections.abc import Iterable
from typing import Any

from django import template
from django.conf import settings
from django.db.models import Model
from django.http import HttpRequest
from django.template import Context
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from core.caching import dependencies as deps
from core.caching.fragments import kept_fragments
from core.formats import entry_count, euros, grouped
from core.models import Entry, Tag
from core.prefetch import prefetch_cards
from core.public.languages import falls_back, shown_language
from core.public.links import detail_route
from core.public.structured_data import json_ld_script
from core.registry import content_models

register = template.Library()
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)

register.filter(euros)
register.filter(grouped)
register.filter(entry_count)


@register.simple_tag
def content_sections() -> list[dict[str, object]]:
    """The title and list address of every kind of entry, for the main navigation."""
    return [
        {"title": model.section_title, "url": reverse(model.list_url_name)}
        for model in content_models()
    ]


@register.simple_tag(takes_context=True)
def entry_cards(context: Context, entries: Iterable[Entry]) -> SafeString:
    """Each entry's card in its list item, kept until the entry or one of its tags changes.

    Its key figures and taggings are the entry's records: their changes make it stale too
    (core.caching.invalidation).
    """
    # A tag renders inside a template: the context is bound to it.
    assert context.template is not None
    card = context.template.engine.get_template("includes/entry_card.html")

    def render(entry: Entry) -> str:
        with context.push(entry=entry):
            return card.render(context)

    def shown(entry: Entry) -> list[str]:
        return [
            deps.entry_key(type(entry), entry.pk),
            *(deps.tag_key(t.pk) for t in entry.tags.all()),
        ]

    cards = kept_fragments(
        list(entries),
        name=lambda entry: f"card:{entry._meta.label}:{entry.pk}",
        depends_on=shown,
        render=render,
        # What the cards to render show (tags, key figures), unless fetched already.
        prepare=prefetch_cards,
    )
    return mark_safe("".join(f"<li>{card}</li>" for card in cards))


@register.simple_tag(takes_context=True)
def url_in_language(context: Context, language_code: str) -> str:
    """The address of the current page in another language, query string included."""
    request = context["request"]
    # A page names its alternates several times (head, language menu): each is worked out once.
    alternates = request.__dict__.setdefault("_language_alternates", {})
    if language_code not in alternates:
        alternates[language_code] = _in_language(request, language_code)
    return alternates[language_code]


def _in_language(request: HttpRequest, language_code: str) -> str:
    """What translate_url() gives for the request's address, without resolving it again."""
    match = request.resolver_match
    if match is None or match.url_name is None:
        return translate_url(request.build_absolute_uri(), language_code)
    with translation.override(language_code):
        try:
            path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return request.build_absolute_uri()
    query = request.META.get("QUERY_STRING", "")
    return request.build_absolute_uri(f"{path}?{iri_to_uri(query)}" if query else path)


@register.simple_tag(takes_context=True)
def query_with(context: Context, **changes: object) -> str:
    """The current query string with some parameters replaced, for links that keep filters."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def canonical_url(context: Context) -> str:
    """The one address of this page: no filters or sorting, only the page number past the first."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    return f"{url}?page={page}" if page.isdigit() and int(page) > 1 else url


@register.filter
def json_ld(data: dict[str, Any]) -> SafeString:
    """Embed a schema.org description as a JSON-LD script element."""
    return json_ld_script(data)


@register.simple_tag(takes_context=True)
def content_lang(
    context: Context, instance: Model | None = None, field_name: str | None = None
) -> str:
    """` lang="fr"` on editors' text shown in French on a page in another language (WCAG 3.1.2).

    With an instance and one of its fields, only when that text has no translation in the page's
    language; without them, for a text that is never translated (a city, a search excerpt).
    """
    page_language = context.get("LANGUAGE_CODE", settings.LANGUAGE_CODE)
    if instance is None or field_name is None:
        shown = settings.LANGUAGE_CODE
    else:
        shown = shown_language(instance, field_name)
    if shown == page_language:
        return ""
    return format_html(' lang="{}"', shown)


@register.simple_tag
def tag_links(tags: Iterable[Tag]) -> str:
    """The list of links to `tags`' pages, or nothing if there is none.

    Written here rather than in a template: every card shows one, and an included template
    cost a quarter of a list page's cards. Each tag's link is made once per name, address and
    language (`_tag_link`): a list page shows a few dozen tags, mostly the same ones.
    """
    tags = list(tags)
    if not tags:
        return ""
    language = get_language() or settings.LANGUAGE_CODE
    before, after = detail_route("core:tag-detail")
    links = "".join(
        _tag_link(
            before + tag.slug + after,
            tuple(getattr(tag, build_localized_fieldname("name", code)) for code in LANGUAGES),
            language,
        )
        for tag in tags
    )
    return format_html(
        '<ul class="tags" aria-label="{}">\n  {}\n</ul>', _("Thèmes"), mark_safe(links)
    )


@functools.lru_cache(maxsize=4096)
def _tag_link(url: str, names: tuple[str, ...], language: str) -> str:
    """A tag's link, its name in `language` (names are in LANGUAGES' order) or in French."""
    by_language = dict(zip(LANGUAGES, names, strict=True))
    shown = language if by_language.get(language) else settings.LANGUAGE_CODE
    lang = format_html(' lang="{}"', shown) if shown != language else ""
    return format_html('<li><a class="tag" href="{}"{}>{}</a></li>', url, lang, by_language[shown])


@register.filter
def untranslated(instance: Model) -> bool:
    """Whether some text of an entry or tag page is shown in French for want of its translation.

    An entry's page shows its key figures too (fetched with it for the page). Sources are left
    out: a French article is cited by its French title in every language.
    """
    if not hasattr(instance, "key_figures"):
        return falls_back(instance)
    return falls_back(instance, *instance.key_figures.all())
