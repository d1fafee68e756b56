"""Purges sent to the front caches: after the commit, never a reason for a save to fail."""

import logging

import pytest

from ecosystem.models import Actor
from tests import factories
from tests.servers import free_port

pytestmark = pytest.mark.django_db


def test_a_front_cache_that_does_not_answer_never_fails_the_save(
    settings, caplog, django_capture_on_commit_callbacks
):
    settings.FRONT_CACHE_PURGE_URLS = [f"http://127.0.0.1:{free_port()}/"]
    owkin = factories.make_actor(name="Owkin")

    with (
        caplog.at_level(logging.WARNING, logger="atlas.cache"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        owkin.name = "Owkin France"
        owkin.save()

    assert Actor.objects.get(pk=owkin.pk).name == "Owkin France"
    assert any("Purge of http://127.0.0.1" in record.getMessage() for record in caplog.records)


def test_a_public_page_names_what_it_shows_for_shared_caches(page_cache, client):
    owkin = factories.make_actor(name="Owkin", slug="owkin", tags=["Imagerie"])
    imaging = owkin.tags.get()

    page = client.get("/acteurs/owkin/")

    assert page["Cache-Control"] == "max-age=0, s-maxage=600"
    assert set(page["xkey"].split()) == {
        f"entry:ecosystem.Actor:{owkin.pk}",
        f"tag:{imaging.pk}",
        f"members:{imaging.pk}",
        "everything",
    }


def test_a_page_out_of_bounds_is_kept_by_no_shared_cache(page_cache, client):
    factories.make_actor(name="Owkin")

    page = client.get("/acteurs/?page=abc")

    assert "xkey" not in page
    assert "private" in page["Cache-Control"]


def test_a_page_of_every_tag_names_the_tags_once_not_each(page_cache, client):
    factories.make_actor(name="Owkin", tags=["Imagerie", "Oncologie"])

    keys = set(client.get("/tags/")["xkey"].split())

    assert "tags" in keys
    assert [key for key in keys if key.startswith("tag:")] == []
