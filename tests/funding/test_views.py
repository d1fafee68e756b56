from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from tests import factories
from tests.html_page import card_names

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_modes")]


def test_scheme_list_shows_published_schemes(client):
    factories.make_scheme(name="French Tech 2030")
    factories.make_scheme(name="France 2030")
    factories.make_scheme(name="Appel brouillon", status="draft")

    response = client.get("/financements/")

    assert card_names(response) == ["France 2030", "French Tech 2030"]
    assertContains(
        response, '<a href="/financements/french-tech-2030/">French Tech 2030</a>', html=True
    )
    assertNotContains(response, "Appel brouillon")


def test_scheme_list_filters_by_state(client):
    factories.make_scheme(name="Ouvert", state="open")
    factories.make_scheme(name="Clos", state="closed")

    response = client.get("/financements/", {"state": "open"})

    assert card_names(response) == ["Ouvert"]


def test_scheme_detail_shows_operator_parent_awards_and_figures(client):
    bpifrance = factories.make_actor(name="Bpifrance", kind="public_agency")
    france_2030 = factories.make_scheme(name="France 2030", kind="investment_plan")
    scheme = factories.make_scheme(
        name="French Tech 2030",
        parent=france_2030,
        operators=[bpifrance],
        announced_year=2023,
        announced_month=2,
        sectors="bioproduction\nsanté numérique",
        eligibility="Entreprises innovantes.",
    )
    factories.make_key_figure(scheme, label="Entreprises sélectionnées", value="125")
    gleamer = factories.make_actor(name="GLEAMER")
    factories.make_award(scheme=scheme, actor=gleamer, amount_eur=Decimal("4500000"), year=2023)
    factories.make_award(scheme=scheme, actor=factories.make_actor(name="Caché", status="draft"))

    response = client.get("/financements/french-tech-2030/")

    assert response.status_code == 200
    assertContains(response, "<h1>French Tech 2030</h1>", html=True)
    assertContains(response, "février 2023")
    assertContains(response, '<a href="/acteurs/bpifrance/">Bpifrance</a>', html=True)
    assertContains(response, '<a href="/financements/france-2030/">France 2030</a>', html=True)
    assertContains(response, "<li>bioproduction</li>", html=True)
    assertContains(response, "Entreprises innovantes.")
    assertContains(response, "<dt>Entreprises sélectionnées</dt>", html=True)
    assertContains(response, '<a href="/acteurs/gleamer/">GLEAMER</a>', html=True)
    assertContains(response, "4,5\u00a0M€")
    assertNotContains(response, "Caché")


def test_scheme_detail_lists_its_published_children(client):
    parent = factories.make_scheme(name="France 2030")
    factories.make_scheme(name="Innovation Santé 2030", parent=parent)
    factories.make_scheme(name="Plan brouillon", parent=parent, status="draft")

    response = client.get("/financements/france-2030/")

    assertContains(
        response,
        '<a href="/financements/innovation-sante-2030/">Innovation Santé 2030</a>',
        html=True,
    )
    assertNotContains(response, "Plan brouillon")


def test_scheme_detail_shows_sub_schemes_only_where_a_published_one_is(client):
    parent = factories.make_scheme(name="France 2030")
    factories.make_scheme(name="Innovation Santé 2030", parent=parent)
    factories.make_scheme(name="Seul")
    only_a_draft = factories.make_scheme(name="Appel en préparation")
    factories.make_scheme(name="Plan brouillon", parent=only_a_draft, status="draft")

    pages = [client.get(f"/financements/{slug}/").text for slug in ("france-2030", "seul")]
    pages.append(client.get("/financements/appel-en-preparation/").text)

    assert ['id="children-title"' in page for page in pages] == [True, False, False]
    assert "Plan brouillon" not in pages[2]


def test_scheme_detail_shows_only_public_operators_and_awards(client):
    soon = timezone.now() + timedelta(days=2)
    scheme = factories.make_scheme(
        name="PEPR Santé numérique",
        operators=[
            factories.make_actor(name="Inserm"),
            factories.make_actor(name="Opérateur brouillon", status="draft"),
            factories.make_actor(name="Opérateur programmé", publish_at=soon),
        ],
    )
    for name, fields in [
        ("Lauréat public", {}),
        ("Lauréat retiré", {"status": "archived"}),
        ("Lauréat programmé", {"publish_at": soon}),
    ]:
        factories.make_award(scheme=scheme, actor=factories.make_actor(name=name, **fields))
    other = factories.make_scheme(name="Autre dispositif", operators=[factories.make_actor()])
    factories.make_award(scheme=other, actor=factories.make_actor(name="Lauréat d'ailleurs"))

    page = client.get("/financements/pepr-sante-numerique/").text

    assert '<a href="/acteurs/inserm/">Inserm</a>' in page
    assert '<a href="/acteurs/laureat-public/">Lauréat public</a>' in page
    for hidden in ["brouillon", "programmé", "retiré", "ailleurs"]:
        assert hidden not in page


@pytest.mark.parametrize("slug", ["brouillon", "inconnu"])
def test_scheme_detail_draft_or_unknown_is_404(client, slug):
    factories.make_scheme(slug="brouillon", status="draft")

    assert client.get(f"/financements/{slug}/").status_code == 404
