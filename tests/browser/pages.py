"""The page types of the atlas, each at one address of the demo data, and helpers to visit them."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation


@dataclass(frozen=True)
class Site:
    base: str

    def url(self, path):
        return self.base + path


def page_types(language="fr"):
    """{page type: path} for one page of each type, in `language`; the demo data must be loaded."""
    with translation.override(language):
        return {
            "home": reverse("core:home"),
            "actor-list": reverse("ecosystem:actor-list"),
            "scheme-list": reverse("funding:scheme-list"),
            "programme-list": reverse("trainings:programme-list"),
            "actor-detail": reverse("ecosystem:actor-detail", kwargs={"slug": "gleamer"}),
            "scheme-detail": reverse("funding:scheme-detail", kwargs={"slug": "france-2030"}),
            "programme-detail": reverse(
                "trainings:programme-detail",
                kwargs={"slug": "du-intelligence-artificielle-appliquee-a-la-sante"},
            ),
            "tag-list": reverse("core:tag-list"),
            "tag-detail": reverse("core:tag-detail", kwargs={"slug": "imagerie-medicale"}),
            "search": reverse("core:search") + "?q=imagerie",
            "accessibility": reverse("core:accessibility"),
            "data": reverse("data:data"),
            "api-docs": reverse("data:api-docs"),
            "propose-entry": reverse("participation:propose-entry"),
            "propose-correction": reverse(
                "participation:propose-correction", args=["ecosystem.actor", "gleamer"]
            ),
            "follow-list": reverse("participation:follow-list", args=["ecosystem.actor"])
            + "?region=IDF",
            "not-found": reverse("ecosystem:actor-detail", kwargs={"slug": "fiche-inexistante"}),
            "admin-login": reverse("admin:login"),
        }


def english_page_types():
    """The public page types in English (under /en/); the admin has no English address."""
    paths = page_types("en")
    del paths["admin-login"]
    return paths


def has_horizontal_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
