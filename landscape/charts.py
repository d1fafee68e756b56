"""The panorama's charts: its figures (selectors.panorama) named, written and linked."""

from collections import Counter

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.templatetags.atlas import euros, grouped
from ecosystem.models import ActorKind
from landscape.drawing.bars import Bar, Chart, laid_out
from landscape.measures import labelled
from landscape.selectors.panorama import DURATION_BANDS
from trainings.models import DiplomaType, TeachingFormat


def actors_count(count):
    return ngettext("%(count)s acteur", "%(count)s acteurs", count) % {"count": grouped(count)}


def programmes_count(count):
    return ngettext("%(count)s formation", "%(count)s formations", count) % {
        "count": grouped(count)
    }


def awards_count(count):
    return ngettext("%(count)s financement", "%(count)s financements", count) % {
        "count": grouped(count)
    }


def entries_count(count):
    return ngettext("%(count)s fiche", "%(count)s fiches", count) % {"count": grouped(count)}


class ChartBuilder:
    """Builds every chart of the panorama; `tag`, when given, stays in every link."""

    def __init__(self, figures, *, tag=None):
        self.figures = figures
        self.tag = tag

    def url(self, name, *pairs):
        """The list `name` filtered by `pairs` ((parameter, value)…), and by the tag if any."""
        query = [("tag", self.tag.slug)] if self.tag else []
        return f"{reverse(name)}?{urlencode([*query, *pairs])}"

    def charts(self):
        return [
            laid_out(chart)
            for chart in [
                self.funding_by_scheme(),
                self.funding_by_year(),
                self.actors_by_kind(),
                self.actors_by_decade(),
                self.programmes_by(
                    "diploma_type", 0, DiplomaType, _("Formations par type de diplôme")
                ),
                self.programmes_by(
                    "teaching_format", 1, TeachingFormat, _("Formations par modalité")
                ),
                self.programmes_by_duration(),
                self.themes(),
                self.theme_pairs(),
            ]
        ]

    def _chart(self, key, title, bars, headings, summary):
        return Chart(key=key, title=title, summary=summary, bars=bars, headings=headings)

    def _leading(self, bars, total_text):
        """« 120 en tout ; en tête : Hôpital (45). » or a sentence for an empty chart."""
        if not bars:
            return _("Aucune fiche publiée ne donne ce chiffre pour l'instant.")
        leader = max(bars, key=lambda bar: bar.figure)
        return _("%(total)s en tout\u00a0; en tête\u00a0: %(leader)s (%(figure)s).") % {
            "total": total_text,
            "leader": leader.label,
            "figure": leader.text,
        }

    def funding_by_scheme(self):
        bars = [
            Bar(
                label=str(name),
                figure=amount,
                text=euros(amount),
                url=reverse("funding:scheme-detail", kwargs={"slug": slug}),
                name=labelled(name, f"{euros(amount)}, {awards_count(awards)}"),
                detail=awards_count(awards),
            )
            for name, slug, amount, awards in self.figures["funding_by_scheme"]
        ]
        total = sum(bar.figure for bar in bars)
        return self._chart(
            "funding-by-scheme",
            _("Financements attribués par dispositif"),
            bars,
            (_("Dispositif"), _("Montant"), _("Financements")),
            self._leading(bars, euros(total)),
        )

    def funding_by_year(self):
        bars = [
            Bar(
                label=str(year),
                figure=amount,
                text=euros(amount),
                url=self.url("ecosystem:actor-list", ("funded_in", year)),
                name=labelled(year, f"{euros(amount)}, {awards_count(awards)}"),
                detail=awards_count(awards),
            )
            for year, amount, awards in self.figures["funding_by_year"]
        ]
        return self._chart(
            "funding-by-year",
            _("Financements attribués par année"),
            bars,
            (_("Année"), _("Montant"), _("Financements")),
            self._leading(bars, euros(sum(bar.figure for bar in bars))),
        )

    def actors_by_kind(self):
        counts = Counter()
        for kind, _year, actors in self.figures["actors"]:
            counts[kind] += actors
        bars = [
            self._count_bar(label, counts[kind], actors_count, ("kind", kind))
            for kind, label in ActorKind.choices
            if counts[kind]
        ]
        return self._chart(
            "actors-by-kind",
            _("Acteurs par type"),
            bars,
            (_("Type d'acteur"), _("Acteurs")),
            self._leading(bars, grouped(sum(counts.values()))),
        )

    def actors_by_decade(self):
        counts = Counter()
        for _kind, year, actors in self.figures["actors"]:
            if year:
                counts[year // 10 * 10] += actors
        bars = [
            self._count_bar(
                f"{decade}–{decade + 9}",
                counts[decade],
                actors_count,
                ("founding_year_min", decade),
                ("founding_year_max", decade + 9),
            )
            for decade in sorted(counts)
        ]
        return self._chart(
            "actors-by-decade",
            _("Acteurs par décennie de création"),
            bars,
            (_("Création"), _("Acteurs")),
            self._leading(bars, grouped(sum(counts.values()))),
        )

    def _count_bar(self, label, count, counted, *pairs, name="ecosystem:actor-list"):
        return Bar(
            label=str(label),
            figure=count,
            text=grouped(count),
            url=self.url(name, *pairs),
            name=labelled(label, counted(count)),
        )

    def programmes_by(self, field, position, choices, title):
        counts = Counter()
        for row in self.figures["programmes"]:
            counts[row[position]] += row[3]
        bars = [
            self._count_bar(
                label,
                counts[value],
                programmes_count,
                (field, value),
                name="trainings:programme-list",
            )
            for value, label in choices.choices
            if counts[value]
        ]
        return self._chart(
            f"programmes-by-{field.replace('_', '-')}",
            title,
            bars,
            (_("Catégorie"), _("Formations")),
            self._leading(bars, grouped(sum(bar.figure for bar in bars))),
        )

    def programmes_by_duration(self):
        counts = Counter()
        for _type, _format, band, programmes in self.figures["programmes"]:
            if band is not None:
                counts[band] += programmes
        bars = []
        for band, (low, high) in enumerate(DURATION_BANDS):
            if not counts[band]:
                continue
            label = (
                _("%(low)s à %(high)s h") % {"low": low, "high": high}
                if high
                else _("%(low)s h et plus") % {"low": grouped(low)}
            )
            pairs = [("duration_hours_min", low)] + ([("duration_hours_max", high)] if high else [])
            bars.append(
                self._count_bar(
                    label, counts[band], programmes_count, *pairs, name="trainings:programme-list"
                )
            )
        return self._chart(
            "programmes-by-duration",
            _("Formations par durée"),
            bars,
            (_("Durée"), _("Formations")),
            self._leading(bars, grouped(sum(counts.values()))),
        )

    def themes(self):
        bars = [
            Bar(
                label=str(name),
                figure=count,
                text=grouped(count),
                url=reverse("core:tag-detail", kwargs={"slug": slug}),
                name=labelled(name, entries_count(count)),
            )
            for name, slug, count in self.figures["themes"]
        ]
        title = (
            _("Thèmes les plus associés à «\u00a0%(tag)s\u00a0»") % {"tag": self.tag.name}
            if self.tag
            else _("Thèmes les plus utilisés")
        )
        return self._chart(
            "themes", title, bars, (_("Thème"), _("Fiches")), self._leading_themes(bars)
        )

    def _leading_themes(self, bars):
        if not bars:
            return _("Aucune fiche publiée ne donne ce chiffre pour l'instant.")
        return _("En tête\u00a0: %(leader)s (%(figure)s).") % {
            "leader": bars[0].label,
            "figure": entries_count(bars[0].figure),
        }

    def theme_pairs(self):
        bars = [
            Bar(
                label=f"{first} + {second}",
                figure=count,
                text=grouped(count),
                url=self._pair_url(first_slug, second_slug),
                name=labelled(f"{first} + {second}", actors_count(count)),
            )
            for first, first_slug, second, second_slug, count in self.figures["theme_pairs"]
        ]
        return self._chart(
            "theme-pairs",
            _("Thèmes qui vont ensemble chez les acteurs"),
            bars,
            (_("Thèmes"), _("Acteurs")),
            self._leading_pairs(bars),
        )

    def _pair_url(self, *slugs):
        """The actors carrying both themes, and the panorama's tag if it is another one."""
        tags = dict.fromkeys([*([self.tag.slug] if self.tag else []), *slugs])
        return f"{reverse('ecosystem:actor-list')}?{urlencode([('tag', slug) for slug in tags])}"

    def _leading_pairs(self, bars):
        if not bars:
            return _("Aucune fiche publiée ne donne ce chiffre pour l'instant.")
        return _("En tête\u00a0: %(leader)s (%(figure)s).") % {
            "leader": bars[0].label,
            "figure": actors_count(bars[0].figure),
        }
