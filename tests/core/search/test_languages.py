"""Search in each language over that language's text, the other language as a fallback.

Run on SQLite by default and on PostgreSQL with DATABASE_URL: both match the same terms.
"""

import pytest

from core.search.terms import Query, terms
from ecosystem.models import Actor
from tests import factories, html_page

pytestmark = pytest.mark.django_db


def found(client, url, query):
    """{section heading without its count: names found} on the search page at `url`."""
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return {
        html_page.text(section.h2).rsplit(" (", 1)[0]: html_page.texts(section, ".card__title a")
        for section in html_page.page(response).select("section.home-section")
    }


@pytest.fixture
def atlas():
    factories.make_actor(
        name="Presage Care",
        name_en="Presage Care",
        summary="Prédit les passages aux urgences.",
        summary_en="Predicts emergency department visits.",
        description="Aide les aidants à anticiper les chutes.",
        description_en="Helps carers to anticipate falls.",
    )
    factories.make_actor(name="Diabeloop", summary="Un pancréas artificiel pour le diabète.")


def test_english_words_are_stemmed_as_english():
    assert terms("Predicts visits", "en") == ["predict", "visit"]
    assert Query.parse("the carers falling", "en").terms == ("carer", "fall")


def test_the_english_search_finds_english_words_in_other_forms(client, atlas):
    assert found(client, "/en/search/", "predicting visit") == {"Actors": ["Presage Care"]}
    assert found(client, "/en/search/", "carer") == {"Actors": ["Presage Care"]}


def test_the_english_search_path_is_translated(client, atlas):
    response = client.get("/en/recherche/", {"q": "carer"})

    assert response.status_code == 404


def test_a_french_name_typed_on_the_english_site_finds_its_entry(client, atlas):
    assert found(client, "/en/search/", "pancréas artificiel") == {"Actors": ["Diabeloop"]}
    assert found(client, "/en/search/", "chutes") == {"Actors": ["Presage Care"]}


def test_the_french_search_reads_french(client, atlas):
    assert found(client, "/recherche/", "chute") == {"Acteurs": ["Presage Care"]}
    assert found(client, "/recherche/", "diabète") == {"Acteurs": ["Diabeloop"]}


def test_english_results_show_their_english_with_the_match_marked(client, atlas):
    response = client.get("/en/search/", {"q": "carers"})

    excerpts = html_page.page(response).select(".card__summary")
    assert [str(mark) for excerpt in excerpts for mark in excerpt.select("mark")] == [
        "<mark>carers</mark>"
    ]
    assert html_page.texts(response, ".card__summary") == ["Helps carers to anticipate falls."]


def test_a_translation_saved_later_is_searchable(client, atlas):
    diabeloop = Actor.objects.get(slug="diabeloop")
    diabeloop.summary_en = "An artificial pancreas for people with diabetes."
    diabeloop.save()

    assert found(client, "/en/search/", "people") == {"Actors": ["Diabeloop"]}
