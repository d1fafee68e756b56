"""What cards show, fetched for a page's entries of every kind at once (core/prefetch.py).

Its SQL is compiled once for each shape of page (how many entries of which kinds): pages of the
same shape must each show their own entries' tags and figures.
"""

import pytest

from tests import factories
from tests.html_page import page, text

pytestmark = pytest.mark.django_db


def cards(response):
    """{entry name: (its tags, its key figure)} as each card shows them."""
    shown = {}
    for card in page(response).select(".card"):
        figure = card.select_one(".card__figure")
        shown[text(card.select_one(".card__title"))] = (
            [text(tag) for tag in card.select(".tag")],
            text(figure) if figure else None,
        )
    return shown


def test_pages_of_the_same_shape_show_their_own_tags_and_figures(client, settings):
    settings.ATLAS_PAGE_SIZE = 2
    for name, tags in [("Azmed", ["imagerie"]), ("Bioserenity", ["sommeil", "neurologie"])]:
        actor = factories.make_actor(name=name, tags=tags)
        factories.make_key_figure(actor, label="Salariés", value=f"{len(name)}")
    for name, tags in [("Cardiologs", ["cardiologie"]), ("Doctolib", [])]:
        factories.make_actor(name=name, tags=tags)

    first, second = client.get("/acteurs/"), client.get("/acteurs/?page=2")

    assert cards(first) == {
        "Azmed": (["imagerie"], "5 Salariés"),
        "Bioserenity": (["neurologie", "sommeil"], "11 Salariés"),
    }
    assert cards(second) == {"Cardiologs": (["cardiologie"], None), "Doctolib": ([], None)}


def test_entries_of_several_kinds_show_their_own_tags(client):
    tag = factories.make_tag("imagerie médicale")
    factories.make_actor(name="Gleamer", tags=[tag, "radiologie"])
    factories.make_scheme(name="Bpifrance Santé", tags=[tag, "financement"])
    factories.make_programme(name="Diplôme d'IA", tags=[tag])

    response = client.get("/tags/imagerie-medicale/")

    assert {name: tags for name, (tags, _figure) in cards(response).items()} == {
        "Gleamer": ["imagerie médicale", "radiologie"],
        "Bpifrance Santé": ["financement", "imagerie médicale"],
        "Diplôme d'IA": ["imagerie médicale"],
    }


def test_each_detail_page_shows_its_own_tags_figures_and_sources(client):
    for name in ("Gleamer", "Owkin"):
        actor = factories.make_actor(name=name, tags=[f"thème de {name}"])
        factories.make_key_figure(actor, label="Levée", value=f"{len(name)} M€")
        factories.make_source(actor, title=f"Article sur {name}")
    factories.make_scheme(name="France 2030", tags=["thème de France 2030"])

    for name, slug in [("Gleamer", "gleamer"), ("Owkin", "owkin")]:
        html = page(client.get(f"/acteurs/{slug}/"))

        assert [text(tag) for tag in html.select(".tag")] == [f"thème de {name}"]
        assert f"{len(name)} M€" in text(html.select_one("main"))
        assert f"Article sur {name}" in text(html.select_one("main"))
    assert "Article sur Gleamer" not in client.get("/acteurs/owkin/").text
