"""Check constraints asked in one query say what Django's one query per constraint says."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.constraints import validate_constraints
from core.models import Source
from ecosystem.models import Actor, ActorKind
from funding.models import Award
from tests import factories

pytestmark = pytest.mark.django_db


def errors_of(validate):
    try:
        validate()
    except ValidationError as error:
        return {name: [str(message) for message in messages] for name, messages in error}
    return {}


@pytest.mark.parametrize(
    ("fields", "exclude"),
    [
        ({}, ()),
        ({"founding_year": 900}, ()),
        ({"founding_year": 900}, ("founding_year",)),
        ({"image": "entries/2026/logo.png"}, ()),
        ({"image": "entries/2026/logo.png", "founding_year": 3000}, ()),
        ({"publish_at": "2026-05-01T00:00+00:00", "unpublish_at": "2026-04-01T00:00+00:00"}, ()),
    ],
)
def test_validate_constraints_finds_what_django_finds_on_an_actor(fields, exclude):
    actor = Actor(name="Owkin", slug="owkin", summary="IA.", kind=ActorKind.COMPANY, **fields)

    ours = errors_of(lambda: validate_constraints(actor, exclude=set(exclude)))

    assert ours == errors_of(lambda: actor.validate_constraints(exclude=set(exclude)))


def test_validate_constraints_refuses_an_actor_that_is_its_own_parent():
    actor = factories.make_actor(name="Gleamer")
    actor.parent = actor

    assert errors_of(lambda: validate_constraints(actor)) == {
        "__all__": ["Un acteur ne peut pas être sa propre organisation mère."]
    }


def test_validate_constraints_finds_what_django_finds_on_an_award():
    award = Award(
        scheme=factories.make_scheme(), actor=factories.make_actor(), amount_eur=-1, year=1900
    )

    ours = errors_of(lambda: validate_constraints(award))

    assert ours == errors_of(award.validate_constraints)
    assert len(ours["__all__"]) == 2


def test_validate_constraints_checks_the_other_constraints_as_django_does():
    actor = factories.make_actor(name="Gleamer")
    factories.make_source(actor, title="Dossier de presse")
    source = Source(entry=actor, title="Dossier de presse")

    ours = errors_of(lambda: validate_constraints(source))

    assert ours == errors_of(source.validate_constraints)
    assert list(ours) == ["__all__"]


def test_validate_constraints_asks_every_check_in_one_query_in_a_savepoint():
    actor = factories.make_actor(name="Gleamer")

    with CaptureQueriesContext(connection) as queries:
        validate_constraints(actor)

    checks = [query["sql"] for query in queries if "check_0" in query["sql"]]
    assert (len(checks), len(queries)) == (1, 3)
