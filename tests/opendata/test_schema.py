"""The OpenAPI schema: valid OpenAPI 3.1, unchanged unless on purpose, and true of every operation.

When the API changes on purpose, refresh the snapshot and commit it with the change:

    .venv/bin/python manage.py spectacular --lang fr --format openapi-json \
        --file tests/opendata/openapi.json
"""

import json
from pathlib import Path

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests import factories

SNAPSHOT = Path(__file__).with_name("openapi.json")

pytestmark = pytest.mark.django_db


def served_schema(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    return json.loads(response.content)


def test_schema_is_valid_openapi_3_1(client):
    schema = served_schema(client)
    assert schema["openapi"] == "3.1.0"
    validate_schema(schema)


def test_schema_matches_the_committed_snapshot(client):
    """A change of the API's contract must be deliberate: refresh the snapshot (see above)."""
    assert served_schema(client) == json.loads(SNAPSHOT.read_text())


# Every operation of the committed schema (the test above keeps it the served one), called in
# process through Django's WSGI handler against the test database.
fuzzed = schemathesis.openapi.from_path(SNAPSHOT)
fuzzed.app = WSGIHandler()


@pytest.fixture
def same_connection():
    """Keep the test's database connection across requests, as Django's test client does.

    The handler closes it at the end of each request otherwise: on PostgreSQL, with it the
    transaction that holds the test's data.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def atlas(db, same_connection):
    """A few published entries of each kind, related, and a draft, for the fuzzer to find."""
    tag = factories.make_tag("Imagerie")
    hub = factories.make_actor(name="Hub", kind="consortium", city="Lyon", tags=[tag])
    draft = factories.make_actor(name="Brouillon", status="draft")
    scheme = factories.make_scheme(name="Plan", operators=[hub, draft], tags=[tag])
    factories.make_award(scheme=scheme, actor=hub, amount_eur=1000, year=2024)
    factories.make_programme(name="DU", providers=[hub], tags=[tag], duration_hours=40)
    factories.make_source(hub)
    factories.make_key_figure(hub)


@fuzzed.parametrize()
@settings(
    max_examples=20,
    # The same examples on every run: CI fails for a change of code, never for a new draw.
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_as_its_schema_says(case, atlas):
    # A request the schema allows may still name a tag that does not exist, or a sort that only
    # downloads offer: it gets a documented 400 problem, which the other checks validate.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
