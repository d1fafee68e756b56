from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError

from funding.models import Award
from tests import factories

pytestmark = pytest.mark.django_db


def test_award_amount_cannot_be_negative():
    with pytest.raises(IntegrityError):
        factories.make_award(amount_eur=Decimal("-1"))


def test_award_year_must_be_plausible():
    with pytest.raises(IntegrityError):
        factories.make_award(year=1800)


def test_award_protects_its_scheme_and_actor():
    award = factories.make_award(amount_eur=Decimal("4500000"))

    with pytest.raises(ProtectedError):
        award.scheme.delete()
    with pytest.raises(ProtectedError):
        award.actor.delete()


def test_award_published_needs_both_ends_published():
    visible = factories.make_award()
    factories.make_award(actor=factories.make_actor(status="draft"))
    factories.make_award(scheme=factories.make_scheme(status="draft"))

    assert list(Award.objects.published()) == [visible]


def test_scheme_budget_cannot_be_negative():
    with pytest.raises(IntegrityError):
        factories.make_scheme(budget_eur=Decimal("-10"))


def test_scheme_announced_month_needs_a_year():
    with pytest.raises(IntegrityError):
        factories.make_scheme(announced_month=2, announced_year=None)


def test_scheme_sector_list_skips_blank_lines():
    scheme = factories.make_scheme(sectors="bioproduction\n\n  santé numérique \n")

    assert scheme.sector_list == ["bioproduction", "santé numérique"]


def test_award_reads_as_scheme_to_actor():
    award = factories.make_award(
        scheme=factories.make_scheme(name="France 2030"),
        actor=factories.make_actor(name="GLEAMER"),
    )

    assert str(award) == "France 2030 → GLEAMER"


def test_scheme_month_without_year_message_is_french():
    scheme = factories.make_scheme()
    scheme.announced_month = 2

    with pytest.raises(ValidationError) as error:
        scheme.full_clean()

    assert error.value.messages == ["Indiquez l'année d'annonce avec le mois."]
