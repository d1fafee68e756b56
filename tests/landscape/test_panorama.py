"""The panorama: each chart's bars equal the database's aggregates, and lead to their entries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import PublicationStatus
from tests import factories
from tests.landscape.markup import marks, svgs

pytestmark = pytest.mark.django_db
DRAFT = PublicationStatus.DRAFT


def chart_marks(html):
    """{chart title id: {mark name: link}} for every bar chart of the page."""
    return {svg.get("aria-labelledby"): marks(svg) for svg in svgs(html, "bars")}


@pytest.fixture
def atlas():
    diabetes = factories.make_tag("Diabète")
    imaging = factories.make_tag("Imagerie")
    hospital = factories.make_actor(
        name="CHU Test", kind="hospital", founding_year=1995, tags=[diabetes, imaging]
    )
    startup = factories.make_actor(
        name="Start Test", kind="company", founding_year=2019, tags=[diabetes, imaging]
    )
    lab = factories.make_actor(name="Labo", kind="company", founding_year=2021, tags=[imaging])
    factories.make_actor(name="Brouillon", kind="university", founding_year=1990, status=DRAFT)
    plan = factories.make_scheme(name="Plan IA", announced_year=2021, tags=[diabetes])
    call = factories.make_scheme(name="Appel", announced_year=2023)
    hidden = factories.make_scheme(name="Caché", announced_year=2023, status=DRAFT)
    factories.make_award(scheme=plan, actor=hospital, amount_eur=Decimal("2000000"), year=2022)
    factories.make_award(scheme=plan, actor=startup, amount_eur=Decimal("500000"), year=2023)
    factories.make_award(scheme=call, actor=lab, amount_eur=Decimal("300000"), year=2023)
    factories.make_award(scheme=hidden, actor=lab, amount_eur=Decimal("9000000"), year=2023)
    factories.make_programme(
        name="DU IA",
        diploma_type="du",
        teaching_format="hybrid",
        duration_hours=120,
        providers=[hospital],
        tags=[diabetes],
    )
    factories.make_programme(
        name="Master IA", diploma_type="master", teaching_format="on_site", duration_hours=1200
    )
    factories.make_programme(name="Brouillon", diploma_type="mooc", status=DRAFT)
    return {"diabetes": diabetes, "imaging": imaging}


def test_panorama_draws_funding_by_scheme_and_year(client, atlas):
    charts = chart_marks(client.get("/panorama/").content.decode())

    assert charts["funding-by-scheme-title"] == {
        "Plan IA\u00a0: 2,5\u00a0M€, 2 financements": "/financements/plan-ia/",
        "Appel\u00a0: 300\u00a0000\u00a0€, 1 financement": "/financements/appel/",
    }
    assert charts["funding-by-year-title"] == {
        "2022\u00a0: 2\u00a0M€, 1 financement": "/acteurs/?funded_in=2022",
        "2023\u00a0: 800\u00a0000\u00a0€, 2 financements": "/acteurs/?funded_in=2023",
    }


def test_panorama_draws_actors_by_kind_and_decade(client, atlas):
    charts = chart_marks(client.get("/panorama/").content.decode())

    assert charts["actors-by-kind-title"] == {
        "Start-up ou entreprise\u00a0: 2 acteurs": "/acteurs/?kind=company",
        "Établissement de santé\u00a0: 1 acteur": "/acteurs/?kind=hospital",
    }
    assert charts["actors-by-decade-title"] == {
        "1990–1999\u00a0: 1 acteur": "/acteurs/?founding_year_min=1990&founding_year_max=1999",
        "2010–2019\u00a0: 1 acteur": "/acteurs/?founding_year_min=2010&founding_year_max=2019",
        "2020–2029\u00a0: 1 acteur": "/acteurs/?founding_year_min=2020&founding_year_max=2029",
    }


def test_panorama_draws_the_training_offer(client, atlas):
    charts = chart_marks(client.get("/panorama/").content.decode())

    assert charts["programmes-by-diploma-type-title"] == {
        "Diplôme universitaire (DU)\u00a0: 1 formation": "/formations/?diploma_type=du",
        "Master\u00a0: 1 formation": "/formations/?diploma_type=master",
    }
    assert charts["programmes-by-teaching-format-title"] == {
        "En présentiel\u00a0: 1 formation": "/formations/?teaching_format=on_site",
        "Hybride\u00a0: 1 formation": "/formations/?teaching_format=hybrid",
    }
    assert charts["programmes-by-duration-title"] == {
        "100 à 299 h\u00a0: 1 formation": "/formations/?duration_hours_min=100&duration_hours_max=299",
        "1\u00a0000 h et plus\u00a0: 1 formation": "/formations/?duration_hours_min=1000",
    }


def test_panorama_draws_themes_and_the_themes_that_go_together(client, atlas):
    charts = chart_marks(client.get("/panorama/").content.decode())

    assert charts["themes-title"] == {
        "Imagerie\u00a0: 3 fiches": "/tags/imagerie/",
        "Diabète\u00a0: 4 fiches": "/tags/diabete/",
    }
    assert charts["theme-pairs-title"] == {
        "Diabète + Imagerie\u00a0: 2 acteurs": "/acteurs/?tag=diabete&tag=imagerie",
    }


def test_panorama_timeline_counts_dated_events_by_year(client, atlas):
    charts = chart_marks(client.get("/panorama/").content.decode())

    assert charts["timeline-title"] == {
        "2023\u00a0: 1 dispositif annoncé": "/financements/?announced_year_min=2023&announced_year_max=2023",
        "2023\u00a0: 2 financements attribués": "/acteurs/?funded_in=2023",
        "2022\u00a0: 1 financement attribué": "/acteurs/?funded_in=2022",
        "2021\u00a0: 1 acteur créé": "/acteurs/?founding_year_min=2021&founding_year_max=2021",
        "2021\u00a0: 1 dispositif annoncé": "/financements/?announced_year_min=2021&announced_year_max=2021",
        "2019\u00a0: 1 acteur créé": "/acteurs/?founding_year_min=2019&founding_year_max=2019",
        "1995\u00a0: 1 acteur créé": "/acteurs/?founding_year_min=1995&founding_year_max=1995",
    }


def test_timeline_bar_leads_to_the_schemes_announced_that_year(client, atlas):
    charts = chart_marks(client.get("/panorama/").content.decode())

    listed = client.get(
        charts["timeline-title"]["2023\u00a0: 1 dispositif annoncé"]
    ).content.decode()

    assert '<h2 id="results-title" class="results__count">1 résultat</h2>' in listed
    assert "Appel" in listed


def test_panorama_tag_narrows_every_chart(client, atlas):
    charts = chart_marks(client.get("/panorama/?tag=diabete").content.decode())

    assert charts["funding-by-scheme-title"] == {
        "Plan IA\u00a0: 2,5\u00a0M€, 2 financements": "/financements/plan-ia/",
    }
    assert charts["actors-by-kind-title"] == {
        "Start-up ou entreprise\u00a0: 1 acteur": "/acteurs/?tag=diabete&kind=company",
        "Établissement de santé\u00a0: 1 acteur": "/acteurs/?tag=diabete&kind=hospital",
    }
    assert charts["programmes-by-diploma-type-title"] == {
        "Diplôme universitaire (DU)\u00a0: 1 formation": "/formations/?tag=diabete&diploma_type=du",
    }
    assert charts["themes-title"] == {"Imagerie\u00a0: 2 fiches": "/tags/imagerie/"}


def test_every_bar_leads_to_as_many_entries_as_it_says(client, atlas):
    charts = chart_marks(client.get("/panorama/?tag=imagerie").content.decode())

    company = client.get(charts["actors-by-kind-title"]["Start-up ou entreprise\u00a0: 2 acteurs"])
    funded = client.get(
        charts["funding-by-year-title"]["2023\u00a0: 800\u00a0000\u00a0€, 2 financements"]
    )

    assert (
        '<h2 id="results-title" class="results__count">2 résultats</h2>' in company.content.decode()
    )
    assert (
        '<h2 id="results-title" class="results__count">2 résultats</h2>' in funded.content.decode()
    )


def test_panorama_chart_downloads_as_csv(client, atlas):
    response = client.get("/panorama/?format=csv&chart=funding-by-scheme")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "Dispositif,Montant,Financements",
        "Plan IA,2500000.00,2 financements",
        "Appel,300000.00,1 financement",
    ]


def test_panorama_refuses_an_unknown_chart_or_theme_clearly(client, atlas):
    chart = client.get("/panorama/?format=csv&chart=nope")
    theme = client.get("/panorama/?tag=theme-inconnu")

    assert chart.status_code == 404
    assert "Graphiques disponibles" in chart.content.decode()
    assert theme.status_code == 404
    assert (
        "Aucun thème ne porte l'identifiant «\u00a0theme-inconnu\u00a0»." in theme.content.decode()
    )


def test_panorama_of_an_empty_atlas_says_so(client, db):
    html = client.get("/panorama/").content.decode()

    assert chart_marks(html) == {}
    sentence = "Aucune fiche publiée ne donne ce chiffre pour l'instant."
    assert html.replace("&#x27;", "'").count(sentence) == 10


def test_panorama_speaks_english(client, atlas):
    charts = chart_marks(client.get("/en/overview/").content.decode())

    assert (
        charts["actors-by-kind-title"]["Healthcare provider: 1 actor"]
        == "/en/actors/?kind=hospital"
    )


@pytest.mark.parametrize("url", ["/panorama/", "/panorama/?tag=diabete"])
def test_panorama_query_count_does_not_grow_with_content(client, atlas, url):
    def grow(count):
        for number in range(count):
            actor = factories.make_actor(
                founding_year=1950 + number, tags=[atlas["diabetes"], factories.make_tag()]
            )
            factories.make_award(actor=actor, amount_eur=Decimal(number), year=1990 + number)
            factories.make_programme(duration_hours=number + 1, tags=[atlas["diabetes"]])

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    grow(5)
    with_5 = count_queries()
    grow(45)

    assert count_queries() == with_5
    assert with_5 <= 10
