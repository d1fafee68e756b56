"""The back-office home page: entries per status and kind, recent changes, what awaits review."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django.asserts import assertContains

from core.models import PublicationStatus
from tests import factories
from tests.admin_page import table_rows

pytestmark = pytest.mark.django_db


def test_dashboard_counts_entries_per_status_and_kind(editor_client):
    for status in ("draft", "review", "review", "published", "archived"):
        factories.make_actor(status=status)
    factories.make_actor(publish_at=timezone.now() + timedelta(days=2))
    factories.make_programme(status=PublicationStatus.REVIEW)

    response = editor_client.get("/admin/")

    assert table_rows(response, "Entrées par statut") == [
        # Type, draft, review, published, archived, scheduled, never reviewed, total.
        ["Acteurs", "1", "2", "2", "1", "1", "6", "6"],
        ["Dispositifs de financement", "0", "0", "0", "0", "0", "0", "0"],
        ["Formations", "0", "1", "0", "0", "0", "1", "1"],
    ]
    assertContains(
        response,
        '<a href="/admin/ecosystem/actor/?status__exact=review">2</a>',
        html=True,
    )


def test_dashboard_lists_entries_awaiting_review_the_oldest_first(editor_client):
    newer = factories.make_scheme(name="France 2030", status=PublicationStatus.REVIEW)
    older = factories.make_actor(name="Gleamer", status=PublicationStatus.REVIEW)
    older.__class__.objects.filter(pk=older.pk).update(
        updated_at=timezone.now() - timedelta(days=3)
    )
    factories.make_actor(name="Publié")

    response = editor_client.get("/admin/")

    awaiting = table_rows(response, "En attente de relecture")
    assert [(name, kind) for name, kind, _ in awaiting] == [
        ("Gleamer", "Acteur"),
        ("France 2030", "Dispositif de financement"),
    ]
    assertContains(
        response,
        f'<a href="/admin/funding/fundingscheme/{newer.pk}/change/">France 2030</a>',
        html=True,
    )


def test_dashboard_shows_the_latest_changes_with_their_author(reviewer_client, reviewer):
    actor = factories.make_actor(name="Gleamer", status=PublicationStatus.REVIEW)
    factories.make_tag("Radiologie")
    reviewer_client.post(
        "/admin/ecosystem/actor/", {"action": "publish", "_selected_action": [actor.pk]}
    )

    response = reviewer_client.get("/admin/")

    changes = [who_what for _, *who_what in table_rows(response, "Dernières modifications")]
    assert changes[0] == [reviewer.username, "Modifié", "Acteur « Gleamer »"]
    assert ["—", "Créé", "Étiquette « Radiologie »"] in changes
    assertContains(response, f'href="/admin/ecosystem/actor/{actor.pk}/history/"')


def test_dashboard_queries_do_not_grow_with_entries(editor_client, django_assert_max_num_queries):
    def make_entries(count):
        for _ in range(count):
            factories.make_actor(status=PublicationStatus.REVIEW)
            factories.make_scheme(status=PublicationStatus.DRAFT)

    make_entries(2)
    editor_client.get("/admin/")
    with CaptureQueriesContext(connection) as few:
        editor_client.get("/admin/")
    make_entries(20)

    with django_assert_max_num_queries(len(few)):
        editor_client.get("/admin/")
