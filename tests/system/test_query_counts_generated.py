"""Every public page runs the same few SQL queries with 10 generated entries as with 1 000.

The atlas is made by `generate_entries`, as the benchmark's is: related and tagged like real
content. Each page is measured on its second visit (content types and templates known), inside
the test's transaction, where no data cache is used: what a first visit costs.
"""

from collections import Counter
from io import StringIO
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.models import SearchDocument, Tag, TaggedEntry
from core.search.terms import Query
from ecosystem.models import Actor
from funding.models import FundingScheme
from tests import factories
from trainings.models import TrainingProgramme

MAX_QUERIES = 10

# The mark also makes pytest-django create the test database before the module's fixture.
pytestmark = pytest.mark.django_db


def richest(model, *relations):
    """The published entry with the most related rows: the costliest detail page."""
    related = Counter()
    for relation in relations:
        counts = model.objects.published().annotate(related=Count(relation))
        related.update(dict(counts.values_list("pk", "related")))
    pk = max(sorted(related), key=lambda pk: related[pk])
    return model.objects.get(pk=pk)


def with_every_relation(actor):
    """`actor`, with a published entry at the other end of every relation its page lists: its
    costliest page, since the page fetches only the relations the actor has."""
    actor.members.add(factories.make_actor())
    factories.make_actor(kind="consortium").members.add(actor)
    factories.make_actor(parent=actor)
    factories.make_award(actor=actor)
    factories.make_scheme(operators=[actor])
    factories.make_programme(providers=[actor])
    return actor


def with_a_child(scheme):
    """`scheme`, with a published sub-scheme: the page fetches sub-schemes only where it has
    some, as an actor's page does its relations."""
    factories.make_scheme(parent=scheme)
    return scheme


def search_word():
    """A word that finds entries of every kind and a tag, so that the page shows every section."""
    carried = set(TaggedEntry.objects.values_list("tag_id", flat=True))
    terms_by_kind = {}
    for document in SearchDocument.objects.select_related("content_type"):
        kind = document.content_type.model
        if kind != "tag" or document.object_id in carried:
            words = f"{document.name_terms} {document.summary_terms} {document.body_terms}"
            terms_by_kind.setdefault(kind, set()).update(words.split())
    shared = set.intersection(*terms_by_kind.values())
    return next(term for term in sorted(shared) if Query.parse(term).terms == (term,))


def pages():
    """Name → URL of every public page, on entries and a tag that exist at this size."""
    actor = Actor.objects.published().order_by("pk").first()
    scheme = FundingScheme.objects.published().order_by("pk").first()
    programme = TrainingProgramme.objects.published().order_by("pk").first()
    tag = Tag.objects.annotate(entries=Count("tagged_entries")).order_by("-entries", "pk")[0]
    return {
        "home": "/",
        "actor list": "/acteurs/",
        "actor list, filtered": f"/acteurs/?tag={actor.tags.first().slug}&kind={actor.kind}",
        "scheme list": "/financements/",
        "scheme list, filtered": f"/financements/?tag={scheme.tags.first().slug}"
        f"&state={scheme.state}",
        "programme list": "/formations/",
        "programme list, filtered": f"/formations/?tag={programme.tags.first().slug}"
        f"&diploma_type={programme.diploma_type}",
        "actor detail": with_every_relation(actor).get_absolute_url(),
        "scheme detail": with_a_child(
            richest(FundingScheme, "awards", "operators", "children")
        ).get_absolute_url(),
        "programme detail": richest(TrainingProgramme, "providers").get_absolute_url(),
        "tag index": "/tags/",
        "tag page": tag.get_absolute_url(),
        "search": f"/recherche/?{urlencode({'q': search_word()})}",
        "sitemap index": "/sitemap.xml",
        "sitemap of pages": "/sitemap-pages.xml",
        "sitemap of actors": "/sitemap-actor.xml",
        "sitemap of schemes": "/sitemap-fundingscheme.xml",
        "sitemap of programmes": "/sitemap-trainingprogramme.xml",
        "sitemap of tags": "/sitemap-tags.xml",
        "RSS feed": "/flux/rss/",
        "Atom feed": "/flux/atom/",
        "tag feed": f"/tags/{tag.slug}/rss/",
    }


def query_counts():
    client, counts = Client(), {}
    for name, url in pages().items():
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(queries)
    return counts


@pytest.fixture(scope="module")
def counts_by_size(django_db_setup, django_db_blocker):
    """Each page's queries with 10 entries, then with 1 000; rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("generate_entries", 10, seed=1, stdout=StringIO())
        small = query_counts()
        call_command("generate_entries", 990, seed=2, stdout=StringIO())
        large = query_counts()
        transaction.set_rollback(True)
    return small, large


def test_query_counts_do_not_grow_with_content(counts_by_size):
    small, large = counts_by_size
    assert large == small


def test_query_counts_stay_within_ten(counts_by_size):
    _, large = counts_by_size
    assert {name: count for name, count in large.items() if count > MAX_QUERIES} == {}
