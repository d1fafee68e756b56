"""A page is kept once per set of parameters its view reads: no flood, no copy of bad input."""

import secrets

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_page_cache_serves_the_same_page_whatever_else_the_query_string_holds(page_cache, client):
    factories.make_actor(name="Owkin", kind="company")
    first, _ = queries_for(client, "/acteurs/?kind=company")

    second, queries = queries_for(client, "/acteurs/?utm_source=lettre&region=&kind=company&q=")

    assert (second.status_code, queries) == (200, 0)
    assert second.content == first.content


def test_page_cache_keys_tags_in_any_order_as_one_page(page_cache, client):
    factories.make_actor(name="Owkin", tags=["Imagerie", "Oncologie"])
    first, _ = queries_for(client, "/acteurs/?tag=oncologie&tag=imagerie")

    second, queries = queries_for(client, "/acteurs/?tag=imagerie&tag=oncologie&tag=imagerie")

    assert (second.status_code, queries) == (200, 0)
    assert second.content == first.content


def test_page_cache_stores_one_page_for_a_flood_of_random_parameters(redis_db_10, client):
    store, prefix = redis_db_10
    factories.make_actor(name="Owkin")

    pages = [client.get(f"/acteurs/?utm_x={secrets.token_hex(8)}") for _ in range(50)]

    assert {page.status_code for page in pages} == {200}
    assert all("Owkin" in page.text for page in pages)
    assert len(list(store.scan_iter(f"{prefix}:*atlas:page:*"))) == 1


def test_page_cache_never_stores_a_list_with_an_invalid_filter(page_cache, client):
    factories.make_actor(name="Owkin")
    client.get("/acteurs/?tag=pas-un-theme")

    response, queries = queries_for(client, "/acteurs/?tag=pas-un-theme")

    assert response.status_code == 200
    assert queries > 0
    assert "private" in response["Cache-Control"]


def test_page_cache_keeps_a_short_search_and_only_serves_a_long_one(page_cache, client):
    words = ["imagerie", "oncologie", "radiologie", "cardiologie", "neurologie", "pediatrie"]
    factories.make_actor(name="Owkin", summary=" ".join(words))
    short = "/recherche/?q=imagerie"
    long = "/recherche/?q=" + "+".join(words)
    for url in (short, long):
        client.get(url)

    assert queries_for(client, short)[1] == 0
    response, queries = queries_for(client, long)
    assert (response.status_code, queries > 0) == (200, True)
    assert "Owkin" in response.text


def test_page_cache_never_stores_a_list_searched_with_a_long_query(page_cache, client):
    factories.make_actor(name="Owkin", summary="Imagerie et oncologie.")
    url = "/acteurs/?q=" + "+".join(["imagerie"] * 6)
    client.get(url)

    response, queries = queries_for(client, url)

    assert response.status_code == 200
    assert queries > 0
    assert "Owkin" in response.text
