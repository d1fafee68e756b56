"""The 503 page while the database does not answer; any other error stays a 500."""

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import path

from config.urls import handler500  # noqa: F401  (this module is the URLconf of its tests)
from tests.browser.test_validity import vnu_errors

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def database_down(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')


def bug(request):
    raise RuntimeError("détail interne")


urlpatterns = [path("base-en-panne/", database_down), path("bogue/", bug)]


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def test_database_error_gives_the_503_page_with_retry_after(client):
    response = client.get("/base-en-panne/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "<h1>Le site est momentanément indisponible</h1>" in response.text
    assert '<header class="site-header">' in response.text
    assert "port 5432" not in response.text


def test_any_other_error_is_still_a_500(client):
    response = client.get("/bogue/")

    assert response.status_code == 500
    assert "<h1>Une erreur est survenue</h1>" in response.text
    assert "Retry-After" not in response


def test_503_page_is_valid_html(client, tmp_path):
    page = tmp_path / "service-unavailable.html"
    page.write_bytes(client.get("/base-en-panne/").content)

    assert vnu_errors([page]) == []
