"""Every public page runs the same number of SQL queries whatever the amount of content."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/acteurs/",
    "/acteurs/?kind=company&tag=theme-commun",
    "/acteurs/?q=hub&city=paris&founding_year_min=1900&sort=founded&page=1",
    "/financements/?operator=hub&state=ongoing&budget_eur_max=1000&sort=budget",
    "/formations/?provider=hub&tag=theme-commun&duration_hours_max=100&sort=duration",
    "/recherche/?q=hub",
    "/acteurs/hub/",
    "/financements/",
    "/financements/plan/",
    "/formations/",
    "/formations/programme-0/",
    "/tags/",
    "/tags/theme-commun/",
]


@pytest.fixture
def atlas():
    """One hub actor, one plan and one tag that every added entry relates to."""
    shared = factories.make_tag("Thème commun")
    hub = factories.make_actor(name="Hub", kind="consortium", tags=[shared])
    plan = factories.make_scheme(name="Plan", operators=[hub], tags=[shared])
    return {"shared": shared, "hub": hub, "plan": plan, "size": 0}


def grow(atlas, count):
    """Add `count` entries of each kind, each related to the hub, the plan and the shared tag."""
    hub, plan, shared = atlas["hub"], atlas["plan"], atlas["shared"]
    for number in range(atlas["size"], atlas["size"] + count):
        actor = factories.make_actor(parent=hub, tags=[shared, factories.make_tag()])
        hub.members.add(actor)
        factories.make_key_figure(actor)
        factories.make_source(actor)
        factories.make_award(scheme=plan, actor=actor, amount_eur=Decimal(number))
        scheme = factories.make_scheme(parent=plan, operators=[actor], tags=[shared])
        factories.make_award(scheme=scheme, actor=hub)
        factories.make_programme(slug=f"programme-{number}", providers=[hub, actor], tags=[shared])
    atlas["size"] += count


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_pages_query_counts_do_not_grow_with_content(client, atlas):
    grow(atlas, 5)
    with_5 = {url: count_queries(client, url) for url in PAGES}
    grow(atlas, 45)
    with_50 = {url: count_queries(client, url) for url in PAGES}

    assert with_50 == with_5
    assert {url: count for url, count in with_5.items() if count > 13} == {}
