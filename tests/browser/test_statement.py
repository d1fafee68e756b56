"""The accessibility statement: reachable from every page, and true to the tools that test."""

import re
import zipfile

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from pytest_django.asserts import assertContains, assertNotContains

from tests.browser.test_validity import VNU_JAR

pytestmark = pytest.mark.django_db


def installed_versions():
    axe = re.match(r"/\*! axe v(\S+)", AXE_SCRIPT).group(1)
    with zipfile.ZipFile(VNU_JAR) as jar:
        manifest = jar.read("META-INF/MANIFEST.MF").decode()
    vnu = re.search(r"^Implementation-Version: (\S+)", manifest, re.MULTILINE).group(1)
    return axe, vnu


def test_statement_names_the_versions_of_the_tools_that_test_the_site(client):
    axe, vnu = installed_versions()

    response = client.get("/accessibilite/")

    assert response.status_code == 200
    assertContains(response, "<h1>Déclaration d&#x27;accessibilité</h1>", html=True)
    assertContains(response, f"<strong>axe-core {axe}</strong>", html=True)
    assertContains(response, f"<strong>Nu HTML Checker (vnu) {vnu}</strong>", html=True)
    assertContains(response, "<strong>totalement conforme</strong>", html=True)
    assertContains(response, "Libre réponse 71120, 75342 Paris CEDEX 07")


def test_every_page_links_to_the_statement_with_its_conformity(client):
    for path in ["/", "/acteurs/", "/recherche/", "/acteurs/fiche-inexistante/"]:
        response = client.get(path)
        assertContains(
            response,
            '<a href="/accessibilite/">Accessibilité\N{NO-BREAK SPACE}: totalement conforme '
            "(100\N{NO-BREAK SPACE}%)</a>",
            html=True,
            status_code=response.status_code,
        )


def test_statement_gives_the_contact_address_when_one_is_set(client, settings):
    settings.ATLAS_CONTACT_EMAIL = "accessibilite@atlas.example.org"

    response = client.get("/accessibilite/")

    assertContains(
        response,
        '<a href="mailto:accessibilite@atlas.example.org">accessibilite@atlas.example.org</a>',
        html=True,
    )
    assertNotContains(response, "pas encore d'adresse de contact")
    english = client.get("/en/accessibility/")
    assertContains(english, '<h2 id="contact">Feedback and contact</h2>', html=True)
    assertContains(english, "mailto:accessibilite@atlas.example.org")


def test_statement_says_there_is_no_contact_address_when_none_is_set(client, settings):
    settings.ATLAS_CONTACT_EMAIL = ""

    response = client.get("/accessibilite/")

    assertContains(response, "pas encore d'adresse de contact dédiée à l'accessibilité")
    assertNotContains(response, "mailto:")
