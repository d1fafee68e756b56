"""The map, panorama and network name entries and themes in the page's language.

Their figures are kept once for both sites, outside the tests' transactions as on a server:
the French page computed first must not leave its names on the English one, nor the reverse.
"""

from decimal import Decimal

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.landscape.markup import marks, svgs

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def empty_caches():
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def atlas():
    imaging = factories.make_tag("Imagerie", name_en="Imaging")
    diabetes = factories.make_tag("Diabète")
    hub = factories.make_actor(name="Réseau Santé", name_en="Health Network", kind="consortium")
    member = factories.make_actor(name="Labo", kind="company", tags=[imaging, diabetes])
    hub.members.add(member)
    plan = factories.make_scheme(name="Plan IA", name_en="AI Plan", tags=[imaging])
    factories.make_award(scheme=plan, actor=member, amount_eur=Decimal("2000000"), year=2022)


def chart_marks(html):
    return {svg.get("aria-labelledby"): marks(svg) for svg in svgs(html, "bars")}


def test_panorama_names_schemes_and_themes_in_each_language(client, atlas):
    french = chart_marks(client.get("/panorama/").content.decode())
    english = chart_marks(client.get("/en/overview/").content.decode())
    french_again = chart_marks(client.get("/panorama/").content.decode())

    assert list(english["funding-by-scheme-title"]) == ["AI Plan: 2\u00a0M€, 1 award"]
    assert sorted(english["themes-title"]) == ["Diabète: 1 entry", "Imaging: 2 entries"]
    assert list(english["theme-pairs-title"]) == ["Imaging + Diabète: 1 actor"]
    assert list(french["funding-by-scheme-title"]) == ["Plan IA\u00a0: 2\u00a0M€, 1 financement"]
    assert french_again == french


def test_network_names_entries_in_each_language_without_a_query_per_name(client, atlas):
    def visit(url):
        for cache in caches.all():
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        (svg,) = svgs(html, "graph")
        return sorted(marks(svg)), len(queries)

    french, _queries = visit("/reseau/")
    english, english_queries = visit("/en/network/")
    hub = factories.make_actor(name="Pôle", name_en="Cluster", kind="consortium")
    hub.members.add(*(factories.make_actor(name_en=f"Member {n}") for n in range(5)))
    _names, more_queries = visit("/en/network/")

    assert french == [
        "Labo, acteur\u00a0: 2 liens",
        "Plan IA, dispositif\u00a0: 1 lien",
        "Réseau Santé, acteur\u00a0: 1 lien",
    ]
    assert english == [
        "AI Plan, scheme: 1 link",
        "Health Network, actor: 1 link",
        "Labo, actor: 2 links",
    ]
    assert more_queries == english_queries
