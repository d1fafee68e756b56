"""What an import reads once per file, and how it writes an entry's tags."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.caching.dependencies import entry_key, generations
from core.transfer.lookups import EntriesBySlug, TagsByName, set_tags
from ecosystem.models import Actor
from tests import factories

pytestmark = pytest.mark.django_db


def test_set_tags_adds_the_new_tags_in_two_queries_and_tells_the_page_cache():
    imaging, oncology = factories.make_tag("IA"), factories.make_tag("Onco")
    actor = factories.make_actor(name="Gleamer", tags=[imaging])
    key = entry_key(Actor, actor.pk)
    version = generations([key])[key]

    with CaptureQueriesContext(connection) as queries:
        set_tags(actor, [imaging, oncology])

    assert len(queries) == 2
    assert sorted(tag.name for tag in Actor.objects.get(pk=actor.pk).tags.all()) == ["IA", "Onco"]
    # A bulk insert sends no post_save: the page cache learns of it from taggit's m2m signal.
    assert generations([key])[key] != version


def test_set_tags_removes_the_tags_no_longer_given():
    imaging, diabetes = factories.make_tag("IA"), factories.make_tag("Diabète")
    actor = factories.make_actor(name="Gleamer", tags=[imaging, diabetes])

    set_tags(actor, [diabetes])

    assert [tag.name for tag in Actor.objects.get(pk=actor.pk).tags.all()] == ["Diabète"]


def test_set_tags_writes_nothing_when_the_tags_are_the_same():
    imaging = factories.make_tag("IA")
    actor = factories.make_actor(name="Gleamer", tags=[imaging])
    key = entry_key(Actor, actor.pk)
    version = generations([key])[key]

    with CaptureQueriesContext(connection) as queries:
        set_tags(actor, [imaging])

    assert (len(queries), generations([key])[key]) == (1, version)


def test_entries_by_slug_reads_once_and_looks_up_again_what_it_did_not_find():
    factories.make_actor(name="AP-HP")
    entries = EntriesBySlug(Actor)
    entries.load(["ap-hp", "owkin"])
    factories.make_actor(name="Owkin")

    with CaptureQueriesContext(connection) as queries:
        found = entries.get(["ap-hp", "owkin", "ap-hp"])

    assert ([entry.slug for entry in found], len(queries)) == (["ap-hp", "owkin", "ap-hp"], 1)


def test_tags_by_name_compares_names_without_case():
    imaging = factories.make_tag("Imagerie médicale")
    tags = TagsByName()
    tags.load(["IMAGERIE médicale", "Cardiologie"])

    with CaptureQueriesContext(connection) as queries:
        found = tags.get("imagerie médicale")

    assert (found, len(queries)) == (imaging, 0)
    assert tags.get("Cardiologie") is None
