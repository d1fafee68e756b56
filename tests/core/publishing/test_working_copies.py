"""An editor's change to a published entry waits, as a working copy, for a reviewer."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from core.models import PublicationStatus
from core.publishing.models import PendingChange
from ecosystem.models import Actor
from tests import factories
from tests.core.test_workflow import KEY_FIGURES, SOURCES, actor_form_data

pytestmark = pytest.mark.django_db

PUBLISHED = PublicationStatus.PUBLISHED


def change_url(actor):
    return f"/admin/ecosystem/actor/{actor.pk}/change/"


def review_url(actor):
    return f"/admin/ecosystem/actor/{actor.pk}/modification-proposee/"


def public_h1(client, actor):
    client.logout()
    response = client.get(actor.get_absolute_url())
    assert response.status_code == 200
    return response


def test_editor_change_to_a_published_entry_leaves_the_public_page_unchanged(client, editor):
    actor = factories.make_actor(name="Gleamer", summary="Imagerie augmentée.")
    client.force_login(editor)

    response = client.post(
        change_url(actor), actor_form_data(actor, name="Gleamer Santé", summary="Nouveau.")
    )

    assertRedirects(response, "/admin/ecosystem/actor/")
    page = public_h1(client, actor)
    assertContains(page, "<h1>Gleamer</h1>", html=True)
    assertNotContains(page, "Gleamer Santé")
    assertNotContains(page, "Nouveau.")
    stored = Actor.objects.get(pk=actor.pk)
    assert (stored.name, stored.summary, stored.version) == ("Gleamer", "Imagerie augmentée.", 1)
    pending = PendingChange.objects.get()
    assert pending.proposed_by == editor
    assert pending.proposed_values == {
        "fields": {"name": "Gleamer Santé", "summary": "Nouveau."}
    }
