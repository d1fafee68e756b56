import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(client, url):
    """The <loc> addresses a sitemap document lists, and their <lastmod>."""
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        element.findtext("sm:loc", namespaces=NS): element.findtext("sm:lastmod", namespaces=NS)
        for element in root
    }


def all_locations(client):
    pages = {}
    for section in locations(client, "/sitemap.xml"):
        pages.update(locations(client, section.removeprefix("http://testserver")))
    return pages


def test_sitemap_lists_every_public_page_in_both_languages(client):
    tag = factories.make_tag("Imagerie médicale", name_en="Medical imaging")
    factories.make_actor(name="GLEAMER", summary_en="AI for X-rays.", tags=[tag])
    factories.make_scheme(name="France 2030", summary_en="A plan.")
    factories.make_programme(name="DU IA", slug="du-ia", summary_en="A diploma.")
    factories.make_actor(name="Brouillon", status="draft", tags=[factories.make_tag("Caché")])

    pages = all_locations(client)

    french = sorted(url.removeprefix("http://testserver") for url in pages if "/en/" not in url)
    assert french == [
        "/",
        "/acteurs/",
        "/acteurs/gleamer/",
        "/financements/",
        "/financements/france-2030/",
        "/formations/",
        "/formations/du-ia/",
        "/tags/",
        "/tags/imagerie-medicale/",
    ]
    assert len(pages) == 2 * len(french)
    assert all(lastmod for lastmod in pages.values())


def test_sitemap_lastmod_follows_the_entry(client):
    actor = factories.make_actor(name="GLEAMER")

    pages = all_locations(client)

    # The day in the site's time zone (Paris): between 22:00 and 24:00 UTC it is already the next.
    saved_on = timezone.localtime(actor.updated_at).date().isoformat()
    assert pages["http://testserver/acteurs/gleamer/"] == saved_on


def test_robots_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Allow: /",
        "",
        "Sitemap: http://testserver/sitemap.xml",
    ]
