import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests import factories
from tests.html_page import card_names

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_modes")]


def test_programme_list_shows_published_programmes(client):
    factories.make_programme(name="DU IA appliquée à la santé", diploma_type="du")
    factories.make_programme(name="DIU GEN-IAs", diploma_type="diu")
    factories.make_programme(name="Formation brouillon", status="draft")

    response = client.get("/formations/")

    assert card_names(response) == ["DIU GEN-IAs", "DU IA appliquée à la santé"]
    assertContains(response, "Diplôme interuniversitaire (DIU)")
    assertNotContains(response, "Formation brouillon")


def test_programme_list_filters_by_diploma_type(client):
    factories.make_programme(name="DU", diploma_type="du")
    factories.make_programme(name="DIU", diploma_type="diu")

    response = client.get("/formations/", {"diploma_type": "diu"})

    assert card_names(response) == ["DIU"]


def test_programme_detail_shows_providers_duration_and_objectives(client):
    paris = factories.make_actor(name="Université de Paris", kind="university")
    factories.make_programme(
        name="DU IA appliquée à la santé",
        slug="du-ia-sante",
        providers=[paris],
        duration_hours=90,
        objectives="Approche systémique de l'IA en santé\nConcevoir des modèles pérennes",
        audience="Professionnels de santé.",
    )

    response = client.get("/formations/du-ia-sante/")

    assert response.status_code == 200
    assertContains(response, "<h1>DU IA appliquée à la santé</h1>", html=True)
    assertContains(
        response, '<a href="/acteurs/universite-de-paris/">Université de Paris</a>', html=True
    )
    assertContains(response, "90 heures")
    assertContains(response, "<li>Concevoir des modèles pérennes</li>", html=True)
    assertContains(response, "Professionnels de santé.")


def test_programme_detail_hides_draft_providers(client):
    hidden = factories.make_actor(name="Université brouillon", status="draft")
    factories.make_programme(slug="diu", providers=[hidden])

    assertNotContains(client.get("/formations/diu/"), "Université brouillon")


@pytest.mark.parametrize("slug", ["brouillon", "inconnu"])
def test_programme_detail_draft_or_unknown_is_404(client, slug):
    factories.make_programme(slug="brouillon", status="draft")

    assert client.get(f"/formations/{slug}/").status_code == 404
