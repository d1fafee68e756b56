from decimal import Decimal

import pytest
from django.db import IntegrityError

from tests import factories

pytestmark = pytest.mark.django_db


def test_programme_duration_must_be_positive():
    with pytest.raises(IntegrityError):
        factories.make_programme(duration_hours=0)


def test_programme_duration_must_be_plausible():
    with pytest.raises(IntegrityError):
        factories.make_programme(duration_hours=10_000)


def test_programme_cost_cannot_be_negative():
    with pytest.raises(IntegrityError):
        factories.make_programme(cost_eur=Decimal("-1"))


def test_programme_objective_list_has_one_item_per_line():
    programme = factories.make_programme(objectives="Comprendre\n\nConcevoir\n")

    assert programme.objective_list == ["Comprendre", "Concevoir"]


def test_programme_lists_its_providers():
    university = factories.make_actor(kind="university")
    programme = factories.make_programme(providers=[university], duration_hours=90)

    assert list(university.programmes.all()) == [programme]
