"""Site search: French-aware matching, ranking, published entries only, safe excerpts, bounded SQL."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from core.models import PublicationStatus, SearchDocument, Tag
from core.search import index as search
from core.search.terms import Query, highlight
from ecosystem.models import Actor
from tests import factories, html_page

pytestmark = pytest.mark.django_db

URL = "/recherche/"
HELP_LINKS = """
<ul>
  <li><a href="/acteurs/">Acteurs</a></li>
  <li><a href="/financements/">Dispositifs de financement</a></li>
  <li><a href="/formations/">Formations</a></li>
  <li><a href="/tags/">Thèmes</a></li>
</ul>
"""


def sections(response):
    """Each section of results the page shows: its heading and count, the names it lists."""
    return {
        html_page.text(section.h2): html_page.texts(section, ".card__title a")
        for section in html_page.page(response).select("section.home-section")
    }


def found(client, query):
    """The names found for `query`, under their section's heading without its count."""
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    return {heading.rsplit(" (", 1)[0]: names for heading, names in sections(response).items()}


def test_search_ignores_accents_and_case(client):
    # Summaries of their own: the factory's default holds the slug, an unaccented « securite ».
    factories.make_actor(name="Sécurité du médicament", summary="Pharmacovigilance.")
    factories.make_scheme(name="Plan radiologie", summary="Imagerie.")

    assert found(client, "securite") == {"Acteurs": ["Sécurité du médicament"]}
    assert found(client, "SÉCURITÉ") == {"Acteurs": ["Sécurité du médicament"]}
    assert found(client, "RADIOLOGIE") == {"Dispositifs de financement": ["Plan radiologie"]}


def test_search_finds_other_forms_of_a_word(client):
    factories.make_programme(
        name="DU imagerie", description="Une formation à la radiologie interventionnelle."
    )
    factories.make_actor(name="Cabinet", summary="Des radiologues libéraux.")

    assert found(client, "radiologue") == {
        "Acteurs": ["Cabinet"],
        "Formations": ["DU imagerie"],
    }
    assert found(client, "radiologies") == found(client, "radiologue")


def test_search_ranks_name_matches_before_description_matches(client):
    factories.make_actor(
        name="Hôpital du Nord",
        description="Un service de cardiologie, la cardiologie interventionnelle, et la cardiologie.",
    )
    factories.make_actor(name="Cardiologie Conseil")
    factories.make_actor(name="Institut", summary="Recherche en cardiologie.")

    assert found(client, "cardiologie") == {
        "Acteurs": ["Cardiologie Conseil", "Institut", "Hôpital du Nord"]
    }


def test_search_never_shows_drafts(client):
    factories.make_actor(name="Oncologie publiée")
    factories.make_actor(name="Oncologie brouillon", status=PublicationStatus.DRAFT)
    factories.make_programme(name="Formation oncologie", status=PublicationStatus.DRAFT)

    response = client.get(URL, {"q": "oncologie"})

    assert sections(response) == {"Acteurs (1)": ["Oncologie publiée"]}
    assertContains(response, "<mark>Oncologie</mark> publiée", count=1)
    assertNotContains(response, "brouillon")
    assertNotContains(response, "Formation oncologie")


def test_search_finds_tags_that_a_published_entry_carries(client):
    carried = factories.make_tag("Diabète", description="Le diabète de type 1 et 2.")
    factories.make_tag("Diabète gestationnel")
    draft_only = factories.make_tag("Diabète insipide")
    factories.make_actor(name="Diabeloop", tags=[carried])
    factories.make_actor(name="Projet caché", status=PublicationStatus.DRAFT, tags=[draft_only])

    response = client.get(URL, {"q": "diabete"})

    assert found(client, "diabete") == {"Étiquettes": ["Diabète"]}
    assertContains(
        response, '<a href="/tags/diabete/"><mark>Diabète</mark></a>', html=True, count=1
    )
    assertContains(response, "Le <mark>diabète</mark> de type 1 et 2.")


