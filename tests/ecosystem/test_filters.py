import pytest
from pytest_django.asserts import assertContains

from core.models import Tag
from tests import factories
from tests.html_page import card_names as names
from tests.html_page import chips, chosen, facet

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_modes")]


@pytest.fixture
def actors():
    imaging = factories.make_tag("Imagerie médicale")
    cancer = factories.make_tag("Cancer du sein")
    factories.make_actor(
        name="GLEAMER", city="Paris", region="IDF", founding_year=2017, tags=[imaging]
    )
    factories.make_actor(
        name="Therapixel", city="Nice", region="PAC", founding_year=2013, tags=[imaging, cancer]
    )
    factories.make_actor(
        name="AP-HP", kind="hospital", city="Paris", region="IDF", founding_year=1849
    )
    factories.make_actor(name="Caché", city="Paris", tags=[imaging], status="draft")


def test_actor_filter_by_each_facet(client, actors):
    assert names(client.get("/acteurs/", {"kind": "hospital"})) == ["AP-HP"]
    assert names(client.get("/acteurs/", {"region": "PAC"})) == ["Therapixel"]
    assert names(client.get("/acteurs/", {"city": "paris"})) == ["AP-HP", "GLEAMER"]
    assert names(client.get("/acteurs/", {"q": "gleam"})) == ["GLEAMER"]


def test_actor_filter_by_several_tags_needs_all(client, actors):
    # Each tag alone gives more than both: whichever one a bug applied alone would show.
    factories.make_actor(name="Kheiron", tags=[Tag.objects.get(slug="cancer-du-sein")])
    both = ["imagerie-medicale", "cancer-du-sein"]

    assert names(client.get("/acteurs/", {"tag": "cancer-du-sein"})) == ["Kheiron", "Therapixel"]
    assert names(client.get("/acteurs/", {"tag": "imagerie-medicale"})) == [
        "GLEAMER",
        "Therapixel",
    ]
    assert names(client.get("/acteurs/", {"tag": both})) == ["Therapixel"]
    assert names(client.get("/acteurs/", {"tag": both[::-1]})) == ["Therapixel"]


def test_actor_filter_by_founding_year_range(client, actors):
    response = client.get("/acteurs/", {"founding_year_min": 2000, "founding_year_max": 2015})

    assert names(response) == ["Therapixel"]


def test_actor_filters_combine(client, actors):
    response = client.get(
        "/acteurs/", {"kind": "company", "city": "Paris", "tag": "imagerie-medicale"}
    )

    assert names(response) == ["GLEAMER"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["AP-HP", "GLEAMER", "Therapixel"]),
        ("founded", ["AP-HP", "Therapixel", "GLEAMER"]),
        ("newest", ["AP-HP", "Therapixel", "GLEAMER"]),
    ],
)
def test_actor_sort(client, actors, sort, expected):
    assert names(client.get("/acteurs/", {"sort": sort})) == expected


def test_actor_facets_count_what_each_choice_would_give(client, actors):
    response = client.get("/acteurs/", {"city": "Paris"})

    # GLEAMER: the draft company in Paris counts for nothing.
    assert facet(response, "kind") == {
        "company": "Start-up ou entreprise (1)",
        "hospital": "Établissement de santé (1)",
    }
    # The city facet ignores the city filter itself, so every other city stays reachable.
    assert facet(response, "city") == {"Paris": "Paris (2)", "Nice": "Nice (1)"}
    assert facet(response, "tag") == {"imagerie-medicale": "Imagerie médicale (1)"}


def test_actor_facets_keep_offering_the_visitors_choices_past_the_most_frequent(
    client, actors, monkeypatch
):
    monkeypatch.setattr("core.facets.MAX_FACET_CHOICES", 1)

    by_tag = client.get("/acteurs/", {"tag": "imagerie-medicale", "city": "Nice"})
    by_city = client.get("/acteurs/", {"tag": "imagerie-medicale", "city": "Paris"})

    # The most frequent choice (ties by name), and the chosen one, checked or selected.
    assert facet(by_tag, "tag") == {
        "cancer-du-sein": "Cancer du sein (1)",
        "imagerie-medicale": "Imagerie médicale (1)",
    }
    assert chosen(by_tag, "tag") == ["imagerie-medicale"]
    assert facet(by_city, "city") == {"Nice": "Nice (1)", "Paris": "Paris (1)"}
    assert chosen(by_city, "city") == ["Paris"]


def test_actor_facets_keep_a_choice_that_no_entry_has_left(client, actors):
    response = client.get("/acteurs/", {"kind": "hospital", "region": "PAC"})

    assert names(response) == []
    assertContains(
        response, '<option value="hospital" selected>Établissement de santé (0)</option>', html=True
    )
    assertContains(
        response,
        '<option value="PAC" selected>Provence-Alpes-Côte d&#x27;Azur (0)</option>',
        html=True,
    )


def test_actor_active_filters_show_as_removable_chips(client, actors):
    response = client.get("/acteurs/", {"kind": "company", "tag": "imagerie-medicale"})

    assert chips(response) == [
        ("Thèmes\u00a0: Imagerie médicale ×(retirer ce filtre)", "?kind=company"),
        (
            "Type d'acteur\u00a0: Start-up ou entreprise ×(retirer ce filtre)",
            "?tag=imagerie-medicale",
        ),
    ]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"tag": "inconnu"}, "inconnu n’en fait pas partie"),
        ({"kind": "licorne"}, "licorne n’en fait pas partie"),
        ({"founding_year_min": "abc"}, "Saisissez un nombre"),
        ({"founding_year_min": 2020, "founding_year_max": 2000}, "Le maximum doit être supérieur"),
        ({"q": "x" * 10_000}, "au plus 200 caractères"),
        ({"sort": "prix"}, "prix n’en fait pas partie"),
    ],
)
def test_actor_bad_parameters_give_a_message_and_no_result(client, actors, query, message):
    response = client.get("/acteurs/", query)

    assert response.status_code == 200
    assert names(response) == []
    assertContains(response, message)
    # Served, but kept by no cache: such a page is not worth a place in it.
    assert response["Cache-Control"] == "private"


@pytest.mark.parametrize("page", ["abc", "99999", "0"])
def test_actor_bad_page_is_404_with_the_page_count(client, actors, page):
    response = client.get("/acteurs/", {"page": page})

    assert response.status_code == 404
    assertContains(
        response, "Ce numéro de page n'existe pas : la liste compte 1 page.", status_code=404
    )


def test_actor_text_filter_folds_accents_case_and_endings(client):
    factories.make_actor(name="Synapse Medicine", summary="Sécurité des prescriptions.")
    factories.make_actor(name="AZmed", summary="Assiste les radiologues.")

    assert names(client.get("/acteurs/", {"q": "SECURITE"})) == ["Synapse Medicine"]
    assert names(client.get("/acteurs/", {"q": "radiologie"})) == ["AZmed"]
    assert names(client.get("/acteurs/", {"q": "radiologie sécurité"})) == []
