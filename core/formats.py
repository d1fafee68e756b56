"""How the site writes amounts and counts, in templates, filters, the back-office and exports."""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import ngettext

NBSP = "\u00a0"
SCALES = [
    (Decimal(10) ** 9, "Md€"),
    (Decimal(10) ** 6, "M€"),
]


def euros(amount: Decimal | int | float | str | None) -> str:
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


def grouped(count: int) -> str:
    """A count with the language's thousands separator: « 4 314 », « 4,314 ».

    Only for counts: a year shown this way would read « 2 017 », which is why the site does not
    turn USE_THOUSAND_SEPARATOR on.
    """
    return number_format(count, force_grouping=True)


def entry_count(count: int) -> str:
    """« 1 fiche », « 4 314 fiches », in the page's language.

    What {% blocktranslate count %} says, for a tenth of its time: the tag index shows hundreds.
    """
    return ngettext("%(counter)s fiche", "%(counter)s fiches", count) % {"counter": grouped(count)}
