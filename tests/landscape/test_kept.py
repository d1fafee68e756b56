"""The landscape's aggregates are kept until the content changes, outside the tests' transactions.

Each request commits here, as on a server (see tests/core/test_remembered.py).
"""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def empty_caches():
    for cache in caches.all():
        cache.clear()


def visit(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.mark.parametrize(
    ("url", "before", "after"),
    [
        ("/carte/", "Bretagne\u00a0: 1 acteur", "Bretagne\u00a0: 2 acteurs"),
        (
            "/panorama/",
            "Établissement de santé\u00a0: 1 acteur",
            "Établissement de santé\u00a0: 2 acteurs",
        ),
        ("/reseau/", "Hub, acteur\u00a0: 1 lien", "Hub, acteur\u00a0: 2 liens"),
    ],
)
def test_page_keeps_its_figures_until_an_actor_is_published(client, url, before, after):
    hub = factories.make_actor(name="Hub", region="BRE", kind="hospital")
    hub.members.add(factories.make_actor(name="Membre"))

    first, first_queries = visit(client, url)
    again, again_queries = visit(client, url)
    draft = factories.make_actor(
        name="Nouveau", region="BRE", kind="hospital", status=PublicationStatus.DRAFT
    )
    hub.members.add(draft)
    with_draft, _ = visit(client, url)
    draft.status = PublicationStatus.PUBLISHED
    draft.save()
    changed, _ = visit(client, url)

    assert before in first
    assert again == first
    assert again_queries < first_queries
    assert before in with_draft
    assert after in changed


def test_a_rename_keeps_the_counts_and_shows_the_new_names(client):
    hub = factories.make_actor(name="Hub", region="BRE", kind="hospital")
    hub.members.add(factories.make_actor(name="Membre"))
    plan = factories.make_scheme(name="Plan IA")
    factories.make_award(scheme=plan, actor=hub, amount_eur=2_000_000)
    pages = ["/carte/", "/panorama/", "/reseau/"]
    first = {url: visit(client, url) for url in pages}

    hub.name = "Hub Santé"
    hub.save()
    plan.name = "Plan IA 2030"
    plan.save()
    renamed = {url: visit(client, url) for url in pages}

    # The map names no entry: its page is kept whole.
    assert renamed["/carte/"] == (first["/carte/"][0], 0)
    assert "Plan IA 2030\u00a0:" in renamed["/panorama/"][0]
    assert "Hub Santé, acteur\u00a0: 2 liens" in renamed["/reseau/"][0]
    for url in ("/panorama/", "/reseau/"):
        assert renamed[url][1] < first[url][1], url