def test_search_counts_each_kind_as_the_database_does(client):
    for number in range(25):
        factories.make_programme(name=f"Formation en génomique {number}")
    for number in range(3):
        factories.make_actor(name=f"Laboratoire {number}", summary="Génomique du cancer.")
        factories.make_actor(name=f"Génomique brouillon {number}", status=PublicationStatus.DRAFT)
    factories.make_scheme(name="Plan sans rapport")

    response = client.get(URL, {"q": "génomique"})

    shown = sections(response)
    assert list(shown) == ["Acteurs (3)", "Formations (25)"]
    assert sorted(shown["Acteurs (3)"]) == ["Laboratoire 0", "Laboratoire 1", "Laboratoire 2"]
    assert len(shown["Formations (25)"]) == search.RESULTS_PER_KIND
    assertContains(
        response, '<h2 id="resultats-2">Formations <span class="count">(25)</span></h2>', html=True
    )
    assertContains(response, 'href="/formations/?q=g%C3%A9nomique"')
    assertContains(response, '<p class="lead">28 résultats</p>', html=True)


def test_search_excerpt_marks_the_word_and_escapes_what_editors_typed(client):
    factories.make_actor(
        name="<b>Radiologie</b> & Cie",
        summary="Rien à voir.",
        description='<script>alert("x")</script> Spécialiste de la radiologie.',
    )

    response = client.get(URL, {"q": "radiologie"})

    assertContains(
        response,
        "&lt;b&gt;<mark>Radiologie</mark>&lt;/b&gt; &amp; Cie</a>",
        count=1,
    )
    assertContains(
        response,
        '<p class="card__summary">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; '
        "Spécialiste de la <mark>radiologie</mark>.</p>",
        count=1,
    )
    assertNotContains(response, "<script>alert")
    assertNotContains(response, "<b>Radiologie")


def test_highlight_cuts_long_text_around_the_first_match():
    text = " ".join(f"mot{number}" for number in range(100)) + " radiologie fin."

    excerpt = highlight(text, {"radiolog"}, words=5)

    assert excerpt == "… mot97 mot98 mot99 <mark>radiologie</mark> fin."


def test_search_without_words_explains_what_to_search(client):
    for query in [None, "", "   ", "*** ?!"]:
        response = client.get(URL, {} if query is None else {"q": query})

        assert response.status_code == 200
        assertContains(response, "<h1>Rechercher dans l&#x27;atlas</h1>", html=True, count=1)
        assertContains(response, '<input type="search" id="recherche-mots" name="q"', count=1)
        assertContains(response, '<label for="recherche-mots">Mots à rechercher</label>', html=True)
        assertContains(response, HELP_LINKS, html=True, count=1)
        assert sections(response) == {}


def test_search_without_results_says_so(client):
    response = client.get(URL, {"q": "zzzz"})

    assertContains(response, "Aucune fiche publiée ne correspond à «\u00a0zzzz\u00a0».")
    assertContains(response, HELP_LINKS, html=True, count=1)


@pytest.mark.parametrize(
    "query",
    [
        "x" * 10_000,
        "radiologie " * 1_000,
        '"*NEAR(:-)',
        'NEAR("a" "b", 2) AND name:x OR -y NOT z^ {col}: (',
        "radio\x00logie",
        "\x00",
        "'; DROP TABLE core_searchdocument; --",
        "% _ \\ ' \"",
        "中文 ελληνικά ½ ﬁn 🧬",
    ],
)
def test_search_survives_hostile_queries(client, query):
    factories.make_actor(name="Radiologie", summary="NEAR des radiologues.")

    response = client.get(URL, {"q": query})

    assert response.status_code == 200
    assertContains(response, "<h1>", count=1)


def test_query_keeps_at_most_ten_plain_words():
    query = Query.parse(" ".join(f'"mot{number}*"' for number in range(30)))

    assert query.terms == tuple(f"mot{number}" for number in range(10))


def test_query_drops_stop_words_unless_nothing_else_is_left():
    assert Query.parse("l'imagerie de la santé").terms == ("imager", "sant")
    assert Query.parse("de la").terms == ("de", "la")


