"""The API's documentation page: the site's design, no script, made from the schema itself.

Its list of operations and parameters is read from the OpenAPI schema that /api/v1/schema/
serves, so the page and the schema cannot disagree.
"""

from functools import lru_cache

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from drf_spectacular.generators import SchemaGenerator

from core.public.views import PageMixin
from opendata.tables import ENTRY_TABLES


@lru_cache(maxsize=4)
def api_schema(language):
    """The OpenAPI schema as served in `language` (filter labels are translated)."""
    with translation.override(language):
        return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema):
    """(method, path, summary, parameter names) of every documented operation."""
    return [
        {
            "method": method.upper(),
            "path": path,
            "summary": operation.get("summary", ""),
            "parameters": [parameter["name"] for parameter in operation.get("parameters", [])],
        }
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    ]


class ApiDocsView(PageMixin, TemplateView):
    template_name = "opendata/api_docs.html"
    page_title = _("API ouverte")
    page_description = _(
        "L'API de l'Atlas IA Santé : acteurs, financements et formations en JSON, CSV et XLSX, "
        "sous Licence Ouverte."
    )

    def get_breadcrumbs(self):
        return [
            *super().get_breadcrumbs(),
            (_("Données ouvertes"), reverse("data:data")),
            (self.page_title, reverse("data:api-docs")),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        schema = api_schema(translation.get_language())
        context["version"] = schema["info"]["version"]
        context["operations"] = operations(schema)
        context["api_root"] = self.request.build_absolute_uri("/api/v1/")
        context["schema_url"] = reverse("opendata:schema")
        context["entry_tables"] = ENTRY_TABLES
        return context
