"""The site's header and footer, rendered once per language rather than on every page.

They show the same links on every page of a language, the header marking the current section:
rendering them cost ~0.4 ms of every page (a twentieth of a list). They are kept in the process,
not in Redis: they change only with the code, the templates, the translations (a deploy, a new
process) or the settings (tests: a changed setting empties them). With DEBUG, templates are
edited while the server runs: they are rendered on every page.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import Context
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.templatetags.atlas import content_sections

register = template.Library()
T = TypeVar("T")
_kept: dict[tuple[Any, ...], Any] = {}


@register.simple_tag(takes_context=True)
def site_header(context: Context) -> SafeString:
    """The brand, the main navigation (the current section marked) and the search form."""
    navigation = _keep(("navigation",), main_navigation)
    path = context["request"].path
    current = tuple(item["url"] for item in navigation if item["url"] in path)
    return _keep(
        ("header", current),
        lambda: render_to_string(
            "includes/site_header.html", {"navigation": navigation, "current": current}
        ),
    )


@register.simple_tag
def site_footer() -> SafeString:
    """The footer: what the atlas is, and a link to each section, the data and the statement."""
    return _keep(("footer",), lambda: render_to_string("includes/site_footer.html"))


def main_navigation() -> list[dict[str, object]]:
    """The title and address of each link of the main navigation."""
    return [
        *content_sections(),
        {"title": _("Thèmes"), "url": reverse("core:tag-list")},
        {"title": _("Panorama"), "url": reverse("landscape:panorama")},
    ]


def _keep(key: tuple[Any, ...], make: Callable[[], T]) -> T:
    """What `make()` returns in the current language and address prefix, made once."""
    if settings.DEBUG:
        return make()
    key = (*key, get_language(), get_script_prefix())
    if key not in _kept:
        _kept[key] = make()
    return _kept[key]


@receiver(setting_changed)
def _forget(**_kwargs: object) -> None:
    _kept.clear()
