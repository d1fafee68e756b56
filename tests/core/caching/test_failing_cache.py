"""A Redis that is full (`noeviction`) or stopped is a miss: pages are served, edits are saved."""

import logging

import pytest

from ecosystem.models import Actor
from tests import factories
from tests.core.caching.conftest import redis_cache

# Outside a transaction, as a server runs: the data cache is used only there.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PAGES = ["/", "/acteurs/", "/acteurs/owkin/", "/financements/", "/tags/", "/recherche/?q=owkin"]


def visit_every_page(client):
    factories.make_actor(name="Owkin", slug="owkin", tags=["Imagerie"])
    return {url: client.get(url) for url in PAGES}


@pytest.mark.parametrize("server", ["full_redis", "stopped_redis"])
def test_pages_are_served_when_redis_fails(page_cache, client, caplog, request, server):
    page_cache.CACHES = redis_cache(request.getfixturevalue(server))

    with caplog.at_level(logging.WARNING, logger="atlas.cache"):
        pages = visit_every_page(client)
        again = {url: client.get(url) for url in PAGES}

    assert {url: page.status_code for url, page in pages.items()} == dict.fromkeys(PAGES, 200)
    assert {url: page.status_code for url, page in again.items()} == dict.fromkeys(PAGES, 200)
    assert "Owkin" in pages["/acteurs/owkin/"].text
    assert "Owkin" in again["/acteurs/"].text
    assert any("Cache " in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("server", ["full_redis", "stopped_redis"])
def test_an_edit_is_saved_when_redis_fails(page_cache, client, request, server):
    page_cache.CACHES = redis_cache(request.getfixturevalue(server))
    owkin = factories.make_actor(name="Owkin", slug="owkin")

    owkin.name = "Owkin France"
    owkin.save()

    assert Actor.objects.get(slug="owkin").name == "Owkin France"
    assert "Owkin France" in client.get("/acteurs/owkin/").text
