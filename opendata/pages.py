"""/donnees/: what the atlas publishes, under which licence, how to cite it, and the package."""

from django.core.files.storage import default_storage
from django.http import FileResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.caching import dependencies
from core.caching.remembered import remembered
from core.public.views import PageMixin
from core.registry import content_models
from opendata import package
from opendata.tables import AWARDS, ENTRY_TABLES, TAGS

PUBLISHED_TABLES = (*ENTRY_TABLES, AWARDS, TAGS)


def published_counts():
    return [table.rows().count() for table in PUBLISHED_TABLES]


class DataView(PageMixin, TemplateView):
    template_name = "opendata/data.html"
    page_title = _("Données ouvertes")
    page_description = _(
        "Toutes les fiches de l'Atlas IA Santé à réutiliser librement : API, téléchargements "
        "CSV, JSON et XLSX, paquet de données complet, sous Licence Ouverte 2.0."
    )

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), (self.page_title, reverse("data:data"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The package's date and size change with any published content: the page depends on
        # every change. Its counts change only as the lists' counts do (awards and tags follow
        # their entries): recounting 100 000 entries at each renaming took a second under load.
        dependencies.depend_on(dependencies.CHANGES)
        counted = [dependencies.counted_key(model) for model in content_models()]
        counts = remembered(
            "open-data-counts", published_counts, depends_on=[*counted, dependencies.TAGS]
        )
        context["tables"] = list(zip(PUBLISHED_TABLES, counts, strict=True))
        context["dictionary"] = package.RESOURCES
        context["package"] = package.current()
        context["api_root"] = self.request.build_absolute_uri("/api/v1/")
        context["site_url"] = self.request.build_absolute_uri(reverse("core:home"))
        return context


def package_download(request):
    """The package of the current content, built first if the content changed since."""
    built = package.current(build_url=request.build_absolute_uri)
    filename = f"atlas-ia-sante-{built.built_at.date().isoformat()}.zip"
    return FileResponse(
        default_storage.open(built.name),
        as_attachment=True,
        filename=filename,
        content_type="application/zip",
    )
