from decimal import Decimal

from django.http import HttpResponseNotFound
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.caching import dependencies
from core.caching.remembered import remembered
from core.models import Tag
from core.public.selectors import tags_with_counts
from core.public.views import PageMixin
from ecosystem.filters import ActorFilterSet
from ecosystem.models import Actor, ActorKind
from landscape.charts import ChartBuilder
from landscape.csv_files import csv_response
from landscape.drawing.choropleth import choropleth
from landscape.drawing.graph import kind_named, kind_of, ring
from landscape.events import events_timeline
from landscape.measures import MEASURES, labelled
from landscape.selectors.keys import whole_atlas
from landscape.selectors.network import MAX_NODES, network
from landscape.selectors.panorama import panorama_figures
from landscape.selectors.regions import ACTORS, region_figures

# Parameters of the map's own, which the actor list does not know.
MAP_PARAMETERS = ("measure", "format", "page")
# The panorama's theme menu offers the most carried themes; any other works by address.
THEME_CHOICES = 60


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


class PanoramaView(PageMixin, TemplateView):
    """The atlas in charts, each bar a link to its entries; `?tag=` narrows every chart."""

    template_name = "landscape/panorama.html"
    page_title = _("Panorama")
    page_description = _(
        "L'IA en santé en France en chiffres : financements, acteurs, formations et thèmes, "
        "chaque chiffre menant aux fiches qui le font."
    )

    def get(self, request, *args, **kwargs):
        self.tag, self.unknown_tag = None, ""
        slug = request.GET.get("tag", "")
        if slug:
            self.tag = Tag.objects.filter(slug=slug).first()
            if self.tag is None:
                self.unknown_tag = slug
                return self.render_to_response(self.get_context_data(**kwargs), status=404)
        if request.GET.get("format") == "csv":
            figures = panorama_figures(tag=self.tag)
            return self.csv(ChartBuilder(figures, tag=self.tag).charts(), request.GET.get("chart"))
        return super().get(request, *args, **kwargs)

    def charts_html(self):
        """The charts as HTML, kept until the content changes: drawing ten charts with the
        template engine costs more than their queries (200 ms at 20 000 entries)."""

        def render():
            figures = panorama_figures(tag=self.tag)
            context = {
                "tag": self.tag,
                "charts": ChartBuilder(figures, tag=self.tag).charts(),
                "timeline": events_timeline(figures, tag=self.tag),
            }
            return render_to_string("landscape/includes/charts.html", context)

        tag = self.tag.pk if self.tag else ""
        key = f"panorama-html:{get_language()}:{tag}"
        return mark_safe(remembered(key, render, depends_on=whole_atlas()))

    def csv(self, charts, key):
        chart = next((chart for chart in charts if chart.key == key), None)
        if chart is None:
            keys = ", ".join(chart.key for chart in charts)
            message = _("Graphique inconnu. Graphiques disponibles\u00a0: %(keys)s.") % {
                "keys": keys
            }
            return HttpResponseNotFound(message, content_type="text/plain; charset=utf-8")
        rows = [
            (bar.label, _plain(bar.figure), *([bar.detail] if chart.has_detail else []))
            for bar in chart.bars
        ]
        suffix = f"-{self.tag.slug}" if self.tag else ""
        return csv_response(f"panorama-{chart.key}{suffix}", chart.headings, rows)

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), (self.page_title, self.request.path)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            tag=self.tag,
            unknown_tag=self.unknown_tag,
            charts_html="" if self.unknown_tag else self.charts_html(),
            themes=theme_choices(),
        )
        return context


def _plain(figure):
    """A figure as a spreadsheet reads it: amounts with their cents, on every database."""
    return figure.quantize(Decimal("0.01")) if isinstance(figure, Decimal) else figure


class NetworkView(PageMixin, TemplateView):
    """The most connected entries and the links among them, narrowed by a tag or a kind."""

    template_name = "landscape/network.html"
    page_title = _("Réseau")
    page_description = _(
        "Qui est lié à qui dans l'IA en santé en France : les fiches les plus reliées de l'atlas."
    )

    def get(self, request, *args, **kwargs):
        self.tag, self.kind, problem, status = None, request.GET.get("kind", ""), "", 200
        slug = request.GET.get("tag", "")
        if slug:
            self.tag = Tag.objects.filter(slug=slug).first()
            if self.tag is None:
                problem, status = _("Aucun thème ne porte cet identifiant."), 404
        if self.kind and self.kind not in ActorKind.values:
            problem, status = _("Ce type d'acteur n'existe pas."), 400
        self.figure_html = "" if problem else self.figure()
        context = {**self.get_context_data(**kwargs), "problem": problem}
        return self.render_to_response(context, status=status)

    def figure(self):
        """The graph and its table as HTML, or "" when no link matches, kept until the content
        changes, as the panorama's charts are: drawing 60 entries and their table with the
        template engine cost two thirds of the page."""

        def render():
            entries, pairs, degrees = network(tag=self.tag, kind=self.kind)
            if not entries:
                return ""
            names = [
                labelled(kind_named(entry), links_count(degree))
                for entry, degree in zip(entries, degrees, strict=True)
            ]
            table = sorted(
                (
                    (entry, kind_of(entry), degree)
                    for entry, degree in zip(entries, degrees, strict=True)
                ),
                key=lambda row: (-row[2], row[0].name),
            )
            context = {"graph": ring(entries, pairs, names), "table": table}
            return render_to_string("landscape/includes/network_figure.html", context)

        tag = self.tag.pk if self.tag else ""
        key = f"network-html:{get_language()}:{tag}:{self.kind}"
        return mark_safe(remembered(key, render, depends_on=whole_atlas()))

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), (self.page_title, self.request.path)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            tag=self.tag,
            kind=self.kind,
            kinds=ActorKind.choices,
            figure_html=self.figure_html,
            max_nodes=MAX_NODES,
            themes=theme_choices(),
        )
        return context


def theme_choices():
    """The THEME_CHOICES most carried themes, most carried first, for the theme menus: kept,
    as sorting some 270 themes by their names in the page's language took a millisecond."""

    def choose():
        themes = sorted(tags_with_counts(), key=lambda theme: (-theme.entry_count, theme.name))
        return themes[:THEME_CHOICES]

    return remembered(f"theme-choices:{get_language()}", choose, depends_on=[dependencies.TAGS])


def links_count(count):
    return ngettext("%(count)s lien", "%(count)s liens", count) % {"count": count}
