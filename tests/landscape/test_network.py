"""The network page: the most connected published entries and the links among them."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import PublicationStatus
from landscape.selectors.network import MAX_NODES
from tests import factories
from tests.html_page import page, texts
from tests.landscape.markup import SVG, marks, svgs

pytestmark = pytest.mark.django_db


def network_marks(html):
    (svg,) = svgs(html, "graph")
    return marks(svg), len(list(svg.iter(f"{SVG}line")))


@pytest.fixture
def web():
    health = factories.make_tag("Santé")
    hub = factories.make_actor(name="Hub", kind="consortium", tags=[health])
    alpha = factories.make_actor(name="Alpha", tags=[health])
    beta = factories.make_actor(name="Beta", kind="hospital")
    hidden = factories.make_actor(name="Caché", status=PublicationStatus.DRAFT)
    hub.members.add(alpha, beta, hidden)
    plan = factories.make_scheme(name="Plan", operators=[hub], tags=[health])
    factories.make_award(scheme=plan, actor=alpha, amount_eur=Decimal(1))
    factories.make_programme(name="DU", providers=[beta])
    factories.make_actor(name="Isolé")
    return {"health": health, "hub": hub}


def test_network_links_the_published_entries(client, web):
    names, lines = network_marks(client.get("/reseau/").content.decode())

    assert names == {
        "Hub, acteur\u00a0: 3 liens": "/acteurs/hub/",
        "Alpha, acteur\u00a0: 2 liens": "/acteurs/alpha/",
        "Beta, acteur\u00a0: 2 liens": "/acteurs/beta/",
        "Plan, dispositif\u00a0: 2 liens": "/financements/plan/",
        "DU, formation\u00a0: 1 lien": "/formations/du/",
    }
    assert lines == 5


def test_network_legend_and_table_say_each_entry_kind(client, web):
    response = client.get("/reseau/")

    assert texts(response, ".graph-legend li") == ["Acteur", "Dispositif", "Formation"]
    assert [texts(row, "th, td") for row in page(response).select(".chart__data tbody tr")] == [
        ["Hub", "acteur", "3"],
        ["Alpha", "acteur", "2"],
        ["Beta", "acteur", "2"],
        ["Plan", "dispositif", "2"],
        ["DU", "formation", "1"],
    ]


def test_network_narrows_by_tag_and_by_kind(client, web):
    by_tag, tag_lines = network_marks(client.get("/reseau/?tag=sante").content.decode())
    by_kind, kind_lines = network_marks(client.get("/reseau/?kind=hospital").content.decode())

    assert by_tag == {
        "Hub, acteur\u00a0: 2 liens": "/acteurs/hub/",
        "Alpha, acteur\u00a0: 2 liens": "/acteurs/alpha/",
        "Plan, dispositif\u00a0: 2 liens": "/financements/plan/",
    }
    assert tag_lines == 3
    assert by_kind == {
        "Beta, acteur\u00a0: 1 lien": "/acteurs/beta/",
        "DU, formation\u00a0: 1 lien": "/formations/du/",
    }
    assert kind_lines == 1


def test_network_explains_bad_filters_and_empty_results(client, web):
    unknown_tag = client.get("/reseau/?tag=inconnu")
    bad_kind = client.get("/reseau/?kind=<b>")
    empty = client.get("/reseau/?kind=investor")

    assert unknown_tag.status_code == 404
    assert "Aucun thème ne porte cet identifiant." in unknown_tag.content.decode()
    assert bad_kind.status_code == 400
    assert "Ce type d&#x27;acteur n&#x27;existe pas." in bad_kind.content.decode()
    assert empty.status_code == 200
    assert (
        "Aucun lien entre fiches publiées ne correspond à ces critères." in empty.content.decode()
    )


def test_network_shows_at_most_the_most_connected(client, web):
    for number in range(MAX_NODES + 5):
        web["hub"].members.add(factories.make_actor(name=f"Membre {number:02}"))

    names, _lines = network_marks(client.get("/reseau/").content.decode())

    assert len(names) == MAX_NODES
    assert names[f"Hub, acteur\u00a0: {MAX_NODES + 8} liens"] == "/acteurs/hub/"


def test_network_query_count_does_not_grow_with_content(client, web):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/reseau/?tag=sante").status_code == 200
        return len(queries)

    def grow(size):
        for _number in range(size):
            actor = factories.make_actor(tags=[web["health"]])
            web["hub"].members.add(actor)
            factories.make_programme(providers=[actor], tags=[web["health"]])

    grow(5)
    with_5 = count()
    grow(45)

    assert count() == with_5
    assert with_5 <= 10
