"""The footer on every page: a way to each section, the landscape, the data and the statement."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "/",
            [
                ("Acteurs", "/acteurs/"),
                ("Financements", "/financements/"),
                ("Formations", "/formations/"),
                ("Thèmes", "/tags/"),
                ("Carte", "/carte/"),
                ("Panorama", "/panorama/"),
                ("Réseau", "/reseau/"),
                ("Données ouvertes et API", "/donnees/"),
            ],
        ),
        (
            "/en/",
            [
                ("Actors", "/en/actors/"),
                ("Funding", "/en/funding/"),
                ("Training", "/en/training/"),
                ("Topics", "/en/topics/"),
                ("Map", "/en/map/"),
                ("Overview", "/en/overview/"),
                ("Network", "/en/network/"),
                ("Open data and API", "/en/data/"),
            ],
        ),
    ],
)
def test_footer_links_every_section_in_the_page_language(client, path, expected):
    footer = BeautifulSoup(client.get(path).content, "html.parser").select_one(
        ".site-footer__links"
    )

    links = [(link.get_text(strip=True), link["href"]) for link in footer.select("a")]

    assert links[: len(expected)] == expected
