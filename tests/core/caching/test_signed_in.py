"""Only a browser that signed in bypasses the page cache; a made-up cookie is served from it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ecosystem.models import Actor
from tests import factories

pytestmark = pytest.mark.django_db
PASSWORD = "mot-de-passe-de-test"


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def sign_in(client, editor):
    """Sign in through the back-office's form, as a person does."""
    form = client.get("/admin/login/")
    response = client.post(
        "/admin/login/?next=/admin/",
        {
            "username": editor.username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": form.cookies["csrftoken"].value,
        },
    )
    assert response.status_code == 302
    return response


def test_a_made_up_session_cookie_is_served_from_the_cache(page_cache, client):
    factories.make_actor(name="Owkin")
    client.get("/acteurs/")
    client.cookies["sessionid"] = "0123456789abcdefghijklmnopqrstuv"

    response, queries = queries_for(client, "/acteurs/")

    assert (response.status_code, queries) == (200, 0)


def test_a_forged_signed_in_cookie_is_served_from_the_cache(page_cache, client):
    factories.make_actor(name="Owkin")
    client.get("/acteurs/")
    client.cookies["sessionid"] = "0123456789abcdefghijklmnopqrstuv"
    client.cookies["atlas_signed_in"] = "1"

    response, queries = queries_for(client, "/acteurs/")

    assert (response.status_code, queries) == (200, 0)


def test_signing_in_bypasses_the_cache_and_signing_out_returns_to_it(page_cache, client, editor):
    owkin = factories.make_actor(name="Owkin")
    client.get("/acteurs/")
    # update() sends no signal: the cached copy keeps the old name, which shows who answered.
    # Both French columns, as save() keeps them (core/public/languages.py).
    Actor.objects.filter(pk=owkin.pk).update(name="Owkin France", name_fr="Owkin France")

    signed_in = sign_in(client, editor)
    editor_page, queries = queries_for(client, "/acteurs/")
    client.post("/admin/logout/")
    visitor_page, visitor_queries = queries_for(client, "/acteurs/")

    assert signed_in.cookies["atlas_signed_in"]["httponly"] is True
    assert ("Owkin France" in editor_page.text, queries > 0) == (True, True)
    assert editor_page["Cache-Control"] == "private, no-cache"
    assert "atlas_signed_in" not in client.cookies or not client.cookies["atlas_signed_in"].value
    assert ("Owkin France" in visitor_page.text, visitor_queries) == (False, 0)
