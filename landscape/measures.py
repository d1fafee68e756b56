"""What the map can shade regions by, and how each figure reads in the page's language."""

from dataclasses import dataclass

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.templatetags.atlas import euros, grouped
from landscape.selectors.regions import ACTORS, FUNDING, PROGRAMMES


def labelled(subject, figure):
    """« Bretagne : 3 acteurs », with the language's punctuation."""
    return gettext("%(subject)s\u00a0: %(figure)s") % {"subject": subject, "figure": figure}


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    legend_title: str

    def text(self, figure):
        """The figure as written on the map: « 1 234 », « 4,5 M€ »."""
        return euros(figure) if self.key == FUNDING else grouped(figure)

    def amount(self, figure):
        """The figure with its unit: « 3 acteurs », « 4,5 M€ »."""
        count = {"count": grouped(figure)}
        if self.key == ACTORS:
            return ngettext("%(count)s acteur", "%(count)s acteurs", figure) % count
        if self.key == PROGRAMMES:
            return ngettext("%(count)s formation", "%(count)s formations", figure) % count
        return euros(figure)

    def name(self, region, figure):
        """What a screen reader says of a region: « Bretagne : 3 acteurs »."""
        return labelled(region, self.amount(figure))


MEASURES = {
    ACTORS: Measure(ACTORS, _("Acteurs"), _("Nombre d'acteurs")),
    PROGRAMMES: Measure(PROGRAMMES, _("Formations"), _("Nombre de formations délivrées")),
    FUNDING: Measure(FUNDING, _("Financements reçus"), _("Montant des financements reçus")),
}
