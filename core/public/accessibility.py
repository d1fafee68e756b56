"""The latest RGAA audit's outcome, as the statement and every page's footer publish it.

The audit itself, criterion by criterion, is docs/rgaa/audit.csv; tests/core/public/
test_rgaa_audit.py checks that these figures are that table's.
"""

import datetime
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# RGAA: « partiellement conforme » from this rate up, « non conforme » below.
PARTIAL_CONFORMITY_RATE = 50


@dataclass(frozen=True)
class Audit:
    date: datetime.date
    conforming: int
    failing: int
    not_applicable: int

    @property
    def criteria(self) -> int:
        return self.conforming + self.failing + self.not_applicable

    @property
    def rate(self) -> int:
        """The RGAA's conformity rate: conforming criteria among the applicable ones, in %."""
        return round(100 * self.conforming / (self.conforming + self.failing))

    @property
    def status(self) -> str | Promise:
        if self.failing == 0:
            return _("totalement conforme")
        if self.rate >= PARTIAL_CONFORMITY_RATE:
            return _("partiellement conforme")
        return _("non conforme")


LATEST_AUDIT = Audit(date=datetime.date(2026, 12, 3), conforming=67, failing=0, not_applicable=39)
