"""The one object a list view asks for its page (core/public/list_page.py), read from the page."""

import pytest

from tests import factories
from tests.html_page import card_names, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def thirteen_actors():
    # A page shows 12 (ATLAS_PAGE_SIZE): the thirteenth is alone on the second page.
    for number in range(13):
        factories.make_actor(name=f"Acteur {number:02d}")


def test_list_page_last_names_the_last_page(client, thirteen_actors):
    response = client.get("/acteurs/", {"page": "last"})

    assert response.status_code == 200
    assert card_names(response) == ["Acteur 12"]


@pytest.mark.parametrize("number", ["3", "0", "deux"])
def test_list_page_out_of_range_says_how_many_pages_there_are(client, thirteen_actors, number):
    response = client.get("/acteurs/", {"page": number})

    assert response.status_code == 404
    assert texts(response, "h1") == ["Page de liste introuvable"]
    assert texts(response, "p.lead") == [
        "Ce numéro de page n'existe pas : la liste compte 2 pages."
    ]


def test_list_page_with_invalid_filters_shows_nothing_and_is_kept_by_no_cache(client):
    factories.make_actor(name="Owkin", kind="company")

    response = client.get("/acteurs/", {"kind": "licorne"})

    assert response.status_code == 200
    assert card_names(response) == []
    assert "private" in response["Cache-Control"]


def test_list_page_with_valid_filters_may_be_kept_by_shared_caches(client):
    factories.make_actor(name="Owkin", kind="company")
    factories.make_actor(name="AP-HP", kind="hospital")

    response = client.get("/acteurs/", {"kind": "company"})

    assert card_names(response) == ["Owkin"]
    assert "private" not in response.get("Cache-Control", "")
