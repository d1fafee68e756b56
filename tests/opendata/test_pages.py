"""The open data pages: the API's documentation and /donnees/, in both languages, strict CSP."""

import re

import pytest
from django.core.cache import caches

from tests import factories

pytestmark = pytest.mark.django_db

# django-csp writes the directives in no fixed order.
STRICT_POLICY = {"script-src 'self'", "style-src 'self'"}


def directives(response):
    return {part.strip() for part in response["Content-Security-Policy"].split(";")}


def test_api_docs_page_lists_every_operation_and_the_version_policy(client):
    response = client.get("/api/v1/docs/")
    html = response.content.decode()

    assert response.status_code == 200
    assert directives(response) >= STRICT_POLICY
    assert html.count("<h1>") == 1
    assert "<h1>API ouverte</h1>" in html
    assert "Politique de version (version 1.0.0)" in html
    operations = re.findall(r"<code>GET (/api/v1/[^<]*)</code>", html)
    assert operations == [
        "/api/v1/actors/",
        "/api/v1/actors/{slug}/",
        "/api/v1/awards/",
        "/api/v1/awards/{id}/",
        "/api/v1/funding-schemes/",
        "/api/v1/funding-schemes/{slug}/",
        "/api/v1/tags/",
        "/api/v1/tags/{slug}/",
        "/api/v1/training-programmes/",
        "/api/v1/training-programmes/{slug}/",
    ]
    # Self-hosted: no script at all, and every stylesheet from the site's own static files.
    assert "<script src" not in html
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) == ["/static/css/atlas.css"]


def test_api_docs_page_speaks_english_under_en(client):
    html = client.get("/en/api/v1/docs/").content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Open API</h1>" in html
    assert "Version policy (version 1.0.0)" in html
    assert (
        "Every translated text is given in both languages, whatever the "
        "<code>Accept-Language</code> header: the French under the field's name "
        "(<code>summary</code>), the English beside it"
    ) in html


def test_data_page_describes_each_english_column_beside_its_french(client):
    english = client.get("/en/data/").content.decode()
    french = client.get("/donnees/").content.decode()

    assert (
        "<tr><td><code>summary_en</code></td><td>string</td>"
        "<td>Summary in one or two sentences. In English; empty until translated.</td></tr>"
    ) in english
    assert (
        "<tr><td><code>summary_en</code></td><td>string</td>"
        "<td>Résumé en une ou deux phrases. "
        "En anglais ; vide tant qu&#x27;il n&#x27;est pas traduit.</td>"
        "</tr>"
    ) in french


def test_data_page_says_what_is_published_the_licence_and_the_fields(client):
    factories.make_actor(name="Public")
    factories.make_actor(name="Brouillon", status="draft")
    factories.make_scheme(name="Plan")
    response = client.get("/donnees/")
    html = response.content.decode()

    assert directives(response) >= STRICT_POLICY
    assert "<li>Acteurs : 1</li>" in html
    assert "<li>Dispositifs de financement : 1</li>" in html
    assert "<li>Formations : 0</li>" in html
    assert "Licence Ouverte / Open Licence 2.0" in html
    assert "Atlas IA Santé, http://testserver/, données mises à jour le JJ/MM/AAAA" in html
    assert '<h3 id="champs-actors">Acteurs (<code>actors.csv</code>)</h3>' in html
    assert (
        "<tr><td><code>founding_year</code></td><td>integer</td><td>Année de création.</td></tr>"
        in html
    )
    assert "préparé à la première demande, en quelques secondes" in html
    assert '<a href="/api/v1/docs/">Lire la documentation de l\'API</a>' in html


def test_every_page_links_to_the_open_data_from_its_footer(client):
    assert '<a href="/donnees/">Données ouvertes et API</a>' in client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    assert '<a href="/en/data/">Open data and API</a>' in english


def test_data_page_from_the_page_cache_counts_what_is_published_now(client, settings):
    settings.ATLAS_PAGE_CACHE_SECONDS = 600
    for cache in caches.all():
        cache.clear()
    factories.make_actor(name="Public")
    assert "<li>Acteurs : 1</li>" in client.get("/donnees/").content.decode()
    kept = client.get("/donnees/")
    assert kept.wsgi_request.page_cache == "hit"

    factories.make_actor(name="Nouveau")
    fresh = client.get("/donnees/")
    assert fresh.wsgi_request.page_cache == "miss"
    assert "<li>Acteurs : 2</li>" in fresh.content.decode()
