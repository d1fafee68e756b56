"""Hundreds of values for one query parameter cost no more than a few (issue 10, item 6)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import urlencode
from pytest_django.asserts import assertContains, assertNotContains

from tests import factories

pytestmark = pytest.mark.django_db

MESSAGE = "Choisissez au plus 10 valeurs pour ce critère."


@pytest.fixture
def tags():
    tags = [factories.make_tag(f"Thème {number}") for number in range(12)]
    factories.make_actor(name="Gleamer", tags=tags)
    return tags


def get(client, url, query):
    """The page for `query` and its number of queries, computed afresh (no cache kept)."""
    for cache in caches.all():
        cache.clear()
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{url}?{urlencode(query, doseq=True)}")
    return response, len(queries)


@pytest.mark.parametrize("url", ["/acteurs/", "/financements/", "/formations/"])
def test_500_tags_are_refused_with_a_message_at_the_cost_of_11(client, tags, url):
    slugs = [tag.slug for tag in tags]
    eleven, eleven_queries = get(client, url, {"tag": slugs[:11]})
    many, many_queries = get(client, url, {"tag": (slugs * 42)[:500]})

    assert many.status_code == 200
    assertContains(many, MESSAGE, count=1)
    assertNotContains(many, "Gleamer")
    assertContains(eleven, MESSAGE, count=1)
    assert many_queries == eleven_queries


def test_ten_tags_still_filter(client, tags):
    response = client.get(f"/acteurs/?{urlencode({'tag': [t.slug for t in tags[:10]]}, True)}")

    assertNotContains(response, MESSAGE)
    assertContains(response, '<a href="/acteurs/gleamer/">Gleamer</a>', html=True)


def test_a_repeated_single_valued_parameter_reads_its_last_value_once(client):
    factories.make_actor(name="Gleamer", city="Paris")

    response, queries = get(client, "/acteurs/", {"city": ["Lyon"] * 499 + ["Paris"]})
    _once, once_queries = get(client, "/acteurs/", {"city": "Paris"})

    assertContains(response, '<a href="/acteurs/gleamer/">Gleamer</a>', html=True)
    # One chip, for the value read: not one for each repeated value.
    assertContains(response, '<a class="chip" href="?">', count=1)
    assertNotContains(response, "Lyon</a>")
    assertNotContains(response, "Lyon <span")
    assert queries == once_queries
