"""Presentation helpers shared by every template: French amounts, language alternates."""

from decimal import Decimal

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import ngettext

from core.public.structured_data import json_ld_script

register = template.Library()

NBSP = "\u00a0"
SCALES = [
    (Decimal(10) ** 9, "Md€"),
    (Decimal(10) ** 6, "M€"),
]


@register.filter
def euros(amount):
    """Format an amount in euros the French way: 4 500 000 → « 4,5 M€ », 850 000 → « 850 000 € »."""
    if amount in (None, ""):
        return ""
    amount = Decimal(amount)
    for scale, unit in SCALES:
        if amount >= scale:
            scaled = (amount / scale).quantize(Decimal("0.1")).normalize()
            return f"{number_format(scaled, use_l10n=True)}{NBSP}{unit}"
    whole = amount.quantize(Decimal("1"))
    return f"{number_format(whole, force_grouping=True, use_l10n=True)}{NBSP}€"


@register.filter
def grouped(count):
    """A count with the language's thousands separator: « 4 314 », « 4,314 ».

    Only for counts: a year shown this way would read « 2 017 », which is why the site does not
    turn USE_THOUSAND_SEPARATOR on.
    """
    return number_format(count, force_grouping=True)


@register.filter
def entry_count(count):
    """« 1 fiche », « 4 314 fiches », in the page's language.

    What {% blocktranslate count %} says, for a tenth of its time: the tag index shows hundreds.
    """
    return ngettext("%(counter)s fiche", "%(counter)s fiches", count) % {"counter": grouped(count)}


@register.simple_tag(takes_context=True)
def url_in_language(context, language_code):
    """The address of the current page in another language, query string included."""
    request = context["request"]
    # A page names its alternates several times (head, language menu): each is worked out once.
    alternates = request.__dict__.setdefault("_language_alternates", {})
    if language_code not in alternates:
        alternates[language_code] = translate_url(request.build_absolute_uri(), language_code)
    return alternates[language_code]


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced, for links that keep filters."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The one address of this page: no filters or sorting, only the page number past the first."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    return f"{url}?page={page}" if page.isdigit() and int(page) > 1 else url


@register.filter
def json_ld(data):
    """Embed a schema.org description as a JSON-LD script element."""
    return json_ld_script(data)


@register.simple_tag(takes_context=True)
def content_lang(context):
    """` lang="fr"` on editors' text when the interface is in another language (WCAG 3.1.2)."""
    if context.get("LANGUAGE_CODE", settings.LANGUAGE_CODE) == settings.LANGUAGE_CODE:
        return ""
    return format_html(' lang="{}"', settings.LANGUAGE_CODE)
