"""The panorama's timeline: actors founded, schemes announced and awards made, year by year."""

from collections import Counter

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from landscape.drawing.timeline import Series, timeline
from landscape.measures import labelled


def events_timeline(figures, *, tag=None):
    """The timeline of `figures` (selectors.panorama), each bar a link that keeps `tag`."""

    def url(name, *pairs):
        query = [("tag", tag.slug)] if tag else []
        return f"{reverse(name)}?{urlencode([*query, *pairs])}"

    founded = Counter()
    for _kind, year, actors in figures["actors"]:
        if year:
            founded[year] += actors
    announced = dict(figures["schemes_announced"])
    awarded = {year: awards for year, _amount, awards in figures["funding_by_year"]}
    series = [
        Series(
            "founded",
            _("Acteurs créés"),
            lambda year, n: labelled(
                year, ngettext("%(count)s acteur créé", "%(count)s acteurs créés", n) % {"count": n}
            ),
            lambda year: url(
                "ecosystem:actor-list", ("founding_year_min", year), ("founding_year_max", year)
            ),
        ),
        Series(
            "announced",
            _("Dispositifs annoncés"),
            lambda year, n: labelled(
                year,
                ngettext("%(count)s dispositif annoncé", "%(count)s dispositifs annoncés", n)
                % {"count": n},
            ),
            lambda year: url(
                "funding:scheme-list", ("announced_year_min", year), ("announced_year_max", year)
            ),
        ),
        Series(
            "awarded",
            _("Financements attribués"),
            lambda year, n: labelled(
                year,
                ngettext("%(count)s financement attribué", "%(count)s financements attribués", n)
                % {"count": n},
            ),
            lambda year: url("ecosystem:actor-list", ("funded_in", year)),
        ),
    ]
    return timeline(list(zip(series, [founded, announced, awarded], strict=True)))
