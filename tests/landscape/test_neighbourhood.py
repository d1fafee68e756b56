"""The small graph of an entry's neighbours on its page: published neighbours only, each a link."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import PublicationStatus
from tests import factories
from tests.html_page import page, text, texts
from tests.landscape.markup import marks, svgs

pytestmark = pytest.mark.django_db


def graph(client, url):
    (svg,) = svgs(client.get(url).content.decode(), "graph")
    return marks(svg)


@pytest.fixture
def consortium():
    hub = factories.make_actor(name="Hub", kind="consortium")
    member = factories.make_actor(name="Membre")
    hidden = factories.make_actor(name="Caché", status=PublicationStatus.DRAFT)
    hub.members.add(member, hidden)
    plan = factories.make_scheme(name="Plan", operators=[hub])
    factories.make_award(scheme=plan, actor=member, amount_eur=Decimal(1000))
    programme = factories.make_programme(name="DU", providers=[member, hub])
    return {"hub": hub, "member": member, "plan": plan, "programme": programme}


def test_actor_page_draws_its_consortia_funders_and_programmes(client, consortium):
    assert graph(client, "/acteurs/membre/") == {
        "Membre, acteur": "/acteurs/membre/",
        "Hub, acteur (membre de)": "/acteurs/hub/",
        "Plan, dispositif (financé par)": "/financements/plan/",
        "DU, formation (formation délivrée)": "/formations/du/",
    }


def test_consortium_page_draws_its_published_members_only(client, consortium):
    assert graph(client, "/acteurs/hub/") == {
        "Hub, acteur": "/acteurs/hub/",
        "Membre, acteur (membre)": "/acteurs/membre/",
        "Plan, dispositif (dispositif opéré)": "/financements/plan/",
        "DU, formation (formation délivrée)": "/formations/du/",
    }


def test_scheme_and_programme_pages_draw_their_neighbours(client, consortium):
    assert graph(client, "/financements/plan/") == {
        "Plan, dispositif": "/financements/plan/",
        "Hub, acteur (opérateur)": "/acteurs/hub/",
        "Membre, acteur (bénéficiaire)": "/acteurs/membre/",
    }
    assert graph(client, "/formations/du/") == {
        "DU, formation": "/formations/du/",
        "Membre, acteur (établissement)": "/acteurs/membre/",
        "Hub, acteur (établissement)": "/acteurs/hub/",
    }


def test_graph_legend_draws_each_shape_with_the_word_for_its_kind(client, consortium):
    actor_page = page(client.get("/acteurs/membre/"))
    programme_page = page(client.get("/formations/du/"))

    def legend(html):
        return [
            (item.select_one("g")["class"][1], text(item))
            for item in html.select(".graph-legend li")
        ]

    assert legend(actor_page) == [
        ("graph__node--actor", "Acteur"),
        ("graph__node--scheme", "Dispositif"),
        ("graph__node--programme", "Formation"),
    ]
    # Only the kinds drawn: a programme's neighbours are the actors that deliver it.
    assert legend(programme_page) == [
        ("graph__node--actor", "Acteur"),
        ("graph__node--programme", "Formation"),
    ]


def test_graph_table_gives_each_neighbour_its_kind_and_relation(client, consortium):
    response = client.get("/acteurs/hub/")

    assert texts(response, ".graph-section caption") == ["Les fiches liées à Hub"]
    assert [texts(row, "th, td") for row in page(response).select(".graph-section tbody tr")] == [
        ["Membre", "acteur", "membre"],
        ["Plan", "dispositif", "dispositif opéré"],
        ["DU", "formation", "formation délivrée"],
    ]


def test_entry_without_neighbours_draws_no_graph(client, db):
    factories.make_actor(name="Seul")

    html = client.get("/acteurs/seul/").content.decode()

    assert svgs(html, "graph") == []
    assert "Liens dans l'atlas" not in html


def test_graph_adds_no_query_to_an_actor_page(client, consortium):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/acteurs/hub/").status_code == 200
        return len(queries)

    before = count()
    for number in range(20):
        consortium["hub"].members.add(factories.make_actor(name=f"Autre {number}"))

    assert count() == before
    html = client.get("/acteurs/hub/").content.decode()
    assert len(marks(svgs(html, "graph")[0])) == 17
    assert "Et 7 autres liens, dans les listes ci-dessus." in html
