import pytest

from tests import factories
from tests.html_page import card_names as names
from tests.html_page import facet, texts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_modes")]


@pytest.fixture
def programmes():
    paris = factories.make_actor(name="Université de Paris", kind="university")
    lille = factories.make_actor(name="Université de Lille", kind="university")
    factories.make_programme(
        name="DU IA", diploma_type="du", duration_hours=90, providers=[paris], city="Paris"
    )
    factories.make_programme(
        name="Parcours management", diploma_type="track", providers=[lille], city="Lille"
    )
    factories.make_programme(
        name="MOOC", diploma_type="mooc", duration_hours=20, teaching_format="remote"
    )


def test_programme_filter_by_each_facet(client, programmes):
    assert names(client.get("/formations/", {"diploma_type": "track"})) == ["Parcours management"]
    assert names(client.get("/formations/", {"teaching_format": "remote"})) == ["MOOC"]
    assert names(client.get("/formations/", {"provider": "universite-de-paris"})) == ["DU IA"]
    assert names(client.get("/formations/", {"city": "lille"})) == ["Parcours management"]
    assert names(client.get("/formations/", {"duration_hours_min": 50})) == ["DU IA"]


def test_programme_sort_by_duration(client, programmes):
    response = client.get("/formations/", {"sort": "duration"})

    assert names(response) == ["MOOC", "DU IA", "Parcours management"]


def test_programme_diploma_facet_counts(client, programmes):
    response = client.get("/formations/", {"city": "Paris"})

    assert facet(response, "diploma_type") == {"du": "Diplôme universitaire (DU) (1)"}
    assert texts(response, 'select[name="diploma_type"] option[value=""]') == ["Tous"]
