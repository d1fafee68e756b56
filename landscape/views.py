from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.views import PageMixin
from ecosystem.filters import ActorFilterSet
from ecosystem.models import Actor
from landscape.csv_files import csv_response
from landscape.drawing.choropleth import choropleth
from landscape.measures import MEASURES
from landscape.selectors.regions import ACTORS, region_figures

# Parameters of the map's own, which the actor list does not know.
MAP_PARAMETERS = ("measure", "format", "page")


class MapView(PageMixin, TemplateView):
    """France by region, shaded by the actors the actor list's filters keep (or their figures)."""

    template_name = "landscape/map.html"
    page_title = _("Carte des acteurs")
    page_description = _(
        "Où sont les acteurs de l'IA en santé en France : région par région, avec les filtres "
        "de la liste des acteurs."
    )

    def get(self, request, *args, **kwargs):
        self.filterset = ActorFilterSet(data=request.GET, queryset=Actor.objects.published())
        self.measure = MEASURES.get(request.GET.get("measure"), MEASURES[ACTORS])
        self.map = None
        if self.filterset.is_valid():
            figures = region_figures(filterset=self.filterset, measure=self.measure.key)
            self.map = choropleth(figures, measure=self.measure, url_for=self.region_url)
            if request.GET.get("format") == "csv":
                return self.csv()
        return super().get(request, *args, **kwargs)

    def csv(self):
        rows = [(region.outline.code, region.name, region.figure) for region in self.map.regions]
        header = [_("Code"), _("Région"), self.measure.legend_title]
        return csv_response(f"carte-{self.measure.key}", header, rows)

    def list_query(self, **changes):
        """The query string of the actor list with the same filters, and `changes`."""
        query = self.request.GET.copy()
        for name in MAP_PARAMETERS:
            query.pop(name, None)
        for name, value in changes.items():
            query[name] = value
        return query.urlencode()

    def region_url(self, code):
        return f"{reverse('ecosystem:actor-list')}?{self.list_query(region=code)}"

    def measure_links(self):
        """(measure, address, chosen) for each measure the map can show."""
        links = []
        for measure in MEASURES.values():
            query = self.request.GET.copy()
            query.pop("format", None)
            query["measure"] = measure.key
            links.append((measure, f"?{query.urlencode()}", measure is self.measure))
        return links

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), (self.page_title, self.request.path)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query["format"] = "csv"
        context.update(
            filter=self.filterset,
            active_filters=self.filterset.active_filters(),
            measure=self.measure,
            measure_links=self.measure_links(),
            map=self.map,
            list_url=f"{reverse('ecosystem:actor-list')}?{self.list_query()}",
            csv_url=f"?{query.urlencode()}",
        )
        return context