def test_search_query_count_does_not_grow_with_matches(client):
    def add_matching_entries(count):
        tag = factories.make_tag()
        for _number in range(count):
            factories.make_actor(summary="Pathologie rare.", tags=[tag, factories.make_tag()])
            factories.make_scheme(summary="Pathologie rare.", tags=[tag])
            factories.make_programme(summary="Pathologie rare.", tags=[tag])

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, {"q": "pathologies"})
        assert response.status_code == 200
        return len(queries), html_page.texts(response, "p.lead")

    add_matching_entries(5)
    with_5, total_5 = count_queries()
    add_matching_entries(45)
    with_50, total_50 = count_queries()

    assert (total_5, total_50) == (["15 résultats"], ["150 résultats"])
    assert with_50 == with_5
    # One ranked query, then each kind's entries and their tags.
    assert with_5 <= 7


def test_search_index_follows_edits(client):
    actor = factories.make_actor(name="Neurologie Lab", summary="Un laboratoire.")
    assert found(client, "neurologie") == {"Acteurs": ["Neurologie Lab"]}

    actor.name = "Cerveau Lab"
    actor.save()
    assert found(client, "neurologie") == {}
    assert found(client, "cerveau") == {"Acteurs": ["Cerveau Lab"]}

    actor.status = PublicationStatus.DRAFT
    actor.save()
    assert found(client, "cerveau") == {}

    actor.status = PublicationStatus.PUBLISHED
    actor.save()
    assert found(client, "cerveau") == {"Acteurs": ["Cerveau Lab"]}

    actor.delete()
    assert found(client, "cerveau") == {}
    assert not SearchDocument.objects.exists()


def test_search_index_follows_bulk_changes(client):
    factories.make_actor(name="Pédiatrie A")
    factories.make_actor(name="Pédiatrie B")
    factories.make_tag("Pédiatrie")

    Actor.objects.filter(name="Pédiatrie A").update(status=PublicationStatus.DRAFT)
    assert found(client, "pediatrie") == {"Acteurs": ["Pédiatrie B"]}

    Actor.objects.all().delete()
    assert found(client, "pediatrie") == {}
    assert list(SearchDocument.objects.values_list("name_terms", flat=True)) == ["pediatr"]

    Tag.objects.all().delete()
    assert not SearchDocument.objects.exists()


def test_rebuild_search_index_indexes_everything_again(client):
    factories.make_actor(name="Dermatologie", tags=[factories.make_tag("Peau")])
    factories.make_programme(name="DU dermatologie", status=PublicationStatus.DRAFT)
    SearchDocument.objects.all().delete()
    assert found(client, "dermatologie") == {}

    output = io.StringIO()
    call_command("rebuild_search_index", stdout=output)

    assert found(client, "dermatologie") == {"Acteurs": ["Dermatologie"]}
    assert found(client, "peau") == {"Étiquettes": ["Peau"]}
    assert SearchDocument.objects.count() == 3
    assert output.getvalue() == "Index de recherche reconstruit : 3 documents.\n"


def test_loaddata_indexes_what_it_loads(client, tmp_path):
    fixture = tmp_path / "atlas.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "ecosystem.actor",
                    "pk": 1,
                    "fields": {
                        "name": "Pneumologie Lab",
                        "slug": "pneumologie-lab",
                        "summary": "Poumons.",
                        "kind": "company",
                        "status": "published",
                        "created_at": "2026-01-01T00:00:00Z",
                        "updated_at": "2026-01-01T00:00:00Z",
                    },
                }
            ]
        )
    )

    call_command("loaddata", str(fixture), verbosity=0)

    assert found(client, "pneumologue") == {"Acteurs": ["Pneumologie Lab"]}


def test_search_counts_up_to_a_cap_and_says_there_are_more(client, settings):
    for number in range(4):
        factories.make_actor(name=f"Radiologie {number}", slug=f"radiologie-{number}")
    settings.ATLAS_SEARCH_MATCH_CAP = 3

    capped = client.get("/recherche/?q=radiologie")
    settings.ATLAS_SEARCH_MATCH_CAP = 4
    exact = client.get("/recherche/?q=radiologie")

    assert "Plus de 3 résultats\u00a0: les premiers trouvés, classés." in capped.text
    assert "(au moins 3)" in capped.text
    assert "4 résultats" in exact.text
    assert "Plus de" not in exact.text
