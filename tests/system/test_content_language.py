import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests import factories
from tests.html_page import texts

pytestmark = pytest.mark.django_db


def test_french_content_is_marked_french_on_english_pages(client):
    factories.make_actor(name="GLEAMER", summary="IA pour la radiographie.", description="Texte.")

    english = client.get("/en/actors/gleamer/")
    french = client.get("/acteurs/gleamer/")

    assertContains(english, '<h1 lang="fr">GLEAMER</h1>', html=True)
    assertContains(
        english,
        '<p class="entry-header__summary" lang="fr">IA pour la radiographie.</p>',
        html=True,
    )
    assertContains(english, '<div class="prose" lang="fr"><p>Texte.</p></div>', html=True)
    assertNotContains(french, 'lang="fr">GLEAMER')


def test_home_figures_agree_with_their_count(client):
    factories.make_actor()
    factories.make_scheme()
    factories.make_scheme()

    response = client.get("/")

    assert texts(response, ".stat") == [
        "1 acteur",
        "2 dispositifs de financement",
        "0 formation",
    ]
    assert texts(client.get("/en/"), ".stat") == [
        "1 actor",
        "2 funding schemes",
        "0 training programmes",
    ]
