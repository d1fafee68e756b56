"""Security headers on every kind of response a visitor or an editor meets, read off the response.

A page, a cached page and its 304, the error pages (404, 403, 500) and the editors' space: the
policy each gets is written out here in full, so a header missing from one kind shows at once.
Static files, served by WhiteNoise in production, are checked on the real server
(tests/test_serving.py).
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db

PUBLIC_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
ADMIN_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), "
    "geolocation=(), gyroscope=(), interest-cohort=(), magnetometer=(), microphone=(), midi=(), "
    "payment=(), usb=()"
)
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
)


def directives(policy):
    """{directive: sources}: django-csp writes the directives in no fixed order."""
    return dict(item.strip().split(" ", 1) for item in policy.split(";"))


def expected_headers(policy=PUBLIC_POLICY):
    return {
        "Content-Security-Policy": directives(policy),
        "Permissions-Policy": PERMISSIONS_POLICY,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "X-Frame-Options": "DENY",
    }


def security_headers(response):
    headers = {name: response.headers.get(name) for name in SECURITY_HEADERS}
    if headers["Content-Security-Policy"]:
        headers["Content-Security-Policy"] = directives(headers["Content-Security-Policy"])
    return headers


@pytest.fixture
def page_cache(settings):
    settings.ATLAS_PAGE_CACHE_SECONDS = 600
    for cache in caches.all():
        cache.clear()


def test_headers_on_a_page(client):
    response = client.get("/")

    assert response.status_code == 200
    assert security_headers(response) == expected_headers()


def test_headers_on_a_cached_page_and_its_304(client, page_cache):
    factories.make_actor(name="Owkin")
    client.get("/acteurs/")
    cached = client.get("/acteurs/")

    not_modified = client.get("/acteurs/", headers={"if-none-match": cached["ETag"]})

    assert (cached.status_code, cached.templates) == (200, [])
    assert security_headers(cached) == expected_headers()
    assert not_modified.status_code == 304
    # Django's 304 drops X-Frame-Options; the browser keeps the one of the page it holds.
    assert security_headers(not_modified) == {**expected_headers(), "X-Frame-Options": None}


def test_headers_on_a_page_not_found(client):
    response = client.get("/acteurs/inconnu/")

    assert response.status_code == 404
    assert security_headers(response) == expected_headers()


def test_headers_on_a_page_not_found_in_english(client):
    response = client.get("/en/nowhere/")

    assert response.status_code == 404
    assert security_headers(response) == expected_headers()


def test_headers_on_a_permission_denied_in_the_admin(client):
    user = get_user_model().objects.create_user("stagiaire", password="x" * 12, is_staff=True)
    client.force_login(user)

    response = client.get("/admin/ecosystem/actor/")

    assert response.status_code == 403
    assert security_headers(response) == expected_headers(ADMIN_POLICY)


def test_headers_on_an_expired_form():
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x"})

    assert response.status_code == 403
    assert security_headers(response) == expected_headers(ADMIN_POLICY)


@pytest.mark.urls("tests.error_urls")
def test_headers_on_a_server_error():
    response = Client(raise_request_exception=False).get("/erreur-de-test/")

    assert response.status_code == 500
    assert security_headers(response) == expected_headers()


def test_headers_on_an_admin_page(editor_client):
    response = editor_client.get("/admin/ecosystem/actor/")

    assert response.status_code == 200
    assert security_headers(response) == expected_headers(ADMIN_POLICY)


def test_headers_on_the_admin_login_redirect(client):
    response = client.get("/admin/ecosystem/actor/")

    assert response.status_code == 302
    assert security_headers(response) == expected_headers(ADMIN_POLICY)
