"""Error pages: in the site's design, saying what happened, never showing how."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.error_urls import INTERNAL_DETAIL

pytestmark = pytest.mark.django_db

HEADER = '<header class="site-header">'


def assert_no_internals(response):
    text = response.content.decode()
    for internal in ("Traceback", "File &quot;", 'File "', "RuntimeError", INTERNAL_DETAIL):
        assert internal not in text


def test_not_found_page_is_in_the_site_design(client):
    response = client.get("/acteurs/inconnu/")

    assert response.status_code == 404
    assert response.templates[0].name == "404.html"
    assert "<h1>Page introuvable</h1>" in response.text
    assert HEADER in response.text
    assert_no_internals(response)


def test_bad_request_page_is_in_the_site_design(client):
    response = client.get("/", headers={"host": "intrus.example"})

    assert response.status_code == 400
    assert response.templates[0].name == "400.html"
    assert "<h1>Requête incorrecte</h1>" in response.text
    assert HEADER in response.text
    assert_no_internals(response)


def test_permission_denied_page_is_in_the_site_design(client):
    # Staff, but in no group: the actors' list is not for this account.
    user = get_user_model().objects.create_user("stagiaire", password="x" * 12, is_staff=True)
    client.force_login(user)

    response = client.get("/admin/ecosystem/actor/")

    assert response.status_code == 403
    assert response.templates[0].name == "403.html"
    assert "<h1>Accès refusé</h1>" in response.text
    assert HEADER in response.text
    assert_no_internals(response)


def test_csrf_failure_page_is_in_the_site_design():
    browser = Client(enforce_csrf_checks=True)

    response = browser.post("/admin/login/", {"username": "editeur", "password": "x"})

    assert response.status_code == 403
    assert "<h1>Formulaire expiré</h1>" in response.text
    assert HEADER in response.text
    assert "CSRF" not in response.text


@pytest.mark.urls("tests.error_urls")
def test_server_error_page_is_in_the_site_design_without_a_stack_trace():
    browser = Client(raise_request_exception=False)

    response = browser.get("/erreur-de-test/")

    assert response.status_code == 500
    assert response.templates[0].name == "500.html"
    assert "<h1>Une erreur est survenue</h1>" in response.text
    assert HEADER in response.text
    assert_no_internals(response)
