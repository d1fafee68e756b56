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
